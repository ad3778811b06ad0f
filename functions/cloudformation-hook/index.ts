import { createHookHandler } from '#shared/template/hook-handler.ts';

export const handler = createHookHandler();
