/**
 * Organization mode (rule parameter ExecutionRoleName), as built bundles on Node 24 against the
 * emulator (moto). moto lets anyone assume any role without the role existing, and the credentials
 * it hands out act as the role's account: caches created with them live in the member account and
 * are invisible to the central one. So a run that lists with the wrong credentials reports the wrong
 * caches, and the request recorder shows which key signed each call.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import { createReplicationGroup, estateClients } from '../../scripts/local-aws/estate-builders.ts';
import { DEMO_ACCOUNT_ID, invokeRecorded, scheduledEvent, type ConfigRuleInvocation, type RecordedInvocation } from '../../scripts/local-aws/invoke-bundle.ts';
import type { RecordedRequest } from '../../scripts/local-aws/moto-server.ts';
import { aws as central, env, group, server, useEmulator, verdicts } from '../support/emulator.ts';

const CENTRAL_ACCOUNT = DEMO_ACCOUNT_ID;
const MEMBER_ACCOUNT = '222222222222';
const ROLE_NAME = 'elasticache-config-rules-member';
const ROLE_ARN = `arn:aws:iam::${MEMBER_ACCOUNT}:role/${ROLE_NAME}`;
const MEMBER_RULE_ARN = `arn:aws:config:us-east-1:${MEMBER_ACCOUNT}:config-rule/config-rule-x`;
const NOTIFICATION_TIME = new Date('2026-11-27T06:00:00.373Z');

// `env` is the function's own (central account) environment; `central` seeds that account.
useEmulator();

function sts(environment: Readonly<Record<string, string>>): STSClient {
  return new STSClient({
    region: environment.AWS_REGION!,
    endpoint: environment.AWS_ENDPOINT_URL!,
    credentials: {
      accessKeyId: environment.AWS_ACCESS_KEY_ID!,
      secretAccessKey: environment.AWS_SECRET_ACCESS_KEY!,
      sessionToken: environment.AWS_SESSION_TOKEN!,
    },
    maxAttempts: 1,
  });
}

/** The environment of someone who assumed the member account's role (the test's own session). */
async function memberEnv(): Promise<Record<string, string>> {
  const { Credentials } = await sts(env).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'organization-mode-test-seeding' }));
  return {
    ...env,
    AWS_ACCESS_KEY_ID: Credentials!.AccessKeyId!,
    AWS_SECRET_ACCESS_KEY: Credentials!.SecretAccessKey!,
    AWS_SESSION_TOKEN: Credentials!.SessionToken!,
  };
}

/** Who the emulator takes an access key for (moto checks no signature, so any secret will do). */
async function callerOf(accessKeyId: string): Promise<GetCallerIdentityResponse> {
  return sts({ ...env, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'unused', AWS_SESSION_TOKEN: 'unused' }).send(
    new GetCallerIdentityCommand({}),
  );
}

/** Two groups (with their member clusters) in the member account, one in the central account. */
async function seedTwoAccounts(): Promise<void> {
  const member = estateClients(await memberEnv());
  await createReplicationGroup(member, group('member-orders', { retentionDays: 0 }));
  await createReplicationGroup(member, group('member-sessions', { tls: 'off' }));
  await createReplicationGroup(central, group('central-payments', { tls: 'off', retentionDays: 0 }));
}

/** What a member account's rule sends the central function, in test mode. */
function memberEvent(controlId: string, overrides: Partial<ConfigRuleInvocation> = {}, ruleParameters = { ExecutionRoleName: ROLE_NAME }): ConfigRuleInvocation {
  return {
    ...scheduledEvent(controlId, NOTIFICATION_TIME, { accountId: MEMBER_ACCOUNT, ruleParameters }),
    configRuleArn: MEMBER_RULE_ARN,
    ...overrides,
  };
}

/** The access key id a request was signed with (SigV4 `Credential=<key>/<date>/<region>/…`). */
function signingKey(request: RecordedRequest): string {
  const authorization = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '';
  const key = /Credential=([^/]+)\//.exec(authorization)?.[1];
  if (!key) throw new Error(`${request.operation} carries no SigV4 Authorization header: ${JSON.stringify(authorization)}`);
  return key;
}

function assumeRoleRequests(invocation: RecordedInvocation): RecordedRequest[] {
  return invocation.requests.filter((request) => request.operation === 'AssumeRole');
}

function formField(request: RecordedRequest, name: string): string | null {
  return new URLSearchParams(request.body).get(name);
}

function expectSucceeded(invocation: RecordedInvocation): void {
  if (!invocation.outcome.ok) throw new Error(`the run failed: ${invocation.outcome.error.name}: ${invocation.outcome.error.message}`);
}

/**
 * The run assumed `roleArn` exactly once, first, with the function's own credentials, then made every
 * other call with the credentials it got back. Returns the assumed access key.
 */
