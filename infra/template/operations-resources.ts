/**
 * Watching the watchers. Config invokes rules asynchronously and never learns that a run failed, so
 * a rule whose role lost a permission would keep showing its last (perhaps COMPLIANT) results. Every
 * failed run therefore raises an alarm on the operations topic, and the invocations that failed for
 * good wait in an encrypted queue.
 */
import { controls } from '#shared/controls/catalog.ts';
import { ALERT_KEY, COMPLIANCE_CHANGE_RULE, NOTIFIER_FUNCTION } from './alert-resources.ts';
import { changeRuleDeadLetterStatement } from './detection-resources.ts';
import { VERIFIER_FUNCTION } from './remediation-resources.ts';
import { FAILED_RUN_KEY, FAILED_RUN_QUEUE, RETAIN, serviceKey } from './control-resources.ts';
import { denyInsecureTransport, eventRuleSends, failedRunAlarmProperties, getAtt, logicalIdOf, ref, type Json } from './template-parts.ts';

export const OPERATIONS_TOPIC = 'OperationsTopic';

export function operationsResources(): Json {
  const functions = [...controls.map((control) => `${logicalIdOf(control)}Function`), NOTIFIER_FUNCTION, VERIFIER_FUNCTION];
  return {
    // EventBridge parks undeliverable compliance changes in the queue.
    [FAILED_RUN_KEY]: serviceKey(
      'Encrypts the queue of ElastiCache Config rule invocations that failed after retries.',
      'EventBridgeEncryptsDeadLetters',
      'events.amazonaws.com',
      ['kms:GenerateDataKey', 'kms:Decrypt'],
    ),
    [FAILED_RUN_QUEUE]: {
      Type: 'AWS::SQS::Queue',
      ...RETAIN,
      Properties: { KmsMasterKeyId: ref(FAILED_RUN_KEY), MessageRetentionPeriod: 1209600 },
    },
    FailedRunQueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [ref(FAILED_RUN_QUEUE)],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            denyInsecureTransport(FAILED_RUN_QUEUE),
            eventRuleSends('ComplianceChangeRuleDeadLetters', FAILED_RUN_QUEUE, COMPLIANCE_CHANGE_RULE),
            changeRuleDeadLetterStatement(),
          ],
        },
      },
    },
    [OPERATIONS_TOPIC]: {
      Type: 'AWS::SNS::Topic',
      Properties: { DisplayName: 'ElastiCache compliance operations', KmsMasterKeyId: ref(ALERT_KEY) },
    },
    OperationsTopicPolicy: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [ref(OPERATIONS_TOPIC)],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AlarmsOfThisAccountPublish',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: ref(OPERATIONS_TOPIC),
              Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
            },
            {
              Sid: 'DenyPublishingWithoutTls',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: ref(OPERATIONS_TOPIC),
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
    OperationsEmailSubscription: {
      Type: 'AWS::SNS::Subscription',
      Condition: 'HasAlertEmail',
      Properties: { TopicArn: ref(OPERATIONS_TOPIC), Protocol: 'email', Endpoint: ref('AlertEmail') },
    },
    ...Object.fromEntries(
      functions.map((fn) => [
        `${fn.replace(/Function$/, '')}FailedRunAlarm`,
        {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: failedRunAlarmProperties(
            fn === VERIFIER_FUNCTION
              ? `A run of ${fn} failed: a remediation runbook could not re-evaluate the resource it changed and ended failed. See its log group for the error.`
              : `A run of ${fn} failed: its results in AWS Config are not current. See its log group for the error.`,
            fn,
            OPERATIONS_TOPIC,
          ),
        },
      ]),
    ),
    FailedRunQueueAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription: 'Invocations failed for good and wait in the failed-run queue: evaluations or alerts were lost until rerun.',
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: getAtt(FAILED_RUN_QUEUE, 'QueueName') }],
        Statistic: 'Maximum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [ref(OPERATIONS_TOPIC)],
      },
    },
  };
}
