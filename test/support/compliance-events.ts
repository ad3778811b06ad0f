// Builds the EventBridge "Config Rules Compliance Change" event AWS Config emits when a rule's
// verdict on a resource changes (AWS Config developer guide, "Monitoring AWS Config with Amazon
// EventBridge"; the detail is the ComplianceChangeNotification of "Example Compliance Change
// Notification"). The envelope is typed with @types/aws-lambda's EventBridgeEvent. `line` reads
// one line back from the alert the notifier makes of such an event.
import type { EventBridgeEvent } from 'aws-lambda';
import { ACCOUNT_ID, REGION } from './fixtures.ts';

export const COMPLIANCE_CHANGE = 'Config Rules Compliance Change';
export const REPLICATION_GROUP_TYPE = 'AWS::ElastiCache::ReplicationGroup';
/** When Config recorded the new verdict; the envelope's `time` is this, to the second. */
export const RESULT_RECORDED_TIME = '2026-11-27T06:00:41.405Z';
export const EVENT_TIME = '2026-11-27T06:00:42Z';
/** What automatic-backup reports for a group with backups off. */
export const BACKUP_ANNOTATION = 'Automatic backups are off (SnapshotRetentionLimit 0); set it to at least 7 days.';

export type ComplianceTypeValue = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';

export interface EvaluationResultPayload {
  evaluationResultIdentifier: {
    evaluationResultQualifier: { configRuleName: string; resourceType: string; resourceId: string };
    orderingTimestamp: string;
  };
  complianceType: ComplianceTypeValue;
  resultRecordedTime: string;
  configRuleInvokedTime: string;
  /** Absent when the rule reported none. */
  annotation?: string;
}

export interface ComplianceChangeDetail {
  resourceId: string;
  awsRegion: string;
  awsAccountId: string;
  configRuleName: string;
  recordVersion: string;
  messageType: 'ComplianceChangeNotification';
  configRuleARN: string;
  newEvaluationResult: EvaluationResultPayload;
  /** Absent on a resource's first evaluation. */
  oldEvaluationResult?: EvaluationResultPayload;
  notificationCreationTime: string;
  resourceType: string;
}

export type ComplianceChangeEvent = EventBridgeEvent<typeof COMPLIANCE_CHANGE, ComplianceChangeDetail>;

export interface ComplianceChangeOptions {
  /** Default `elasticache-automatic-backup`. */
  configRuleName?: string;
  resourceType?: string;
  /** Default `orders-cache`. */
  resourceId?: string;
  /** Default NON_COMPLIANT. */
  newCompliance?: ComplianceTypeValue;
  /** Default COMPLIANT; `null` for a first evaluation (no oldEvaluationResult at all). */
  oldCompliance?: ComplianceTypeValue | null;
  /** The new result's annotation; default BACKUP_ANNOTATION; `null` for none. */
  annotation?: string | null;
  accountId?: string;
  region?: string;
}

/** The event of one verdict change; by default orders-cache going COMPLIANT → NON_COMPLIANT on automatic-backup. */
export function complianceChangeEvent(options: ComplianceChangeOptions = {}): ComplianceChangeEvent {
  const configRuleName = options.configRuleName ?? 'elasticache-automatic-backup';
  const resourceType = options.resourceType ?? REPLICATION_GROUP_TYPE;
  const resourceId = options.resourceId ?? 'orders-cache';
  const accountId = options.accountId ?? ACCOUNT_ID;
  const region = options.region ?? REGION;
  const oldCompliance = options.oldCompliance === undefined ? 'COMPLIANT' : options.oldCompliance;
  const annotation = options.annotation === undefined ? BACKUP_ANNOTATION : options.annotation;
  const qualifier = { configRuleName, resourceType, resourceId };
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': COMPLIANCE_CHANGE,
    source: 'aws.config',
    account: accountId,
    time: EVENT_TIME,
    region,
    resources: [],
    detail: {
      resourceId,
      awsRegion: region,
      awsAccountId: accountId,
      configRuleName,
      recordVersion: '1.0',
      messageType: 'ComplianceChangeNotification',
      configRuleARN: `arn:${partition}:config:${region}:${accountId}:config-rule/config-rule-9rpvxc`,
      newEvaluationResult: {
        evaluationResultIdentifier: { evaluationResultQualifier: qualifier, orderingTimestamp: '2026-11-27T06:00:00.373Z' },
        complianceType: options.newCompliance ?? 'NON_COMPLIANT',
        resultRecordedTime: RESULT_RECORDED_TIME,
        configRuleInvokedTime: '2026-11-27T06:00:40.914Z',
        ...(annotation === null ? {} : { annotation }),
      },
      ...(oldCompliance === null
        ? {}
        : {
            oldEvaluationResult: {
              evaluationResultIdentifier: { evaluationResultQualifier: qualifier, orderingTimestamp: '2026-11-26T06:00:00.512Z' },
              complianceType: oldCompliance,
              resultRecordedTime: '2026-11-26T06:00:39.717Z',
              configRuleInvokedTime: '2026-11-26T06:00:38.105Z',
            },
          }),
      notificationCreationTime: '2026-11-27T06:00:42.620Z',
      resourceType,
    },
  };
}

/** The value of one `Label:  value` line of an alert's body (the message the notifier publishes). */
export function line(body: string, label: string): string | undefined {
  return body
    .split('\n')
    .find((l) => l.startsWith(`${label}:`))
    ?.slice(label.length + 1)
    .trim();
}
