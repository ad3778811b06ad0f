import { createDetectorHandler } from '#shared/detection/handler.ts';

export const handler = createDetectorHandler();
