/**
 * An estate past every page boundary: 250 replication groups (500 member clusters) and 30 standalone
 * clusters. The engine must page every listing at 100, judge each cache exactly once, and report in
 * PutEvaluations calls of at most 100 evaluations (Config's limit).
 */
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateUserCommand, CreateUserGroupCommand, ModifyReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { controls } from '#shared/controls/context/catalog.ts';
import { CACHE_INVENTORY, inventoryOf } from '#shared/inventory/inventories.ts';
import { createDemoKeys, type DemoKeys } from '../../scripts/local-aws/demo-estate.ts';
import { createCacheCluster, createReplicationGroup, createVpc, estateClients, type EstateClients } from '../../scripts/local-aws/estate-builders.ts';
import { invokeRecorded, scheduledEvent, type RecordedInvocation } from '../../scripts/local-aws/invoke-bundle.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from '../../scripts/local-aws/moto-server.ts';

const GROUPS = 250;
const STANDALONE = 30;
const MEMBERS_PER_GROUP = 2;
const PAGE = 100;
/** Creations in flight at once: enough to seed quickly, few enough for the emulator on 2 cores. */
const PARALLEL = 8;
/** Security groups and user groups shared among the replication groups: past one page or batch each. */
const SECURITY_GROUPS = 150;
const USER_GROUPS = 150;

let server: MotoServer;
let env: Record<string, string>;
let aws: EstateClients;
let keys: DemoKeys;
const groupIds = Array.from({ length: GROUPS }, (_, i) => `group-${String(i).padStart(3, '0')}`);
const clusterIds = Array.from({ length: STANDALONE }, (_, i) => `standalone-${String(i).padStart(2, '0')}`);
let memberIds: string[] = [];

async function inBatches<T>(items: readonly T[], create: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL) {
    await Promise.all(items.slice(start, start + PARALLEL).map(create));
  }
}

beforeAll(async () => {
  server = await startMotoServer();
  env = awsEnvFor(server);
  aws = estateClients(env);
  keys = await createDemoKeys(aws);
  const keyChoices = [keys.enabled.arn, keys.other.arn, keys.disabled.arn];
  const securityGroupIds: string[] = [];
  const vpc = await createVpc(aws, 'scale-vpc', '10.50.0.0/16');
  // One at a time: concurrent CreateSecurityGroup calls failed on the emulator (HTTP 500).
  for (let i = 0; i < SECURITY_GROUPS; i++) {
    const { GroupId } = await aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: `cache-${i}`, Description: `cache ${i}`, VpcId: vpc }));
    securityGroupIds[i] = GroupId!;
  }
  // Likewise one at a time: concurrent CreateUserGroup calls failed on the emulator (HTTP 500).
  for (let i = 0; i < USER_GROUPS; i++) {
    await aws.elasticache.send(new CreateUserCommand({ UserId: `app-${i}`, UserName: `app-${i}`, Engine: 'redis', AccessString: 'on ~* +@all', Passwords: ['correct-horse-battery-staple-1'] }));
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: `users-${i}`, Engine: 'redis', UserIds: ['default', `app-${i}`] }));
  }
  const members: string[][] = [];
  await inBatches(groupIds, async (id) => {
    const index = Number(id.slice(-3));
    // Half Valkey: their members are linked to the group only through MemberClusters.
    members[index] = await createReplicationGroup(aws, {
      id,
      engine: index % 2 === 0 ? 'redis' : 'valkey',
      engineVersion: index % 2 === 0 ? '7.1' : '8.0',
      tls: index % 3 === 0 ? 'preferred' : 'required',
      atRest: { kmsKeyId: keyChoices[index % keyChoices.length]! },
      retentionDays: index % 5,
      replicas: MEMBERS_PER_GROUP - 1,
      securityGroupIds: [securityGroupIds[index % SECURITY_GROUPS]!],
    });
    await aws.elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: id, UserGroupIdsToAdd: [`users-${index % USER_GROUPS}`], ApplyImmediately: true }));
  });
  memberIds = members.flat();
  await inBatches(clusterIds, (id) => createCacheCluster(aws, { id, engine: 'memcached', engineVersion: '1.6.22', tls: true }));
}, 120_000);

