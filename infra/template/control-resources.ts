/**
 * Per control: one function, one least-privilege role, one log group, one Config permission and one
 * Config rule, always in that order.
 */
import type { ControlDefinition } from '#shared/engine/control.ts';
import { ROLE_NAME_PATTERN } from '#shared/aws/execution-role.ts';
import { iamActionsOf, ruleNameOf } from '#shared/controls/catalog.ts';
import { ORGANIZATION_ID_PATTERN, SERVERLESS_PARAMETER, getAtt, logicalIdOf, ref, ruleParameterValue, sourceDetails, sub, type Json } from './template-parts.ts';

export const FAILED_RUN_QUEUE = 'FailedRunQueue';
export const FAILED_RUN_KEY = 'FailedRunKey';

/** Audit evidence outlives the stack: logs, the failed-run queue and the keys that encrypt them. */
export const RETAIN = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' } as const;

/**
 * A rotating customer managed key administered through IAM in this account, which one AWS service
 * (limited to this account by aws:SourceAccount) may also use to encrypt what it delivers.
 */
export function serviceKey(description: string, sid: string, service: string, actions: readonly string[]): Json {
  return {
    Type: 'AWS::KMS::Key',
    ...RETAIN,
    Properties: {
      Description: description,
      EnableKeyRotation: true,
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            // Lets IAM policies in this account govern the key (the functions' roles grant its use).
            Sid: 'AccountAdministersKeyThroughIam',
            Effect: 'Allow',
            Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: sid,
            Effect: 'Allow',
            Principal: { Service: service },
            Action: [...actions],
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
    },
  };
}

/** Powertools' settings, the same for every function. */
export const POWERTOOLS_VARIABLES: Json = { POWERTOOLS_SERVICE_NAME: ref('AWS::StackName') };

/** Function settings every function of the package shares. */
export function functionBase(codeDirectory: string, logGroup: string, role: string): Json {
  return {
    CodeUri: `dist/${codeDirectory}/`,
    Handler: 'index.handler',
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    MemorySize: 256,
    Timeout: 300,
    Role: getAtt(role, 'Arn'),
    LoggingConfig: { LogGroup: ref(logGroup), LogFormat: 'Text' },
    // The stack names the service in every log line and metric, so two stacks' metrics stay apart.
    Environment: { Variables: { ...POWERTOOLS_VARIABLES } },
    // Config and EventBridge invoke asynchronously: a run that still fails after Lambda's retries
    // lands in the queue instead of vanishing, so an operator can see what never happened.
    DeadLetterQueue: { Type: 'SQS', TargetArn: getAtt(FAILED_RUN_QUEUE, 'Arn') },
  };
}

export const NO_VPC_SKIP = {
  id: 'CKV_AWS_117',
  comment: 'Calls only AWS APIs; a VPC adds NAT cost and no isolation for API-only traffic.',
};

export const PLAIN_ENVIRONMENT_SKIP = {
  id: 'CKV_AWS_173',
  comment: 'The environment holds the stack name and settings, no secrets; Lambda encrypts it at rest.',
};

export function logGroup(name: string): Json {
  return {
    Type: 'AWS::Logs::LogGroup',
    ...RETAIN,
    Metadata: {
      checkov: {
        skip: [
          {
            id: 'CKV_AWS_158',
            comment: 'Logs hold resource ids and verdicts only, never secrets; CloudWatch Logs encrypts them at rest by default.',
          },
        ],
      },
    },
    Properties: {
      LogGroupName: sub(`/elasticache-config-rules/\${AWS::StackName}/${name}`),
      RetentionInDays: ref('LogRetentionDays'),
    },
  };
}

export function lambdaTrustPolicy(): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
      },
    ],
  };
}

/** Writing its own logs and parking failed runs: what every function's role grants besides its job. */
export function functionHousekeeping(logGroupId: string): Json[] {
  return [
    { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(logGroupId, 'Arn') },
    { Sid: 'ReportFailedRuns', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(FAILED_RUN_QUEUE, 'Arn') },
    {
      Sid: 'EncryptFailedRuns',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: getAtt(FAILED_RUN_KEY, 'Arn'),
      Condition: { StringEquals: { 'kms:ViaService': sub('sqs.${AWS::Region}.amazonaws.com') } },
    },
  ];
}

