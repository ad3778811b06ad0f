/**
 * Change detection (switch `ChangeDetection`): an EventBridge rule on the CloudTrail events of the
 * calls the catalog declares puts them on an encrypted queue; a one-minute schedule runs the change
 * detector, which drains the queue and starts the affected rules (shared/detection/detector.ts says
 * why a tick rather than an SQS trigger). What the detector cannot start for good, and what the
 * queue cannot deliver, lands in the failed-run queue, whose alarm reaches the operations topic.
 */
import { controls } from '#shared/controls/catalog.ts';
import { changeEventPattern } from '#shared/detection/triggering-calls.ts';
import {
  FAILED_RUN_QUEUE,
  NO_VPC_SKIP,
  assumeMemberRoleStatement,
  functionBase,
  POWERTOOLS_VARIABLES,
  functionHousekeeping,
  lambdaTrustPolicy,
  logGroup,
  serviceKey,
} from './control-resources.ts';
import { denyInsecureTransport, eventRuleSends, failedRunAlarmProperties, getAtt, logicalIdOf, ref, sub, switchParameter, type Json } from './template-parts.ts';

export const DETECTION_CONDITION = 'DetectChanges';
export const CHANGE_EVENT_RULE = 'ChangeEventRule';
export const CHANGE_QUEUE = 'ChangeQueue';
export const CHANGE_KEY = 'ChangeQueueKey';
export const DETECTOR_FUNCTION = 'ChangeDetectorFunction';
export const DETECTOR_ROLE = 'ChangeDetectorRole';
export const DETECTOR_SCHEDULE = 'ChangeDetectorSchedule';

/** Returns to the queue before SQS parks a message the detector keeps failing on (about 10 minutes). */
export const CHANGE_MAX_RECEIVES = 10;

export const DETECTION_PARAMETERS: Json = {
  ChangeDetection: switchParameter(
    'When "true", a change to a cache, its network or its KMS key (CloudTrail management events through EventBridge) starts the affected rules within minutes instead of at the next period. Needs CloudTrail management events (any trail) in this Region.',
    'true',
  ),
};

export const DETECTION_CONDITIONS: Json = {
  [DETECTION_CONDITION]: { 'Fn::Equals': [ref('ChangeDetection'), 'true'] },
  DetectChangesInOrganization: { 'Fn::And': [{ Condition: DETECTION_CONDITION }, { Condition: 'OrganizationMode' }] },
};

/** The stack's own rules by ARN when it deploys them; otherwise (a conformance pack) this account's rules. */
function startableRules(): Json {
  return {
    'Fn::If': [
      'DeployRules',
      controls.map((control) => getAtt(`${logicalIdOf(control)}Rule`, 'Arn')),
      [sub('arn:${AWS::Partition}:config:${AWS::Region}:${AWS::AccountId}:config-rule/*')],
    ],
  };
}

