/**
 * The emulator serves the changes the remediation runbooks make, with the API's own rules and
 * refusals (scripts/local-aws/moto_ext/modify_rules.py), reflected where the controls re-read them:
 * TLS enabled in place, AUTH token strategies, user groups, engine upgrades.
 */
import {
  CreateCacheClusterCommand,
  CreateReplicationGroupCommand,
  CreateUserGroupCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  IncreaseReplicaCountCommand,
  ModifyCacheClusterCommand,
  ModifyReplicationGroupCommand,
  type CreateReplicationGroupCommandInput,
  type ModifyReplicationGroupCommandInput,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DescribeSecurityGroupRulesCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { CancelKeyDeletionCommand, CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { botoCall } from '../../scripts/local-aws/boto-call.ts';
import { ensureLogGroup, ensureTopic } from '../../scripts/local-aws/estate-builders.ts';
import { aws, env, useEmulator } from '../support/emulator.ts';

useEmulator();

const TOKEN = 'a-long-auth-token-0123';
const OTHER_TOKEN = 'another-auth-token-4567';

async function errorCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as { name: string }).name;
  }
  throw new Error('the call succeeded');
}

async function createGroup(id: string, input: Partial<CreateReplicationGroupCommandInput> = {}): Promise<void> {
  await aws.elasticache.send(new CreateReplicationGroupCommand({
    ReplicationGroupId: id, ReplicationGroupDescription: id, Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.small',
    NumCacheClusters: 2, ...input,
  }));
}

async function describeGroup(id: string): Promise<ReplicationGroup> {
  return (await aws.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0]!;
}

async function membersOf(id: string) {
  const { CacheClusters } = await aws.elasticache.send(new DescribeCacheClustersCommand({}));
  return (CacheClusters ?? []).filter((c) => c.ReplicationGroupId === id);
}

function modifyGroup(id: string, input: Omit<ModifyReplicationGroupCommandInput, 'ReplicationGroupId'>) {
  return aws.elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: id, ApplyImmediately: true, ...input }));
}

