import type { ReplicationGroup, TransitEncryptionMode } from '@aws-sdk/client-elasticache';
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, unreportedResource } from '#shared/inventory/cache-resource.ts';
import {
  InventoryJoin,
  memberFactsOf,
  normalizeCacheCluster,
  normalizeInventory,
  normalizeReplicationGroup,
  normalizeServerlessCache,
} from '#shared/inventory/normalize.ts';
import {
  KEY_ARN,
  SECURITY_GROUP,
  SUBNET_A,
  SUBNET_B,
  SUBNET_GROUP,
  cacheClusterFixture,
  cacheResource,
  memberClusterFixture,
  memcachedClusterFixture,
  replicationGroupFixture,
  serverlessCacheFixture,
} from '../../support/fixtures.ts';

const ordersMembers = () => [memberClusterFixture('orders-cache', 'orders-cache-001'), memberClusterFixture('orders-cache', 'orders-cache-002')];

describe('normalizeInventory', () => {
  it('makes one snapshot of a replication group and none of its member clusters', () => {
    // Prepare
    const groups = [replicationGroupFixture()];
    // Act
    const resources = normalizeInventory(groups, ordersMembers());
    // Assess
    expect(resources).toEqual([cacheResource()]);
  });

  it('joins a member to its group by the member\'s ReplicationGroupId alone', () => {
    // Prepare: the group does not list its members (as the local emulator does for some engines).
    const group = replicationGroupFixture({ MemberClusters: undefined });
    // Act
    const resources = normalizeInventory([group], ordersMembers());
    // Assess
    expect(resources).toHaveLength(1);
    expect(resources[0]?.resourceId).toBe('orders-cache');
    expect(resources[0]?.engineVersion).toBe('7.1.0');
    expect(resources[0]?.cacheSubnetGroupNames).toEqual([SUBNET_GROUP]);
  });

  it('joins a member to its group through the group\'s MemberClusters when the member names no group', () => {
    // Prepare
    const members = ordersMembers().map((member) => ({ ...member, ReplicationGroupId: undefined }));
    // Act
    const resources = normalizeInventory([replicationGroupFixture()], members);
    // Assess
    expect(resources).toHaveLength(1);
    expect(resources[0]?.resourceType).toBe(REPLICATION_GROUP);
    expect(resources[0]?.securityGroupIds).toEqual([SECURITY_GROUP]);
  });

  it('gives a replication group the lowest engine version among its members (mid-upgrade)', () => {
    // Prepare: versions that sort wrongly as text (6.2.10 < 6.2.6 as strings).
    const members = [
      memberClusterFixture('orders-cache', 'orders-cache-001', { EngineVersion: '6.2.10' }),
      memberClusterFixture('orders-cache', 'orders-cache-002', { EngineVersion: '6.2.6' }),
      memberClusterFixture('orders-cache', 'orders-cache-003', { EngineVersion: '7.1.0' }),
    ];
    // Act
    const [group] = normalizeInventory([replicationGroupFixture()], members);
    // Assess
    expect(group?.engineVersion).toBe('6.2.6');
  });

  it('takes subnet groups and security groups from the members, without duplicates', () => {
    // Prepare
    const members = [
      memberClusterFixture('orders-cache', 'orders-cache-001'),
      memberClusterFixture('orders-cache', 'orders-cache-002', {
        CacheSubnetGroupName: 'orders-private-v2',
        SecurityGroups: [
          { SecurityGroupId: SECURITY_GROUP, Status: 'active' },
          { SecurityGroupId: 'sg-0f9e8d7c6b5a43210', Status: 'active' },
        ],
      }),
    ];
    // Act
    const [group] = normalizeInventory([replicationGroupFixture()], members);
    // Assess
    expect(group?.cacheSubnetGroupNames).toEqual([SUBNET_GROUP, 'orders-private-v2']);
    expect(group?.securityGroupIds).toEqual([SECURITY_GROUP, 'sg-0f9e8d7c6b5a43210']);
  });

  it('takes snapshot retention from the group, never from a member (members report 0 unless they snapshot)', () => {
    // Prepare
    const members = [
      memberClusterFixture('orders-cache', 'orders-cache-001', { SnapshotRetentionLimit: 0 }),
      memberClusterFixture('orders-cache', 'orders-cache-002', { SnapshotRetentionLimit: 35 }),
    ];
    // Act
    const [group] = normalizeInventory([replicationGroupFixture({ SnapshotRetentionLimit: 7 })], members);
    // Assess
    expect(group?.snapshotRetentionLimit).toBe(7);
  });

  it('makes a snapshot of each standalone cluster: single-node Redis OSS and Memcached', () => {
    // Prepare
    const clusters = [cacheClusterFixture(), memcachedClusterFixture()];
    // Act
    const resources = normalizeInventory([], clusters);
    // Assess
    expect(resources.map((r) => [r.resourceType, r.resourceId, r.engine])).toEqual([
      [CACHE_CLUSTER, 'reports-cache', 'redis'],
      [CACHE_CLUSTER, 'catalog-memcached', 'memcached'],
    ]);
  });

  it('lists replication groups before standalone clusters, members of a group never as standalone', () => {
    // Prepare
    const clusters = [cacheClusterFixture(), ...ordersMembers(), memcachedClusterFixture()];
    // Act
    const resources = normalizeInventory([replicationGroupFixture()], clusters);
    // Assess
    expect(resources.map((r) => r.resourceId)).toEqual(['orders-cache', 'reports-cache', 'catalog-memcached']);
  });

  it('skips a cluster naming a replication group that was not listed (created or deleted between the two calls)', () => {
    // Prepare
    const orphan = memberClusterFixture('payments-cache', 'payments-cache-001');
    // Act
    const resources = normalizeInventory([replicationGroupFixture()], [...ordersMembers(), orphan]);
    // Assess
    expect(resources.map((r) => r.resourceId)).toEqual(['orders-cache']);
  });

  it('still reports a replication group whose members were not listed, with what the group alone says', () => {
    // Prepare
    const group = replicationGroupFixture();
    // Act
    const [resource] = normalizeInventory([group], []);
    // Assess
    expect(resource?.resourceId).toBe('orders-cache');
    expect(resource?.engineVersion).toBeUndefined();
    expect(resource?.cacheSubnetGroupNames).toEqual([]);
    expect(resource?.securityGroupIds).toEqual([]);
    expect(resource?.transitEncryptionEnabled).toBe(true);
  });

  it('ignores a replication group or cluster without an id', () => {
    // Prepare
    const nameless: ReplicationGroup = { ...replicationGroupFixture(), ReplicationGroupId: undefined };
    const namelessCluster = { ...cacheClusterFixture(), CacheClusterId: undefined };
    // Act
    const resources = normalizeInventory([nameless], [namelessCluster]);
    // Assess
    expect(resources).toEqual([]);
  });

  it('returns nothing for an empty region', () => {
    // Act
    const resources = normalizeInventory([], []);
    // Assess
    expect(resources).toEqual([]);
  });
});