export function detectionResources(): Json {
  const logs = 'ChangeDetectorLogGroup';
  const when = { Condition: DETECTION_CONDITION };
  return {
    // EventBridge encrypts what it puts on the queue with this key.
    [CHANGE_KEY]: {
      ...when,
      ...serviceKey('Encrypts the queue of ElastiCache-related API calls awaiting a Config rule evaluation.', 'EventBridgeEncryptsChanges', 'events.amazonaws.com', [
        'kms:GenerateDataKey',
        'kms:Decrypt',
      ]),
    },
    [CHANGE_QUEUE]: {
      ...when,
      Type: 'AWS::SQS::Queue',
      Properties: {
        KmsMasterKeyId: ref(CHANGE_KEY),
        // Longer than an invocation (50 s), so a message is not handed out twice during one tick.
        VisibilityTimeout: 60,
        // Four days: a detector broken over a weekend still finds every change when it is fixed.
        MessageRetentionPeriod: 345600,
        RedrivePolicy: { deadLetterTargetArn: getAtt(FAILED_RUN_QUEUE, 'Arn'), maxReceiveCount: CHANGE_MAX_RECEIVES },
      },
    },
    ChangeQueuePolicy: {
      ...when,
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [ref(CHANGE_QUEUE)],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            denyInsecureTransport(CHANGE_QUEUE),
            eventRuleSends('ChangeEventRuleSends', CHANGE_QUEUE, CHANGE_EVENT_RULE),
          ],
        },
      },
    },
    [CHANGE_EVENT_RULE]: {
      ...when,
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: 'Successful API calls that can change a verdict of the ElastiCache Config rules (declared per control in the catalog).',
        EventPattern: changeEventPattern(controls),
        Targets: [
          {
            Id: 'change-queue',
            Arn: getAtt(CHANGE_QUEUE, 'Arn'),
            RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
            DeadLetterConfig: { Arn: getAtt(FAILED_RUN_QUEUE, 'Arn') },
          },
        ],
      },
    },
    // Organization mode: member accounts forward their events to this account's default bus.
    ChangeEventBusPolicy: {
      Condition: 'DetectChangesInOrganization',
      Type: 'AWS::Events::EventBusPolicy',
      Properties: {
        StatementId: sub('elasticache-config-rules-${AWS::StackName}-member-changes'),
        Statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default'),
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ref('OrganizationId') } },
        },
      },
    },
    [DETECTOR_FUNCTION]: {
      ...when,
      Type: 'AWS::Serverless::Function',
      Metadata: {
        checkov: {
          skip: [
            NO_VPC_SKIP,
            { id: 'CKV_AWS_173', comment: 'The environment holds two queue URLs, a role name and a naming mode, no secrets; Lambda encrypts it at rest.' },
          ],
        },
      },
      Properties: {
        Description: 'Starts the ElastiCache Config rules that queued API calls affect, at most once a minute per rule.',
        ...functionBase('change-detector', logs, DETECTOR_ROLE),
        Timeout: 50,
        // One tick at a time: two would race for the same rules and turn each other's starts into refusals.
        ReservedConcurrentExecutions: { 'Fn::If': ['ReserveConcurrency', 1, ref('AWS::NoValue')] },
        // The next tick is the retry; a failed tick goes to the failed-run queue and raises the alarm.
        EventInvokeConfig: { MaximumRetryAttempts: 0 },
        Environment: {
          Variables: {
            ...POWERTOOLS_VARIABLES,
            CHANGE_QUEUE_URL: ref(CHANGE_QUEUE),
            FAILED_RUN_QUEUE_URL: ref(FAILED_RUN_QUEUE),
            RULE_NAMING: { 'Fn::If': ['DeployRules', 'stack', 'prefix'] },
            MEMBER_ROLE_NAME: ref('MemberAccountRoleName'),
          },
        },
      },
    },
    [DETECTOR_ROLE]: {
      ...when,
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'Execution role of the change detector: drain the change queue, list and start the ElastiCache Config rules.',
        AssumeRolePolicyDocument: lambdaTrustPolicy(),
        Policies: [
          {
            PolicyName: 'start-affected-rules',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                // DescribeConfigRules is a list action on no resource type (Service Authorization Reference).
                { Sid: 'ListRules', Effect: 'Allow', Action: 'config:DescribeConfigRules', Resource: '*' },
                { Sid: 'StartRules', Effect: 'Allow', Action: 'config:StartConfigRulesEvaluation', Resource: startableRules() },
                {
                  Sid: 'DrainAndRequeueChanges',
                  Effect: 'Allow',
                  Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage'],
                  Resource: getAtt(CHANGE_QUEUE, 'Arn'),
                },
                {
                  Sid: 'DecryptChanges',
                  Effect: 'Allow',
                  Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
                  Resource: getAtt(CHANGE_KEY, 'Arn'),
                  Condition: { StringEquals: { 'kms:ViaService': sub('sqs.${AWS::Region}.amazonaws.com') } },
                },
                assumeMemberRoleStatement(),
                ...functionHousekeeping(logs),
              ],
            },
          },
        ],
      },
    },
    [logs]: { ...when, ...logGroup('change-detector') },
    [DETECTOR_SCHEDULE]: {
      ...when,
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: 'Runs the change detector once a minute, the shortest interval Config allows between two starts of a rule.',
        ScheduleExpression: 'rate(1 minute)',
        Targets: [{ Id: 'change-detector', Arn: getAtt(DETECTOR_FUNCTION, 'Arn') }],
      },
    },
    ChangeDetectorSchedulePermission: {
      ...when,
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(DETECTOR_FUNCTION, 'Arn'),
        Principal: 'events.amazonaws.com',
        SourceArn: getAtt(DETECTOR_SCHEDULE, 'Arn'),
      },
    },
    ChangeDetectorFailedRunAlarm: {
      ...when,
      Type: 'AWS::CloudWatch::Alarm',
      Properties: failedRunAlarmProperties('A tick of the change detector failed: changes wait on the change queue and rules may show results older than the changes. See its log group.', DETECTOR_FUNCTION, 'OperationsTopic'),
    },
    ChangeQueueAgeAlarm: {
      ...when,
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription:
          'A change has waited over 15 minutes for its rule to start (the detector is not running, or Config keeps refusing): compliance in Config may be stale.',
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: getAtt(CHANGE_QUEUE, 'QueueName') }],
        Statistic: 'Maximum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 900,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [ref('OperationsTopic')],
      },
    },
  };
}

/** The failed-run queue's grant to the change rule, for undeliverable changes (only while it exists). */
export function changeRuleDeadLetterStatement(): Json {
  return {
    'Fn::If': [
      DETECTION_CONDITION,
      eventRuleSends('ChangeEventRuleDeadLetters', FAILED_RUN_QUEUE, CHANGE_EVENT_RULE),
      ref('AWS::NoValue'),
    ],
  };
}
