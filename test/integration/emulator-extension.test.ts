/**
 * The emulator extension (scripts/local-aws/moto_ext/) serves what the controls read as AWS does:
 * member clusters carrying their group's settings, user groups with AWS's membership rules, paging,
 * serverless caches, modify calls reflected on members, and the API's own error codes.
 */
import {
  CreateCacheClusterCommand,
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DeleteReplicationGroupCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ModifyCacheClusterCommand,
  ModifyReplicationGroupCommand,
  ModifyServerlessCacheCommand,
  ModifyUserGroupCommand,
  type CacheCluster,
} from '@aws-sdk/client-elasticache';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureLogGroup, ensureTopic } from '../../scripts/local-aws/estate-builders.ts';
import { aws, useEmulator } from '../support/emulator.ts';

useEmulator();

const topic = 'arn:aws:sns:us-east-1:123456789012:cache-events';

async function clusters(input: { ShowCacheNodeInfo?: boolean; ShowCacheClustersNotInReplicationGroups?: boolean } = {}): Promise<CacheCluster[]> {
  return (await aws.elasticache.send(new DescribeCacheClustersCommand(input))).CacheClusters ?? [];
}

async function errorCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as { name: string }).name;
  }
  throw new Error('the call succeeded');
}

async function createUser(id: string, name: string, engine: string, password: boolean): Promise<void> {
  await aws.elasticache.send(new CreateUserCommand({
    UserId: id, UserName: name, Engine: engine, AccessString: 'on ~* +@all',
    ...(password ? { Passwords: ['a-long-password-1234'] } : { NoPasswordRequired: true }),
  }));
}

