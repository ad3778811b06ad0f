/**
 * The change detector as built (dist/change-detector/index.mjs) on Node 24 against the emulator:
 * real SQS queues, Config rules registered as the stack and the packs name them, and
 * StartConfigRulesEvaluation served by the emulator's extension (scripts/local-aws/moto_ext/config_rules.py,
 * from botocore's model, refusing a second start of a rule within a minute as Config does).
 * A sample CloudTrail event of each declared call goes on the queue; one tick must start exactly the
 * rules of the controls declaring it, and leave the queue empty.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { controls } from '#shared/controls/catalog.ts';
import { controlIdOfRule } from '#shared/detection/rule-directory.ts';
import type { TriggeringService } from '#shared/detection/triggering-calls.ts';
import { invokeBundle } from '../../scripts/local-aws/invoke-bundle.ts';
import { cloudTrailEvent, type ApiCall } from '../support/cloudtrail-events.ts';
import { env, server, useEmulator } from '../support/emulator.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RULES = [
  ...controls.map((c) => `elasticache-${c.id}`),
  'elasticache-automatic-backup-conformance-pack-x1y2z3',
  'OrgConfigRule-elasticache-subnet-privacy-ab12cd34',
  's3-bucket-versioning-enabled',
];
const ids = controls.map((c) => c.id);

useEmulator();

let sqs: SQSClient;
let changeQueue: string;
let failedQueue: string;

beforeEach(async () => {
  sqs = new SQSClient({ endpoint: env.AWS_ENDPOINT_URL, region: env.AWS_REGION, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  changeQueue = (await sqs.send(new CreateQueueCommand({ QueueName: 'ChangeQueue', Attributes: { VisibilityTimeout: '60' } }))).QueueUrl!;
  failedQueue = (await sqs.send(new CreateQueueCommand({ QueueName: 'FailedRunQueue' }))).QueueUrl!;
  const seeded = spawnSync(`${root}.venv/bin/python`, [`${root}scripts/local-aws/seed_config_rules.py`, server.endpoint, ...RULES], { encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seeding the Config rules failed: ${seeded.stderr}`);
}, 30_000);

async function tick(...calls: ApiCall[]) {
  for (const [i, call] of calls.entries()) {
    await sqs.send(new SendMessageCommand({ QueueUrl: changeQueue, MessageBody: JSON.stringify(cloudTrailEvent({ sequence: i, ...call })) }));
  }
  await server.startRecording();
  const outcome = await invokeBundle('change-detector', {}, { ...env, CHANGE_QUEUE_URL: changeQueue, FAILED_RUN_QUEUE_URL: failedQueue, RULE_NAMING: 'prefix', MEMBER_ROLE_NAME: '' });
  const recorded = await server.downloadRecording();
  await server.stopRecording();
  const started = recorded
    .filter((r) => r.operation === 'StartConfigRulesEvaluation')
    .flatMap((r) => (JSON.parse(r.body) as { ConfigRuleNames: string[] }).ConfigRuleNames);
  return { outcome, started };
}

const waiting = async (queueUrl: string): Promise<number> => {
  const reply = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(reply.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(reply.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
};

const declared = [
  ...new Set(controls.flatMap((c) => (Object.entries(c.triggeringCalls) as [TriggeringService, readonly string[]][]).flatMap(([s, names]) => names.map((n) => `${s}:${n}`)))),
].map((key) => key.split(':') as [TriggeringService, string]);

describe('one tick of the built detector', () => {
  it.each(declared)('Given a successful %s:%s, then it starts exactly the rules of the controls declaring it', async (service, eventName) => {
    // Prepare
    const affected = controls.filter((c) => (c.triggeringCalls[service] ?? []).includes(eventName)).map((c) => c.id);
    const expected = RULES.filter((name) => affected.includes(controlIdOfRule(name, ids, 'prefix') ?? '')).sort();
    // Act
    const { outcome, started } = await tick({ service, eventName });
    // Assess
    expect(outcome).toMatchObject({ ok: true });
    expect(started.sort()).toEqual(expected);
    expect(await waiting(changeQueue)).toBe(0);
    expect(await waiting(failedQueue)).toBe(0);
  }, 30_000);

  it('Given failed and read-only calls only, then it starts nothing and empties the queue', async () => {
    // Act
    const { outcome, started } = await tick(
      { service: 'elasticache', eventName: 'ModifyReplicationGroup', errorCode: 'InvalidReplicationGroupState' },
      { service: 'elasticache', eventName: 'DescribeReplicationGroups', readOnly: true },
      { service: 'ec2', eventName: 'CreateRoute', errorCode: 'RouteAlreadyExists' },
    );
    // Assess
    expect(outcome).toMatchObject({ ok: true, result: expect.objectContaining({ ignored: { 'failed-call': 2, 'read-only-call': 1 } }) });
    expect(started).toEqual([]);
    expect(await waiting(changeQueue)).toBe(0);
  }, 30_000);

  it('Given a change within a minute of the last start, then Config refuses and the rule waits on the queue as a pending start', async () => {
    // Prepare: a first tick starts the rules a key change affects (kms:DisableKey: the two encryption controls judging keys).
    const keyRules = ['elasticache-encryption-at-rest', 'elasticache-snapshot-encryption'];
    const first = await tick({ service: 'kms', eventName: 'DisableKey' });
    expect(first.started).toEqual(keyRules);
    // Act: a new Lambda environment (no memory of the first start) sees a second change.
    const second = await tick({ service: 'kms', eventName: 'EnableKey', sequence: 9 });
    // Assess
    expect(second.started).toEqual(keyRules);
    expect(second.outcome).toMatchObject({ ok: true, result: expect.objectContaining({ deferred: [expect.objectContaining({ reason: 'LimitExceededException' }), expect.objectContaining({ reason: 'LimitExceededException' })] }) });
    const pending = await sqs.send(new ReceiveMessageCommand({ QueueUrl: changeQueue, MaxNumberOfMessages: 10 }));
    expect((pending.Messages ?? []).map((m) => JSON.parse(m.Body!)).map((b) => [b.kind, b.ruleName, b.attempts]).sort()).toEqual(
      keyRules.map((rule) => ['pending-start', rule, 1]),
    );
    expect(await waiting(failedQueue)).toBe(0);
  }, 60_000);
});
