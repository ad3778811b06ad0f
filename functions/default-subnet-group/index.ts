import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { defaultSubnetGroup } from '#shared/controls/default-subnet-group.ts';

export const handler = createRuleHandler(defaultSubnetGroup);
