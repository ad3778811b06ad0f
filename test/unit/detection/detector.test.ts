/**
 * One tick of the change detector against SQS, Config and STS mocked at `send` (moto has no
 * StartConfigRulesEvaluation): the replies and refusals are shaped as the API references give them.
 */
import type {} from 'aws-sdk-client-mock-jest';
import { jest } from '@jest/globals';
import { createRequire } from 'node:module';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConfigServiceClient,
  DescribeConfigRulesCommand,
  InvalidParameterValueException,
  LimitExceededException,
  ResourceInUseException,
  StartConfigRulesEvaluationCommand,
  type ConfigRule,
} from '@aws-sdk/client-config-service';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, SendMessageBatchCommand, type Message } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsSession } from '#shared/aws/session.ts';
import { assumeExecutionRole } from '#shared/aws/execution-role.ts';
import { MAX_START_ATTEMPTS, runDetectorTick, type DetectorContext, type DetectorSettings } from '#shared/detection/detector.ts';
import type { PendingStart } from '#shared/detection/change-queue.ts';
import type { ControlTriggers } from '#shared/detection/triggering-calls.ts';
import { configAccessDenied } from '../../support/aws-errors.ts';
import { CALL_TIME, cloudTrailEvent, type ApiCall } from '../../support/cloudtrail-events.ts';
import { ACCOUNT_ID, REGION } from '../../support/fixtures.ts';

createRequire(import.meta.url)('aws-sdk-client-mock-jest');

const CHANGE_QUEUE = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/elasticache-config-rules-ChangeQueue-1A2B3C`;
const FAILED_QUEUE = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/elasticache-config-rules-FailedRunQueue-4D5E6F`;
const MEMBER_ACCOUNT = '210987654321';
const NOW = Date.parse(CALL_TIME) + 40_000;

/**
 * A fixed catalog, so that the scenarios do not change as controls are added: two controls with
 * the declarations encryption-in-transit and automatic-backup had when these tests were written.
 */
const controls: readonly ControlTriggers[] = [
  { id: 'encryption-in-transit', triggeringCalls: { elasticache: ['CreateCacheCluster', 'DeleteCacheCluster', 'ModifyReplicationGroup'] } },
  {
    id: 'automatic-backup',
    triggeringCalls: { elasticache: ['CreateCacheCluster', 'DeleteCacheCluster', 'ModifyReplicationGroup', 'ModifyCacheCluster', 'ModifyServerlessCache'] },
  },
];

const sqs = mockClient(SQSClient);
const config = mockClient(ConfigServiceClient);
const sts = mockClient(STSClient);

const settings = (overrides: Partial<DetectorSettings> = {}): DetectorSettings => ({
  changeQueueUrl: CHANGE_QUEUE,
  failedRunQueueUrl: FAILED_QUEUE,
  region: REGION,
  accountId: ACCOUNT_ID,
  partition: 'aws',
  memberRoleName: undefined,
  ruleNaming: 'prefix',
  drain: { maxMessages: 10_000, budgetMs: 20_000, visibilitySeconds: 55 },
  ...overrides,
});

function context(overrides: Partial<DetectorContext> = {}): DetectorContext {
  const session = createAwsSession();
  return { session, assumeRole: (arn) => assumeExecutionRole(session, arn, 'test'), now: () => NOW, recentStarts: new Map(), ...overrides };
}

