import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { eventNotifications } from '#shared/controls/event-notifications.ts';

export const handler = createRuleHandler(eventNotifications);