describe('replication group members', () => {
  it('lists each member of a Valkey group with the group\'s settings, in the zones NodeGroups names', async () => {
    // Prepare / Act
    await ensureTopic(aws, topic);
    await aws.elasticache.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'orders', ReplicationGroupDescription: 'orders', Engine: 'valkey', EngineVersion: '8.0',
      CacheNodeType: 'cache.t4g.small', NumCacheClusters: 3, PreferredCacheClusterAZs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      SecurityGroupIds: ['sg-0123'], NotificationTopicArn: topic, CacheSubnetGroupName: 'private',
      TransitEncryptionEnabled: true, TransitEncryptionMode: 'required', AtRestEncryptionEnabled: true, SnapshotRetentionLimit: 7,
    }));
    // Assess
    const { ReplicationGroups } = await aws.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders' }));
    const group = ReplicationGroups![0]!;
    expect(group.MemberClusters).toEqual(['orders-001', 'orders-002', 'orders-003']);
    expect(group.AutoMinorVersionUpgrade).toBe(true);
    const zones = group.NodeGroups![0]!.NodeGroupMembers!.map((m) => [m.CacheClusterId, m.PreferredAvailabilityZone]);
    const members = await clusters();
    expect(members.map((c) => [c.CacheClusterId, c.PreferredAvailabilityZone])).toEqual(zones);
    for (const member of members) {
      expect(member).toMatchObject({
        ReplicationGroupId: 'orders', Engine: 'valkey', EngineVersion: '8.0', CacheNodeType: 'cache.t4g.small',
        CacheSubnetGroupName: 'private', SecurityGroups: [{ SecurityGroupId: 'sg-0123', Status: 'active' }],
        NotificationConfiguration: { TopicArn: topic, TopicStatus: 'active' }, TransitEncryptionEnabled: true,
        TransitEncryptionMode: 'required', AtRestEncryptionEnabled: true, AuthTokenEnabled: false,
        AutoMinorVersionUpgrade: true, SnapshotRetentionLimit: 7,
      });
    }
  });

  it('names cluster-mode members <group>-<shard>-<node> and gives the group a configuration endpoint', async () => {
    // Act
    await aws.elasticache.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'sessions', ReplicationGroupDescription: 'sessions', Engine: 'redis', CacheNodeType: 'cache.t4g.small',
      NodeGroupConfiguration: [{ ReplicaCount: 1 }, { ReplicaCount: 2 }],
    }));
    // Assess
    const group = (await aws.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'sessions' }))).ReplicationGroups![0]!;
    expect(group.ClusterEnabled).toBe(true);
    expect(group.ConfigurationEndpoint?.Port).toBe(6379);
    expect(group.MemberClusters).toEqual(['sessions-0001-001', 'sessions-0001-002', 'sessions-0002-001', 'sessions-0002-002', 'sessions-0002-003']);
    expect((await clusters()).map((c) => [c.CacheClusterId, c.ReplicationGroupId])).toEqual(group.MemberClusters!.map((id) => [id, 'sessions']));
  });

  it('lists only standalone clusters with ShowCacheClustersNotInReplicationGroups, and deletes members with their group', async () => {
    // Prepare
    await aws.elasticache.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'orders', ReplicationGroupDescription: 'orders', Engine: 'redis', CacheNodeType: 'cache.t4g.small', NumCacheClusters: 2,
    }));
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'cart', Engine: 'redis', CacheNodeType: 'cache.t4g.small' }));
    // Act / Assess
    expect((await clusters({ ShowCacheClustersNotInReplicationGroups: true })).map((c) => c.CacheClusterId)).toEqual(['cart']);
    await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'orders' }));
    expect((await clusters()).map((c) => c.CacheClusterId)).toEqual(['cart']);
  });

  it('reflects ModifyReplicationGroup on the group and on every member', async () => {
    // Prepare
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'orders-users', Engine: 'redis', UserIds: ['default'] }));
    await aws.elasticache.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'orders', ReplicationGroupDescription: 'orders', Engine: 'redis', CacheNodeType: 'cache.t4g.small',
      NumCacheClusters: 2, TransitEncryptionEnabled: true,
    }));
    await ensureTopic(aws, topic);
    ensureLogGroup(aws, 'engine');
    // Act
    const { ReplicationGroup } = await aws.elasticache.send(new ModifyReplicationGroupCommand({
      ReplicationGroupId: 'orders', AutoMinorVersionUpgrade: false, NotificationTopicArn: topic, SecurityGroupIds: ['sg-0456'],
      UserGroupIdsToAdd: ['orders-users'], TransitEncryptionMode: 'preferred', ApplyImmediately: true,
      LogDeliveryConfigurations: [{ LogType: 'engine-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'engine' } }, LogFormat: 'json', Enabled: true }],
    }));
    // Assess
    expect(ReplicationGroup).toMatchObject({ AutoMinorVersionUpgrade: false, UserGroupIds: ['orders-users'], TransitEncryptionMode: 'preferred' });
    expect(ReplicationGroup?.LogDeliveryConfigurations).toEqual([expect.objectContaining({ LogType: 'engine-log', Status: 'enabling' })]);
    const { ReplicationGroups } = await aws.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders' }));
    expect(ReplicationGroups?.[0]?.LogDeliveryConfigurations).toEqual([expect.objectContaining({ LogType: 'engine-log', Status: 'active' })]);
    for (const member of await clusters()) {
      expect(member).toMatchObject({
        AutoMinorVersionUpgrade: false, SecurityGroups: [{ SecurityGroupId: 'sg-0456', Status: 'active' }],
        NotificationConfiguration: { TopicArn: topic, TopicStatus: 'active' }, TransitEncryptionMode: 'preferred',
        ReplicationGroupLogDeliveryEnabled: true,
      });
    }
    const { UserGroups } = await aws.elasticache.send(new DescribeUserGroupsCommand({ UserGroupId: 'orders-users' }));
    expect(UserGroups?.[0]?.ReplicationGroups).toEqual(['orders']);
  });
});

