import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { authentication } from '#shared/controls/context/authentication.ts';

export const handler = createRuleHandler(authentication);
