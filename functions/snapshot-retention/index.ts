import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { snapshotRetention } from '#shared/controls/context/snapshot-retention.ts';

export const handler = createRuleHandler(snapshotRetention);