async function expectEverythingAsTheMember(invocation: RecordedInvocation, controlId: string, roleArn: string): Promise<string> {
  const [assumeRole, ...calls] = invocation.requests;
  expect(assumeRoleRequests(invocation)).toHaveLength(1);
  expect(assumeRole?.operation).toBe('AssumeRole');
  expect(formField(assumeRole!, 'RoleArn')).toBe(roleArn);
  const sessionName = formField(assumeRole!, 'RoleSessionName') ?? '';
  expect(sessionName).toContain(controlId);
  expect(sessionName).toMatch(/^[\w+=,.@-]{2,64}$/);
  expect(signingKey(assumeRole!)).toBe(env.AWS_ACCESS_KEY_ID);

  expect(new Set(calls.map((request) => request.operation))).toEqual(
    new Set(['DescribeReplicationGroups', 'DescribeCacheClusters', 'DescribeServerlessCaches', 'PutEvaluations']),
  );
  const assumedKey = signingKey(calls[0]!);
  expect(assumedKey).not.toBe(env.AWS_ACCESS_KEY_ID);
  expect(calls.map((request) => `${request.operation} ${signingKey(request)}`)).toEqual(
    calls.map((request) => `${request.operation} ${assumedKey}`),
  );
  // The key is the one that AssumeRole issued to this run's session, in the member account.
  const caller = await callerOf(assumedKey);
  expect({ Account: caller.Account, Arn: caller.Arn }).toEqual({
    Account: MEMBER_ACCOUNT,
    Arn: `arn:aws:sts::${MEMBER_ACCOUNT}:assumed-role/${ROLE_NAME}/${sessionName}`,
  });
  return assumedKey;
}

describe('organization mode', () => {
  it('without ExecutionRoleName, a run sees only the central account (the emulator keeps the accounts apart)', async () => {
    // Prepare
    await seedTwoAccounts();
    // Act
    const invocation = await invokeRecorded(server, 'automatic-backup', scheduledEvent('automatic-backup', NOTIFICATION_TIME), env);
    // Assess
    expectSucceeded(invocation);
    expect(verdicts(invocation)).toEqual({ 'central-payments': 'NON_COMPLIANT' });
    expect(assumeRoleRequests(invocation)).toEqual([]);
    for (const request of invocation.requests) expect(signingKey(request)).toBe(env.AWS_ACCESS_KEY_ID);
    expect((await callerOf(env.AWS_ACCESS_KEY_ID!)).Account).toBe(CENTRAL_ACCOUNT);
  }, 30_000);

  it.each([
    ['automatic-backup', { 'member-orders': 'NON_COMPLIANT', 'member-sessions': 'COMPLIANT' }],
    ['encryption-in-transit', { 'member-orders': 'COMPLIANT', 'member-sessions': 'NON_COMPLIANT' }],
  ])('%s assumes the member account\'s role once and lists and reports only with its credentials', async (controlId, expected) => {
    // Prepare
    await seedTwoAccounts();
    // Act
    const invocation = await invokeRecorded(server, controlId, memberEvent(controlId), env);
    // Assess
    expectSucceeded(invocation);
    await expectEverythingAsTheMember(invocation, controlId, ROLE_ARN);
    // The member account's groups, not the central one, and never their member clusters.
    expect(verdicts(invocation)).toEqual(expected);
    expect(invocation.putEvaluations.length).toBeGreaterThan(0);
    for (const request of invocation.putEvaluations) {
      expect(request.ResultToken).toBe('TESTMODE');
      expect(request.TestMode).toBe(true);
    }
  }, 30_000);

  it('takes the partition of the role from the rule\'s ARN (arn:aws-cn)', async () => {
    // Prepare
    await seedTwoAccounts();
    const event = memberEvent('encryption-in-transit', {
      configRuleArn: `arn:aws-cn:config:cn-north-1:${MEMBER_ACCOUNT}:config-rule/config-rule-x`,
    });
    // Act
    const invocation = await invokeRecorded(server, 'encryption-in-transit', event, env);
    // Assess: moto ignores the partition (it issues credentials for the role all the same, and its
    // assumed-role ARN says arn:aws), so the run goes on in the member account of the emulator.
    expect(assumeRoleRequests(invocation).map((request) => formField(request, 'RoleArn'))).toEqual([
      `arn:aws-cn:iam::${MEMBER_ACCOUNT}:role/${ROLE_NAME}`,
    ]);
    expectSucceeded(invocation);
    await expectEverythingAsTheMember(invocation, 'encryption-in-transit', `arn:aws-cn:iam::${MEMBER_ACCOUNT}:role/${ROLE_NAME}`);
    expect(verdicts(invocation)).toEqual({ 'member-orders': 'COMPLIANT', 'member-sessions': 'NON_COMPLIANT' });
  }, 30_000);
});

describe('organization mode refusals, before any AWS call', () => {
  it.each([
    ['a role path', 'service-role/bad'],
    ['a slash', 'bad/role'],
    ['65 characters', 'r'.repeat(65)],
  ])('refuses an ExecutionRoleName with %s', async (_what, roleName) => {
    // Prepare
    await seedTwoAccounts();
    // Act
    const invocation = await invokeRecorded(server, 'automatic-backup', memberEvent('automatic-backup', {}, { ExecutionRoleName: roleName }), env);
    // Assess
    expect(invocation.outcome).toEqual({
      ok: false,
      error: { name: 'InvalidParameterError', message: expect.stringContaining('Rule parameter "ExecutionRoleName"') },
    });
    expect(invocation.requests.map((request) => request.operation)).toEqual([]);
  }, 30_000);

  it('refuses ExecutionRoleName when the event names no account, without assuming anything', async () => {
    // Prepare
    await seedTwoAccounts();
    const event: Partial<ConfigRuleInvocation> = memberEvent('encryption-in-transit');
    delete event.accountId;
    // Act
    const invocation = await invokeRecorded(server, 'encryption-in-transit', event, env);
    // Assess
    expect(invocation.outcome).toEqual({
      ok: false,
      error: { name: 'InvalidEventError', message: expect.stringMatching(/ExecutionRoleName is set but the event's accountId .* is not a 12-digit account id/) },
    });
    expect(assumeRoleRequests(invocation)).toEqual([]);
    expect(invocation.requests.map((request) => request.operation)).toEqual([]);
  }, 30_000);
});
