/**
 * The AWS Config custom-rule invocation contract. `@types/aws-lambda` has no type for it, so the
 * event is validated here field by field and anything unusable is refused before any AWS call.
 * Reference: AWS Config developer guide, "Example events for AWS Config rules".
 */
import { InvalidEventError } from './errors.ts';
import { parseIsoTimestamp, timestampProblem } from './timestamp.ts';

export const TEST_MODE_TOKEN = 'TESTMODE';

/** The part of a configuration item the engine relies on. */
export interface ConfigurationItem {
  configurationItemStatus: string;
  resourceType: string;
  resourceId: string;
  configurationItemCaptureTime: string;
  /** configurationItemCaptureTime read strictly; it stamps the evaluations of a change. */
  captureTime: Date;
  ARN?: string;
  awsRegion?: string;
  configuration?: unknown;
}

export type Trigger =
  | { kind: 'scheduled'; notificationTime: Date }
  | { kind: 'change'; item: ConfigurationItem }
  | { kind: 'oversized-change'; summary: ConfigurationItem };

export interface ConfigRuleEvent {
  trigger: Trigger;
  ruleParameters: Record<string, unknown>;
  resultToken: string;
  testMode: boolean;
  eventLeftScope: boolean;
  configRuleName: string;
  accountId: string | undefined;
  configRuleArn: string | undefined;
  executionRoleArn: string | undefined;
}

export function parseConfigRuleEvent(raw: unknown): ConfigRuleEvent {
  if (typeof raw !== 'object' || raw === null) {
    throw new InvalidEventError('The event is not an object; expected an AWS Config rule invocation.');
  }
  const event = raw as Record<string, unknown>;
  const resultToken = requireString(event, 'resultToken');
  const configRuleName = requireString(event, 'configRuleName');
  const invokingEvent = parseJsonField(event, 'invokingEvent');
  const ruleParameters = event.ruleParameters === undefined ? {} : parseJsonField(event, 'ruleParameters');
  return {
    trigger: parseTrigger(invokingEvent),
    ruleParameters,
    resultToken,
    testMode: resultToken === TEST_MODE_TOKEN,
    eventLeftScope: event.eventLeftScope === true || event.eventLeftScope === 'true',
    configRuleName,
    accountId: optionalString(event, 'accountId'),
    configRuleArn: optionalString(event, 'configRuleArn'),
    executionRoleArn: optionalString(event, 'executionRoleArn'),
  };
}

function parseTrigger(invoking: Record<string, unknown>): Trigger {
  const messageType = invoking.messageType;
  switch (messageType) {
    case 'ScheduledNotification': {
      const time = requireString(invoking, 'notificationCreationTime', 'invokingEvent');
      return { kind: 'scheduled', notificationTime: parseTime(time, 'invokingEvent.notificationCreationTime') };
    }
    case 'ConfigurationItemChangeNotification':
      return { kind: 'change', item: parseItem(invoking.configurationItem, 'configurationItem') };
    case 'OversizedConfigurationItemChangeNotification':
      return {
        kind: 'oversized-change',
        summary: parseItem(invoking.configurationItemSummary, 'configurationItemSummary'),
      };
    default:
      throw new InvalidEventError(
        `invokingEvent.messageType ${JSON.stringify(messageType)} is not supported; expected ` +
          'ScheduledNotification, ConfigurationItemChangeNotification or ' +
          'OversizedConfigurationItemChangeNotification.',
      );
  }
}

export function parseItem(raw: unknown, where: string): ConfigurationItem {
  if (typeof raw !== 'object' || raw === null) {
    throw new InvalidEventError(`invokingEvent.${where} is missing or not an object.`);
  }
  const item = raw as Record<string, unknown>;
  const captureTime = requireString(item, 'configurationItemCaptureTime', `invokingEvent.${where}`);
  const parsed: ConfigurationItem = {
    configurationItemStatus: requireString(item, 'configurationItemStatus', `invokingEvent.${where}`),
    resourceType: requireString(item, 'resourceType', `invokingEvent.${where}`),
    resourceId: requireString(item, 'resourceId', `invokingEvent.${where}`),
    configurationItemCaptureTime: captureTime,
    captureTime: parseTime(captureTime, `invokingEvent.${where}.configurationItemCaptureTime`),
    configuration: item.configuration,
  };
  if (typeof item.ARN === 'string') parsed.ARN = item.ARN;
  if (typeof item.awsRegion === 'string') parsed.awsRegion = item.awsRegion;
  return parsed;
}

/**
 * A timestamp read from the event, held to strict ISO 8601 with a time zone: it becomes the
 * OrderingTimestamp Config stores, so a lenient reading would report every resource at a made-up time.
 */
export function parseTime(text: string, where: string): Date {
  const time = parseIsoTimestamp(text);
  if (!time) throw new InvalidEventError(`${where} ${JSON.stringify(text)} ${timestampProblem(text) ?? 'is not a timestamp'}.`);
  return time;
}

function parseJsonField(event: Record<string, unknown>, field: string): Record<string, unknown> {
  const text = event[field];
  if (typeof text !== 'string') {
    throw new InvalidEventError(`${field} is missing or not a string; Config passes it as a JSON string.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidEventError(`${field} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidEventError(`${field} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function requireString(source: Record<string, unknown>, field: string, where = 'event'): string {
  const value = source[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidEventError(`${where}.${field} is missing or empty.`);
  }
  return value;
}

function optionalString(source: Record<string, unknown>, field: string): string | undefined {
  const value = source[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
