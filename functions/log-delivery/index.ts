import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { logDelivery } from '#shared/controls/log-delivery.ts';

export const handler = createRuleHandler(logDelivery);
