import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { subnetPrivacy } from '#shared/controls/subnet-privacy.ts';

export const handler = createRuleHandler(subnetPrivacy);
