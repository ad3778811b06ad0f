/**
 * A principal that may not call DescribeServerlessCaches (a member-account role deployed before
 * serverless caches were inventoried) against an emulator that authorizes every request with IAM, as
 * AWS does: the run fails naming the action and reports nothing; with includeServerlessCaches
 * "false" the same principal's run completes.
 *
 * moto enforces IAM once INITIAL_NO_AUTH_ACTION_COUNT actions have been served; the setup below makes
 * exactly that many (create the user, its policy and its key, and the replication group).
 */
import { CreateReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { estateClients } from '../../scripts/local-aws/estate-builders.ts';
import { invokeRecorded, scheduledEvent } from '../../scripts/local-aws/invoke-bundle.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from '../../scripts/local-aws/moto-server.ts';

const SETUP_ACTIONS = 4;
/** What an older member-account role granted: everything the rules read, except serverless caches. */
const LEGACY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['elasticache:DescribeReplicationGroups', 'elasticache:DescribeCacheClusters', 'config:PutEvaluations', 'config:GetComplianceDetailsByConfigRule'],
      Resource: '*',
    },
  ],
};

let server: MotoServer;
let legacyEnv: Record<string, string>;

beforeAll(async () => {
  server = await startMotoServer({ env: { INITIAL_NO_AUTH_ACTION_COUNT: String(SETUP_ACTIONS) } });
  const adminEnv = awsEnvFor(server);
  const iam = (action: string, parameters: Record<string, string>) => iamQuery(server.endpoint, action, parameters);
  await iam('CreateUser', { UserName: 'legacy-rule-role' });
  await iam('PutUserPolicy', { UserName: 'legacy-rule-role', PolicyName: 'legacy', PolicyDocument: JSON.stringify(LEGACY_POLICY) });
  const key = await iam('CreateAccessKey', { UserName: 'legacy-rule-role' });
  await estateClients(adminEnv).elasticache.send(
    new CreateReplicationGroupCommand({ ReplicationGroupId: 'orders', ReplicationGroupDescription: 'orders', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.small', NumCacheClusters: 2, SnapshotRetentionLimit: 7 }),
  );
  // An IAM user's long-term key signs without a session token.
  legacyEnv = { ...adminEnv, AWS_ACCESS_KEY_ID: field(key, 'AccessKeyId'), AWS_SECRET_ACCESS_KEY: field(key, 'SecretAccessKey') };
  delete legacyEnv.AWS_SESSION_TOKEN;
}, 60_000);

afterAll(async () => {
  await server?.stop();
}, 20_000);

it('fails naming elasticache:DescribeServerlessCaches when the role may not call it, and reports nothing', async () => {
  // Act
  const invocation = await invokeRecorded(server, 'automatic-backup', scheduledEvent('automatic-backup', new Date('2026-11-27T06:00:00Z')), legacyEnv);
  // Assess
  expect(invocation.outcome.ok).toBe(false);
  if (invocation.outcome.ok) return;
  expect(invocation.outcome.error.name).toBe('MissingPermissionError');
  expect(invocation.outcome.error.message).toContain('elasticache:DescribeServerlessCaches');
  expect(invocation.putEvaluations).toEqual([]);
}, 60_000);

it('completes with includeServerlessCaches "false", proving the other calls were allowed', async () => {
  // Act
  const invocation = await invokeRecorded(
    server,
    'automatic-backup',
    scheduledEvent('automatic-backup', new Date('2026-11-27T06:00:00Z'), { ruleParameters: { includeServerlessCaches: 'false' } }),
    legacyEnv,
  );
  // Assess
  expect(invocation.outcome.ok).toBe(true);
  expect(invocation.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([['orders', 'COMPLIANT']]);
}, 60_000);

/** An IAM query-protocol call, made before moto enforces IAM (so it needs no signature). */
async function iamQuery(endpoint: string, action: string, parameters: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ Action: action, Version: '2010-05-08', ...parameters });
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=testing/20261127/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`IAM ${action} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

function field(xml: string, name: string): string {
  const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml);
  if (!match?.[1]) throw new Error(`no ${name} in ${xml.slice(0, 300)}`);
  return match[1];
}
