/**
 * The notifier, with the SNS client mocked at `send`: one Publish per finding, none otherwise, and a
 * malformed event or a bad setting refused before anything is published.
 */
import type {} from 'aws-sdk-client-mock-jest';
import { createRequire } from 'node:module';
import { mockClient } from 'aws-sdk-client-mock';
import { AuthorizationErrorException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { composeAlert } from '#shared/alerts/alert-message.ts';
import { InvalidComplianceEventError, parseComplianceChange } from '#shared/alerts/compliance-change.ts';
import {
  NotifierConfigurationError,
  createNotifierHandler,
  notifierConfiguration,
  notify,
  type NotifierConfiguration,
} from '#shared/alerts/notifier.ts';
import { createAwsSession } from '#shared/aws/session.ts';
import { logEntries } from '../../support/captured-output.ts';
import { complianceChangeEvent } from '../../support/compliance-events.ts';
import { CONTROL_SUMMARIES } from '../../support/control-summaries.ts';
import { ACCOUNT_ID } from '../../support/fixtures.ts';

// The matchers' ES build is not marked as a module, so jest's ESM loader cannot import it; the
// CommonJS build registers the same matchers on the shared `expect`.
createRequire(import.meta.url)('aws-sdk-client-mock-jest');

const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT_ID}:elasticache-config-rules-alerts`;
const MESSAGE_ID = '95df01b4-ee98-5cb9-9903-4c221d41eb5e';
const CONFIGURATION: NotifierConfiguration = { topicArn: TOPIC_ARN, notifyOnResolved: true, automaticRemediationControls: new Set() };

const sns = mockClient(SNSClient);

const NOTIFIER_VARIABLES = ['TOPIC_ARN', 'NOTIFY_ON_RESOLVED', 'AUTOMATIC_REMEDIATION_CONTROLS'];
beforeAll(() => {
  process.env.AWS_REGION = 'us-east-1';
});

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: MESSAGE_ID });
  for (const name of NOTIFIER_VARIABLES) delete process.env[name];
});

afterAll(() => {
  for (const name of NOTIFIER_VARIABLES) delete process.env[name];
  sns.restore();
});

describe('notify', () => {
  it('publishes a finding once, with the topic, subject, body, String message attributes and the String.Array of frameworks', async () => {
    // Prepare
    const event = complianceChangeEvent();
    const expected = composeAlert(parseComplianceChange(event), CONTROL_SUMMARIES, CONFIGURATION);
    if (!expected.publish) throw new Error('the fixture should raise a finding');
    // Act
    const result = await notify(event, CONTROL_SUMMARIES, CONFIGURATION, createAwsSession());
    // Assess
    expect(result).toEqual({ published: true, messageId: MESSAGE_ID });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC_ARN,
      Subject: expected.message.subject,
      Message: expected.message.body,
      MessageAttributes: {
        control: { DataType: 'String', StringValue: 'automatic-backup' },
        complianceType: { DataType: 'String', StringValue: 'NON_COMPLIANT' },
        severity: { DataType: 'String', StringValue: 'HIGH' },
        accountId: { DataType: 'String', StringValue: ACCOUNT_ID },
        region: { DataType: 'String', StringValue: 'us-east-1' },
        resourceType: { DataType: 'String', StringValue: 'AWS::ElastiCache::ReplicationGroup' },
        notification: { DataType: 'String', StringValue: 'finding' },
        frameworks: { DataType: 'String.Array', StringValue: '["fsbp","pci-dss-4.0.1","nist-800-53-r5","iso-27001-2022","soc2","nist-csf-2.0","dora"]' },
      },
    });
    expect(expected.message.subject).toBe(`[NON_COMPLIANT][HIGH] ElastiCache automatic-backup: orders-cache (${ACCOUNT_ID} us-east-1)`);
  });

  it('publishes a resolved finding when resolved messages are on', async () => {
    // Act
    const result = await notify(
      complianceChangeEvent({ oldCompliance: 'NON_COMPLIANT', newCompliance: 'COMPLIANT', annotation: null }),
      CONTROL_SUMMARIES,
      CONFIGURATION,
      createAwsSession(),
    );
    // Assess
    expect(result.published).toBe(true);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.Subject).toMatch(/^\[RESOLVED\] /);
    expect(input.MessageAttributes?.notification).toEqual({ DataType: 'String', StringValue: 'resolved' });
  });

  it.each([
    ['a first evaluation that is COMPLIANT', complianceChangeEvent({ oldCompliance: null, newCompliance: 'COMPLIANT', annotation: null }), CONFIGURATION],
    ['COMPLIANT -> NOT_APPLICABLE', complianceChangeEvent({ oldCompliance: 'COMPLIANT', newCompliance: 'NOT_APPLICABLE', annotation: null }), CONFIGURATION],
    ['a rule of another package', complianceChangeEvent({ configRuleName: 'elasticache-redis-cluster-automatic-backup-check' }), CONFIGURATION],
    [
      'a resolved finding with resolved messages off',
      complianceChangeEvent({ oldCompliance: 'NON_COMPLIANT', newCompliance: 'COMPLIANT', annotation: null }),
      { ...CONFIGURATION, notifyOnResolved: false },
    ],
  ])('publishes nothing for %s', async (_case, event, configuration) => {
    // Act
    const result = await notify(event, CONTROL_SUMMARIES, configuration, createAwsSession());
    // Assess
    expect(result).toEqual({ published: false, reason: expect.any(String) });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('rejects a malformed event, logs why, and never calls SNS', async () => {
    // Prepare
    const event = { ...complianceChangeEvent(), source: 'custom.compliance' };
    // Act
    const outcome = notify(event, CONTROL_SUMMARIES, CONFIGURATION, createAwsSession());
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(InvalidComplianceEventError);
    await expect(outcome).rejects.toThrow(/from "custom\.compliance"/);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(logEntries('ERROR')).toHaveLength(1);
    expect(logEntries('ERROR')[0]).toMatchObject({
      level: 'ERROR',
      message: 'compliance change event rejected; nothing was published',
      error: expect.stringContaining('custom.compliance'),
    });
  });

  it.each(['1', '0', '-1', '12', '2024-02-30T12:00:00Z', '2026-11-27T06:00:42'])(
    'rejects an event whose time is %j, naming it, and never calls SNS',
    async (time) => {
      // Prepare
      const event = { ...complianceChangeEvent(), time };
      // Act
      const outcome = notify(event, CONTROL_SUMMARIES, CONFIGURATION, createAwsSession());
      // Assess
      await expect(outcome).rejects.toBeInstanceOf(InvalidComplianceEventError);
      await expect(outcome).rejects.toThrow(`time ${JSON.stringify(time)} `);
      expect(sns).not.toHaveReceivedCommand(PublishCommand);
    },
  );

  it('fails when SNS refuses the message, so that EventBridge retries the event', async () => {
    // Prepare: e.g. the function may not use the topic's KMS key.
    sns.on(PublishCommand).rejects(
      new AuthorizationErrorException({ message: 'User is not authorized to perform kms:GenerateDataKey', $metadata: { httpStatusCode: 403 } }),
    );
    // Act
    const outcome = notify(complianceChangeEvent(), CONTROL_SUMMARIES, CONFIGURATION, createAwsSession());
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(AuthorizationErrorException);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('reports no message id when SNS returns none', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({});
    // Act
    const result = await notify(complianceChangeEvent(), CONTROL_SUMMARIES, CONFIGURATION, createAwsSession());
    // Assess
    expect(result).toEqual({ published: true });
  });
});

describe('notifierConfiguration', () => {
  /** The configuration read from `env` against the test summaries. */
  const configurationOf = (env: NodeJS.ProcessEnv) => notifierConfiguration(env, CONTROL_SUMMARIES);

  it('reads the topic, with resolved messages on and every remediation on request by default', () => {
    expect(configurationOf({ TOPIC_ARN })).toEqual({ topicArn: TOPIC_ARN, notifyOnResolved: true, automaticRemediationControls: new Set() });
  });

  it('reads the switch and the controls remediated automatically, and an empty setting as its default', () => {
    expect(configurationOf({ TOPIC_ARN, NOTIFY_ON_RESOLVED: 'false', AUTOMATIC_REMEDIATION_CONTROLS: 'automatic-backup' })).toEqual({
      topicArn: TOPIC_ARN,
      notifyOnResolved: false,
      automaticRemediationControls: new Set(['automatic-backup']),
    });
    expect(configurationOf({ TOPIC_ARN, NOTIFY_ON_RESOLVED: '', AUTOMATIC_REMEDIATION_CONTROLS: '' })).toMatchObject({
      notifyOnResolved: true,
      automaticRemediationControls: new Set(),
    });
  });

  it.each([
    ['both remediable controls, around spaces', ' encryption-in-transit , automatic-backup ', ['encryption-in-transit', 'automatic-backup']],
    ['the blank entries the template leaves for controls switched off', ',automatic-backup', ['automatic-backup']],
    ['only blank entries', ',', []],
  ])('reads AUTOMATIC_REMEDIATION_CONTROLS with %s', (_case, value, ids) => {
    expect(configurationOf({ TOPIC_ARN, AUTOMATIC_REMEDIATION_CONTROLS: value }).automaticRemediationControls).toEqual(new Set(ids));
  });

  it.each([
    'arn:aws-cn:sns:cn-north-1:123456789012:alerts',
    'arn:aws-us-gov:sns:us-gov-west-1:123456789012:alerts',
  ])('accepts the topic ARN %s of another partition', (topicArn) => {
    expect(configurationOf({ TOPIC_ARN: topicArn }).topicArn).toBe(topicArn);
  });

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['TOPIC_ARN missing', {}, /^Environment variable TOPIC_ARN undefined is not an SNS topic ARN/],
    ['TOPIC_ARN a topic name', { TOPIC_ARN: 'elasticache-config-rules-alerts' }, /^Environment variable TOPIC_ARN "elasticache-config-rules-alerts"/],
    ['TOPIC_ARN a queue ARN', { TOPIC_ARN: `arn:aws:sqs:us-east-1:${ACCOUNT_ID}:alerts` }, /TOPIC_ARN .* is not an SNS topic ARN/],
    ['NOTIFY_ON_RESOLVED "yes"', { TOPIC_ARN, NOTIFY_ON_RESOLVED: 'yes' }, /^Environment variable NOTIFY_ON_RESOLVED is "yes"; use "true" or "false"/],
    [
      'AUTOMATIC_REMEDIATION_CONTROLS naming an unknown control',
      { TOPIC_ARN, AUTOMATIC_REMEDIATION_CONTROLS: 'automatic-backup,automatic-backups' },
      /^Environment variable AUTOMATIC_REMEDIATION_CONTROLS names "automatic-backups", which is not a control; use a comma-separated list of: encryption-in-transit, encryption-at-rest, automatic-backup, subnet-privacy(, [a-z-]+)*\.$/,
    ],
    [
      'AUTOMATIC_REMEDIATION_CONTROLS of "true" (the former switch)',
      { TOPIC_ARN, AUTOMATIC_REMEDIATION_CONTROLS: 'true' },
      /^Environment variable AUTOMATIC_REMEDIATION_CONTROLS names "true", which is not a control/,
    ],
  ])('refuses %s, naming the variable', (_case, env, message) => {
    // Act
    const configure = () => configurationOf(env);
    // Assess
    expect(configure).toThrow(NotifierConfigurationError);
    expect(configure).toThrow(message);
  });
});

describe('createNotifierHandler', () => {
  it('reads its settings from the environment at each event', async () => {
    // Prepare
    process.env.TOPIC_ARN = TOPIC_ARN;
    process.env.AUTOMATIC_REMEDIATION_CONTROLS = 'automatic-backup';
    const handler = createNotifierHandler(CONTROL_SUMMARIES);
    // Act
    const result = await handler(complianceChangeEvent());
    // Assess
    expect(result).toEqual({ published: true, messageId: MESSAGE_ID });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC_ARN,
      Message: expect.stringContaining('Remediation: runs automatically (SSM Automation runbook elasticache-automatic-backup)'),
    });
  });

  it('honours NOTIFY_ON_RESOLVED=false', async () => {
    // Prepare
    process.env.TOPIC_ARN = TOPIC_ARN;
    process.env.NOTIFY_ON_RESOLVED = 'false';
    // Act
    const result = await createNotifierHandler()(complianceChangeEvent({ oldCompliance: 'NON_COMPLIANT', newCompliance: 'COMPLIANT' }));
    // Assess
    expect(result).toEqual({ published: false, reason: 'resolved messages are turned off' });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('fails naming an unknown control in AUTOMATIC_REMEDIATION_CONTROLS, and publishes nothing', async () => {
    // Prepare
    process.env.TOPIC_ARN = TOPIC_ARN;
    process.env.AUTOMATIC_REMEDIATION_CONTROLS = 'backup';
    // Act
    const outcome = createNotifierHandler(CONTROL_SUMMARIES)(complianceChangeEvent());
    // Assess
    await expect(outcome).rejects.toThrow(NotifierConfigurationError);
    await expect(outcome).rejects.toThrow(/AUTOMATIC_REMEDIATION_CONTROLS names "backup"/);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('fails naming TOPIC_ARN when it is not set, and publishes nothing', async () => {
    // Act
    const outcome = createNotifierHandler()(complianceChangeEvent());
    // Assess
    await expect(outcome).rejects.toThrow(NotifierConfigurationError);
    await expect(outcome).rejects.toThrow(/TOPIC_ARN/);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });
});
