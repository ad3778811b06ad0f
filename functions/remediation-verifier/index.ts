import { createVerifierHandler } from '#shared/engine/remediation-verifier.ts';

export const handler = createVerifierHandler();
