/**
 * The SSM Automation documents that remediate controls (infra/remediation/*.yaml), and what wiring
 * one into AWS Config and giving it a least-privilege role needs to know.
 *
 * Config keeps one RemediationConfiguration per rule and passes only the resource id, so each
 * automated document handles every resource type its control flags and can fix: its first step
 * finds which kind of cache the id names (refusing an id that names none or more than one), then
 * applies that kind's change. Manual documents are deployed for a person to start and schedule.
 * Every document ends on the control's own verdict, from the verification Lambda
 * (functions/remediation-verifier), which must be COMPLIANT.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ControlDefinition } from '#shared/engine/control.ts';
import type { ParameterSpecs } from '#shared/engine/parameters.ts';
import { authenticationDefinition } from '#shared/controls/authentication.ts';
import { autoMinorVersionUpgrade } from '#shared/controls/auto-minor-version-upgrade.ts';
import { automaticBackup } from '#shared/controls/automatic-backup.ts';
import { encryptionAtRestDefinition } from '#shared/controls/encryption-at-rest.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { engineVersion } from '#shared/controls/engine-version.ts';
import { eventNotifications } from '#shared/controls/event-notifications.ts';
import { highAvailability } from '#shared/controls/high-availability.ts';
import { logDelivery } from '#shared/controls/log-delivery.ts';
import { securityGroupExposureDefinition } from '#shared/controls/security-group-exposure.ts';
import { snapshotRetentionDefinition } from '#shared/controls/snapshot-retention.ts';
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, type CacheResourceType } from '#shared/inventory/cache-resource.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT, type SnapshotResourceType } from '#shared/inventory/snapshot-resource.ts';

/** Every document takes the role it runs as through this parameter (its `assumeRole`). */
export const ASSUME_ROLE_PARAMETER = 'AutomationAssumeRole';
/** Every document takes the id Config reports (ResourceValue RESOURCE_ID) through this parameter. */
export const RESOURCE_ID_PARAMETER = 'ResourceId';
/** Every document names the verification Lambda it ends on through this parameter. */
export const VERIFIER_PARAMETER = 'VerifierFunctionName';

/**
 * The ARN resource types (Service Authorization Reference) an action is scoped to, in this
 * account and Region: `elasticache:replicationgroup` is arn:…:elasticache:region:account:replicationgroup:*.
 */
export type ArnKind =
  | 'elasticache:replicationgroup'
  | 'elasticache:cluster'
  | 'elasticache:serverlesscache'
  | 'elasticache:usergroup'
  | 'elasticache:snapshot'
  | 'elasticache:serverlesscachesnapshot'
  | 'ec2:security-group'
  | 'kms:key'
  | 'logs:log-group'
  | 'sns:topic'
  | 'ssm:parameter'
  | 'lambda:function';

/**
 * One IAM action a document's steps call (API steps and the boto3 calls of its scripts), and the
 * resources it is allowed on: named ARN kinds, or `*` only where AWS authorizes the action on `*`
 * alone (Describe*, List*, the vended-log delivery actions), with the reason.
 */
export type Grant =
  | { readonly action: string; readonly on: readonly [ArnKind, ...ArnKind[]] }
  | { readonly action: string; readonly on: '*'; readonly reason: string };

export type RemediationMode = 'automated' | 'manual';

/** What a runbook can take: a cache, or (for the snapshot controls) a snapshot named by its name. */
export type RemediableResourceType = CacheResourceType | SnapshotResourceType;