describe('in-transit encryption enabled in place', () => {
  it('enables TLS in preferred mode on a Redis OSS 7 group, then required, on the group and every member', async () => {
    // Prepare
    await createGroup('orders');
    // Act
    await modifyGroup('orders', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' });
    // Assess
    expect(await describeGroup('orders')).toMatchObject({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' });
    for (const member of await membersOf('orders')) {
      expect(member).toMatchObject({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' });
    }
    // Act
    await modifyGroup('orders', { TransitEncryptionMode: 'required' });
    // Assess
    expect(await describeGroup('orders')).toMatchObject({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'required' });
    expect((await membersOf('orders')).map((m) => m.TransitEncryptionMode)).toEqual(['required', 'required']);
  });

  it('refuses what the API refuses, changing nothing', async () => {
    // Prepare
    await createGroup('orders');
    await createGroup('legacy', { EngineVersion: '6.2' });
    await createGroup('secure', { TransitEncryptionEnabled: true });
    // Act / Assess
    expect(await errorCodeOf(modifyGroup('orders', { TransitEncryptionEnabled: true }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(modifyGroup('orders', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'required' }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(modifyGroup('orders', { TransitEncryptionMode: 'required' }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(modifyGroup('legacy', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' }))).toBe('InvalidParameterValueException');
    expect(await errorCodeOf(modifyGroup('secure', { TransitEncryptionEnabled: false }))).toBe('InvalidParameterCombinationException');
    expect(await describeGroup('orders')).toMatchObject({ TransitEncryptionEnabled: false });
    expect((await describeGroup('orders')).TransitEncryptionMode).toBeUndefined();
    expect(await describeGroup('legacy')).toMatchObject({ TransitEncryptionEnabled: false });
    expect(await describeGroup('secure')).toMatchObject({ TransitEncryptionEnabled: true });
  });
});

describe('AUTH tokens', () => {
  it('ROTATE sets a token and dates it, SET follows a ROTATE, on the group and its members', async () => {
    // Prepare
    await createGroup('orders', { TransitEncryptionEnabled: true });
    const before = Date.now() - 1000;
    // Act
    await modifyGroup('orders', { AuthToken: TOKEN, AuthTokenUpdateStrategy: 'ROTATE' });
    // Assess
    const rotated = await describeGroup('orders');
    expect(rotated.AuthTokenEnabled).toBe(true);
    expect(rotated.AuthTokenLastModifiedDate!.getTime()).toBeGreaterThan(before);
    expect((await membersOf('orders')).map((m) => m.AuthTokenEnabled)).toEqual([true, true]);
    // Act / Assess: SET is allowed right after a ROTATE, not twice in a row
    await modifyGroup('orders', { AuthToken: OTHER_TOKEN, AuthTokenUpdateStrategy: 'SET' });
    expect(await errorCodeOf(modifyGroup('orders', { AuthToken: TOKEN, AuthTokenUpdateStrategy: 'SET' }))).toBe('InvalidParameterCombinationException');
    expect((await describeGroup('orders')).AuthTokenEnabled).toBe(true);
  });

  it('DELETE moves a group to RBAC only with a user group added in the same request', async () => {
    // Prepare
    await createGroup('orders', { TransitEncryptionEnabled: true, AuthToken: TOKEN });
    await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: 'orders-users', Engine: 'redis', UserIds: ['default'] }));
    // Act / Assess
    expect(await errorCodeOf(modifyGroup('orders', { AuthTokenUpdateStrategy: 'DELETE' }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(modifyGroup('orders', { UserGroupIdsToAdd: ['orders-users'] }))).toBe('InvalidParameterCombinationException');
    expect(await describeGroup('orders')).toMatchObject({ AuthTokenEnabled: true, UserGroupIds: [] });
    await modifyGroup('orders', { AuthTokenUpdateStrategy: 'DELETE', UserGroupIdsToAdd: ['orders-users'] });
    expect(await describeGroup('orders')).toMatchObject({ AuthTokenEnabled: false, UserGroupIds: ['orders-users'] });
    expect((await membersOf('orders')).map((m) => m.AuthTokenEnabled)).toEqual([false, false]);
    // A group on RBAC takes a token back only when its user groups go in the same request.
    expect(await errorCodeOf(modifyGroup('orders', { AuthToken: TOKEN, AuthTokenUpdateStrategy: 'ROTATE' }))).toBe('InvalidParameterCombinationException');
    await modifyGroup('orders', { AuthToken: TOKEN, AuthTokenUpdateStrategy: 'ROTATE', RemoveUserGroups: true });
    expect(await describeGroup('orders')).toMatchObject({ AuthTokenEnabled: true, UserGroupIds: [] });
  });

  it('refuses a token without TLS, a malformed token, and a strategy without a token', async () => {
    // Prepare
    await createGroup('plain');
    await createGroup('secure', { TransitEncryptionEnabled: true });
    // Act / Assess
    expect(await errorCodeOf(modifyGroup('plain', { AuthToken: TOKEN, AuthTokenUpdateStrategy: 'ROTATE' }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(modifyGroup('secure', { AuthToken: 'short', AuthTokenUpdateStrategy: 'ROTATE' }))).toBe('InvalidParameterValueException');
    expect(await errorCodeOf(modifyGroup('secure', { AuthToken: 'has-an-@-sign-in-it-01', AuthTokenUpdateStrategy: 'ROTATE' }))).toBe('InvalidParameterValueException');
    expect(await errorCodeOf(modifyGroup('secure', { AuthTokenUpdateStrategy: 'ROTATE' }))).toBe('InvalidParameterCombinationException');
    expect((await describeGroup('secure')).AuthTokenEnabled).toBe(false);
    expect((await describeGroup('secure')).AuthTokenLastModifiedDate).toBeUndefined();
  });

  it('rotates the token of a standalone TLS cluster with ModifyCacheCluster', async () => {
    // Prepare
    await aws.elasticache.send(new CreateCacheClusterCommand({
      CacheClusterId: 'cart', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.small', TransitEncryptionEnabled: true,
    }));
    // Act
    await aws.elasticache.send(new ModifyCacheClusterCommand({ CacheClusterId: 'cart', AuthToken: TOKEN, AuthTokenUpdateStrategy: 'ROTATE', ApplyImmediately: true }));
    // Assess
    const [cart] = (await aws.elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: 'cart' }))).CacheClusters!;
    expect(cart?.AuthTokenEnabled).toBe(true);
    expect(cart?.AuthTokenLastModifiedDate).toBeInstanceOf(Date);
    expect(await errorCodeOf(aws.elasticache.send(new ModifyCacheClusterCommand({ CacheClusterId: 'cart', AuthTokenUpdateStrategy: 'DELETE' })))).toBe('InvalidParameterCombinationException');
  });
});

describe('user groups', () => {
  it('attaches one user group to a TLS group, and refuses an unknown one, a second one, or a group without TLS', async () => {
    // Prepare
    await createGroup('orders', { TransitEncryptionEnabled: true });
    await createGroup('plain');
    for (const id of ['orders-users', 'spare-users']) {
      await aws.elasticache.send(new CreateUserGroupCommand({ UserGroupId: id, Engine: 'redis', UserIds: ['default'] }));
    }
    // Act / Assess
    expect(await errorCodeOf(modifyGroup('orders', { UserGroupIdsToAdd: ['nope'] }))).toBe('UserGroupNotFoundFault');
    expect(await errorCodeOf(modifyGroup('plain', { UserGroupIdsToAdd: ['orders-users'] }))).toBe('InvalidParameterCombinationException');
    await modifyGroup('orders', { UserGroupIdsToAdd: ['orders-users'] });
    expect(await errorCodeOf(modifyGroup('orders', { UserGroupIdsToAdd: ['spare-users'] }))).toBe('InvalidParameterCombinationException');
    await modifyGroup('orders', { UserGroupIdsToAdd: ['spare-users'], UserGroupIdsToRemove: ['orders-users'] });
    // Assess
    expect((await describeGroup('orders')).UserGroupIds).toEqual(['spare-users']);
    expect((await describeGroup('plain')).UserGroupIds).toEqual([]);
  });
});

describe('engine upgrades', () => {
  it('upgrades a group and every member, and refuses a downgrade or an upgrade through a member', async () => {
    // Prepare
    await createGroup('orders', { EngineVersion: '6.2' });
    // Act
    await modifyGroup('orders', { EngineVersion: '7.1' });
    // Assess
    expect((await membersOf('orders')).map((m) => m.EngineVersion)).toEqual(['7.1', '7.1']);
    expect(await errorCodeOf(modifyGroup('orders', { EngineVersion: '6.2' }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(aws.elasticache.send(new ModifyCacheClusterCommand({ CacheClusterId: 'orders-001', EngineVersion: '7.2' })))).toBe('InvalidParameterCombinationException');
    expect((await membersOf('orders')).map((m) => m.EngineVersion)).toEqual(['7.1', '7.1']);
  });

  it('moves a Redis OSS group to Valkey 7.2 or later only', async () => {
    // Prepare
    await createGroup('orders');
    // Act / Assess
    expect(await errorCodeOf(modifyGroup('orders', { Engine: 'valkey', EngineVersion: '7.0' }))).toBe('InvalidParameterCombinationException');
    await modifyGroup('orders', { Engine: 'valkey', EngineVersion: '8.0' });
    expect((await membersOf('orders')).map((m) => [m.Engine, m.EngineVersion])).toEqual([['valkey', '8.0'], ['valkey', '8.0']]);
  });

  it('upgrades a standalone cluster and refuses its downgrade', async () => {
    // Prepare
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'cart', Engine: 'redis', EngineVersion: '6.2', CacheNodeType: 'cache.t4g.small' }));
    // Act / Assess
    await aws.elasticache.send(new ModifyCacheClusterCommand({ CacheClusterId: 'cart', EngineVersion: '7.1', ApplyImmediately: true }));
    expect(await errorCodeOf(aws.elasticache.send(new ModifyCacheClusterCommand({ CacheClusterId: 'cart', EngineVersion: '6.2' })))).toBe('InvalidParameterCombinationException');
    const [cart] = (await aws.elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: 'cart' }))).CacheClusters!;
    expect(cart?.EngineVersion).toBe('7.1');
  });
});

describe('automatic failover', () => {
  it('needs a replica in every shard, and Multi-AZ needs automatic failover', async () => {
    // Prepare
    await createGroup('single', { NumCacheClusters: 1 });
    await createGroup('sessions', { NumCacheClusters: undefined, NodeGroupConfiguration: [{ ReplicaCount: 1 }, { ReplicaCount: 0 }] });
    // Act / Assess
    expect(await errorCodeOf(modifyGroup('single', { AutomaticFailoverEnabled: true }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(modifyGroup('sessions', { AutomaticFailoverEnabled: true, MultiAZEnabled: true }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(modifyGroup('single', { MultiAZEnabled: true }))).toBe('InvalidParameterCombinationException');
    expect(await describeGroup('sessions')).toMatchObject({ AutomaticFailover: 'disabled', MultiAZ: 'disabled' });
    await aws.elasticache.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: 'sessions', NewReplicaCount: 1, ApplyImmediately: true }));
    await modifyGroup('sessions', { AutomaticFailoverEnabled: true, MultiAZEnabled: true });
    expect(await describeGroup('sessions')).toMatchObject({ AutomaticFailover: 'enabled', MultiAZ: 'enabled' });
  });
});

describe('IncreaseReplicaCount', () => {
  it('adds replicas to a cluster-mode-disabled group as member clusters carrying its settings', async () => {
    // Prepare
    await createGroup('orders', { NumCacheClusters: 1, SecurityGroupIds: ['sg-1'], TransitEncryptionEnabled: true });
    // Act
    const { ReplicationGroup } = await aws.elasticache.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: 'orders', NewReplicaCount: 2, ApplyImmediately: true }));
    // Assess
    expect(ReplicationGroup?.MemberClusters).toEqual(['orders-001', 'orders-002', 'orders-003']);
    const group = await describeGroup('orders');
    expect(group.NodeGroups![0]!.NodeGroupMembers!.map((m) => [m.CacheClusterId, m.CurrentRole])).toEqual([
      ['orders-001', 'primary'], ['orders-002', 'replica'], ['orders-003', 'replica'],
    ]);
    const members = await membersOf('orders');
    expect(members.map((m) => m.CacheClusterId)).toEqual(['orders-001', 'orders-002', 'orders-003']);
    for (const member of members) {
      expect(member).toMatchObject({ Engine: 'redis', EngineVersion: '7.1', TransitEncryptionEnabled: true, SecurityGroups: [{ SecurityGroupId: 'sg-1', Status: 'active' }] });
    }
  });

  it('adds replicas to every shard of a cluster-mode-enabled group, or shard by shard', async () => {
    // Prepare
    await createGroup('sessions', { NumCacheClusters: undefined, NodeGroupConfiguration: [{ ReplicaCount: 0 }, { ReplicaCount: 1 }] });
    // Act
    await aws.elasticache.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: 'sessions', NewReplicaCount: 1, ApplyImmediately: true }));
    await aws.elasticache.send(new IncreaseReplicaCountCommand({
      ReplicationGroupId: 'sessions', ApplyImmediately: true,
      ReplicaConfiguration: [{ NodeGroupId: '0002', NewReplicaCount: 2, PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }],
    }));
    // Assess
    const group = await describeGroup('sessions');
    expect(group.NodeGroups!.map((shard) => shard.NodeGroupMembers!.map((m) => m.CacheClusterId))).toEqual([
      ['sessions-0001-001', 'sessions-0001-002'],
      ['sessions-0002-001', 'sessions-0002-002', 'sessions-0002-003'],
    ]);
    expect(group.MemberClusters).toEqual(['sessions-0001-001', 'sessions-0001-002', 'sessions-0002-001', 'sessions-0002-002', 'sessions-0002-003']);
    expect(group.NodeGroups![1]!.NodeGroupMembers![2]!.PreferredAvailabilityZone).toBe('us-east-1c');
    expect((await membersOf('sessions')).map((m) => m.CacheClusterId).sort()).toEqual(group.MemberClusters);
  });

  it('refuses what the API refuses, adding nobody', async () => {
    // Prepare
    await createGroup('orders', { NumCacheClusters: 2 });
    const increase = (input: { NewReplicaCount?: number; ApplyImmediately?: boolean; ReplicationGroupId?: string; ReplicaConfiguration?: { NodeGroupId: string; NewReplicaCount: number }[] }) =>
      errorCodeOf(aws.elasticache.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: 'orders', ApplyImmediately: true, ...input })));
    // Act / Assess
    expect(await increase({ ReplicationGroupId: 'nope', NewReplicaCount: 2 })).toBe('ReplicationGroupNotFoundFault');
    expect(await increase({ NewReplicaCount: 2, ApplyImmediately: false })).toBe('InvalidParameterValueException');
    expect(await increase({ NewReplicaCount: 6 })).toBe('InvalidParameterValueException');
    expect(await increase({ NewReplicaCount: 0 })).toBe('InvalidParameterValueException');
    expect(await increase({ NewReplicaCount: 1 })).toBe('NoOperationFault');
    expect(await increase({ ReplicaConfiguration: [{ NodeGroupId: '0009', NewReplicaCount: 2 }] })).toBe('InvalidParameterValueException');
    expect(await increase({})).toBe('InvalidParameterValueException');
    expect((await describeGroup('orders')).MemberClusters).toEqual(['orders-001', 'orders-002']);
    expect((await membersOf('orders')).length).toBe(2);
  });
});

