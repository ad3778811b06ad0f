/**
 * The compliance notifier as built (dist/compliance-notifier/index.mjs) on Node 24, publishing to an
 * emulated SNS topic (moto). Queues subscribe to the topic with filter policies on the message
 * attributes and without raw delivery, so each queue receives the SNS JSON envelope (Subject,
 * Message, MessageAttributes) of exactly the messages its filter lets through.
 */
import { existsSync } from 'node:fs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { bundlePath, invokeBundle, invokeRecorded } from '../../scripts/local-aws/invoke-bundle.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from '../../scripts/local-aws/moto-server.ts';
import { BACKUP_ANNOTATION, complianceChangeEvent, line } from '../support/compliance-events.ts';
import { ACCOUNT_ID } from '../support/fixtures.ts';

const FUNCTION_NAME = 'compliance-notifier';
const TOPIC_NAME = 'elasticache-config-rules-alerts';

/** The queues subscribed in every test, each with its filter policy (none: every message). */
const SUBSCRIPTIONS = {
  highFindings: { complianceType: ['NON_COMPLIANT'], severity: ['HIGH'] },
  lowFindings: { complianceType: ['NON_COMPLIANT'], severity: ['LOW'] },
  resolved: { notification: ['resolved'] },
  pciFindings: { frameworks: ['pci-dss-4.0.1'], notification: ['finding'] },
  everything: undefined,
} as const;
type QueueName = keyof typeof SUBSCRIPTIONS;

/** What SNS delivers to an SQS subscriber without raw message delivery. */
interface SnsEnvelope {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Subject: string;
  Message: string;
  MessageAttributes: Record<string, { Type: string; Value: string }>;
}

let server: MotoServer;
let env: Record<string, string>;
let sns: SNSClient;
let sqs: SQSClient;
let topicArn: string;
let queueUrls: Record<QueueName, string>;

beforeAll(async () => {
  const bundle = bundlePath(FUNCTION_NAME);
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: these tests run the built notifier. Run \`npm run build\` first (\`make test\` does).`);
  }
  server = await startMotoServer();
  env = awsEnvFor(server);
  const clientConfig = {
    region: env.AWS_REGION,
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  };
  sns = new SNSClient(clientConfig);
  sqs = new SQSClient(clientConfig);
}, 60_000);

afterAll(async () => {
  sns?.destroy();
  sqs?.destroy();
  await server?.stop();
}, 15_000);

beforeEach(async () => {
  await server.reset();
  const topic = await sns.send(new CreateTopicCommand({ Name: TOPIC_NAME }));
  topicArn = topic.TopicArn!;
  const urls: Partial<Record<QueueName, string>> = {};
  for (const [name, filterPolicy] of Object.entries(SUBSCRIPTIONS) as [QueueName, object | undefined][]) {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: Attributes?.QueueArn,
        Attributes: {
          RawMessageDelivery: 'false',
          ...(filterPolicy ? { FilterPolicy: JSON.stringify(filterPolicy) } : {}),
        },
        ReturnSubscriptionArn: true,
      }),
    );
    urls[name] = QueueUrl!;
  }
  queueUrls = urls as Record<QueueName, string>;
});

/** The notifier's environment as the template sets it, pointed at the emulator. */
function notifierEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...env, TOPIC_ARN: topicArn, NOTIFY_ON_RESOLVED: 'true', AUTOMATIC_REMEDIATION_CONTROLS: '', ...overrides };
}

/** Every message waiting in a queue, as the SNS envelopes they carry. SNS delivers to SQS before Publish returns in moto. */
async function received(queue: QueueName): Promise<SnsEnvelope[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrls[queue], MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  );
  return Messages.map((message) => JSON.parse(message.Body ?? '') as SnsEnvelope);
}

