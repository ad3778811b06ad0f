/**
 * Alerts: an EventBridge rule for compliance changes of this package's rules invokes the notifier,
 * which publishes to an SNS topic encrypted with a customer managed key. Only the notifier may
 * publish, and only over TLS.
 */
import { ORGANIZATION_RULE_PREFIX, RULE_NAME_PREFIX } from '#shared/controls/catalog.ts';
import { FAILED_RUN_QUEUE, NO_VPC_SKIP, POWERTOOLS_VARIABLES, functionBase, serviceKey, functionHousekeeping, lambdaTrustPolicy, logGroup } from './control-resources.ts';
import { automaticRemediationControls } from './remediation-resources.ts';
import { getAtt, ref, sub, switchParameter, type Json } from './template-parts.ts';

export const NOTIFIER_FUNCTION = 'ComplianceNotifierFunction';
export const NOTIFIER_ROLE = 'ComplianceNotifierRole';
export const ALERT_TOPIC = 'AlertTopic';
export const ALERT_KEY = 'AlertKey';
export const COMPLIANCE_CHANGE_RULE = 'ComplianceChangeRule';

/**
 * Conformance packs rename rules to `<name>-conformance-pack-<suffix>` and organization rules to
 * `OrgConfigRule-<name>-<suffix>`: both keep the package prefix at a known place.
 */
export const RULE_NAME_PATTERNS = [{ prefix: RULE_NAME_PREFIX }, { prefix: `${ORGANIZATION_RULE_PREFIX}${RULE_NAME_PREFIX}` }];

export const ALERT_PARAMETERS: Json = {
  AlertEmail: {
    Type: 'String',
    Description: 'Optional e-mail address subscribed to the alert topic (confirm the subscription mail). Blank: no subscription.',
    AllowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    Default: '',
  },
  NotifyOnResolved: switchParameter(
    'When "true", a resource returning to COMPLIANT (or no longer applicable) sends a "resolved" message.',
    'true',
  ),
};

export function alertResources(): Json {
  const logs = 'ComplianceNotifierLogGroup';
  return {
    // CloudWatch alarms publish to the encrypted operations topic.
    [ALERT_KEY]: serviceKey(
      'Encrypts the ElastiCache compliance alert and operations topics.',
      'AlarmsEncryptNotifications',
      'cloudwatch.amazonaws.com',
      ['kms:GenerateDataKey*', 'kms:Decrypt'],
    ),
    AlertKeyAlias: {
      Type: 'AWS::KMS::Alias',
      Properties: { AliasName: sub('alias/elasticache-config-rules/${AWS::StackName}/alerts'), TargetKeyId: ref(ALERT_KEY) },
    },
    [ALERT_TOPIC]: {
      Type: 'AWS::SNS::Topic',
      Properties: { DisplayName: 'ElastiCache compliance', KmsMasterKeyId: ref(ALERT_KEY) },
    },
    AlertTopicPolicy: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [ref(ALERT_TOPIC)],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'NotifierPublishes', Effect: 'Allow', Principal: { AWS: getAtt(NOTIFIER_ROLE, 'Arn') }, Action: 'sns:Publish', Resource: ref(ALERT_TOPIC) },
            {
              Sid: 'OnlyTheNotifierPublishes',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: ref(ALERT_TOPIC),
              Condition: { ArnNotEquals: { 'aws:PrincipalArn': getAtt(NOTIFIER_ROLE, 'Arn') } },
            },
            {
              Sid: 'DenyPublishingWithoutTls',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: ref(ALERT_TOPIC),
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
    AlertEmailSubscription: {
      Type: 'AWS::SNS::Subscription',
      Condition: 'HasAlertEmail',
      Properties: { TopicArn: ref(ALERT_TOPIC), Protocol: 'email', Endpoint: ref('AlertEmail') },
    },
    [NOTIFIER_FUNCTION]: {
      Type: 'AWS::Serverless::Function',
      Metadata: {
        checkov: {
          skip: [
            NO_VPC_SKIP,
            {
              id: 'CKV_AWS_173',
              comment: 'The environment holds the topic ARN and two true/false switches, no secrets; Lambda encrypts it at rest.',
            },
          ],
        },
      },
      Properties: {
        Description: 'Publishes one SNS message per compliance change of the ElastiCache Config rules.',
        ...functionBase('compliance-notifier', logs, NOTIFIER_ROLE),
        Timeout: 30,
        // Bounds a burst of compliance changes; EventBridge retries throttled deliveries.
        ReservedConcurrentExecutions: { 'Fn::If': ['ReserveConcurrency', 5, ref('AWS::NoValue')] },
        Environment: {
          Variables: {
            ...POWERTOOLS_VARIABLES,
            TOPIC_ARN: ref(ALERT_TOPIC),
            NOTIFY_ON_RESOLVED: ref('NotifyOnResolved'),
            AUTOMATIC_REMEDIATION_CONTROLS: automaticRemediationControls(),
          },
        },
      },
    },
    [NOTIFIER_ROLE]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'Execution role of the compliance notifier: publish to the alert topic.',
        AssumeRolePolicyDocument: lambdaTrustPolicy(),
        Policies: [
          {
            PolicyName: 'publish-alerts',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Sid: 'PublishAlerts', Effect: 'Allow', Action: 'sns:Publish', Resource: ref(ALERT_TOPIC) },
                {
                  // SNS encrypts each message with a data key from the topic's key, on the publisher's behalf.
                  Sid: 'EncryptAlerts',
                  Effect: 'Allow',
                  Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
                  Resource: getAtt(ALERT_KEY, 'Arn'),
                  Condition: { StringEquals: { 'kms:ViaService': sub('sns.${AWS::Region}.amazonaws.com') } },
                },
                ...functionHousekeeping(logs),
              ],
            },
          },
        ],
      },
    },
    [logs]: logGroup('compliance-notifier'),
    [COMPLIANCE_CHANGE_RULE]: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: 'Compliance changes of the ElastiCache Config rules (also when renamed by conformance packs or organizations).',
        EventPattern: {
          source: ['aws.config'],
          'detail-type': ['Config Rules Compliance Change'],
          detail: { configRuleName: RULE_NAME_PATTERNS },
        },
        Targets: [
          {
            Id: 'compliance-notifier',
            Arn: getAtt(NOTIFIER_FUNCTION, 'Arn'),
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
            DeadLetterConfig: { Arn: getAtt(FAILED_RUN_QUEUE, 'Arn') },
          },
        ],
      },
    },
    ComplianceNotifierEventsPermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(NOTIFIER_FUNCTION, 'Arn'),
        Principal: 'events.amazonaws.com',
        SourceArn: getAtt(COMPLIANCE_CHANGE_RULE, 'Arn'),
      },
    },
  };
}