/** DescribeConfigRules' ConfigRule, as the API reference shapes it. */
function rule(name: string, state: ConfigRule['ConfigRuleState'] = 'ACTIVE'): ConfigRule {
  return {
    ConfigRuleName: name,
    ConfigRuleArn: `arn:aws:config:${REGION}:${ACCOUNT_ID}:config-rule/config-rule-${name.length.toString(36)}abc1`,
    ConfigRuleId: `config-rule-${name.length.toString(36)}abc1`,
    ConfigRuleState: state,
    Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:rule`, SourceDetails: [] },
  };
}

const STACK_RULES = controls.map((c) => rule(`elasticache-${c.id}`));

/** Serves `bodies` as one queue: one page of up to ten per receive, then empty. */
function queueHolding(bodies: readonly unknown[]): Message[] {
  const messages = bodies.map((body, i) => ({
    MessageId: `0f1e2d3c-0000-4000-8000-${String(i).padStart(12, '0')}`,
    ReceiptHandle: `AQEB-receipt-${i}`,
    Body: typeof body === 'string' ? body : JSON.stringify(body),
    Attributes: { ApproximateReceiveCount: '1' },
  }));
  let served = 0;
  sqs.on(ReceiveMessageCommand).callsFake((input: { MaxNumberOfMessages?: number }) => {
    const page = messages.slice(served, served + (input.MaxNumberOfMessages ?? 1));
    served += page.length;
    return { Messages: page };
  });
  return messages;
}

const call = (eventName: string, extra: Partial<ApiCall> = {}) => cloudTrailEvent({ service: 'elasticache', eventName, ...extra });
const sentTo = (url: string): unknown[] =>
  sqs
    .commandCalls(SendMessageBatchCommand)
    .filter((c) => c.args[0].input.QueueUrl === url)
    .flatMap((c) => (c.args[0].input.Entries ?? []).map((e) => JSON.parse(e.MessageBody!)));
const deletedReceipts = (): string[] => sqs.commandCalls(DeleteMessageBatchCommand).flatMap((c) => (c.args[0].input.Entries ?? []).map((e) => e.ReceiptHandle!));
const startedRules = (): string[] => config.commandCalls(StartConfigRulesEvaluationCommand).flatMap((c) => c.args[0].input.ConfigRuleNames ?? []);

beforeAll(() => {
  process.env.AWS_REGION = REGION;
  // The detector logs one line per tick and one per parked start; keep the output to what failed.
  process.env.LOG_LEVEL = 'error';
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

beforeEach(() => {
  sqs.reset();
  config.reset();
  sts.reset();
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
  sqs.on(DeleteMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
  config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: STACK_RULES });
  config.on(StartConfigRulesEvaluationCommand).resolves({});
});

afterAll(() => {
  sqs.restore();
  config.restore();
  sts.restore();
});

describe('coalescing', () => {
  it('Given 35 changes to backups, then each affected rule is started once, one rule per call, and every message is deleted', async () => {
    // Prepare
    const messages = queueHolding(Array.from({ length: 35 }, (_, i) => call('ModifyReplicationGroup', { sequence: i })));
    // Act
    const report = await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(startedRules().sort()).toEqual(['elasticache-automatic-backup', 'elasticache-encryption-in-transit']);
    expect(config).toHaveReceivedCommandTimes(StartConfigRulesEvaluationCommand, 2);
    expect(report.started.map((s) => s.latencyMs)).toEqual([40_000, 40_000]);
    expect(deletedReceipts().sort()).toEqual(messages.map((m) => m.ReceiptHandle).sort());
    expect(sentTo(CHANGE_QUEUE)).toEqual([]);
  });

  it('lists the rules once per tick, page by page, and starts conformance pack and organization rules by name prefix', async () => {
    // Prepare
    queueHolding([call('CreateCacheCluster'), call('DeleteCacheCluster')]);
    config
      .on(DescribeConfigRulesCommand)
      .resolvesOnce({ ConfigRules: [rule('s3-bucket-versioning-enabled'), rule('elasticache-automatic-backup-conformance-pack-x1y2z3')], NextToken: 'page-2' })
      .resolvesOnce({ ConfigRules: [rule('OrgConfigRule-elasticache-automatic-backup-ab12cd34'), rule('elasticache-automatic-backup-old', 'DELETING')] });
    // Act
    await runDetectorTick(settings(), context(), controls.filter((c) => c.id === 'automatic-backup'));
    // Assess
    expect(config).toHaveReceivedCommandTimes(DescribeConfigRulesCommand, 2);
    expect(config.commandCalls(DescribeConfigRulesCommand).map((c) => c.args[0].input)).toEqual([{}, { NextToken: 'page-2' }]);
    expect(startedRules()).toEqual(['elasticache-automatic-backup-conformance-pack-x1y2z3', 'OrgConfigRule-elasticache-automatic-backup-ab12cd34']);
  });

  it('with the stack naming, starts only the stack\'s own rules, the only ones its role may start', async () => {
    // Prepare
    queueHolding([call('CreateCacheCluster')]);
    config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [rule('elasticache-automatic-backup'), rule('elasticache-automatic-backup-conformance-pack-x1y2z3')] });
    // Act
    await runDetectorTick(settings({ ruleNaming: 'stack' }), context(), controls);
    // Assess
    expect(startedRules()).toEqual(['elasticache-automatic-backup']);
  });
});

describe('refusals and in-progress evaluations', () => {
  it.each([
    ['LimitExceededException', new LimitExceededException({ message: 'An evaluation is already in progress.', $metadata: { httpStatusCode: 400 } })],
    ['ResourceInUseException', new ResourceInUseException({ message: 'The rule is being updated.', $metadata: { httpStatusCode: 400 } })],
  ])('Given Config refuses with %s, then the rule goes back on the queue as one pending start and the changes are deleted', async (_name, refusal) => {
    // Prepare
    const messages = queueHolding([call('ModifyCacheCluster', { sequence: 1 }), call('ModifyCacheCluster', { sequence: 2, eventTime: '2026-11-27T05:59:30Z' })]);
    config.on(StartConfigRulesEvaluationCommand).rejects(refusal);
    // Act
    const report = await runDetectorTick(settings(), context(), controls);
    // Assess
    const pending: PendingStart = {
      kind: 'pending-start',
      account: ACCOUNT_ID,
      region: REGION,
      ruleName: 'elasticache-automatic-backup',
      controlId: 'automatic-backup',
      firstChangeAt: Date.parse('2026-11-27T05:59:30Z'),
      attempts: 1,
    };
    expect(sentTo(CHANGE_QUEUE)).toEqual([pending]);
    expect(report.deferred).toEqual([expect.objectContaining({ ruleName: 'elasticache-automatic-backup', reason: refusal.name })]);
    expect(deletedReceipts().sort()).toEqual(messages.map((m) => m.ReceiptHandle).sort());
  });

  it('Given a rule listed as EVALUATING, then it is not called at all but handed on as a pending start', async () => {
    // Prepare
    queueHolding([call('ModifyServerlessCache')]);
    config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [rule('elasticache-automatic-backup', 'EVALUATING')] });
    // Act
    await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(config).not.toHaveReceivedCommand(StartConfigRulesEvaluationCommand);
    expect(sentTo(CHANGE_QUEUE)).toEqual([expect.objectContaining({ ruleName: 'elasticache-automatic-backup', attempts: 1 })]);
  });

  it('Given a rule this detector started under a minute ago, then it waits for the next tick without calling Config', async () => {
    // Prepare
    queueHolding([call('ModifyServerlessCache')]);
    const recentStarts = new Map([[`${ACCOUNT_ID}/${REGION}/elasticache-automatic-backup`, NOW - 59_000]]);
    // Act
    await runDetectorTick(settings(), context({ recentStarts }), controls);
    // Assess
    expect(config).not.toHaveReceivedCommand(StartConfigRulesEvaluationCommand);
    expect(sentTo(CHANGE_QUEUE)).toEqual([expect.objectContaining({ ruleName: 'elasticache-automatic-backup' })]);
  });

  it('Given a pending start and new changes to the same rule, then one start serves them all, dated from the earliest', async () => {
    // Prepare
    const pending: PendingStart = {
      kind: 'pending-start',
      account: ACCOUNT_ID,
      region: REGION,
      ruleName: 'elasticache-automatic-backup',
      controlId: 'automatic-backup',
      firstChangeAt: NOW - 200_000,
      attempts: 3,
    };
    queueHolding([pending, call('ModifyCacheCluster')]);
    // Act
    const report = await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(startedRules()).toEqual(['elasticache-automatic-backup']);
    expect(report.started).toEqual([expect.objectContaining({ ruleName: 'elasticache-automatic-backup', latencyMs: 200_000 })]);
    expect(sentTo(CHANGE_QUEUE)).toEqual([]);
  });

  it(`Given a rule refused for the ${MAX_START_ATTEMPTS}th tick, then it is parked in the failed-run queue with the command to start it by hand`, async () => {
    // Prepare
    queueHolding([
      { kind: 'pending-start', account: ACCOUNT_ID, region: REGION, ruleName: 'elasticache-automatic-backup', controlId: 'automatic-backup', firstChangeAt: NOW - 1_800_000, attempts: MAX_START_ATTEMPTS - 1 },
    ]);
    config.on(StartConfigRulesEvaluationCommand).rejects(new LimitExceededException({ message: 'in progress', $metadata: {} }));
    // Act
    await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(sentTo(CHANGE_QUEUE)).toEqual([]);
    expect(sentTo(FAILED_QUEUE)).toEqual([
      expect.objectContaining({
        kind: 'failed-start',
        ruleName: 'elasticache-automatic-backup',
        attempts: MAX_START_ATTEMPTS,
        reason: expect.stringContaining('aws configservice start-config-rules-evaluation --config-rule-names elasticache-automatic-backup'),
      }),
    ]);
  });

  it('Given a pending start whose rule has since been deleted, then it is dropped: there is nothing left to evaluate', async () => {
    // Prepare
    queueHolding([{ kind: 'pending-start', account: ACCOUNT_ID, region: REGION, ruleName: 'elasticache-gone', controlId: 'automatic-backup', firstChangeAt: NOW, attempts: 2 }]);
    // Act
    const report = await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(config).not.toHaveReceivedCommand(StartConfigRulesEvaluationCommand);
    expect(report.ignored).toEqual({ 'no-rule-deployed': 1 });
    expect(deletedReceipts()).toHaveLength(1);
  });
});

describe('failures for good', () => {
  it.each([
    ['access denied', configAccessDenied('config:StartConfigRulesEvaluation'), /Access denied for config:StartConfigRulesEvaluation on rule elasticache-automatic-backup/],
    ['an invalid request', new InvalidParameterValueException({ message: 'bad rule name', $metadata: {} }), /Config refused to start rule elasticache-automatic-backup: InvalidParameterValueException/],
  ])('Given %s, then the start is parked in the failed-run queue at once and the change deleted', async (_title, error, reason) => {
    // Prepare
    queueHolding([call('ModifyCacheCluster')]);
    config.on(StartConfigRulesEvaluationCommand).rejects(error);
    // Act
    await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(sentTo(CHANGE_QUEUE)).toEqual([]);
    expect(sentTo(FAILED_QUEUE)).toEqual([expect.objectContaining({ kind: 'failed-start', ruleName: 'elasticache-automatic-backup', reason: expect.stringMatching(reason) })]);
    expect(deletedReceipts()).toHaveLength(1);
  });

  it('Given a message that is not JSON or a malformed CloudTrail event, then it is parked as it came, with the reason', async () => {
    // Prepare
    const broken = call('ModifyCacheCluster') as any;
    delete broken.detail.eventTime;
    queueHolding(['{not json', broken, { kind: 'pending-start', account: ACCOUNT_ID }]);
    // Act
    await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(sentTo(FAILED_QUEUE)).toEqual([
      { kind: 'unreadable-change-event', reason: 'The message body is not JSON.', body: '{not json' },
      { kind: 'unreadable-change-event', reason: 'detail.eventTime is missing or not a string.', body: JSON.stringify(broken) },
      {
        kind: 'unreadable-change-event',
        reason: 'The message is neither an "AWS API Call via CloudTrail" event nor a pending start.',
        body: JSON.stringify({ kind: 'pending-start', account: ACCOUNT_ID }),
      },
    ]);
    expect(deletedReceipts()).toHaveLength(3);
  });

  it('keeps only the start of a large unreadable message, so that ten fit one batch', async () => {
    // Prepare
    queueHolding([`{"detail-type":"AWS API Call via CloudTrail","padding":"${'x'.repeat(200_000)}`]);
    // Act
    await runDetectorTick(settings(), context(), controls);
    // Assess
    const [parked] = sentTo(FAILED_QUEUE) as { body: string }[];
    expect(parked!.body).toMatch(/… \(200\d{3} characters in all\)$/);
    expect(parked!.body.length).toBeLessThan(8_300);
  });

  it('Given the rules cannot be listed for a transient reason, then the changes stay on the queue for the next tick', async () => {
    // Prepare
    queueHolding([call('ModifyCacheCluster')]);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    config.on(DescribeConfigRulesCommand).rejects(throttled);
    // Act
    const report = await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(report.kept).toBe(1);
    expect(sqs).not.toHaveReceivedCommand(DeleteMessageBatchCommand);
  });

  it('Given SQS refuses to take a pending start, then the tick fails before deleting anything', async () => {
    // Prepare
    queueHolding([call('ModifyCacheCluster')]);
    config.on(StartConfigRulesEvaluationCommand).rejects(new LimitExceededException({ message: 'in progress', $metadata: {} }));
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [{ Id: 'm0', Code: 'KMS.AccessDeniedException', SenderFault: true, Message: 'denied' }] });
    // Act and assess
    await expect(runDetectorTick(settings(), context(), controls)).rejects.toThrow(/SQS refused 1 message\(s\) to .*ChangeQueue.*KMS.AccessDeniedException/);
    expect(sqs).not.toHaveReceivedCommand(DeleteMessageBatchCommand);
  });
});

