import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { encryptionAtRest } from '#shared/controls/context/encryption-at-rest.ts';

export const handler = createRuleHandler(encryptionAtRest);
