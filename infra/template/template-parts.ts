/** Small building blocks shared by the generated templates. */
import type { ControlDefinition } from '#shared/engine/control.ts';
import type { ParameterSpec } from '#shared/engine/parameters.ts';

export type Json = Record<string, unknown>;

/** AWS Organizations ids, unanchored so that optional parameters can allow a blank too. */
export const ORGANIZATION_ID_PATTERN = 'o-[a-z0-9]{10,32}';

export const EXECUTION_FREQUENCIES = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'];

export const pascal = (text: string): string =>
  text.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase());

/** Logical id prefix of a control's resources, e.g. EncryptionInTransit. */
export const logicalIdOf = (control: ControlDefinition<any, any>): string => pascal(control.id);

/** Template parameter that carries one control parameter, e.g. AutomaticBackupMinimumRetentionDays. */
export const templateParameterOf = (control: ControlDefinition<any, any>, name: string): string =>
  `${logicalIdOf(control)}${pascal(name)}`;

/** A control parameter as a template (or conformance pack) parameter. */
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

export const ref = (name: string): Json => ({ Ref: name });
export const getAtt = (resource: string, attribute: string): Json => ({ 'Fn::GetAtt': [resource, attribute] });
export const sub = (text: string): Json => ({ 'Fn::Sub': text });

/** The engine's switch for serverless caches, one template parameter passed to every rule. */
export const SERVERLESS_PARAMETER = 'IncludeServerlessCaches';

export const FREQUENCY_PARAMETER: Json = {
  Type: 'String',
  Description: 'How often AWS Config runs every rule (Config does not record ElastiCache, so the rules are periodic).',
  AllowedValues: EXECUTION_FREQUENCIES,
  Default: 'TwentyFour_Hours',
};

/** Config rule Source.SourceDetails: periodic, plus change notifications for the control's triggers. */
export function sourceDetails(control: ControlDefinition<any, any>, frequency: Json): Json[] {
  return [
    { EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: frequency },
    ...(control.changeTriggers.length > 0
      ? [
          { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
          { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
        ]
      : []),
  ];
}

/** List and text parameters may be left blank; Config refuses blank InputParameters values. */
const mayBeBlank = (spec: ParameterSpec): boolean => spec.kind === 'list' || spec.kind === 'text';

export const isSetCondition = (control: ControlDefinition<any, any>, name: string): string => `${templateParameterOf(control, name)}IsSet`;

/**
 * The value of a control parameter in a rule's InputParameters. PutConfigRule refuses blank values,
 * so a parameter left blank is omitted (the control then uses its default, as documented).
 */
export function ruleParameterValue(control: ControlDefinition<any, any>, name: string): Json {
  const spec = (control.parameters as Record<string, ParameterSpec>)[name];
  if (!spec) throw new Error(`Control ${control.id} has no parameter ${name}`);
  const value = ref(templateParameterOf(control, name));
  return mayBeBlank(spec) ? { 'Fn::If': [isSetCondition(control, name), value, ref('AWS::NoValue')] } : value;
}

/** One "is set" condition per control parameter that may be blank. */
export function blankParameterConditions(controls: readonly ControlDefinition<any, any>[]): Json {
  const conditions: Json = {};
  for (const control of controls) {
    for (const [name, spec] of Object.entries(control.parameters as Record<string, ParameterSpec>)) {
      if (mayBeBlank(spec)) {
        conditions[isSetCondition(control, name)] = { 'Fn::Not': [{ 'Fn::Equals': [ref(templateParameterOf(control, name)), ''] }] };
      }
    }
  }
  return conditions;
}

/** Refuses every request to a queue that does not come over TLS. */
export function denyInsecureTransport(queue: string): Json {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 'sqs:*',
    Resource: getAtt(queue, 'Arn'),
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Lets one EventBridge rule of this stack, and no other, send to a queue (confused-deputy guard). */
export function eventRuleSends(sid: string, queue: string, rule: string): Json {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: getAtt(queue, 'Arn'),
    Condition: { ArnEquals: { 'aws:SourceArn': getAtt(rule, 'Arn') } },
  };
}

/** A template parameter that turns a feature on ("true") or off ("false"). */
export function switchParameter(description: string, defaultValue: 'true' | 'false'): Json {
  return { Type: 'String', Description: description, AllowedValues: ['true', 'false'], Default: defaultValue };
}

/** The properties of a function's failed-run alarm: any Errors within five minutes notifies the topic. */
export function failedRunAlarmProperties(description: string, functionName: string, topic: string): Json {
  return {
    AlarmDescription: description,
    Namespace: 'AWS/Lambda',
    MetricName: 'Errors',
    Dimensions: [{ Name: 'FunctionName', Value: ref(functionName) }],
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [ref(topic)],
  };
}