describe('the compliance notifier bundle', () => {
  it('delivers a change to NON_COMPLIANT to the HIGH findings queue, with its subject, body and attributes', async () => {
    // Act
    const outcome = await invokeBundle(FUNCTION_NAME, complianceChangeEvent(), notifierEnv());
    // Assess
    expect(outcome).toEqual({ ok: true, result: { published: true, messageId: expect.any(String) } });
    const messages = await received('highFindings');
    expect(messages).toHaveLength(1);
    const [message] = messages as [SnsEnvelope];
    expect(message).toMatchObject({
      Type: 'Notification',
      MessageId: (outcome as { result: { messageId: string } }).result.messageId,
      TopicArn: topicArn,
      Subject: `[NON_COMPLIANT][HIGH] ElastiCache automatic-backup: orders-cache (${ACCOUNT_ID} us-east-1)`,
    });
    expect(message.Message).toMatch(/^An ElastiCache resource does not meet the control "ElastiCache keeps automatic backups long enough"\./);
    expect(line(message.Message, 'Resource')).toBe('AWS::ElastiCache::ReplicationGroup orders-cache');
    expect(line(message.Message, 'Account')).toBe(ACCOUNT_ID);
    expect(line(message.Message, 'Region')).toBe('us-east-1');
    expect(line(message.Message, 'Compliance')).toBe('COMPLIANT -> NON_COMPLIANT');
    expect(line(message.Message, 'Finding')).toBe(BACKUP_ANNOTATION);
    expect(line(message.Message, 'Remediation')).toMatch(/^available on request from the Config console \(SSM Automation\): /);
    expect(line(message.Message, 'Console')).toBe(
      'https://console.aws.amazon.com/config/home?region=us-east-1#/rules/details?configRuleName=elasticache-automatic-backup',
    );
    expect(message.MessageAttributes).toEqual({
      control: { Type: 'String', Value: 'automatic-backup' },
      complianceType: { Type: 'String', Value: 'NON_COMPLIANT' },
      severity: { Type: 'String', Value: 'HIGH' },
      accountId: { Type: 'String', Value: ACCOUNT_ID },
      region: { Type: 'String', Value: 'us-east-1' },
      resourceType: { Type: 'String', Value: 'AWS::ElastiCache::ReplicationGroup' },
      notification: { Type: 'String', Value: 'finding' },
      frameworks: { Type: 'String.Array', Value: '["fsbp","pci-dss-4.0.1","nist-800-53-r5","iso-27001-2022","soc2","nist-csf-2.0","dora"]' },
    });
    expect(message.Message).toContain('\nEvidence for:\n');
    expect(message.Message).toContain('\n- PCI DSS v4.0.1: 10.3.3\n');
    expect(await received('resolved')).toEqual([]);
  }, 30_000);

  it('says the remediation runs automatically for a control listed in AUTOMATIC_REMEDIATION_CONTROLS', async () => {
    // Act: the template lists the controls switched to automatic, with a blank entry for each one off.
    const outcome = await invokeBundle(FUNCTION_NAME, complianceChangeEvent(), notifierEnv({ AUTOMATIC_REMEDIATION_CONTROLS: ',automatic-backup' }));
    // Assess
    expect(outcome).toMatchObject({ ok: true, result: { published: true } });
    const [message] = await received('highFindings');
    expect(line(message?.Message ?? '', 'Remediation')).toMatch(/^runs automatically \(SSM Automation\): /);
  }, 30_000);

  it('says no remediation runs for a standalone cluster, whose type the backup remediation does not take', async () => {
    // Act
    const event = complianceChangeEvent({ resourceType: 'AWS::ElastiCache::CacheCluster', resourceId: 'reports-cache' });
    const outcome = await invokeBundle(FUNCTION_NAME, event, notifierEnv({ AUTOMATIC_REMEDIATION_CONTROLS: 'automatic-backup' }));
    // Assess
    expect(outcome).toMatchObject({ ok: true, result: { published: true } });
    const [message] = await received('highFindings');
    expect(line(message?.Message ?? '', 'Remediation')).toBe('no remediation runs for AWS::ElastiCache::CacheCluster; follow the steps below.');
  }, 30_000);

  it('keeps a HIGH finding out of a queue whose filter asks for LOW severity', async () => {
    // Act
    const outcome = await invokeBundle(FUNCTION_NAME, complianceChangeEvent(), notifierEnv());
    // Assess: published (the unfiltered queue has it), but filtered out of the LOW queue.
    expect(outcome).toMatchObject({ ok: true, result: { published: true } });
    expect(await received('lowFindings')).toEqual([]);
    expect((await received('everything')).map((m) => m.MessageAttributes.severity?.Value)).toEqual(['HIGH']);
  }, 30_000);

  it('delivers findings of PCI-mapped controls to a queue filtering on frameworks = pci-dss-4.0.1, and keeps the others out', async () => {
    // Act: automatic-backup maps PCI DSS 10.3.3; high-availability maps no PCI requirement.
    const backup = await invokeBundle(FUNCTION_NAME, complianceChangeEvent(), notifierEnv());
    const availability = await invokeBundle(
      FUNCTION_NAME,
      complianceChangeEvent({ configRuleName: 'elasticache-high-availability', resourceId: 'sessions-cache' }),
      notifierEnv(),
    );
    // Assess: both published (the unfiltered queue has both), only the PCI one reaches the PCI queue.
    expect(backup).toMatchObject({ ok: true, result: { published: true } });
    expect(availability).toMatchObject({ ok: true, result: { published: true } });
    expect((await received('everything')).map((m) => m.MessageAttributes.control?.Value).sort()).toEqual(['automatic-backup', 'high-availability']);
    const pci = await received('pciFindings');
    expect(pci.map((m) => m.MessageAttributes.control?.Value)).toEqual(['automatic-backup']);
    expect(JSON.parse(pci[0]!.MessageAttributes.frameworks!.Value)).toContain('pci-dss-4.0.1');
  }, 30_000);

  it('sends a resolved finding to the resolved queue only, not to the findings queue', async () => {
    // Prepare
    const event = complianceChangeEvent({ oldCompliance: 'NON_COMPLIANT', newCompliance: 'COMPLIANT', annotation: null });
    // Act
    const outcome = await invokeBundle(FUNCTION_NAME, event, notifierEnv());
    // Assess
    expect(outcome).toMatchObject({ ok: true, result: { published: true } });
    expect(await received('highFindings')).toEqual([]);
    const resolved = await received('resolved');
    expect(resolved.map((m) => m.Subject)).toEqual([`[RESOLVED] ElastiCache automatic-backup: orders-cache (${ACCOUNT_ID} us-east-1)`]);
    expect(resolved[0]?.MessageAttributes).toMatchObject({
      complianceType: { Type: 'String', Value: 'COMPLIANT' },
      notification: { Type: 'String', Value: 'resolved' },
    });
  }, 30_000);

  it('publishes nothing for a first evaluation that is COMPLIANT', async () => {
    // Act
    const invocation = await invokeRecorded(
      server,
      FUNCTION_NAME,
      complianceChangeEvent({ oldCompliance: null, newCompliance: 'COMPLIANT', annotation: null }),
      notifierEnv(),
    );
    // Assess
    expect(invocation.outcome).toEqual({ ok: true, result: { published: false, reason: expect.stringContaining('first evaluation') } });
    expect(invocation.requests).toEqual([]);
    expect(await received('everything')).toEqual([]);
  }, 30_000);

  it('rejects a malformed event naming the field, and publishes nothing', async () => {
    // Prepare
    const event: Record<string, any> = complianceChangeEvent();
    delete event.detail.configRuleName;
    // Act
    const invocation = await invokeRecorded(server, FUNCTION_NAME, event, notifierEnv());
    // Assess
    expect(invocation.outcome).toEqual({
      ok: false,
      error: { name: 'InvalidComplianceEventError', message: 'detail.configRuleName is missing or empty.' },
    });
    expect(invocation.requests).toEqual([]);
    expect(await received('everything')).toEqual([]);
  }, 30_000);

  it('fails naming TOPIC_ARN when it is not a topic ARN', async () => {
    // Act
    const outcome = await invokeBundle(FUNCTION_NAME, complianceChangeEvent(), notifierEnv({ TOPIC_ARN: TOPIC_NAME }));
    // Assess
    expect(outcome).toEqual({
      ok: false,
      error: { name: 'NotifierConfigurationError', message: expect.stringContaining(`TOPIC_ARN "${TOPIC_NAME}"`) },
    });
    expect(await received('everything')).toEqual([]);
  }, 30_000);

  it('fails naming a control id in AUTOMATIC_REMEDIATION_CONTROLS that is not a control, and publishes nothing', async () => {
    // Act
    const outcome = await invokeBundle(FUNCTION_NAME, complianceChangeEvent(), notifierEnv({ AUTOMATIC_REMEDIATION_CONTROLS: 'automatic-backups' }));
    // Assess
    expect(outcome).toEqual({
      ok: false,
      error: { name: 'NotifierConfigurationError', message: expect.stringContaining('AUTOMATIC_REMEDIATION_CONTROLS names "automatic-backups"') },
    });
    expect(await received('everything')).toEqual([]);
  }, 30_000);

  it('fails when the topic does not exist, so that EventBridge retries the event', async () => {
    // Act
    const outcome = await invokeBundle(
      FUNCTION_NAME,
      complianceChangeEvent(),
      notifierEnv({ TOPIC_ARN: `arn:aws:sns:us-east-1:${ACCOUNT_ID}:no-such-topic` }),
    );
    // Assess
    expect(outcome).toMatchObject({ ok: false, error: { name: 'NotFoundException' } });
  }, 30_000);
});