describe('log delivery statuses', () => {
  const toLogGroup = (logType: 'slow-log' | 'engine-log', LogGroup: string) => ({
    LogType: logType, DestinationType: 'cloudwatch-logs' as const, DestinationDetails: { CloudWatchLogsDetails: { LogGroup } }, LogFormat: 'json' as const, Enabled: true,
  });
  const toStream = (logType: 'slow-log' | 'engine-log', DeliveryStream: string) => ({
    LogType: logType, DestinationType: 'kinesis-firehose' as const, DestinationDetails: { KinesisFirehoseDetails: { DeliveryStream } }, LogFormat: 'json' as const, Enabled: true,
  });

  it('answers enabling, then active to an existing log group and error with a message to a missing one', async () => {
    // Prepare
    await createGroup('orders');
    ensureLogGroup(aws, '/elasticache/orders/slow-log');
    // Act
    const { ReplicationGroup } = await modifyGroup('orders', {
      LogDeliveryConfigurations: [toLogGroup('slow-log', '/elasticache/orders/slow-log'), toLogGroup('engine-log', '/elasticache/orders/missing')],
    });
    // Assess
    expect(ReplicationGroup?.LogDeliveryConfigurations?.map((d) => d.Status)).toEqual(['enabling', 'enabling']);
    const deliveries = (await describeGroup('orders')).LogDeliveryConfigurations!;
    expect(deliveries.find((d) => d.LogType === 'slow-log')).toMatchObject({ Status: 'active' });
    expect(deliveries.find((d) => d.LogType === 'engine-log')).toMatchObject({
      Status: 'error', Message: expect.stringContaining('/elasticache/orders/missing does not exist'),
    });
    // Act: the runbook's fix: create the log group, deliver again
    ensureLogGroup(aws, '/elasticache/orders/missing');
    await modifyGroup('orders', { LogDeliveryConfigurations: [toLogGroup('engine-log', '/elasticache/orders/missing')] });
    // Assess
    expect((await describeGroup('orders')).LogDeliveryConfigurations!.map((d) => [d.LogType, d.Status])).toEqual([['slow-log', 'active'], ['engine-log', 'active']]);
  });

  it('refuses a delivery not applied immediately, one the engine version cannot make, and any on Memcached', async () => {
    // Prepare
    await createGroup('legacy', { EngineVersion: '6.0' });
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'catalog', Engine: 'memcached', CacheNodeType: 'cache.t4g.small' }));
    ensureLogGroup(aws, 'logs');
    // Act / Assess
    expect(await errorCodeOf(aws.elasticache.send(new ModifyReplicationGroupCommand({
      ReplicationGroupId: 'legacy', LogDeliveryConfigurations: [toLogGroup('slow-log', 'logs')],
    })))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(modifyGroup('legacy', { LogDeliveryConfigurations: [toLogGroup('engine-log', 'logs')] }))).toBe('InvalidParameterCombinationException');
    expect(await errorCodeOf(aws.elasticache.send(new ModifyCacheClusterCommand({
      CacheClusterId: 'catalog', LogDeliveryConfigurations: [toLogGroup('slow-log', 'logs')], ApplyImmediately: true,
    })))).toBe('InvalidParameterCombinationException');
    expect((await describeGroup('legacy')).LogDeliveryConfigurations).toEqual([]);
    await modifyGroup('legacy', { LogDeliveryConfigurations: [toLogGroup('slow-log', 'logs')] });
    expect((await describeGroup('legacy')).LogDeliveryConfigurations?.map((d) => d.Status)).toEqual(['active']);
  });

  it('checks a Firehose destination against the emulator\'s delivery streams, on a standalone cluster', async () => {
    // Prepare
    await aws.elasticache.send(new CreateCacheClusterCommand({
      CacheClusterId: 'cart', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.small',
      LogDeliveryConfigurations: [toStream('slow-log', 'cache-logs')],
    }));
    const statusOf = async () => (await aws.elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: 'cart' }))).CacheClusters![0]!.LogDeliveryConfigurations;
    expect(await statusOf()).toEqual([expect.objectContaining({ Status: 'error', Message: expect.stringContaining('delivery stream cache-logs does not exist') })]);
    botoCall(env, 'firehose', 'create_delivery_stream', {
      DeliveryStreamName: 'cache-logs',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::cache-logs' },
    });
    // Act
    const { CacheCluster } = await aws.elasticache.send(new ModifyCacheClusterCommand({
      CacheClusterId: 'cart', LogDeliveryConfigurations: [toStream('slow-log', 'cache-logs')], ApplyImmediately: true,
    }));
    // Assess
    expect(CacheCluster?.LogDeliveryConfigurations?.[0]?.Status).toBe('enabling');
    expect(await statusOf()).toEqual([expect.objectContaining({ Status: 'active', DestinationType: 'kinesis-firehose' })]);
  });
});

