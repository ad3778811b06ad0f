/**
 * The emulator's snapshots and global datastores answer in botocore's output shapes (checked on the
 * raw XML, like emulator-contract.test.ts), and behave as the recovery controls rely on: create
 * times, keys, paging limits, snapshots outliving their cache, a secondary joining from another Region.
 */
import {
  CreateCacheClusterCommand,
  CreateGlobalReplicationGroupCommand,
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  CreateServerlessCacheSnapshotCommand,
  CreateSnapshotCommand,
  DeleteCacheClusterCommand,
  DeleteGlobalReplicationGroupCommand,
  DeleteReplicationGroupCommand,
  DeleteServerlessCacheCommand,
  DeleteServerlessCacheSnapshotCommand,
  DeleteSnapshotCommand,
  DescribeGlobalReplicationGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeSnapshotsCommand,
  DisassociateGlobalReplicationGroupCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { estateClients } from '../../scripts/local-aws/estate-builders.ts';
import { recordRawResponses, shapeProblems, type RawResponse } from '../support/raw-responses.ts';
import { aws, env, useEmulator } from '../support/emulator.ts';

useEmulator();

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';

function regionClient(region: string): ElastiCacheClient {
  return estateClients({ ...env, AWS_REGION: region }).elasticache;
}

async function createGroup(client: ElastiCacheClient, id: string, extra: Record<string, unknown> = {}): Promise<void> {
  await client.send(new CreateReplicationGroupCommand({
    ReplicationGroupId: id, ReplicationGroupDescription: id, Engine: 'redis', EngineVersion: '7.1',
    CacheNodeType: 'cache.t4g.small', NumCacheClusters: 2, AtRestEncryptionEnabled: true, ...extra,
  }));
}

describe('botocore output shapes', () => {
  let recorders: RawResponse[][] = [];

  // Recorded once: the reset before each test empties the emulator, not what was recorded.
  beforeAll(async () => {
    const east = regionClient('us-east-1');
    const west = regionClient('us-west-2');
    recorders = [recordRawResponses(east), recordRawResponses(west)];
    await createGroup(east, 'orders', { KmsKeyId: KEY, SnapshotRetentionLimit: 3 });
    await east.send(new CreateSnapshotCommand({ SnapshotName: 'orders-manual', ReplicationGroupId: 'orders' }));
    await east.send(new CreateCacheClusterCommand({ CacheClusterId: 'cart', Engine: 'redis', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1 }));
    await east.send(new CreateSnapshotCommand({ SnapshotName: 'cart-manual', CacheClusterId: 'cart', KmsKeyId: KEY }));
    await east.send(new DescribeSnapshotsCommand({}));
    await east.send(new DescribeSnapshotsCommand({ MaxRecords: 20, SnapshotSource: 'user' }));
    await east.send(new DeleteSnapshotCommand({ SnapshotName: 'cart-manual' }));
    await east.send(new DeleteCacheClusterCommand({ CacheClusterId: 'cart', FinalSnapshotIdentifier: 'cart-final' }));

    await east.send(new CreateServerlessCacheCommand({ ServerlessCacheName: 'search', Engine: 'valkey', SnapshotRetentionLimit: 1 }));
    await east.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-1', ServerlessCacheName: 'search', KmsKeyId: KEY }));
    await east.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-2', ServerlessCacheName: 'search' }));
    await east.send(new DescribeServerlessCacheSnapshotsCommand({}));
    await east.send(new DescribeServerlessCacheSnapshotsCommand({ MaxResults: 1 }));
    await east.send(new DeleteServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-2' }));

    const { GlobalReplicationGroup } = await east.send(new CreateGlobalReplicationGroupCommand({
      GlobalReplicationGroupIdSuffix: 'orders', PrimaryReplicationGroupId: 'orders', GlobalReplicationGroupDescription: 'orders',
    }));
    await createGroup(west, 'orders-west', { GlobalReplicationGroupId: GlobalReplicationGroup!.GlobalReplicationGroupId });
    await createGroup(west, 'orders-west-2', { GlobalReplicationGroupId: GlobalReplicationGroup!.GlobalReplicationGroupId });
    await west.send(new DescribeGlobalReplicationGroupsCommand({ ShowMemberInfo: true }));
    await east.send(new DescribeGlobalReplicationGroupsCommand({}));
    await east.send(new DescribeReplicationGroupsCommand({}));
    await west.send(new DescribeReplicationGroupsCommand({}));
    await east.send(new DisassociateGlobalReplicationGroupCommand({
      GlobalReplicationGroupId: GlobalReplicationGroup!.GlobalReplicationGroupId, ReplicationGroupId: 'orders-west-2', ReplicationGroupRegion: 'us-west-2',
    }));
    await east.send(new DisassociateGlobalReplicationGroupCommand({
      GlobalReplicationGroupId: GlobalReplicationGroup!.GlobalReplicationGroupId, ReplicationGroupId: 'orders-west', ReplicationGroupRegion: 'us-west-2',
    }));
    await east.send(new DeleteGlobalReplicationGroupCommand({ GlobalReplicationGroupId: GlobalReplicationGroup!.GlobalReplicationGroupId, RetainPrimaryReplicationGroup: true }));
    await east.send(new DeleteServerlessCacheCommand({ ServerlessCacheName: 'search', FinalSnapshotName: 'search-final' }));
    await east.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'orders', FinalSnapshotIdentifier: 'orders-final' }));
  }, 60_000);

  it.each([
    'DescribeSnapshots', 'CreateSnapshot', 'DeleteSnapshot', 'DeleteCacheCluster', 'DeleteReplicationGroup',
    'CreateServerlessCacheSnapshot', 'DescribeServerlessCacheSnapshots', 'DeleteServerlessCacheSnapshot', 'DeleteServerlessCache',
    'CreateGlobalReplicationGroup', 'DescribeGlobalReplicationGroups', 'DisassociateGlobalReplicationGroup',
    'DeleteGlobalReplicationGroup', 'DescribeReplicationGroups',
  ].map((operation) => [operation]))('%s answers in its botocore output shape', (operation) => {
    // Prepare
    const ofOperation = recorders.flat().filter((r) => r.operation === operation);
    expect(ofOperation.length).toBeGreaterThan(0);
    // Act
    const problems = shapeProblems(ofOperation);
    // Assess
    expect(problems).toEqual(ofOperation.map(() => []));
  });
});