afterAll(async () => {
  await server?.stop();
}, 15_000);

const pages = (items: number) => Math.ceil(items / PAGE);
const count = (invocation: RecordedInvocation, operation: string) =>
  invocation.requests.filter((request) => request.operation === operation).length;

describe(`an estate of ${GROUPS} replication groups and ${STANDALONE} standalone clusters`, () => {
  // The snapshot controls judge snapshots; their paging (50 a page) is checked in recovery-controls.test.ts.
  const cacheControls = controls.filter((control) => inventoryOf(control) === CACHE_INVENTORY);
  it.each(cacheControls.map((control) => [control.id]))('%s judges each cache exactly once, in pages of 100', async (controlId) => {
    // Act
    const invocation = await invokeRecorded(server, controlId, scheduledEvent(controlId), env);
    // Assess
    expect(invocation.outcome).toMatchObject({ ok: true, result: { resourcesEvaluated: GROUPS + STANDALONE } });
    const reported = invocation.evaluations.map((e) => e.ComplianceResourceId);
    expect(new Set(reported).size).toBe(reported.length);
    expect([...reported].sort()).toEqual([...groupIds, ...clusterIds].sort());
    expect(reported.filter((id) => memberIds.includes(id))).toEqual([]);

    expect(invocation.putEvaluations).toHaveLength(pages(GROUPS + STANDALONE));
    for (const request of invocation.putEvaluations) expect(request.Evaluations.length).toBeLessThanOrEqual(PAGE);

    expect(count(invocation, 'DescribeReplicationGroups')).toBe(pages(GROUPS));
    for (const request of invocation.requests.filter((r) => r.operation?.startsWith('DescribeCache') || r.operation === 'DescribeReplicationGroups')) {
      expect(new URLSearchParams(request.body).get('MaxRecords')).toBe(String(PAGE));
    }
    expect(count(invocation, 'DescribeCacheClusters')).toBe(pages(GROUPS * MEMBERS_PER_GROUP + STANDALONE));
  }, 60_000);

  it(`describes the ${SECURITY_GROUPS} security groups a hundred ids a call, not once per cache`, async () => {
    // Act
    const invocation = await invokeRecorded(server, 'security-group-exposure', scheduledEvent('security-group-exposure'), env);
    // Assess
    expect(invocation.outcome.ok).toBe(true);
    expect(count(invocation, 'DescribeSecurityGroups')).toBe(pages(SECURITY_GROUPS));
  }, 60_000);

  it(`lists the ${USER_GROUPS} user groups and their users in pages of 100, not once per cache`, async () => {
    // Act
    const invocation = await invokeRecorded(server, 'authentication', scheduledEvent('authentication'), env);
    // Assess
    expect(invocation.outcome.ok).toBe(true);
    expect(count(invocation, 'DescribeUserGroups')).toBe(pages(USER_GROUPS));
    // The built-in default user comes on top of the application users.
    expect(count(invocation, 'DescribeUsers')).toBe(pages(USER_GROUPS + 1));
    // Every group still holds the built-in passwordless default user, which the control must catch.
    expect(invocation.evaluations.filter((e) => e.Annotation?.includes('user default is switched on')).map((e) => e.ComplianceResourceId).sort()).toEqual([...groupIds].sort());
  }, 60_000);

  it('looks up each of the 3 KMS keys once, not once per cache', async () => {
    // Act
    const invocation = await invokeRecorded(server, 'encryption-at-rest', scheduledEvent('encryption-at-rest'), env);
    // Assess
    expect(invocation.outcome.ok).toBe(true);
    expect(count(invocation, 'DescribeKey')).toBe(3);
    const onDisabledKey = invocation.evaluations.filter((e) => e.Annotation?.includes(`${keys.disabled.keyId} is Disabled`));
    expect(onDisabledKey.map((e) => e.ComplianceResourceId).sort()).toEqual(groupIds.filter((_, index) => index % 3 === 2));
  }, 60_000);
});
