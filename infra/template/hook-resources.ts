/**
 * The optional CloudFormation Lambda hook (switch `CloudFormationHook`, off by default): before
 * CloudFormation creates or updates an ElastiCache cache in any stack of the account and Region, it
 * invokes the hook function, which judges the cache's properties with the same controls and the
 * same parameters as this stack's rules (shared/template/hook-handler.ts). FailureMode WARN (the
 * default) shows the findings and lets the operation go on; FAIL stops it.
 *
 * Least privilege: the function reads nothing (the hook request carries the properties) and may only
 * write its own logs; CloudFormation's hook service may only invoke this one function, from this
 * account's hooks.
 */
import { controls } from '#shared/controls/catalog.ts';
import type { ParameterSpecs } from '#shared/engine/parameters.ts';
import { NO_VPC_SKIP, POWERTOOLS_VARIABLES, functionBase, lambdaTrustPolicy, logGroup } from './control-resources.ts';
import { OPERATIONS_TOPIC } from './operations-resources.ts';
import { failedRunAlarmProperties, getAtt, ref, sub, switchParameter, templateParameterOf, type Json } from './template-parts.ts';

export const HOOK_CONDITION = 'DeployCloudFormationHook';
export const HOOK = 'ElastiCacheLambdaHook';
export const HOOK_FUNCTION = 'CloudFormationHookFunction';
export const HOOK_FUNCTION_ROLE = 'CloudFormationHookFunctionRole';
export const HOOK_EXECUTION_ROLE = 'CloudFormationHookExecutionRole';
const HOOK_LOGS = 'CloudFormationHookLogGroup';

/** The resource types the hook judges: the caches, as scan --template does. */
export const HOOK_TARGETS = ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ServerlessCache'];

export const HOOK_PARAMETERS: Json = {
  CloudFormationHook: switchParameter(
    'When "true", a CloudFormation Lambda hook judges every ElastiCache cache a stack of this account and Region creates or updates, with the same controls and parameters as the rules, before it is provisioned.',
    'false',
  ),
  CloudFormationHookFailureMode: {
    Type: 'String',
    Description: 'WARN: a cache failing a control is reported and the stack operation goes on. FAIL: the operation stops.',
    AllowedValues: ['WARN', 'FAIL'],
    Default: 'WARN',
  },
  CloudFormationHookAlias: {
    Type: 'String',
    Description: 'Type name of the hook, unique in the account and Region (Name::Name::Name, not starting with AWS).',
    AllowedPattern: '^(?!(?i)aws)[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$',
    Default: 'Private::ElastiCache::ConfigRules',
  },
};

export const HOOK_CONDITIONS: Json = {
  [HOOK_CONDITION]: { 'Fn::Equals': [ref('CloudFormationHook'), 'true'] },
};

/**
 * The rules' own parameter values, handed to the hook as HOOK_PARAMETERS JSON, so that the hook
 * judges exactly as the deployed rules do (a blank value means the default there as here).
 */
function hookParametersJson(): Json {
  const entries = controls.flatMap((control) => {
    const names = Object.keys(control.parameters as ParameterSpecs);
    if (names.length === 0) return [];
    return [`"${control.id}":{${names.map((name) => `"${name}":"\${${templateParameterOf(control, name)}}"`).join(',')}}`];
  });
  return sub(`{${entries.join(',')}}`);
}

export function hookResources(): Json {
  const when = { Condition: HOOK_CONDITION };
  const base = functionBase('cloudformation-hook', HOOK_LOGS, HOOK_FUNCTION_ROLE);
  // CloudFormation invokes the hook synchronously and sees its failures itself: no dead-letter queue.
  delete base.DeadLetterQueue;
  return {
    [HOOK_LOGS]: { ...when, ...logGroup('cloudformation-hook') },
    [HOOK_FUNCTION_ROLE]: {
      ...when,
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'Execution role of the CloudFormation hook function: it reads nothing and writes only its own logs.',
        AssumeRolePolicyDocument: lambdaTrustPolicy(),
        Policies: [
          {
            PolicyName: 'write-own-logs',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(HOOK_LOGS, 'Arn') }],
            },
          },
        ],
      },
    },
    [HOOK_FUNCTION]: {
      ...when,
      Type: 'AWS::Serverless::Function',
      Metadata: {
        checkov: {
          skip: [
            NO_VPC_SKIP,
            { id: 'CKV_AWS_116', comment: 'Invoked synchronously by CloudFormation hooks, which handle a failed invocation themselves (FailureMode); a dead-letter queue would receive nothing.' },
            { id: 'CKV_AWS_173', comment: 'The environment holds the controls\' parameter values, no secrets; Lambda encrypts it at rest.' },
          ],
        },
      },
      Properties: {
        Description: 'CloudFormation Lambda hook: judges ElastiCache caches before they are created or updated, with the rules\' controls and parameters.',
        ...base,
        // The hook waits at most 30 seconds for an answer.
        Timeout: 25,
        // Room for the caches of a few stacks judged at once, without taking the account's whole pool.
        ReservedConcurrentExecutions: { 'Fn::If': ['ReserveConcurrency', 10, ref('AWS::NoValue')] },
        Environment: { Variables: { ...POWERTOOLS_VARIABLES, HOOK_PARAMETERS: hookParametersJson() } },
      },
    },
    [HOOK_EXECUTION_ROLE]: {
      ...when,
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'Assumed by CloudFormation Hooks to invoke the hook function, and nothing else.',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'hooks.cloudformation.amazonaws.com' },
              Action: 'sts:AssumeRole',
              // Confused deputy: only this account's hooks may use the role.
              Condition: {
                StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') },
                ArnLike: { 'aws:SourceArn': sub('arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:type/hook/*') },
              },
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'invoke-hook-function',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Sid: 'InvokeHookFunction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: getAtt(HOOK_FUNCTION, 'Arn') }],
            },
          },
        ],
      },
    },
    CloudFormationHookFailedRunAlarm: {
      ...when,
      Type: 'AWS::CloudWatch::Alarm',
      Properties: failedRunAlarmProperties('The CloudFormation hook function failed: a stack operation on a cache went on (WARN) or stopped (FAIL) unjudged. See its log group for the error.', HOOK_FUNCTION, OPERATIONS_TOPIC),
    },
    [HOOK]: {
      ...when,
      Type: 'AWS::CloudFormation::LambdaHook',
      Properties: {
        Alias: ref('CloudFormationHookAlias'),
        HookStatus: 'ENABLED',
        FailureMode: ref('CloudFormationHookFailureMode'),
        TargetOperations: ['RESOURCE'],
        TargetFilters: { Actions: ['CREATE', 'UPDATE'], TargetNames: HOOK_TARGETS },
        LambdaFunction: getAtt(HOOK_FUNCTION, 'Arn'),
        ExecutionRole: getAtt(HOOK_EXECUTION_ROLE, 'Arn'),
      },
    },
  };
}
