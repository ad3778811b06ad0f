import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { defaultSubnetGroup } from '#shared/controls/context/default-subnet-group.ts';

export const handler = createRuleHandler(defaultSubnetGroup);