describe('what starts nothing', () => {
  it.each([
    ['a failed call', call('ModifyReplicationGroup', { errorCode: 'InvalidReplicationGroupStateFault' }), 'failed-call'],
    ['a read-only call', call('DescribeReplicationGroups', { readOnly: true }), 'read-only-call'],
    ['an undeclared call', call('AddTagsToResource'), 'undeclared-call'],
    ['a change in another Region', call('ModifyReplicationGroup', { region: 'eu-west-1' }), 'other-region'],
    ['a change in another account outside organization mode', call('ModifyReplicationGroup', { account: MEMBER_ACCOUNT }), 'unknown-account'],
  ])('Given %s, then nothing is started and the message is deleted', async (_title, event, reason) => {
    // Prepare
    queueHolding([event]);
    // Act
    const report = await runDetectorTick(settings(), context(), controls);
    // Assess
    expect(config).not.toHaveReceivedCommand(StartConfigRulesEvaluationCommand);
    expect(report.ignored).toEqual({ [reason]: 1 });
    expect(deletedReceipts()).toHaveLength(1);
  });
});

describe('organization mode', () => {
  it('Given a member account\'s change, then its rules are listed and started with the member role, the queues with the detector\'s own', async () => {
    // Prepare
    queueHolding([call('ModifyReplicationGroup', { account: MEMBER_ACCOUNT })]);
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIAMEMBER', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date(NOW + 900_000) },
    });
    // Act
    await runDetectorTick(settings({ memberRoleName: 'elasticache-config-rules-member' }), context(), controls);
    // Assess
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: `arn:aws:iam::${MEMBER_ACCOUNT}:role/elasticache-config-rules-member` });
    expect(startedRules().sort()).toEqual(['elasticache-automatic-backup', 'elasticache-encryption-in-transit']);
    const startCredentials = await config.commandCalls(StartConfigRulesEvaluationCommand)[0]!.thisValue.config.credentials();
    expect(startCredentials.accessKeyId).toBe('ASIAMEMBER');
  });

  it('Given the member role cannot be assumed, then the changes are parked as failed, naming the account', async () => {
    // Prepare
    queueHolding([call('ModifyReplicationGroup', { account: MEMBER_ACCOUNT })]);
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }));
    // Act
    await runDetectorTick(settings({ memberRoleName: 'elasticache-config-rules-member' }), context(), controls);
    // Assess
    expect(sentTo(FAILED_QUEUE)).toEqual([expect.objectContaining({ kind: 'failed-start', account: MEMBER_ACCOUNT, reason: expect.stringContaining(`The rules of account ${MEMBER_ACCOUNT} cannot be listed or started`) })]);
    expect(deletedReceipts()).toHaveLength(1);
  });
});
