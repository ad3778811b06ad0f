import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { automaticBackup } from '#shared/controls/automatic-backup.ts';

export const handler = createRuleHandler(automaticBackup);