export interface RemediationDocument {
  /** File name under infra/remediation/; also the document name. */
  readonly file: string;
  readonly controlId: string;
  /**
   * automated: Config may run it for every NON_COMPLIANT resource of the rule (on request or by
   * itself); manual: deployed, started by a person who supplies its operator parameters.
   */
  readonly mode: RemediationMode;
  /** Resource types the document identifies and fixes. */
  readonly resourceTypes: readonly [RemediableResourceType, ...RemediableResourceType[]];
  /** Document parameter that receives the resource id (always RESOURCE_ID_PARAMETER). */
  readonly resourceIdParameter: string;
  /**
   * Document parameter → name of the control parameter whose value (the rule's text) it is given as
   * a static value. Every parameter of the control is passed, so the final verdict is the rule's.
   */
  readonly staticParameters: Readonly<Record<string, string>>;
  /** Document parameter → a value the deployment supplies (not a rule parameter). */
  readonly deploymentParameters: Readonly<Record<string, DeploymentParameter>>;
  /** Required document parameters only a person can fill (a version, rule ids); manual documents only. */
  readonly operatorParameters: readonly string[];
  /** Every IAM action the document's steps and scripts call, each scoped as tightly as IAM allows. */
  readonly grants: readonly Grant[];
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

/** The verification Lambda every document invokes last; the stack's own function unless named. */
export const VERIFIER_FUNCTION: DeploymentParameter = {
  name: 'RemediationVerifierFunctionName',
  description:
    'Lambda function (name or ARN) the remediation runbooks invoke for their final check, the control\'s verdict on the resource; blank means the stack\'s remediation-verifier function.',
  pattern: '(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:)?[A-Za-z0-9_-]{1,64}',
  default: '',
  fallbackResource: 'RemediationVerifierFunction',
};

const WHY_DESCRIBE = 'ElastiCache Describe* actions support no resource-level permissions.';

/** Reads every document calls: identify the resource and wait on it, then invoke the verifier. */
const IDENTIFY_AND_VERIFY: readonly Grant[] = [
  { action: 'elasticache:DescribeReplicationGroups', on: '*', reason: WHY_DESCRIBE },
  { action: 'elasticache:DescribeCacheClusters', on: '*', reason: WHY_DESCRIBE },
  { action: 'elasticache:DescribeServerlessCaches', on: '*', reason: WHY_DESCRIBE },
  { action: 'lambda:InvokeFunction', on: ['lambda:function'] },
];

type DocumentFor<S extends ParameterSpecs> = Omit<
  RemediationDocument,
  'controlId' | 'staticParameters' | 'resourceIdParameter' | 'deploymentParameters' | 'operatorParameters' | 'grants'
> & {
  readonly staticParameters: Readonly<Record<string, keyof S & string>>;
  readonly deploymentParameters?: Readonly<Record<string, DeploymentParameter>>;
  readonly operatorParameters?: readonly string[];
  /** Grants beyond identifying the resource and invoking the verifier. */
  readonly grants: readonly Grant[];
};

/** Ties a document to its control, so that a misspelt control parameter name does not compile. */
function remediates<S extends ParameterSpecs>(control: ControlDefinition<S, any, any>, document: DocumentFor<S>): RemediationDocument {
  return {
    ...document,
    controlId: control.id,
    resourceIdParameter: RESOURCE_ID_PARAMETER,
    deploymentParameters: { ...document.deploymentParameters, [VERIFIER_PARAMETER]: VERIFIER_FUNCTION },
    operatorParameters: document.operatorParameters ?? [],
    grants: [...IDENTIFY_AND_VERIFY, ...document.grants],
  };
}

export const remediationDocuments: readonly RemediationDocument[] = [
  remediates(automaticBackup, {
    file: 'elasticache-automatic-backup.yaml',
    mode: 'automated',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    staticParameters: { MinimumRetentionDays: 'minimumRetentionDays' },
    grants: [
      { action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup'] },
      { action: 'elasticache:ModifyCacheCluster', on: ['elasticache:cluster'] },
      { action: 'elasticache:ModifyServerlessCache', on: ['elasticache:serverlesscache'] },
    ],
  }),
  remediates(autoMinorVersionUpgrade, {
    file: 'elasticache-auto-minor-version-upgrade.yaml',
    mode: 'automated',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER],
    staticParameters: {},
    grants: [
      { action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup'] },
      { action: 'elasticache:ModifyCacheCluster', on: ['elasticache:cluster'] },
    ],
  }),
  remediates(highAvailability, {
    file: 'elasticache-high-availability.yaml',
    mode: 'automated',
    resourceTypes: [REPLICATION_GROUP],
    staticParameters: { MinimumReplicasPerShard: 'minimumReplicasPerShard', RequireMultiAZ: 'requireMultiAZ' },
    grants: [
      { action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup'] },
      // Adds replicas only when the AddReplicas parameter asks for it; ElastiCache authorizes the
      // call on the group and on the cluster (node) resources it creates.
      { action: 'elasticache:IncreaseReplicaCount', on: ['elasticache:replicationgroup', 'elasticache:cluster'] },
    ],
  }),
  remediates(logDelivery, {
    file: 'elasticache-log-delivery.yaml',
    mode: 'automated',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER],
    staticParameters: { RequiredLogTypes: 'requiredLogTypes' },
    deploymentParameters: {
      LogGroupName: {
        name: 'RemediationLogGroupName',
        description:
          'CloudWatch Logs group the log-delivery remediation delivers missing log types to; created (with RemediationLogRetentionDays and RemediationLogKmsKeyArn) when it does not exist.',
        pattern: '[\\.\\-_/#A-Za-z0-9]{1,512}',
        default: '/aws/elasticache/remediation',
      },
      LogRetentionDays: {
        name: 'RemediationLogRetentionDays',
        description: 'Retention, in days, of the log group the log-delivery remediation creates (a CloudWatch Logs retention value).',
        pattern: '(1|3|5|7|14|30|60|90|120|150|180|365|400|545|731|1096|1827|2192|2557|2922|3288|3653)',
        default: '365',
      },
      LogKmsKeyArn: {
        name: 'RemediationLogKmsKeyArn',
        description: 'KMS key ARN that encrypts the log group the log-delivery remediation creates; "none" for CloudWatch Logs\' default encryption.',
        pattern: '(none|arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]{1,64})',
        default: 'none',
      },
    },
    grants: [
      { action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup'] },
      { action: 'elasticache:ModifyCacheCluster', on: ['elasticache:cluster'] },
      { action: 'logs:DescribeLogGroups', on: ['logs:log-group'] },
      { action: 'logs:CreateLogGroup', on: ['logs:log-group'] },
      { action: 'logs:PutRetentionPolicy', on: ['logs:log-group'] },
      // ElastiCache checks these on the caller when a change turns log delivery on (ElastiCache User
      // Guide, "Logging destinations"); they define no resource types.
      { action: 'logs:CreateLogDelivery', on: '*', reason: 'Vended-log delivery actions define no resource types.' },
      { action: 'logs:GetLogDelivery', on: '*', reason: 'Vended-log delivery actions define no resource types.' },
      { action: 'logs:UpdateLogDelivery', on: '*', reason: 'Vended-log delivery actions define no resource types.' },
      { action: 'logs:DeleteLogDelivery', on: '*', reason: 'Vended-log delivery actions define no resource types.' },
      { action: 'logs:ListLogDeliveries', on: '*', reason: 'Vended-log delivery actions define no resource types.' },
    ],
  }),
  remediates(eventNotifications, {
    file: 'elasticache-event-notifications.yaml',
    mode: 'automated',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER],
    staticParameters: { ApprovedTopicArns: 'approvedTopicArns' },
    deploymentParameters: {
      TopicArn: {
        name: 'NotificationTopicArn',
        description:
          'SNS topic the event-notifications remediation sets on replication groups and clusters; blank means the stack\'s operations topic. It must be in approvedTopicArns when that is set.',
        pattern: 'arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}',
        default: '',
        fallbackResource: 'OperationsTopic',
      },
    },
    grants: [
      { action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup'] },
      { action: 'elasticache:ModifyCacheCluster', on: ['elasticache:cluster'] },
      { action: 'sns:GetTopicAttributes', on: ['sns:topic'] },
    ],
  }),
  remediates(encryptionInTransit, {
    file: 'elasticache-encryption-in-transit.yaml',
    mode: 'automated',
    resourceTypes: [REPLICATION_GROUP],
    staticParameters: { AllowPreferredMode: 'allowPreferredMode' },
    grants: [{ action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup'] }],
  }),
  remediates(encryptionInTransit, {
    file: 'elasticache-encryption-in-transit-preferred.yaml',
    mode: 'manual',
    resourceTypes: [REPLICATION_GROUP],
    staticParameters: {},
    grants: [{ action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup'] }],
  }),
  remediates(authenticationDefinition, {
    file: 'elasticache-authentication.yaml',
    mode: 'manual',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    staticParameters: { AllowAuthToken: 'allowAuthToken', AllowedUserGroupIds: 'allowedUserGroupIds', AuthTokenMaxAgeDays: 'authTokenMaxAgeDays' },
    operatorParameters: ['Action'],
    grants: [
      { action: 'elasticache:DescribeUserGroups', on: '*', reason: WHY_DESCRIBE },
      // Attaching a user group is authorized on the cache and on the user group.
      { action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup', 'elasticache:usergroup'] },
      { action: 'elasticache:ModifyCacheCluster', on: ['elasticache:cluster'] },
      { action: 'elasticache:ModifyServerlessCache', on: ['elasticache:serverlesscache', 'elasticache:usergroup'] },
      // The new AUTH token, read inside the script from a SecureString parameter (aws/ssm key).
      { action: 'ssm:GetParameter', on: ['ssm:parameter'] },
    ],
  }),
  remediates(securityGroupExposureDefinition, {
    file: 'elasticache-security-group-exposure.yaml',
    mode: 'manual',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    staticParameters: {},
    operatorParameters: ['SecurityGroupRuleIds'],
    grants: [
      { action: 'ec2:DescribeSecurityGroupRules', on: '*', reason: 'EC2 Describe* actions support no resource-level permissions.' },
      { action: 'ec2:RevokeSecurityGroupIngress', on: ['ec2:security-group'] },
    ],
  }),
  remediates(engineVersion, {
    file: 'elasticache-engine-version.yaml',
    mode: 'manual',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    staticParameters: {
      MinimumRedisVersion: 'minimumRedisVersion',
      MinimumValkeyVersion: 'minimumValkeyVersion',
      MinimumMemcachedVersion: 'minimumMemcachedVersion',
      AllowExtendedSupport: 'allowExtendedSupport',
    },
    operatorParameters: ['TargetEngineVersion'],
    grants: [
      { action: 'elasticache:ModifyReplicationGroup', on: ['elasticache:replicationgroup'] },
      { action: 'elasticache:ModifyCacheCluster', on: ['elasticache:cluster'] },
      { action: 'elasticache:ModifyServerlessCache', on: ['elasticache:serverlesscache'] },
    ],
  }),
  remediates(snapshotRetentionDefinition, {
    file: 'elasticache-snapshot-retention.yaml',
    mode: 'automated',
    resourceTypes: [SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT],
    staticParameters: {
      RetentionExemptTagKey: 'retentionExemptTagKey',
      MaximumManualSnapshotAgeDays: 'maximumManualSnapshotAgeDays',
      MaximumOrphanedSnapshotAgeDays: 'maximumOrphanedSnapshotAgeDays',
    },
    grants: [
      { action: 'elasticache:DescribeSnapshots', on: '*', reason: WHY_DESCRIBE },
      { action: 'elasticache:DescribeServerlessCacheSnapshots', on: '*', reason: WHY_DESCRIBE },
      // The exemption tag, read on the one snapshot's ARN before anything is deleted.
      { action: 'elasticache:ListTagsForResource', on: ['elasticache:snapshot', 'elasticache:serverlesscachesnapshot'] },
      { action: 'elasticache:DeleteSnapshot', on: ['elasticache:snapshot'] },
      { action: 'elasticache:DeleteServerlessCacheSnapshot', on: ['elasticache:serverlesscachesnapshot'] },
    ],
  }),
  remediates(encryptionAtRestDefinition, {
    file: 'elasticache-encryption-at-rest-key.yaml',
    mode: 'manual',
    resourceTypes: [REPLICATION_GROUP, SERVERLESS_CACHE],
    staticParameters: { RequireCustomerManagedKey: 'requireCustomerManagedKey', ApprovedKmsKeyIds: 'approvedKmsKeyIds' },
    grants: [
      { action: 'kms:DescribeKey', on: ['kms:key'] },
      { action: 'kms:CancelKeyDeletion', on: ['kms:key'] },
      { action: 'kms:EnableKey', on: ['kms:key'] },
    ],
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