describe('cache clusters', () => {
  it('spreads a cross-AZ Memcached cluster\'s nodes and reports its zone as Multiple', async () => {
    // Prepare
    await aws.elasticache.send(new CreateCacheClusterCommand({
      CacheClusterId: 'catalog', Engine: 'memcached', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 3, AZMode: 'cross-az',
      PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    }));
    // Act
    const [withNodes] = await clusters({ ShowCacheNodeInfo: true });
    const [withoutNodes] = await clusters();
    // Assess
    expect(withNodes).toMatchObject({ PreferredAvailabilityZone: 'Multiple', AutoMinorVersionUpgrade: true, AtRestEncryptionEnabled: false });
    expect(withNodes?.CacheNodes?.map((n) => [n.CacheNodeId, n.CustomerAvailabilityZone, n.Endpoint?.Port])).toEqual([
      ['0001', 'us-east-1a', 11211], ['0002', 'us-east-1b', 11211], ['0003', 'us-east-1c', 11211],
    ]);
    expect(withoutNodes?.CacheNodes).toBeUndefined();
  });

  it('reflects ModifyCacheCluster', async () => {
    // Prepare
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'cart', Engine: 'redis', EngineVersion: '6.2', CacheNodeType: 'cache.t4g.small' }));
    // Act
    await aws.elasticache.send(new ModifyCacheClusterCommand({
      CacheClusterId: 'cart', AutoMinorVersionUpgrade: false, NotificationTopicArn: topic, NotificationTopicStatus: 'inactive',
      SecurityGroupIds: ['sg-0789'], SnapshotRetentionLimit: 5, EngineVersion: '7.1', ApplyImmediately: true,
    }));
    // Assess
    expect((await clusters())[0]).toMatchObject({
      AutoMinorVersionUpgrade: false, NotificationConfiguration: { TopicArn: topic, TopicStatus: 'inactive' },
      SecurityGroups: [{ SecurityGroupId: 'sg-0789', Status: 'active' }], SnapshotRetentionLimit: 5, EngineVersion: '7.1',
    });
  });
});

describe('users and user groups', () => {
  it('refuses a user group without a user named default (matched by UserName, not UserId)', async () => {
    // Prepare
    await createUser('app', 'app', 'redis', true);
    await createUser('admin', 'default', 'redis', true);
    // Act / Assess
    expect(await errorCodeOf(aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'g', Engine: 'redis', UserIds: ['app'] })))).toBe('DefaultUserRequired');
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'g', Engine: 'redis', UserIds: ['admin', 'app'] }));
    expect(await errorCodeOf(aws.elasticache.send(new ModifyUserGroupCommand({ UserGroupId: 'g', UserIdsToRemove: ['admin'] })))).toBe('DefaultUserRequired');
  });

  it('refuses a no-password user in a Valkey user group', async () => {
    // Prepare: moto's built-in `default` user has no password.
    await createUser('admin', 'default', 'valkey', true);
    // Act / Assess
    expect(await errorCodeOf(aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'g', Engine: 'valkey', UserIds: ['default'] })))).toBe('InvalidParameterValueException');
    const created = await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'g', Engine: 'valkey', UserIds: ['admin'] }));
    expect(created).toMatchObject({ UserGroupId: 'g', Status: 'active', Engine: 'valkey', UserIds: ['admin'] });
  });

  it('pages users and user groups by Marker, and filters users by engine and id', async () => {
    // Prepare
    for (const n of [1, 2, 3]) await createUser(`valkey-${n}`, `valkey-${n}`, 'valkey', true);
    for (const n of [1, 2, 3]) await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: `g${n}`, Engine: 'redis', UserIds: ['default'] }));
    // Act
    const usersPage1 = await aws.elasticache.send(new DescribeUsersCommand({ MaxRecords: 2 }));
    const usersPage2 = await aws.elasticache.send(new DescribeUsersCommand({ MaxRecords: 2, Marker: usersPage1.Marker }));
    const groupsPage1 = await aws.elasticache.send(new DescribeUserGroupsCommand({ MaxRecords: 2 }));
    const groupsPage2 = await aws.elasticache.send(new DescribeUserGroupsCommand({ MaxRecords: 2, Marker: groupsPage1.Marker }));
    // Assess
    expect([...usersPage1.Users!, ...usersPage2.Users!].map((u) => u.UserId)).toEqual(['default', 'valkey-1', 'valkey-2', 'valkey-3']);
    expect(usersPage2.Marker).toBeUndefined();
    expect([...groupsPage1.UserGroups!, ...groupsPage2.UserGroups!].map((g) => g.UserGroupId)).toEqual(['g1', 'g2', 'g3']);
    expect(groupsPage2.Marker).toBeUndefined();
    expect((await aws.elasticache.send(new DescribeUsersCommand({ Engine: 'valkey' }))).Users?.map((u) => u.UserId)).toEqual(['valkey-1', 'valkey-2', 'valkey-3']);
    const [defaultUser] = (await aws.elasticache.send(new DescribeUsersCommand({ UserId: 'default' }))).Users!;
    expect(defaultUser).toMatchObject({ UserName: 'default', Authentication: { Type: 'no-password' }, UserGroupIds: ['g1', 'g2', 'g3'] });
  });
});

