/**
 * The SSM Automation documents that remediate controls (infra/remediation/*.yaml), and what wiring
 * one into an AWS Config RemediationConfiguration needs to know: the control and resource type it
 * fixes, the document parameter that takes the resource id (Config passes only RESOURCE_ID), the
 * document parameters that take a control parameter's value as a static value, and the IAM actions
 * its AutomationAssumeRole needs.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Control } from '#shared/engine/control.ts';
import type { ParameterSpecs } from '#shared/engine/parameters.ts';
import { autoMinorVersionUpgrade } from '#shared/controls/auto-minor-version-upgrade.ts';
import { automaticBackup } from '#shared/controls/automatic-backup.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { highAvailability } from '#shared/controls/high-availability.ts';
import { eventNotifications } from '#shared/controls/event-notifications.ts';
import { logDelivery } from '#shared/controls/log-delivery.ts';
import { CACHE_CLUSTER, REPLICATION_GROUP, type CacheResourceType } from '#shared/inventory/cache-resource.ts';

/** Every document takes the role it runs as through this parameter (its `assumeRole`). */
export const ASSUME_ROLE_PARAMETER = 'AutomationAssumeRole';

export interface RemediationDocument {
  /** File name under infra/remediation/; also the document name. */
  readonly file: string;
  readonly controlId: string;
  readonly resourceType: CacheResourceType;
  /** Document parameter that receives the non-compliant resource's id (ResourceValue RESOURCE_ID). */
  readonly resourceIdParameter: string;
  /** Document parameter → name of the control parameter whose value it is given as a static value. */
  readonly staticParameters: Readonly<Record<string, string>>;
  /** IAM actions that change the resource. */
  readonly modifyActions: readonly string[];
  /** Read-only IAM actions the document's checks and waits call. */
  readonly describeActions: readonly string[];
  /** Document parameter → a value the deployment supplies (not a rule parameter). */
  readonly deploymentParameters?: Readonly<Record<string, DeploymentParameter>>;
  /**
   * CloudWatch Logs delivery actions ElastiCache checks on the caller when a change turns on log
   * delivery (ElastiCache User Guide, "Logging destinations"). They take no resource-level ARNs.
   */
  readonly logDeliveryActions?: readonly string[];
}

/** A stack (or pack) parameter whose value a document parameter receives as a static value. */
export interface DeploymentParameter {
  /** Template / conformance pack parameter name. */
  readonly name: string;
  readonly description: string;
  /** Anchored pattern (the template's AllowedPattern); blank is allowed only with a fallback. */
  readonly pattern: string;
  readonly default: string;
  /** In the SAM template: the stack resource whose Ref is used when the parameter is blank. */
  readonly fallbackResource?: string;
}

type DocumentFor<S extends ParameterSpecs> = Omit<RemediationDocument, 'controlId' | 'staticParameters'> & {
  readonly staticParameters: Readonly<Record<string, keyof S & string>>;
};

/** Ties a document to its control, so that a misspelt control parameter name does not compile. */
function remediates<S extends ParameterSpecs>(control: Control<S, any>, document: DocumentFor<S>): RemediationDocument {
  return { ...document, controlId: control.id };
}

