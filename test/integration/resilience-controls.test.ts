/**
 * The high-availability, auto-minor-version-upgrade and engine-version controls, as built bundles on
 * Node 24, against the emulated account: each scenario seeds caches, invokes the rule with the
 * event Config sends and reads the verdicts back from the recorded PutEvaluations calls. The
 * engine-version verdicts depend on the run's clock, which is the event's notificationCreationTime.
 */
import { CreateCacheClusterCommand, CreateReplicationGroupCommand, type CreateCacheClusterCommandInput } from '@aws-sdk/client-elasticache';
import { createCacheCluster, createReplicationGroup } from '../../scripts/local-aws/estate-builders.ts';
import { NOTIFICATION_TIME, annotationOf, aws, group, useEmulator, verdicts, runControl as run } from '../support/emulator.ts';

useEmulator();

async function createMemcached(id: string, placement: Partial<CreateCacheClusterCommandInput>): Promise<void> {
  await aws.elasticache.send(
    new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'memcached', EngineVersion: '1.6.22', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 2, ...placement }),
  );
}

describe('high-availability', () => {
  it('passes a group with a replica, failover and Multi-AZ; fails a group without a replica and a standalone node', async () => {
    // Prepare
    await createReplicationGroup(aws, group('replicated'));
    await createReplicationGroup(aws, group('no-replica', { replicas: 0 }));
    await createCacheCluster(aws, { id: 'single-node', engine: 'redis', engineVersion: '7.1', tls: true });
    // Act
    const invocation = await run('high-availability');
    // Assess
    expect(verdicts(invocation)).toEqual({ replicated: 'COMPLIANT', 'no-replica': 'NON_COMPLIANT', 'single-node': 'NON_COMPLIANT' });
    expect(annotationOf(invocation, 'no-replica')).toContain('before enabling automatic failover and Multi-AZ');
    expect(annotationOf(invocation, 'single-node')).toContain('nothing to fail over to');
  }, 60_000);

  it('names the one shard of a cluster-mode group that lacks a replica', async () => {
    // Prepare
    await aws.elasticache.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'sharded',
        ReplicationGroupDescription: 'sharded',
        Engine: 'redis',
        EngineVersion: '7.1',
        CacheNodeType: 'cache.t4g.small',
        ClusterMode: 'enabled',
        NumNodeGroups: 2,
        NodeGroupConfiguration: [
          { NodeGroupId: '0001', ReplicaCount: 1 },
          { NodeGroupId: '0002', ReplicaCount: 0 },
        ],
        AutomaticFailoverEnabled: true,
        MultiAZEnabled: true,
      }),
    );
    // Act
    const invocation = await run('high-availability');
    // Assess
    expect(verdicts(invocation)).toEqual({ sharded: 'NON_COMPLIANT' });
    expect(annotationOf(invocation, 'sharded')).toContain('shard 0002 (0) below 1 replica');
  }, 60_000);

  it('passes Memcached across Availability Zones and fails Memcached in one zone', async () => {
    // Prepare
    await createMemcached('memcached-cross-az', { AZMode: 'cross-az', PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b'] });
    await createMemcached('memcached-one-az', { AZMode: 'single-az', PreferredAvailabilityZone: 'us-east-1a' });
    // Act
    const invocation = await run('high-availability');
    // Assess
    expect(verdicts(invocation)).toEqual({ 'memcached-cross-az': 'COMPLIANT', 'memcached-one-az': 'NON_COMPLIANT' });
    expect(annotationOf(invocation, 'memcached-one-az')).toContain('All Memcached nodes are in us-east-1a');
  }, 60_000);
});

describe('auto-minor-version-upgrade', () => {
  it('passes the flag on, fails it off and Redis OSS below 6.0, and leaves Memcached out', async () => {
    // Prepare
    await createReplicationGroup(aws, group('upgrades-on'));
    await createReplicationGroup(aws, group('redis-5', { engineVersion: '5.0.6' }));
    await aws.elasticache.send(
      new CreateCacheClusterCommand({
        CacheClusterId: 'upgrades-off',
        Engine: 'valkey',
        EngineVersion: '8.0',
        CacheNodeType: 'cache.t4g.small',
        NumCacheNodes: 1,
        AutoMinorVersionUpgrade: false,
      }),
    );
    await createCacheCluster(aws, { id: 'memcached', engine: 'memcached', engineVersion: '1.6.22', tls: true });
    // Act
    const invocation = await run('auto-minor-version-upgrade');
    // Assess
    expect(verdicts(invocation)).toEqual({
      'upgrades-on': 'COMPLIANT',
      'redis-5': 'NON_COMPLIANT',
      'upgrades-off': 'NON_COMPLIANT',
      memcached: 'NOT_APPLICABLE',
    });
    expect(annotationOf(invocation, 'redis-5')).toContain('disabled below Redis OSS 6.0');
    expect(annotationOf(invocation, 'upgrades-off')).toContain('AutoMinorVersionUpgrade is off');
  }, 60_000);
});

describe('engine-version', () => {
  const seed = async () => {
    await createReplicationGroup(aws, group('redis-5', { engineVersion: '5.0.6' }));
    await createReplicationGroup(aws, group('valkey-8', { engine: 'valkey', engineVersion: '8.0' }));
    await createCacheCluster(aws, { id: 'redis-3', engine: 'redis', engineVersion: '3.2.10', tls: false });
    await createCacheCluster(aws, { id: 'memcached-1-6-6', engine: 'memcached', engineVersion: '1.6.6', tls: false });
  };

  it('judges Redis OSS 5 by the run\'s clock: in standard support before 2026-02-01, on Extended Support after', async () => {
    // Prepare
    await seed();
    const relaxed = { minimumRedisVersion: '5.0' };
    // Act
    const before = await run('engine-version', relaxed, new Date('2026-01-31T23:00:00Z'));
    const after = await run('engine-version', relaxed, NOTIFICATION_TIME);
    const allowed = await run('engine-version', { ...relaxed, allowExtendedSupport: 'true' }, NOTIFICATION_TIME);
    // Assess
    expect(verdicts(before)).toEqual({ 'redis-5': 'COMPLIANT', 'valkey-8': 'COMPLIANT', 'redis-3': 'NON_COMPLIANT', 'memcached-1-6-6': 'NON_COMPLIANT' });
    expect(annotationOf(before, 'redis-5')).toContain('standard support ends 2026-01-31');
    expect(verdicts(after)['redis-5']).toBe('NON_COMPLIANT');
    expect(annotationOf(after, 'redis-5')).toContain('left standard support on 2026-01-31');
    expect(verdicts(allowed)['redis-5']).toBe('COMPLIANT');
    expect(annotationOf(allowed, 'redis-5')).toContain('Extended Support ends 2029-01-31');
    expect(annotationOf(after, 'redis-3')).toContain('reached end of life on 2023-07-31');
    expect(annotationOf(after, 'memcached-1-6-6')).toContain('below minimumMemcachedVersion 1.6.12');
  }, 90_000);

  it('holds each engine to its own minimum, compared numerically', async () => {
    // Prepare
    await seed();
    // Act
    const invocation = await run('engine-version', { minimumValkeyVersion: '8.1', minimumMemcachedVersion: '1.6.5' });
    // Assess
    expect(verdicts(invocation)).toEqual({ 'redis-5': 'NON_COMPLIANT', 'valkey-8': 'NON_COMPLIANT', 'redis-3': 'NON_COMPLIANT', 'memcached-1-6-6': 'COMPLIANT' });
    expect(annotationOf(invocation, 'valkey-8')).toContain('below minimumValkeyVersion 8.1');
  }, 60_000);
});
