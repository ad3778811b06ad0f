import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { securityGroupExposure } from '#shared/controls/context/security-group-exposure.ts';

export const handler = createRuleHandler(securityGroupExposure);
