import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { highAvailability } from '#shared/controls/high-availability.ts';

export const handler = createRuleHandler(highAvailability);
