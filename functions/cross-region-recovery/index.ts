import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { crossRegionRecovery } from '#shared/controls/context/cross-region-recovery.ts';

export const handler = createRuleHandler(crossRegionRecovery);
