// Builds AWS Config custom-rule invocation events as Config sends them to a rule's Lambda
// (AWS Config developer guide, "Example events for AWS Config rules"): `invokingEvent` and
// `ruleParameters` are JSON strings, and every parameter value is a string.
// The event's shape is declared once, beside the emulator's invoker.
import type { ConfigRuleInvocation } from '../../scripts/local-aws/invoke-bundle.ts';
import { ACCOUNT_ID, REGION } from './fixtures.ts';

export const RULE_NAME = 'elasticache-test-rule';
export const RESULT_TOKEN = 'result-token-0123456789';
/** When the periodic notification was created: the OrderingTimestamp of a scheduled run. */
export const NOTIFICATION_TIME = '2026-11-27T10:00:00.373Z';

export type { ConfigRuleInvocation };

/** A configuration item as it appears in a ConfigurationItemChangeNotification. */
export interface ConfigurationItemPayload {
  configurationItemStatus: 'OK' | 'ResourceDiscovered' | 'ResourceNotRecorded' | 'ResourceDeleted' | 'ResourceDeletedNotRecorded';
  resourceType: string;
  resourceId: string;
  configurationItemCaptureTime: string;
  ARN?: string;
  awsRegion?: string;
  configurationItemVersion?: string;
  configurationStateId?: number;
  awsAccountId?: string;
  resourceName?: string | null;
  availabilityZone?: string;
  configuration?: unknown;
  relationships?: unknown[];
  tags?: Record<string, string>;
}

/** The summary an OversizedConfigurationItemChangeNotification carries instead of the item. */
export interface ConfigurationItemSummaryPayload extends Omit<ConfigurationItemPayload, 'configuration' | 'relationships' | 'tags'> {
  changeType?: 'CREATE' | 'UPDATE' | 'DELETE';
}

export interface EventOptions {
  /** Values as the rule's InputParameters would carry them (strings). */
  ruleParameters?: Record<string, string>;
  resultToken?: string;
  eventLeftScope?: boolean;
  configRuleName?: string;
}

export interface ScheduledEventOptions extends EventOptions {
  notificationCreationTime?: string;
}

/** A periodic (ScheduledNotification) invocation. */
export function scheduledEvent(options: ScheduledEventOptions = {}): ConfigRuleInvocation {
  return invocation(
    {
      awsAccountId: ACCOUNT_ID,
      notificationCreationTime: options.notificationCreationTime ?? NOTIFICATION_TIME,
      messageType: 'ScheduledNotification',
      recordVersion: '1.0',
    },
    options,
  );
}

/** A ConfigurationItemChangeNotification for `item`. */
export function changeEvent(item: ConfigurationItemPayload, options: EventOptions = {}): ConfigRuleInvocation {
  return invocation(
    {
      configurationItemDiff: null,
      configurationItem: {
        relatedEvents: [],
        relationships: [],
        configuration: null,
        supplementaryConfiguration: {},
        tags: {},
        configurationItemVersion: '1.3',
        configurationStateId: 1732700000000,
        awsAccountId: ACCOUNT_ID,
        awsRegion: REGION,
        ...item,
      },
      notificationCreationTime: item.configurationItemCaptureTime,
      messageType: 'ConfigurationItemChangeNotification',
      recordVersion: '1.3',
    },
    options,
  );
}

/** An OversizedConfigurationItemChangeNotification: only a summary of the item, and where S3 holds it. */
export function oversizedEvent(summary: ConfigurationItemSummaryPayload, options: EventOptions = {}): ConfigRuleInvocation {
  return invocation(
    {
      configurationItemSummary: {
        changeType: 'UPDATE',
        configurationItemVersion: '1.3',
        configurationStateId: 1732700000000,
        awsAccountId: ACCOUNT_ID,
        awsRegion: REGION,
        ...summary,
      },
      s3DeliverySummary: {
        s3BucketLocation: `config-bucket-${ACCOUNT_ID}/AWSLogs/${ACCOUNT_ID}/Config/${REGION}/oversized-item.json.gz`,
      },
      notificationCreationTime: summary.configurationItemCaptureTime,
      messageType: 'OversizedConfigurationItemChangeNotification',
      recordVersion: '1.0',
    },
    options,
  );
}

/** A route table's configuration item, the change the subnet-privacy control watches. */
export function routeTableItem(
  routeTableId: string,
  status: ConfigurationItemPayload['configurationItemStatus'],
  captureTime: string,
): ConfigurationItemPayload {
  return {
    configurationItemStatus: status,
    resourceType: 'AWS::EC2::RouteTable',
    resourceId: routeTableId,
    ARN: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:route-table/${routeTableId}`,
    configurationItemCaptureTime: captureTime,
  };
}

function invocation(invokingEvent: Record<string, unknown>, options: EventOptions): ConfigRuleInvocation {
  const configRuleName = options.configRuleName ?? RULE_NAME;
  return {
    version: '1.0',
    invokingEvent: JSON.stringify(invokingEvent),
    ...(options.ruleParameters ? { ruleParameters: JSON.stringify(options.ruleParameters) } : {}),
    resultToken: options.resultToken ?? RESULT_TOKEN,
    eventLeftScope: options.eventLeftScope ?? false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT_ID}:config-rule/config-rule-abc123`,
    configRuleName,
    configRuleId: 'config-rule-abc123',
    accountId: ACCOUNT_ID,
  };
}
