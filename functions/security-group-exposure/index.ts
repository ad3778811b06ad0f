import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { securityGroupExposure } from '#shared/controls/security-group-exposure.ts';

export const handler = createRuleHandler(securityGroupExposure);
