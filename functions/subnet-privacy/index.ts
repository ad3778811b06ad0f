import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { subnetPrivacy } from '#shared/controls/context/subnet-privacy.ts';

export const handler = createRuleHandler(subnetPrivacy);