export const remediationDocuments: readonly RemediationDocument[] = [
  remediates(automaticBackup, {
    file: 'elasticache-automatic-backup-replication-group.yaml',
    resourceType: REPLICATION_GROUP,
    resourceIdParameter: 'ReplicationGroupId',
    staticParameters: { SnapshotRetentionLimit: 'minimumRetentionDays' },
    modifyActions: ['elasticache:ModifyReplicationGroup'],
    describeActions: ['elasticache:DescribeReplicationGroups'],
  }),
  remediates(automaticBackup, {
    file: 'elasticache-automatic-backup-cache-cluster.yaml',
    resourceType: CACHE_CLUSTER,
    resourceIdParameter: 'CacheClusterId',
    staticParameters: { SnapshotRetentionLimit: 'minimumRetentionDays' },
    modifyActions: ['elasticache:ModifyCacheCluster'],
    describeActions: ['elasticache:DescribeCacheClusters'],
  }),
  remediates(encryptionInTransit, {
    file: 'elasticache-encryption-in-transit-replication-group.yaml',
    resourceType: REPLICATION_GROUP,
    resourceIdParameter: 'ReplicationGroupId',
    staticParameters: {},
    modifyActions: ['elasticache:ModifyReplicationGroup'],
    describeActions: ['elasticache:DescribeReplicationGroups'],
  }),
  remediates(highAvailability, {
    file: 'elasticache-high-availability-replication-group.yaml',
    resourceType: REPLICATION_GROUP,
    resourceIdParameter: 'ReplicationGroupId',
    staticParameters: {},
    modifyActions: ['elasticache:ModifyReplicationGroup'],
    describeActions: ['elasticache:DescribeReplicationGroups'],
  }),
  remediates(autoMinorVersionUpgrade, {
    file: 'elasticache-auto-minor-version-upgrade-replication-group.yaml',
    resourceType: REPLICATION_GROUP,
    resourceIdParameter: 'ReplicationGroupId',
    staticParameters: {},
    modifyActions: ['elasticache:ModifyReplicationGroup'],
    describeActions: ['elasticache:DescribeReplicationGroups'],
  }),
  remediates(autoMinorVersionUpgrade, {
    file: 'elasticache-auto-minor-version-upgrade-cache-cluster.yaml',
    resourceType: CACHE_CLUSTER,
    resourceIdParameter: 'CacheClusterId',
    staticParameters: {},
    modifyActions: ['elasticache:ModifyCacheCluster'],
    describeActions: ['elasticache:DescribeCacheClusters'],
  }),
  remediates(logDelivery, {
    file: 'elasticache-log-delivery-replication-group.yaml',
    resourceType: REPLICATION_GROUP,
    resourceIdParameter: 'ReplicationGroupId',
    staticParameters: {},
    deploymentParameters: {
      LogGroupName: {
        name: 'SlowLogGroupName',
        description:
          'Existing CloudWatch Logs group the log-delivery remediation delivers slow logs to; the stack does not create it.',
        pattern: '[\\.\\-_/#A-Za-z0-9]{1,512}',
        default: '/aws/elasticache/slow-log',
      },
    },
    modifyActions: ['elasticache:ModifyReplicationGroup'],
    describeActions: ['elasticache:DescribeReplicationGroups'],
    logDeliveryActions: [
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
    ],
  }),
  remediates(eventNotifications, {
    file: 'elasticache-event-notifications-replication-group.yaml',
    resourceType: REPLICATION_GROUP,
    resourceIdParameter: 'ReplicationGroupId',
    staticParameters: {},
    deploymentParameters: {
      TopicArn: {
        name: 'NotificationTopicArn',
        description:
          'SNS topic the event-notifications remediation sets on replication groups; blank means the stack\'s operations topic.',
        pattern: 'arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}',
        default: '',
        fallbackResource: 'OperationsTopic',
      },
    },
    modifyActions: ['elasticache:ModifyReplicationGroup'],
    describeActions: ['elasticache:DescribeReplicationGroups'],
  }),
];

/** Automation document parameter types (schema 0.3). */
export type DocumentParameterType = 'String' | 'StringList' | 'Integer' | 'Boolean' | 'MapList' | 'StringMap';

export interface DocumentParameter {
  type: DocumentParameterType;
  description?: string;
  default?: unknown;
  allowedPattern?: string;
  allowedValues?: unknown[];
  [option: string]: unknown;
}

export interface StepOutput {
  Name: string;
  Selector: string;
  Type: DocumentParameterType;
}

export interface AutomationStep {
  name: string;
  action: string;
  description?: string;
  timeoutSeconds?: number;
  isEnd?: boolean;
  nextStep?: string;
  inputs: Record<string, unknown>;
  outputs?: StepOutput[];
  [option: string]: unknown;
}

/** An Automation document as parsed from YAML; only the shape is checked here, not its meaning. */
export interface AutomationDocument {
  schemaVersion: string;
  description?: string;
  assumeRole?: string;
  parameters: Record<string, DocumentParameter>;
  mainSteps: AutomationStep[];
  [key: string]: unknown;
}

export class InvalidRemediationDocumentError extends Error {
  constructor(file: string, problem: string) {
    super(`infra/remediation/${file}: ${problem}`);
    this.name = 'InvalidRemediationDocumentError';
  }
}

const DOCUMENT_DIRECTORY = new URL('./remediation/', import.meta.url);

/** The document's YAML text, as it is registered with SSM (CreateDocument, DocumentFormat YAML). */
export function documentText(file: string): string {
  return readFileSync(new URL(file, DOCUMENT_DIRECTORY), 'utf8');
}

export function loadDocument(file: string): AutomationDocument {
  const document: unknown = parse(documentText(file));
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new InvalidRemediationDocumentError(file, 'is not a YAML mapping');
  }
  const { mainSteps, parameters } = document as Record<string, unknown>;
  if (!Array.isArray(mainSteps) || mainSteps.length === 0) {
    throw new InvalidRemediationDocumentError(file, 'has no mainSteps');
  }
  if (typeof parameters !== 'object' || parameters === null) {
    throw new InvalidRemediationDocumentError(file, 'declares no parameters');
  }
  return document as AutomationDocument;
}
