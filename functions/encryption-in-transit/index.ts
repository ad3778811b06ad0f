import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';

export const handler = createRuleHandler(encryptionInTransit);
