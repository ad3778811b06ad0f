/**
 * Every response of every ElastiCache call the emulator extension serves conforms to botocore's
 * output shape for that operation: no element outside the shape, every value of its member's type.
 * Checked on the raw XML, before the SDK's parser could drop what it does not know.
 */
import {
  CreateCacheClusterCommand,
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DeleteReplicationGroupCommand,
  DeleteServerlessCacheCommand,
  DeleteUserGroupCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  IncreaseReplicaCountCommand,
  ModifyCacheClusterCommand,
  ModifyReplicationGroupCommand,
  ModifyServerlessCacheCommand,
  ModifyUserGroupCommand,
} from '@aws-sdk/client-elasticache';
import { estateClients } from '../../scripts/local-aws/estate-builders.ts';
import { recordRawResponses, shapeProblems, type RawResponse } from '../support/raw-responses.ts';
import { env, useEmulator } from '../support/emulator.ts';

useEmulator();

const topic = 'arn:aws:sns:us-east-1:123456789012:cache-events';
const slowLog = {
  LogType: 'slow-log' as const,
  DestinationType: 'cloudwatch-logs' as const,
  DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'slow' } },
  LogFormat: 'json' as const,
};

let responses: RawResponse[] = [];

/** Drives each extended call at least once, in the shapes the controls read. */
async function exerciseEveryCall(client: ElastiCacheClient): Promise<void> {
  await client.send(new CreateUserCommand({ UserId: 'admin', UserName: 'default', Engine: 'valkey', AccessString: 'on ~* +@all', Passwords: ['a-long-password-1234'] }));
  await client.send(new CreateUserCommand({ UserId: 'app', UserName: 'app', Engine: 'valkey', AccessString: 'on ~app:* +@read', Passwords: ['a-long-password-5678'] }));
  await client.send(new CreateUserGroupCommand({ UserGroupId: 'orders-users', Engine: 'valkey', UserIds: ['admin'] }));
  await client.send(new ModifyUserGroupCommand({ UserGroupId: 'orders-users', UserIdsToAdd: ['app'] }));
  await client.send(new CreateUserGroupCommand({ UserGroupId: 'spare-users', Engine: 'redis', UserIds: ['default'] }));
  await client.send(new DescribeUsersCommand({}));
  await client.send(new DescribeUsersCommand({ MaxRecords: 1 }));
  await client.send(new DescribeUserGroupsCommand({}));
  await client.send(new DescribeUserGroupsCommand({ MaxRecords: 1 }));
  await client.send(new DeleteUserGroupCommand({ UserGroupId: 'spare-users' }));

  await client.send(new CreateReplicationGroupCommand({
    ReplicationGroupId: 'orders', ReplicationGroupDescription: 'orders', Engine: 'valkey', EngineVersion: '8.0',
    CacheNodeType: 'cache.t4g.small', NumCacheClusters: 2, SecurityGroupIds: ['sg-0123'], NotificationTopicArn: topic,
    TransitEncryptionEnabled: true, TransitEncryptionMode: 'required', AtRestEncryptionEnabled: true,
    UserGroupIds: ['orders-users'], LogDeliveryConfigurations: [{ ...slowLog, Enabled: true }], SnapshotRetentionLimit: 7,
  }));
  await client.send(new ModifyReplicationGroupCommand({
    ReplicationGroupId: 'orders', ApplyImmediately: true,
    LogDeliveryConfigurations: [{ ...slowLog, DestinationType: 'kinesis-firehose', DestinationDetails: { KinesisFirehoseDetails: { DeliveryStream: 'missing' } }, Enabled: true }],
  }));
  await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders' }));
  await client.send(new CreateReplicationGroupCommand({
    ReplicationGroupId: 'sessions', ReplicationGroupDescription: 'sessions', Engine: 'redis', EngineVersion: '7.1',
    CacheNodeType: 'cache.t4g.small', ClusterMode: 'enabled', NumNodeGroups: 2, ReplicasPerNodeGroup: 1,
  }));
  await client.send(new ModifyReplicationGroupCommand({
    ReplicationGroupId: 'orders', AutoMinorVersionUpgrade: false, NotificationTopicStatus: 'inactive', SecurityGroupIds: ['sg-0456'],
    TransitEncryptionMode: 'preferred', LogDeliveryConfigurations: [{ LogType: 'slow-log', Enabled: false }], ApplyImmediately: true,
  }));
  await client.send(new CreateReplicationGroupCommand({
    ReplicationGroupId: 'plain', ReplicationGroupDescription: 'plain', Engine: 'redis', EngineVersion: '6.2',
    CacheNodeType: 'cache.t4g.small', NumCacheClusters: 2,
  }));
  await client.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: 'plain', EngineVersion: '7.1', ApplyImmediately: true }));
  await client.send(new ModifyReplicationGroupCommand({
    ReplicationGroupId: 'plain', TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred', ApplyImmediately: true,
  }));
  await client.send(new ModifyReplicationGroupCommand({
    ReplicationGroupId: 'plain', AuthToken: 'a-long-auth-token-0123', AuthTokenUpdateStrategy: 'ROTATE', ApplyImmediately: true,
  }));
  await client.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: 'plain', NewReplicaCount: 2, ApplyImmediately: true }));
  await client.send(new IncreaseReplicaCountCommand({
    ReplicationGroupId: 'sessions', ApplyImmediately: true, ReplicaConfiguration: [{ NodeGroupId: '0001', NewReplicaCount: 2, PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }],
  }));
  await client.send(new DescribeReplicationGroupsCommand({}));

  await client.send(new CreateCacheClusterCommand({
    CacheClusterId: 'catalog', Engine: 'memcached', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 3, AZMode: 'cross-az',
    SecurityGroupIds: ['sg-0789'], NotificationTopicArn: topic,
  }));
  await client.send(new CreateCacheClusterCommand({
    CacheClusterId: 'cart', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.small',
    LogDeliveryConfigurations: [{ ...slowLog, Enabled: true }],
  }));
  await client.send(new ModifyCacheClusterCommand({ CacheClusterId: 'cart', AutoMinorVersionUpgrade: false, SecurityGroupIds: ['sg-0abc'], SnapshotRetentionLimit: 3 }));
  await client.send(new ModifyCacheClusterCommand({
    CacheClusterId: 'cart', ApplyImmediately: true,
    LogDeliveryConfigurations: [{ ...slowLog, DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'missing' } }, Enabled: true }],
  }));
  await client.send(new CreateCacheClusterCommand({
    CacheClusterId: 'basket', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.small', TransitEncryptionEnabled: true,
  }));
  await client.send(new ModifyCacheClusterCommand({
    CacheClusterId: 'basket', AuthToken: 'a-long-auth-token-0123', AuthTokenUpdateStrategy: 'ROTATE', EngineVersion: '7.2', ApplyImmediately: true,
  }));
  await client.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }));
  await client.send(new DescribeCacheClustersCommand({ ShowCacheClustersNotInReplicationGroups: true, MaxRecords: 20 }));

  await client.send(new CreateServerlessCacheCommand({
    ServerlessCacheName: 'search', Engine: 'valkey', MajorEngineVersion: '8', Description: 'search', KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1',
    SecurityGroupIds: ['sg-0def'], SubnetIds: ['subnet-1', 'subnet-2'], UserGroupId: 'orders-users', SnapshotRetentionLimit: 1, DailySnapshotTime: '03:00',
    CacheUsageLimits: { DataStorage: { Maximum: 10, Unit: 'GB' } },
  }));
  await client.send(new CreateServerlessCacheCommand({ ServerlessCacheName: 'pages', Engine: 'memcached' }));
  await client.send(new ModifyServerlessCacheCommand({
    ServerlessCacheName: 'search', SnapshotRetentionLimit: 7, DailySnapshotTime: '04:30', RemoveUserGroup: true,
    SecurityGroupIds: ['sg-0fed'], Description: 'search, backed up',
  }));
  await client.send(new DescribeServerlessCachesCommand({}));
  await client.send(new DescribeServerlessCachesCommand({ MaxResults: 1 }));
  await client.send(new DeleteServerlessCacheCommand({ ServerlessCacheName: 'pages' }));
  await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'sessions' }));
}

beforeAll(async () => {
  const { elasticache } = estateClients(env);
  responses = recordRawResponses(elasticache);
  await exerciseEveryCall(elasticache);
}, 60_000);

const operations = [
  'CreateUserGroup', 'ModifyUserGroup', 'DescribeUserGroups', 'DeleteUserGroup', 'DescribeUsers',
  'CreateReplicationGroup', 'ModifyReplicationGroup', 'IncreaseReplicaCount', 'DescribeReplicationGroups', 'DeleteReplicationGroup',
  'CreateCacheCluster', 'ModifyCacheCluster', 'DescribeCacheClusters',
  'CreateServerlessCache', 'ModifyServerlessCache', 'DescribeServerlessCaches', 'DeleteServerlessCache',
];

it.each(operations.map((operation) => [operation]))('%s answers in its botocore output shape', (operation) => {
  // Prepare
  const ofOperation = responses.filter((r) => r.operation === operation);
  expect(ofOperation.length).toBeGreaterThan(0);
  // Act
  const problems = shapeProblems(ofOperation);
  // Assess
  expect(problems).toEqual(ofOperation.map(() => []));
});