describe('notification topics on members', () => {
  const topic = 'arn:aws:sns:us-east-1:123456789012:cache-events';
  const otherTopic = 'arn:aws:sns:us-east-1:123456789012:other-events';

  it('sets every member\'s topic from the group, inactive until the SNS topic exists', async () => {
    // Prepare
    await createGroup('orders');
    // Act
    await modifyGroup('orders', { NotificationTopicArn: topic });
    // Assess
    expect((await membersOf('orders')).map((m) => m.NotificationConfiguration)).toEqual([
      { TopicArn: topic, TopicStatus: 'inactive' }, { TopicArn: topic, TopicStatus: 'inactive' },
    ]);
    await ensureTopic(aws, topic);
    expect((await membersOf('orders')).map((m) => m.NotificationConfiguration?.TopicStatus)).toEqual(['active', 'active']);
  });

  it('sets a standalone Memcached cluster\'s topic with ModifyCacheCluster', async () => {
    // Prepare
    await ensureTopic(aws, topic);
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'catalog', Engine: 'memcached', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 2 }));
    // Act
    await aws.elasticache.send(new ModifyCacheClusterCommand({ CacheClusterId: 'catalog', NotificationTopicArn: topic, ApplyImmediately: true }));
    // Assess
    const [catalog] = (await aws.elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: 'catalog' }))).CacheClusters!;
    expect(catalog?.NotificationConfiguration).toEqual({ TopicArn: topic, TopicStatus: 'active' });
  });

  it('sets one member\'s topic with ModifyCacheCluster, kept through the group\'s other changes', async () => {
    // Prepare
    await ensureTopic(aws, topic);
    await ensureTopic(aws, otherTopic);
    await createGroup('orders', { NotificationTopicArn: topic });
    // Act
    await aws.elasticache.send(new ModifyCacheClusterCommand({ CacheClusterId: 'orders-002', NotificationTopicArn: otherTopic, ApplyImmediately: true }));
    await modifyGroup('orders', { AutoMinorVersionUpgrade: false });
    // Assess
    expect((await membersOf('orders')).map((m) => [m.CacheClusterId, m.NotificationConfiguration])).toEqual([
      ['orders-001', { TopicArn: topic, TopicStatus: 'active' }],
      ['orders-002', { TopicArn: otherTopic, TopicStatus: 'active' }],
    ]);
    // Act: the group's own topic change applies to every member again
    await modifyGroup('orders', { NotificationTopicArn: topic, NotificationTopicStatus: 'inactive' });
    expect((await membersOf('orders')).map((m) => m.NotificationConfiguration)).toEqual([
      { TopicArn: topic, TopicStatus: 'inactive' }, { TopicArn: topic, TopicStatus: 'inactive' },
    ]);
  });
});