describe('serverless caches', () => {
  it('creates serverless caches with the fields the controls read and pages them by NextToken', async () => {
    // Prepare
    await createUser('admin', 'default', 'valkey', true);
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'search-users', Engine: 'valkey', UserIds: ['admin'] }));
    for (const name of ['search', 'pages', 'feeds']) {
      await aws.elasticache.send(new CreateServerlessCacheCommand({
        ServerlessCacheName: name, Engine: 'valkey', MajorEngineVersion: '8', KmsKeyId: 'key-1', SecurityGroupIds: ['sg-1'],
        SubnetIds: ['subnet-1'], UserGroupId: 'search-users', SnapshotRetentionLimit: 2, DailySnapshotTime: '03:00',
      }));
    }
    // Act
    const page1 = await aws.elasticache.send(new DescribeServerlessCachesCommand({ MaxResults: 2 }));
    const page2 = await aws.elasticache.send(new DescribeServerlessCachesCommand({ MaxResults: 2, NextToken: page1.NextToken }));
    // Assess
    expect([...page1.ServerlessCaches!, ...page2.ServerlessCaches!].map((c) => c.ServerlessCacheName)).toEqual(['search', 'pages', 'feeds']);
    expect(page2.NextToken).toBeUndefined();
    expect(page1.ServerlessCaches![0]).toMatchObject({
      Status: 'available', Engine: 'valkey', MajorEngineVersion: '8', FullEngineVersion: '8.0', KmsKeyId: 'key-1',
      SecurityGroupIds: ['sg-1'], SubnetIds: ['subnet-1'], UserGroupId: 'search-users', SnapshotRetentionLimit: 2,
      DailySnapshotTime: '03:00', Endpoint: { Port: 6379 }, ReaderEndpoint: { Port: 6380 },
      ARN: 'arn:aws:elasticache:us-east-1:123456789012:serverlesscache:search',
    });
    const { UserGroups } = await aws.elasticache.send(new DescribeUserGroupsCommand({ UserGroupId: 'search-users' }));
    expect(UserGroups?.[0]?.ServerlessCaches).toEqual(['search', 'pages', 'feeds']);
  });
});

describe('serverless cache changes', () => {
  async function serverlessCache(name: string) {
    return (await aws.elasticache.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: name }))).ServerlessCaches![0]!;
  }

  beforeEach(async () => {
    await createUser('admin', 'default', 'valkey', true);
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'search-users', Engine: 'valkey', UserIds: ['admin'] }));
    await aws.elasticache.send(new CreateServerlessCacheCommand({ ServerlessCacheName: 'search', Engine: 'valkey', SecurityGroupIds: ['sg-1'] }));
  });

  it('applies ModifyServerlessCache, answers modifying, and is available again at the next Describe', async () => {
    // Act
    const { ServerlessCache } = await aws.elasticache.send(new ModifyServerlessCacheCommand({
      ServerlessCacheName: 'search', SnapshotRetentionLimit: 7, DailySnapshotTime: '04:30', UserGroupId: 'search-users',
      SecurityGroupIds: ['sg-2', 'sg-3'], Description: 'search, backed up',
    }));
    // Assess
    expect(ServerlessCache?.Status).toBe('modifying');
    expect(await serverlessCache('search')).toMatchObject({
      Status: 'available', SnapshotRetentionLimit: 7, DailySnapshotTime: '04:30', UserGroupId: 'search-users',
      SecurityGroupIds: ['sg-2', 'sg-3'], Description: 'search, backed up',
    });
    const { UserGroups } = await aws.elasticache.send(new DescribeUserGroupsCommand({ UserGroupId: 'search-users' }));
    expect(UserGroups?.[0]?.ServerlessCaches).toEqual(['search']);
    await aws.elasticache.send(new ModifyServerlessCacheCommand({ ServerlessCacheName: 'search', RemoveUserGroup: true }));
    expect((await serverlessCache('search')).UserGroupId).toBeUndefined();
  });

  it('refuses a second change before the first is done, and the API\'s refusals, changing nothing', async () => {
    // Prepare
    await aws.elasticache.send(new CreateServerlessCacheCommand({ ServerlessCacheName: 'pages', Engine: 'memcached' }));
    const modify = (input: Omit<ConstructorParameters<typeof ModifyServerlessCacheCommand>[0], 'ServerlessCacheName'>, name = 'search') =>
      errorCodeOf(aws.elasticache.send(new ModifyServerlessCacheCommand({ ServerlessCacheName: name, ...input })));
    // Act / Assess
    expect(await modify({ SnapshotRetentionLimit: 1 }, 'nope')).toBe('ServerlessCacheNotFoundFault');
    expect(await modify({ UserGroupId: 'nope' })).toBe('UserGroupNotFoundFault');
    expect(await modify({ UserGroupId: 'search-users', RemoveUserGroup: true })).toBe('InvalidParameterCombinationException');
    expect(await modify({ UserGroupId: 'search-users' }, 'pages')).toBe('InvalidParameterCombinationException');
    expect(await modify({ SnapshotRetentionLimit: 36 })).toBe('InvalidParameterValueException');
    expect(await modify({ DailySnapshotTime: '25:00' })).toBe('InvalidParameterValueException');
    expect(await serverlessCache('search')).toMatchObject({ Status: 'available', SecurityGroupIds: ['sg-1'] });
    expect((await serverlessCache('search')).SnapshotRetentionLimit).toBeUndefined();
    await aws.elasticache.send(new ModifyServerlessCacheCommand({ ServerlessCacheName: 'search', SnapshotRetentionLimit: 3 }));
    expect(await modify({ SnapshotRetentionLimit: 5 })).toBe('InvalidServerlessCacheStateFault');
    expect((await serverlessCache('search')).SnapshotRetentionLimit).toBe(3);
  });
});