export function controlResources(control: ControlDefinition<any, any>): Json {
  const id = logicalIdOf(control);
  const fn = `${id}Function`;
  const logs = `${id}LogGroup`;
  const permission = `${id}ConfigPermission`;
  return {
    [fn]: {
      Type: 'AWS::Serverless::Function',
      Metadata: { checkov: { skip: [NO_VPC_SKIP, PLAIN_ENVIRONMENT_SKIP] } },
      Properties: {
        Description: control.title,
        ...functionBase(control.id, logs, `${id}Role`),
        // One run at a time: a change-triggered run cannot interleave its stale-result clean-up with
        // a periodic one. Accounts whose concurrency quota cannot spare it turn it off.
        ReservedConcurrentExecutions: { 'Fn::If': ['ReserveConcurrency', 1, ref('AWS::NoValue')] },
      },
    },
    [`${id}Role`]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: `Execution role of the ${control.id} Config rule: read ElastiCache, report to Config.`,
        AssumeRolePolicyDocument: lambdaTrustPolicy(),
        Policies: [
          {
            PolicyName: 'evaluate-and-report',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [...evaluationStatements(control), assumeMemberRoleStatement(), ...functionHousekeeping(logs)],
            },
          },
        ],
      },
    },
    [logs]: logGroup(control.id),
    [permission]: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(fn, 'Arn'),
        Principal: 'config.amazonaws.com',
        // Confused-deputy protection: only this account's Config may invoke the rule.
        SourceAccount: ref('AWS::AccountId'),
      },
    },
    [`${id}Rule`]: {
      Type: 'AWS::Config::ConfigRule',
      // Off when a conformance pack deploys the rules on these functions instead.
      Condition: 'DeployRules',
      DependsOn: permission,
      Properties: configRuleProperties(control, getAtt(fn, 'Arn')),
    },
  };
}

/** The rule's properties; shared with the conformance packs, which differ only in what they reference. */
export function configRuleProperties(control: ControlDefinition<any, any>, functionArn: Json, extraInputParameters: Json = {}): Json {
  return {
    ConfigRuleName: ruleNameOf(control),
    Description: control.description.slice(0, 256),
    InputParameters: {
      ...Object.fromEntries(Object.keys(control.parameters).map((name) => [name, ruleParameterValue(control, name)])),
      includeServerlessCaches: ref(SERVERLESS_PARAMETER),
      ...extraInputParameters,
    },
    ...(control.changeTriggers.length > 0 ? { Scope: { ComplianceResourceTypes: [...control.changeTriggers] } } : {}),
    Source: {
      Owner: 'CUSTOM_LAMBDA',
      SourceIdentifier: functionArn,
      SourceDetails: sourceDetails(control, ref('ExecutionFrequency')),
    },
  };
}

export const ORGANIZATION_PARAMETERS: Json = {
  MemberAccountRoleName: {
    Type: 'String',
    Description:
      'Organization mode: name of the role (infra/member-account-role.yaml) the functions may assume in member accounts. Blank: single account.',
    AllowedPattern: `^$|^${ROLE_NAME_PATTERN}$`,
    Default: '',
  },
  OrganizationId: {
    Type: 'String',
    Description: 'Organization mode: the organization (o-...) whose member roles may be assumed. Blank: single account.',
    AllowedPattern: `^$|^${ORGANIZATION_ID_PATTERN}$`,
    Default: '',
  },
};

/**
 * Organization mode only: assume the member-account role by name, and only in accounts of the
 * organization (aws:ResourceOrgID), so the functions cannot be steered into another organization.
 */
export function assumeMemberRoleStatement(): Json {
  return {
    'Fn::If': [
      'OrganizationMode',
      {
        Sid: 'AssumeMemberAccountRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: sub('arn:${AWS::Partition}:iam::*:role/${MemberAccountRoleName}'),
        Condition: { StringEquals: { 'aws:ResourceOrgID': ref('OrganizationId') } },
      },
      ref('AWS::NoValue'),
    ],
  };
}

/** Groups the control's actions by whether IAM lets them be scoped to a resource. */
function evaluationStatements(control: ControlDefinition<any, any>): Json[] {
  const actions = iamActionsOf(control);
  const ruleScoped: string[] = actions.filter((a) => a === 'config:GetComplianceDetailsByConfigRule');
  // Describe*/PutEvaluations/GetResourceConfigHistory support no resource-level permissions
  // (Service Authorization Reference), so they can only be granted on "*".
  const unscoped = actions.filter((a) => !ruleScoped.includes(a));
  return [
    { Sid: 'ReadInventoryAndReport', Effect: 'Allow', Action: unscoped, Resource: '*' },
    {
      Sid: 'ReadRuleResults',
      Effect: 'Allow',
      Action: ruleScoped,
      Resource: sub('arn:${AWS::Partition}:config:${AWS::Region}:${AWS::AccountId}:config-rule/*'),
    },
  ];
}