describe('snapshots', () => {
  it('records each node snapshot with its create time and the group key, and takes a first automatic snapshot', async () => {
    // Prepare
    const before = Date.now();
    await createGroup(aws.elasticache, 'orders', { KmsKeyId: KEY, SnapshotRetentionLimit: 3 });
    await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'orders-manual', ReplicationGroupId: 'orders' }));
    // Act
    const { Snapshots } = await aws.elasticache.send(new DescribeSnapshotsCommand({ ReplicationGroupId: 'orders' }));
    // Assess
    expect(Snapshots?.map((s) => [s.SnapshotSource, s.KmsKeyId, s.ReplicationGroupId]).sort()).toEqual([
      ['automated', KEY, 'orders'],
      ['manual', KEY, 'orders'],
    ]);
    for (const snapshot of Snapshots ?? []) {
      expect(snapshot.NodeSnapshots).toHaveLength(1);
      expect(snapshot.NodeSnapshots![0]!.SnapshotCreateTime!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
  });

  it('keeps manual and final snapshots when the cache is deleted, and drops its automatic ones', async () => {
    // Prepare
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'cart', Engine: 'valkey', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1, SnapshotRetentionLimit: 1 }));
    await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'cart-manual', CacheClusterId: 'cart' }));
    // Act
    await aws.elasticache.send(new DeleteCacheClusterCommand({ CacheClusterId: 'cart', FinalSnapshotIdentifier: 'cart-final' }));
    const { Snapshots } = await aws.elasticache.send(new DescribeSnapshotsCommand({}));
    // Assess
    expect(Snapshots?.map((s) => [s.SnapshotName, s.SnapshotSource, s.CacheClusterId]).sort()).toEqual([
      ['cart-final', 'manual', 'cart'],
      ['cart-manual', 'manual', 'cart'],
    ]);
  });

  it('pages DescribeSnapshots with Marker, 50 a page by default, and refuses a page over 50', async () => {
    // Prepare
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'cart', Engine: 'redis', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1 }));
    for (let i = 0; i < 51; i++) {
      await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: `cart-${i}`, CacheClusterId: 'cart' }));
    }
    // Act
    const first = await aws.elasticache.send(new DescribeSnapshotsCommand({}));
    const second = await aws.elasticache.send(new DescribeSnapshotsCommand({ Marker: first.Marker }));
    const tooLarge = aws.elasticache.send(new DescribeSnapshotsCommand({ MaxRecords: 100 }));
    // Assess
    expect(first.Snapshots).toHaveLength(50);
    expect(second.Snapshots).toHaveLength(1);
    expect(second.Marker).toBeUndefined();
    await expect(tooLarge).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  });

  it('serves serverless snapshots with their key and type, paged with NextToken, the manual ones outliving the cache', async () => {
    // Prepare
    await aws.elasticache.send(new CreateServerlessCacheCommand({ ServerlessCacheName: 'search', Engine: 'memcached', KmsKeyId: KEY, SnapshotRetentionLimit: 1 }));
    await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-1', ServerlessCacheName: 'search' }));
    await aws.elasticache.send(new DeleteServerlessCacheCommand({ ServerlessCacheName: 'search', FinalSnapshotName: 'search-final' }));
    // Act
    const first = await aws.elasticache.send(new DescribeServerlessCacheSnapshotsCommand({ MaxResults: 1 }));
    const second = await aws.elasticache.send(new DescribeServerlessCacheSnapshotsCommand({ MaxResults: 1, NextToken: first.NextToken }));
    // Assess
    const snapshots = [...first.ServerlessCacheSnapshots!, ...second.ServerlessCacheSnapshots!];
    expect(snapshots.map((s) => [s.ServerlessCacheSnapshotName, s.SnapshotType, s.KmsKeyId, s.ServerlessCacheConfiguration?.ServerlessCacheName])).toEqual([
      ['search-1', 'manual', KEY, 'search'],
      ['search-final', 'manual', KEY, 'search'],
    ]);
    expect(second.NextToken).toBeUndefined();
    expect(snapshots[0]!.CreateTime).toBeInstanceOf(Date);
  });
});

