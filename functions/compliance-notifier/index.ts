import { createNotifierHandler } from '#shared/alerts/notifier.ts';

export const handler = createNotifierHandler();