describe('normalizeReplicationGroup', () => {
  it('reads TransitEncryptionMode case-insensitively ("Preferred" occurs as well as "preferred")', () => {
    // Prepare: the SDK's type only admits lower case, but the wire can carry either.
    const group = replicationGroupFixture({ TransitEncryptionMode: 'Preferred' as TransitEncryptionMode });
    // Act
    const resource = normalizeReplicationGroup(group, ordersMembers());
    // Assess
    expect(resource.transitEncryptionMode).toBe('preferred');
  });

  it('drops a TransitEncryptionMode it does not know rather than guess', () => {
    // Prepare
    const group = replicationGroupFixture({ TransitEncryptionMode: 'optional' as TransitEncryptionMode });
    // Act
    const resource = normalizeReplicationGroup(group, ordersMembers());
    // Assess
    expect(resource.transitEncryptionMode).toBeUndefined();
  });

  it('lower-cases the engine and the failover and Multi-AZ statuses', () => {
    // Prepare
    const group = replicationGroupFixture({ Engine: 'Valkey', AutomaticFailover: 'Enabling' as ReplicationGroup['AutomaticFailover'], MultiAZ: 'Disabled' as ReplicationGroup['MultiAZ'] });
    // Act
    const resource = normalizeReplicationGroup(group, ordersMembers());
    // Assess
    expect(resource.engine).toBe('valkey');
    expect(resource.automaticFailover).toBe('enabling');
    expect(resource.multiAZ).toBe('disabled');
  });

  it('takes the engine and node type from a member when the group does not report them', () => {
    // Prepare: older replies carry no Engine on the group.
    const group = replicationGroupFixture({ Engine: undefined, CacheNodeType: undefined });
    const members = [memberClusterFixture('orders-cache', 'orders-cache-001', { Engine: 'valkey', CacheNodeType: 'cache.r7g.xlarge' })];
    // Act
    const resource = normalizeReplicationGroup(group, members);
    // Assess
    expect(resource.engine).toBe('valkey');
    expect(resource.cacheNodeType).toBe('cache.r7g.xlarge');
  });

  it('names the engine "unknown" when neither the group nor a member reports one', () => {
    // Prepare
    const group = replicationGroupFixture({ Engine: undefined });
    // Act
    const resource = normalizeReplicationGroup(group, []);
    // Assess
    expect(resource.engine).toBe('unknown');
  });

  it('leaves fields the API did not report undefined, never a passing default', () => {
    // Prepare: a group still being created reports almost nothing.
    const group: ReplicationGroup = { ReplicationGroupId: 'orders-cache', Status: 'creating' };
    // Act
    const resource = normalizeReplicationGroup(group, []);
    // Assess
    expect(resource).toEqual({ ...unreportedResource(REPLICATION_GROUP, 'orders-cache'), status: 'creating' });
  });

  it('starts every snapshot from one in which every field but the id is unknown or empty', () => {
    // Act
    const { resourceType, resourceId, engine, ...fields } = unreportedResource(CACHE_CLUSTER, 'orders-cache-001');
    // Assess
    expect([resourceType, resourceId, engine]).toEqual([CACHE_CLUSTER, 'orders-cache-001', 'unknown']);
    expect(Object.keys(fields).length).toBeGreaterThan(0);
    for (const [field, value] of Object.entries(fields)) expect([field, value]).toEqual([field, Array.isArray(value) ? [] : undefined]);
  });

  it('ignores members that report no engine version when choosing the lowest', () => {
    // Prepare: a node being added reports no version yet.
    const members = [
      memberClusterFixture('orders-cache', 'orders-cache-001', { EngineVersion: undefined }),
      memberClusterFixture('orders-cache', 'orders-cache-002', { EngineVersion: '' }),
      memberClusterFixture('orders-cache', 'orders-cache-003', { EngineVersion: '7.1.0' }),
    ];
    // Act
    const resource = normalizeReplicationGroup(replicationGroupFixture(), members);
    // Assess
    expect(resource.engineVersion).toBe('7.1.0');
  });
});