describe('global datastores', () => {
  it('shows a secondary that joined from another Region as a member, and each member its role', async () => {
    // Prepare
    const east = regionClient('us-east-1');
    const west = regionClient('us-west-2');
    await createGroup(east, 'orders');
    const { GlobalReplicationGroup } = await east.send(new CreateGlobalReplicationGroupCommand({ GlobalReplicationGroupIdSuffix: 'orders', PrimaryReplicationGroupId: 'orders' }));
    const globalId = GlobalReplicationGroup!.GlobalReplicationGroupId!;
    // Act
    await createGroup(west, 'orders-west', { GlobalReplicationGroupId: globalId });
    const seenFromWest = await west.send(new DescribeGlobalReplicationGroupsCommand({ ShowMemberInfo: true }));
    const withoutMembers = await east.send(new DescribeGlobalReplicationGroupsCommand({}));
    const { ReplicationGroups: westGroups } = await west.send(new DescribeReplicationGroupsCommand({}));
    // Assess
    expect(globalId).toMatch(/^[a-z]{5}-orders$/);
    expect(seenFromWest.GlobalReplicationGroups?.[0]).toMatchObject({
      GlobalReplicationGroupId: globalId,
      Status: 'available',
      Members: [
        { ReplicationGroupId: 'orders', ReplicationGroupRegion: 'us-east-1', Role: 'primary', Status: 'associated' },
        { ReplicationGroupId: 'orders-west', ReplicationGroupRegion: 'us-west-2', Role: 'secondary', Status: 'associated' },
      ],
    });
    expect(withoutMembers.GlobalReplicationGroups?.[0]?.Members).toBeUndefined();
    expect(westGroups?.[0]?.GlobalReplicationGroupInfo).toEqual({ GlobalReplicationGroupId: globalId, GlobalReplicationGroupMemberRole: 'secondary' });
  });

  it('refuses a secondary for a global datastore that does not exist', async () => {
    // Act
    const joining = createGroup(regionClient('us-west-2'), 'orders-west', { GlobalReplicationGroupId: 'nope-orders' });
    // Assess
    await expect(joining).rejects.toMatchObject({ name: 'GlobalReplicationGroupNotFoundFault' });
  });
});

describe('tag:GetResources', () => {
  it('lists tagged ElastiCache resources under the types AWS names them by, and only tagged ones', async () => {
    // Prepare
    const tier = [{ Key: 'resilience-tier', Value: 'critical' }];
    await createGroup(aws.elasticache, 'orders', { Tags: tier });
    await createGroup(aws.elasticache, 'untagged');
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'cart', Engine: 'redis', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1, Tags: tier }));
    await aws.elasticache.send(new CreateServerlessCacheCommand({ ServerlessCacheName: 'search', Engine: 'valkey', Tags: tier }));
    await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'kept', CacheClusterId: 'cart', Tags: [{ Key: 'retention-exempt', Value: '' }] }));
    const tagging = new ResourceGroupsTaggingAPIClient({ region: 'us-east-1', endpoint: env.AWS_ENDPOINT_URL!, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    // Act
    const critical = await tagging.send(new GetResourcesCommand({
      TagFilters: [{ Key: 'resilience-tier' }],
      ResourceTypeFilters: ['elasticache:replicationgroup', 'elasticache:cluster', 'elasticache:serverlesscache'],
      ResourcesPerPage: 100,
    }));
    const exempt = await tagging.send(new GetResourcesCommand({ TagFilters: [{ Key: 'retention-exempt' }], ResourceTypeFilters: ['elasticache:snapshot'] }));
    // Assess
    expect(critical.ResourceTagMappingList?.map((r) => r.ResourceARN!.split(':').slice(5).join(':')).sort()).toEqual([
      'cluster:cart', 'replicationgroup:orders', 'serverlesscache:search',
    ]);
    expect(exempt.ResourceTagMappingList).toEqual([
      { ResourceARN: 'arn:aws:elasticache:us-east-1:123456789012:snapshot:kept', Tags: [{ Key: 'retention-exempt', Value: '' }] },
    ]);
  });
});
