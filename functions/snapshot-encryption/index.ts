import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { snapshotEncryption } from '#shared/controls/context/snapshot-encryption.ts';

export const handler = createRuleHandler(snapshotEncryption);
