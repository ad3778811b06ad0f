/**
 * Builds template.yaml (AWS SAM) from the control catalog: per control one function, one
 * least-privilege role, one log group, one Config permission and one Config rule, always in that
 * order. `npm run generate` writes it; a test fails when the committed file differs.
 */
import type { Control } from '#shared/engine/control.ts';
import type { ParameterSpec, ParameterSpecs } from '#shared/engine/parameters.ts';
import { controls, iamActionsOf, ruleNameOf } from '#shared/controls/catalog.ts';

type Json = Record<string, unknown>;

export const EXECUTION_FREQUENCIES = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'];

const pascal = (text: string): string =>
  text.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase());

/** Logical id prefix of a control's resources, e.g. EncryptionInTransit. */
export const logicalIdOf = (control: Control<any, any>): string => pascal(control.id);

/** Template parameter that carries one control parameter, e.g. AutomaticBackupMinimumRetentionDays. */
export const templateParameterOf = (control: Control<any, any>, name: string): string =>
  `${logicalIdOf(control)}${pascal(name)}`;

export function templateParameter(spec: ParameterSpec): Json {
  const base = { Description: spec.description, Default: spec.defaultText };
  switch (spec.kind) {
    case 'boolean':
      return { Type: 'String', AllowedValues: ['true', 'false'], ...base };
    case 'integer':
      return { Type: 'Number', MinValue: spec.min, MaxValue: spec.max, ...base };
    case 'list':
      return { Type: 'String', ...base };
    case 'text':
      return { Type: 'String', AllowedPattern: `^(${spec.pattern})?$`, ...base };
  }
}

export function buildSamTemplate(): Json {
  const parameters: Json = {
    ExecutionFrequency: {
      Type: 'String',
      Description: 'How often AWS Config runs every rule (Config does not record ElastiCache, so the rules are periodic).',
      AllowedValues: EXECUTION_FREQUENCIES,
      Default: 'TwentyFour_Hours',
    },
    LogRetentionDays: {
      Type: 'Number',
      Description: 'Days the functions\' CloudWatch logs are kept.',
      AllowedValues: [30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      Default: 365,
    },
  };
  const resources: Json = {
    FailedRunQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        // Config invokes rules asynchronously: a run that fails after Lambda's retries lands here
        // instead of vanishing, so an operator can see which evaluation never happened.
        // The AWS managed key's policy already lets this account's principals use it through SQS.
        KmsMasterKeyId: 'alias/aws/sqs',
        MessageRetentionPeriod: 1209600,
      },
    },
    FailedRunQueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'FailedRunQueue' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sqs:*',
              Resource: { 'Fn::GetAtt': ['FailedRunQueue', 'Arn'] },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
  };
  for (const control of controls) {
    for (const [name, spec] of Object.entries(control.parameters as ParameterSpecs)) {
      parameters[templateParameterOf(control, name)] = templateParameter(spec);
    }
    Object.assign(resources, controlResources(control));
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description:
      'elasticache-config-rules: custom AWS Config rules for Amazon ElastiCache, one Lambda per control. Generated from the control catalog by `npm run generate`; do not edit by hand.',
    Parameters: parameters,
    Resources: resources,
    Outputs: Object.fromEntries(
      controls.map((control) => [
        `${logicalIdOf(control)}FunctionArn`,
        {
          Description: `Lambda ARN of the ${control.id} rule (conformance pack parameter).`,
          Value: { 'Fn::GetAtt': [`${logicalIdOf(control)}Function`, 'Arn'] },
        },
      ]),
    ),
  };
}

function controlResources(control: Control<any, any>): Json {
  const id = logicalIdOf(control);
  const fn = `${id}Function`;
  const logGroup = `${id}LogGroup`;
  const permission = `${id}ConfigPermission`;
  return {
    [fn]: {
      Type: 'AWS::Serverless::Function',
      Metadata: {
        checkov: {
          skip: [
            { id: 'CKV_AWS_117', comment: 'Calls only AWS APIs; a VPC adds NAT cost and no isolation for API-only traffic.' },
          ],
        },
      },
      Properties: {
        Description: control.title,
        CodeUri: `dist/${control.id}/`,
        Handler: 'index.handler',
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 256,
        Timeout: 300,
        // One run at a time: a change-triggered run cannot interleave its stale-result clean-up with
        // a periodic one.
        ReservedConcurrentExecutions: 1,
        Role: { 'Fn::GetAtt': [`${id}Role`, 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: logGroup }, LogFormat: 'Text' },
        DeadLetterQueue: { Type: 'SQS', TargetArn: { 'Fn::GetAtt': ['FailedRunQueue', 'Arn'] } },
      },
    },
    [`${id}Role`]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: `Execution role of the ${control.id} Config rule: read ElastiCache, report to Config.`,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ],
        },
        Policies: [{ PolicyName: 'evaluate-and-report', PolicyDocument: rolePolicy(control, logGroup) }],
      },
    },
    [logGroup]: {
      Type: 'AWS::Logs::LogGroup',
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
        LogGroupName: { 'Fn::Sub': `/elasticache-config-rules/\${AWS::StackName}/${control.id}` },
        RetentionInDays: { Ref: 'LogRetentionDays' },
      },
    },
    [permission]: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
        Principal: 'config.amazonaws.com',
        // Confused-deputy protection: only this account's Config may invoke the rule.
        SourceAccount: { Ref: 'AWS::AccountId' },
      },
    },
    [`${id}Rule`]: {
      Type: 'AWS::Config::ConfigRule',
      DependsOn: permission,
      Properties: {
        ConfigRuleName: ruleNameOf(control),
        Description: control.description.slice(0, 256),
        InputParameters: Object.fromEntries(
          Object.keys(control.parameters).map((name) => [name, { Ref: templateParameterOf(control, name) }]),
        ),
        ...(control.changeTriggers.length > 0
          ? { Scope: { ComplianceResourceTypes: [...control.changeTriggers] } }
          : {}),
        Source: {
          Owner: 'CUSTOM_LAMBDA',
          SourceIdentifier: { 'Fn::GetAtt': [fn, 'Arn'] },
          SourceDetails: [
            { EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: { Ref: 'ExecutionFrequency' } },
            ...(control.changeTriggers.length > 0
              ? [
                  { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
                  { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
                ]
              : []),
          ],
        },
      },
    },
  };
}

/** Groups the control's actions by whether IAM lets them be scoped to a resource. */
function rolePolicy(control: Control<any, any>, logGroup: string): Json {
  const actions = iamActionsOf(control);
  const ruleScoped: string[] = actions.filter((a) => a === 'config:GetComplianceDetailsByConfigRule');
  // Describe*/PutEvaluations/GetResourceConfigHistory support no resource-level permissions
  // (Service Authorization Reference), so they can only be granted on "*".
  const unscoped = actions.filter((a) => !ruleScoped.includes(a));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadInventoryAndReport', Effect: 'Allow', Action: unscoped, Resource: '*' },
      ...(ruleScoped.length
        ? [
            {
              Sid: 'ReadOwnEarlierResults',
              Effect: 'Allow',
              Action: ruleScoped,
              Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:config:\${AWS::Region}:\${AWS::AccountId}:config-rule/*` },
            },
          ]
        : []),
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
      },
      {
        Sid: 'ReportFailedRuns',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['FailedRunQueue', 'Arn'] },
      },
    ],
  };
}