describe('other services the runbooks call', () => {
  it('revokes exactly the ingress rule ids DescribeSecurityGroupRules and AuthorizeSecurityGroupIngress name', async () => {
    // Prepare
    const { Vpc } = await aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const { GroupId } = await aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'cache', Description: 'cache', VpcId: Vpc!.VpcId! }));
    const { SecurityGroupRules: created } = await aws.ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/16' }] },
        { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
      ],
    }));
    const ingress = async () => ((await aws.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [GroupId!] }] }))).SecurityGroupRules ?? [])
      .filter((rule) => !rule.IsEgress);
    const rules = await ingress();
    expect(created?.map((r) => r.SecurityGroupRuleId).sort()).toEqual(rules.map((r) => r.SecurityGroupRuleId).sort());
    const open = rules.filter((r) => r.CidrIpv4 === '0.0.0.0/0' || r.CidrIpv6 === '::/0').map((r) => r.SecurityGroupRuleId!);
    // Act
    await aws.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: open }));
    // Assess
    expect((await ingress()).map((r) => r.CidrIpv4 ?? r.CidrIpv6)).toEqual(['10.0.0.0/16']);
    expect(await errorCodeOf(aws.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: open })))).toBe('InvalidPermission.NotFound');
  });

  it('re-enables a disabled key, and a key pending deletion is Disabled once the deletion is cancelled', async () => {
    // Prepare: runbooks name the key by the ARN the cache reports
    const keyId = (await aws.kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const state = async () => (await aws.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState;
    await aws.kms.send(new DisableKeyCommand({ KeyId: keyId }));
    // Act / Assess
    await aws.kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect(await state()).toBe('Enabled');
    await aws.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(await state()).toBe('PendingDeletion');
    await aws.kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect(await state()).toBe('Disabled');
    expect(await errorCodeOf(aws.kms.send(new EnableKeyCommand({ KeyId: keyId.replace(/key\/.*/, 'key/00000000-0000-0000-0000-000000000000') })))).toBe('NotFoundException');
  });

  it('creates a log group with retention and a KMS key (AssociateKmsKey refuses a missing or disabled key)', async () => {
    // Prepare
    const keyArn = (await aws.kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const disabledArn = (await aws.kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    await aws.kms.send(new DisableKeyCommand({ KeyId: disabledArn }));
    const logs = (operation: string, parameters: Record<string, unknown>) => botoCall(env, 'logs', operation, parameters);
    const refusal = (operation: string, parameters: Record<string, unknown>) => errorCodeOf(Promise.resolve().then(() => logs(operation, parameters)));
    // Act
    logs('create_log_group', { logGroupName: '/elasticache/orders/slow-log' });
    logs('put_retention_policy', { logGroupName: '/elasticache/orders/slow-log', retentionInDays: 30 });
    logs('associate_kms_key', { logGroupName: '/elasticache/orders/slow-log', kmsKeyId: keyArn });
    // Assess
    expect(logs('describe_log_groups', { logGroupNamePrefix: '/elasticache/' })['logGroups']).toEqual([
      expect.objectContaining({ logGroupName: '/elasticache/orders/slow-log', retentionInDays: 30, kmsKeyId: keyArn }),
    ]);
    expect(await refusal('associate_kms_key', { logGroupName: '/elasticache/nope', kmsKeyId: keyArn })).toBe('ResourceNotFoundException');
    expect(await refusal('associate_kms_key', { logGroupName: '/elasticache/orders/slow-log', kmsKeyId: disabledArn })).toBe('InvalidParameterException');
    expect(await refusal('associate_kms_key', { logGroupName: '/elasticache/orders/slow-log', kmsKeyId: 'not-an-arn' })).toBe('InvalidParameterException');
    expect(await refusal('create_log_group', { logGroupName: '/elasticache/orders/slow-log' })).toBe('ResourceAlreadyExistsException');
  });
});