describe('unknown ids', () => {
  it.each([
    ['DescribeCacheClusters', () => new DescribeCacheClustersCommand({ CacheClusterId: 'nope' }), 'CacheClusterNotFoundFault'],
    ['ModifyCacheCluster', () => new ModifyCacheClusterCommand({ CacheClusterId: 'nope', AutoMinorVersionUpgrade: true }), 'CacheClusterNotFoundFault'],
    ['DescribeReplicationGroups', () => new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'nope' }), 'ReplicationGroupNotFoundFault'],
    ['ModifyReplicationGroup', () => new ModifyReplicationGroupCommand({ ReplicationGroupId: 'nope', AutoMinorVersionUpgrade: true }), 'ReplicationGroupNotFoundFault'],
    ['DescribeUserGroups', () => new DescribeUserGroupsCommand({ UserGroupId: 'nope' }), 'UserGroupNotFoundFault'],
    ['DescribeUsers', () => new DescribeUsersCommand({ UserId: 'nope' }), 'UserNotFoundFault'],
    ['CreateUserGroup', () => new CreateUserGroupCommand({ UserGroupId: 'g', Engine: 'redis', UserIds: ['default', 'nope'] }), 'UserNotFoundFault'],
    ['DescribeServerlessCaches', () => new DescribeServerlessCachesCommand({ ServerlessCacheName: 'nope' }), 'ServerlessCacheNotFoundFault'],
  ] as const)('%s answers with the API\'s own error', async (_operation, command, expected) => {
    // Act / Assess: the SDK names the error by its model's exception shape.
    expect(await errorCodeOf(aws.elasticache.send(command() as never))).toBe(expected);
  });
});

describe('moto compatibility', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const install = (prelude: string) => spawnSync(process.env['MOTO_PYTHON'] ?? `${root}.venv/bin/python`, [
    '-c', `${prelude}\nfrom moto_ext import install\ninstall()\nprint("installed")`,
  ], { env: { ...process.env, PYTHONPATH: `${root}scripts/local-aws` }, encoding: 'utf8' });

  it('installs on the pinned moto, and refuses another version or a moto lacking an internal it patches, naming it', () => {
    // Act
    const pinned = install('');
    const otherVersion = install('import moto\nmoto.__version__ = "5.3.0"');
    const changed = install('import moto.logs.responses\ndel moto.logs.responses.LogsResponse');
    // Assess
    expect(pinned.stdout.trim()).toBe('installed');
    expect(otherVersion.status).not.toBe(0);
    expect(otherVersion.stderr).toMatch(/MotoInternalsChanged: .*moto.__version__ is '5.3.0'/);
    expect(changed.status).not.toBe(0);
    expect(changed.stderr).toContain('moto.logs.responses.LogsResponse no longer exists');
  });
});