describe('normalizeReplicationGroup: what the resilience, logging and network controls read', () => {
  it('counts replicas per shard from NodeGroupMembers, and takes zones and ports from the nodes', () => {
    // Prepare: cluster mode on, shard 0001 with a replica, shard 0002 without one.
    const group = replicationGroupFixture({
      ClusterEnabled: true,
      ConfigurationEndpoint: { Address: 'orders-cache.abc123.clustercfg.use1.cache.amazonaws.com', Port: 6390 },
      NodeGroups: [
        { NodeGroupId: '0001', NodeGroupMembers: [{ CacheClusterId: 'orders-cache-0001-001', PreferredAvailabilityZone: 'us-east-1a' }, { CacheClusterId: 'orders-cache-0001-002', PreferredAvailabilityZone: 'us-east-1b' }] },
        { NodeGroupId: '0002', NodeGroupMembers: [{ CacheClusterId: 'orders-cache-0002-001', PreferredAvailabilityZone: 'us-east-1c' }] },
      ],
    });
    // Act
    const resource = normalizeReplicationGroup(group, []);
    // Assess
    expect(resource.shards).toEqual([
      { shardId: '0001', replicaCount: 1 },
      { shardId: '0002', replicaCount: 0 },
    ]);
    expect(resource.availabilityZones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(resource.ports).toEqual([6390]);
    expect(resource.clusterModeEnabled).toBe(true);
  });

  it('takes one shard from the member list when no node group is reported (cluster mode off)', () => {
    // Prepare
    const group = replicationGroupFixture({ NodeGroups: undefined, MemberClusters: ['orders-cache-001', 'orders-cache-002', 'orders-cache-003'] });
    // Act
    const resource = normalizeReplicationGroup(group, []);
    // Assess
    expect(resource.shards).toEqual([{ shardId: '0001', replicaCount: 2 }]);
  });

  it('keeps each member\'s notification topic and the group\'s log deliveries, lower-cased', () => {
    // Prepare
    const group = replicationGroupFixture({
      LogDeliveryConfigurations: [
        { LogType: 'slow-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '/elasticache/orders' } }, LogFormat: 'json', Status: 'active' },
      ],
    });
    const topic = 'arn:aws:sns:us-east-1:123456789012:cache-events';
    const members = [
      memberClusterFixture('orders-cache', 'orders-cache-001', { NotificationConfiguration: { TopicArn: topic, TopicStatus: 'active' } }),
      memberClusterFixture('orders-cache', 'orders-cache-002'),
    ];
    // Act
    const resource = normalizeReplicationGroup(group, members);
    // Assess
    expect(resource.logDeliveries).toEqual([{ logType: 'slow-log', destinationType: 'cloudwatch-logs', status: 'active', destination: '/elasticache/orders' }]);
    expect(resource.notificationSettings).toEqual([
      { cacheClusterId: 'orders-cache-001', topicArn: topic, topicStatus: 'active' },
      { cacheClusterId: 'orders-cache-002', topicArn: undefined, topicStatus: undefined },
    ]);
  });
});

describe('normalizeCacheCluster: zones and ports', () => {
  it('reads node zones and ports of a cross-AZ Memcached cluster, never taking "Multiple" for a zone', () => {
    // Prepare
    const cluster = memcachedClusterFixture({
      CacheNodes: [
        { CacheNodeId: '0001', Endpoint: { Address: 'n1', Port: 11211 }, CustomerAvailabilityZone: 'us-east-1a' },
        { CacheNodeId: '0002', Endpoint: { Address: 'n2', Port: 11211 }, CustomerAvailabilityZone: 'us-east-1b' },
      ],
    });
    // Act
    const resource = normalizeCacheCluster(cluster);
    // Assess
    expect(resource.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(resource.preferredAvailabilityZone).toBe('Multiple');
    expect(resource.ports).toEqual([11211]);
    expect(resource.numCacheNodes).toBe(2);
  });
});

describe('normalizeCacheCluster', () => {
  it('normalizes a standalone Redis OSS cluster, with no KMS key and no group fields', () => {
    // Act
    const resource = normalizeCacheCluster(cacheClusterFixture());
    // Assess
    expect(resource).toEqual({
      resourceType: CACHE_CLUSTER,
      resourceId: 'reports-cache',
      arn: 'arn:aws:elasticache:us-east-1:123456789012:cluster:reports-cache',
      engine: 'redis',
      engineVersion: '7.1.0',
      status: 'available',
      cacheNodeType: 'cache.t4g.small',
      transitEncryptionEnabled: false,
      transitEncryptionMode: undefined,
      atRestEncryptionEnabled: false,
      kmsKeyId: undefined,
      snapshotRetentionLimit: 1,
      cacheSubnetGroupNames: [SUBNET_GROUP],
      subnetIds: [],
      securityGroupIds: [SECURITY_GROUP],
      ports: [],
      authTokenEnabled: false,
      authTokenLastModified: undefined,
      userGroupIds: [],
      autoMinorVersionUpgrade: true,
      automaticFailover: undefined,
      multiAZ: undefined,
      clusterModeEnabled: undefined,
      shards: [],
      availabilityZones: ['us-east-1a'],
      preferredAvailabilityZone: 'us-east-1a',
      numCacheNodes: 1,
      logDeliveries: [],
      notificationSettings: [{ cacheClusterId: 'reports-cache', topicArn: undefined, topicStatus: undefined }],
      memberClusterIds: [],
    });
  });

  it('reads a cluster\'s TransitEncryptionMode case-insensitively', () => {
    // Prepare
    const cluster = cacheClusterFixture({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'Required' as TransitEncryptionMode });
    // Act
    const resource = normalizeCacheCluster(cluster);
    // Assess
    expect(resource.transitEncryptionMode).toBe('required');
  });

  it('keeps a Memcached cluster\'s missing snapshot retention undefined', () => {
    // Act
    const resource = normalizeCacheCluster(memcachedClusterFixture());
    // Assess
    expect(resource.engine).toBe('memcached');
    expect(resource.snapshotRetentionLimit).toBeUndefined();
    expect(resource.transitEncryptionEnabled).toBe(true);
  });

  it('reports no subnet group for a cluster outside a VPC (EC2-Classic era)', () => {
    // Prepare
    const cluster = cacheClusterFixture({ CacheSubnetGroupName: undefined, SecurityGroups: undefined });
    // Act
    const resource = normalizeCacheCluster(cluster);
    // Assess
    expect(resource.cacheSubnetGroupNames).toEqual([]);
    expect(resource.securityGroupIds).toEqual([]);
  });
});

describe('normalizeServerlessCache', () => {
  it('reports a serverless cache by name, always encrypted in transit and at rest, with its own subnets and user group', () => {
    // Act
    const resource = normalizeServerlessCache(serverlessCacheFixture());
    // Assess
    expect(resource).toMatchObject({
      resourceType: SERVERLESS_CACHE,
      resourceId: 'sessions',
      engine: 'valkey',
      engineVersion: '8.0',
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      kmsKeyId: KEY_ARN,
      snapshotRetentionLimit: 7,
      cacheSubnetGroupNames: [],
      subnetIds: [SUBNET_A, SUBNET_B],
      securityGroupIds: [SECURITY_GROUP],
      ports: [6379, 6380],
      userGroupIds: ['sessions-users'],
    });
  });

  it('falls back to the major version and keeps an absent key and user group absent', () => {
    // Prepare: a Memcached serverless cache on the AWS owned key.
    const cache = serverlessCacheFixture({ Engine: 'memcached', FullEngineVersion: undefined, MajorEngineVersion: '1.6', KmsKeyId: undefined, UserGroupId: undefined });
    // Act
    const resource = normalizeServerlessCache(cache);
    // Assess
    expect(resource.engineVersion).toBe('1.6');
    expect(resource.kmsKeyId).toBeUndefined();
    expect(resource.userGroupIds).toEqual([]);
  });

  it('lists serverless caches after replication groups and standalone clusters in the inventory', () => {
    // Act
    const resources = normalizeInventory([replicationGroupFixture()], ordersMembers(), [serverlessCacheFixture()]);
    // Assess
    expect(resources.map((r) => r.resourceType)).toEqual([REPLICATION_GROUP, SERVERLESS_CACHE]);
  });
});

describe('InventoryJoin: the inventory page by page', () => {
  it('gives what normalizeInventory gives when the clusters, groups and serverless caches arrive a page at a time', () => {
    // Prepare: two groups, each member on a different page from its group, and a standalone cluster.
    const carts = replicationGroupFixture({ ReplicationGroupId: 'carts-cache', MemberClusters: ['carts-cache-001'] });
    const cartsMember = memberClusterFixture('carts-cache', 'carts-cache-001', { EngineVersion: '6.2.6' });
    const whole = normalizeInventory([replicationGroupFixture(), carts], [...ordersMembers(), cacheClusterFixture(), cartsMember], [serverlessCacheFixture()]);
    const join = new InventoryJoin();
    // Act
    join.addCacheClusters(ordersMembers());
    join.addCacheClusters([cacheClusterFixture(), cartsMember]);
    join.addReplicationGroups([replicationGroupFixture()]);
    join.addReplicationGroups([carts]);
    join.addServerlessCaches([serverlessCacheFixture()]);
    // Assess
    expect(join.resources()).toEqual(whole);
    expect(join.resources().map((r) => r.resourceId)).toEqual(['orders-cache', 'carts-cache', 'reports-cache', 'sessions']);
  });

  it('folds a cluster naming no group into the group whose MemberClusters lists it, on a later page', () => {
    // Prepare: a member without ReplicationGroupId, read as standalone until its group arrives.
    const join = new InventoryJoin();
    join.addCacheClusters(ordersMembers().map((member) => ({ ...member, ReplicationGroupId: undefined })));
    // Act
    join.addReplicationGroups([replicationGroupFixture()]);
    // Assess
    expect(join.resources().map((r) => [r.resourceType, r.resourceId])).toEqual([[REPLICATION_GROUP, 'orders-cache']]);
    expect(join.resources()[0]?.notificationSettings.map((n) => n.cacheClusterId)).toEqual(['orders-cache-001', 'orders-cache-002']);
  });

  it('keeps a cluster naming no group standalone when no group claims it', () => {
    // Prepare
    const join = new InventoryJoin();
    join.addCacheClusters([cacheClusterFixture()]);
    // Act
    join.addReplicationGroups([replicationGroupFixture({ MemberClusters: ['orders-cache-001'] })]);
    // Assess
    expect(join.resources().map((r) => [r.resourceType, r.resourceId])).toEqual([
      [REPLICATION_GROUP, 'orders-cache'],
      [CACHE_CLUSTER, 'reports-cache'],
    ]);
  });

  it('keeps members in listing order whichever way they were recognised', () => {
    // Prepare: the first member names no group, the second does.
    const [first, second] = ordersMembers();
    const join = new InventoryJoin();
    join.addCacheClusters([{ ...first!, ReplicationGroupId: undefined }, second!]);
    // Act
    join.addReplicationGroups([replicationGroupFixture()]);
    // Assess
    expect(join.resources()[0]?.notificationSettings.map((n) => n.cacheClusterId)).toEqual(['orders-cache-001', 'orders-cache-002']);
  });

  it('refuses clusters after the groups: a group already normalized could not have seen them', () => {
    // Prepare
    const join = new InventoryJoin();
    join.addReplicationGroups([replicationGroupFixture()]);
    // Act
    const late = () => join.addCacheClusters(ordersMembers());
    // Assess
    expect(late).toThrow(/every cache cluster must be added before the replication groups/);
  });
});

describe('memberFactsOf', () => {
  it('keeps only what a group reads of its member, none of the listed objects themselves', () => {
    // Prepare
    const member = memberClusterFixture('orders-cache', 'orders-cache-001', {
      CacheNodes: [{ CacheNodeId: '0001', Endpoint: { Address: 'orders-cache-001.cache.amazonaws.com', Port: 6379 }, CustomerAvailabilityZone: 'us-east-1a', CacheNodeCreateTime: new Date() }],
      NotificationConfiguration: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:cache-events', TopicStatus: 'active' },
    });
    // Act
    const facts = memberFactsOf(member);
    // Assess: the same group either way, and no object of the listed page is kept.
    expect(normalizeReplicationGroup(replicationGroupFixture({ MemberClusters: ['orders-cache-001'] }), [facts])).toEqual(
      normalizeReplicationGroup(replicationGroupFixture({ MemberClusters: ['orders-cache-001'] }), [member]),
    );
    expect(Object.keys(facts).sort()).toEqual([
      'CacheClusterId', 'CacheNodeType', 'CacheNodes', 'CacheSubnetGroupName', 'Engine', 'EngineVersion', 'NotificationConfiguration', 'PreferredAvailabilityZone', 'SecurityGroups',
    ]);
    expect(facts.CacheNodes).toEqual([{ Endpoint: { Port: 6379 }, CustomerAvailabilityZone: 'us-east-1a' }]);
    expect(facts.CacheNodes?.[0]).not.toBe(member.CacheNodes?.[0]);
    expect(facts.SecurityGroups).not.toBe(member.SecurityGroups);
    expect(facts.NotificationConfiguration).not.toBe(member.NotificationConfiguration);
  });
});
