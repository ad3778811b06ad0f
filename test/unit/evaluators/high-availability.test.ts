import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateHighAvailability } from '#shared/evaluators/high-availability.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { cacheResource } from '../../support/fixtures.ts';

const DEFAULTS = { minimumReplicasPerShard: 1, requireMultiAZ: true };

/** A cluster-mode-enabled group with three shards of one replica each, as DescribeReplicationGroups reports it. */
const clusterModeGroup = (overrides: Parameters<typeof cacheResource>[0] = {}) =>
  cacheResource({
    clusterModeEnabled: true,
    shards: [
      { shardId: '0001', replicaCount: 1 },
      { shardId: '0002', replicaCount: 1 },
      { shardId: '0003', replicaCount: 1 },
    ],
    ...overrides,
  });

const memcached = (overrides: Parameters<typeof cacheResource>[0] = {}) =>
  cacheResource({
    resourceType: CACHE_CLUSTER,
    resourceId: 'catalog-memcached',
    engine: 'memcached',
    engineVersion: '1.6.22',
    automaticFailover: undefined,
    multiAZ: undefined,
    shards: [],
    numCacheNodes: 2,
    ...overrides,
  });

describe('evaluateHighAvailability', () => {
  describe('scenarios', () => {
    it('Given a serverless cache, then COMPLIANT (the service replicates its data across Availability Zones).', () => {
      // Prepare
      const serverless = cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', engine: 'valkey', shards: [], automaticFailover: undefined, multiAZ: undefined });
      // Act
      const verdict = evaluateHighAvailability(serverless, DEFAULTS);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toContain('across several Availability Zones');
    });

    it('Given a Memcached cluster whose nodes span two or more Availability Zones, then COMPLIANT.', () => {
      // Prepare
      const byZones = memcached({ availabilityZones: ['us-east-1a', 'us-east-1b'], preferredAvailabilityZone: undefined });
      const byMultiple = memcached({ availabilityZones: [], preferredAvailabilityZone: 'Multiple' });
      // Act
      const verdicts = [byZones, byMultiple].map((cluster) => evaluateHighAvailability(cluster, DEFAULTS));
      // Assess
      expect(verdicts.map((v) => v.compliance)).toEqual(['COMPLIANT', 'COMPLIANT']);
      expect(verdicts[0]?.annotation).toContain('us-east-1a, us-east-1b');
      expect(verdicts[1]?.annotation).toContain('several Availability Zones');
    });

    it('Given a Memcached cluster in one Availability Zone or whose zones are not reported, then NON_COMPLIANT.', () => {
      // Prepare
      const oneZone = memcached({ availabilityZones: ['us-east-1a'], preferredAvailabilityZone: 'us-east-1a' });
      const unknown = memcached({ availabilityZones: [], preferredAvailabilityZone: undefined });
      // Act
      const [single, unreported] = [oneZone, unknown].map((cluster) => evaluateHighAvailability(cluster, DEFAULTS));
      // Assess
      expect(single?.compliance).toBe('NON_COMPLIANT');
      expect(single?.annotation).toContain('All Memcached nodes are in us-east-1a');
      expect(single?.annotation).toContain('NewAvailabilityZones');
      expect(unreported?.compliance).toBe('NON_COMPLIANT');
      expect(unreported?.annotation).toContain('did not report the Availability Zones');
    });

    it('Given a standalone Redis OSS or Valkey cluster, then NON_COMPLIANT (one node, nothing to fail over to).', () => {
      // Prepare
      const clusters = (['redis', 'valkey'] as const).map((engine) =>
        cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'reports-cache', engine, automaticFailover: undefined, multiAZ: undefined, shards: [] }),
      );
      // Act
      const verdicts = clusters.map((cluster) => evaluateHighAvailability(cluster, DEFAULTS));
      // Assess
      for (const verdict of verdicts) {
        expect(verdict.compliance).toBe('NON_COMPLIANT');
        expect(verdict.annotation).toContain('nothing to fail over to');
        expect(verdict.annotation).toContain('replication group');
      }
    });

    it('Given a replication group with automatic failover and Multi-AZ enabled and enough replicas in every shard, then COMPLIANT.', () => {
      // Prepare
      const groups = [cacheResource(), clusterModeGroup()];
      // Act
      const verdicts = groups.map((group) => evaluateHighAvailability(group, DEFAULTS));
      // Assess
      for (const verdict of verdicts) {
        expect(verdict.compliance).toBe('COMPLIANT');
        expect(verdict.annotation).toBe('Automatic failover enabled, Multi-AZ enabled, every shard has at least 1 replica.');
      }
    });

    it('Given a shard with fewer replicas than minimumReplicasPerShard, then NON_COMPLIANT naming the shard and saying replicas must be added first.', () => {
      // Prepare: a cluster-mode group whose second shard lost its replica, so failover was switched off.
      const group = clusterModeGroup({
        automaticFailover: 'disabled',
        multiAZ: 'disabled',
        shards: [
          { shardId: '0001', replicaCount: 1 },
          { shardId: '0002', replicaCount: 0 },
          { shardId: '0003', replicaCount: 1 },
        ],
      });
      const twoRequired = cacheResource();
      // Act
      const verdict = evaluateHighAvailability(group, DEFAULTS);
      const strict = evaluateHighAvailability(twoRequired, { ...DEFAULTS, minimumReplicasPerShard: 2 });
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toBe(
        'Not highly available: shard 0002 (0) below 1 replica; automatic failover disabled; Multi-AZ disabled; add replicas (IncreaseReplicaCount) before enabling automatic failover and Multi-AZ.',
      );
      expect(strict.compliance).toBe('NON_COMPLIANT');
      expect(strict.annotation).toBe('Not highly available: shard 0001 (1) below 2 replicas; add replicas (IncreaseReplicaCount).');
    });

    it('Given automatic failover disabled or still enabling on a group with replicas, then NON_COMPLIANT, fixable in place.', () => {
      // Prepare
      const disabled = cacheResource({ automaticFailover: 'disabled', multiAZ: 'disabled' });
      const enabling = cacheResource({ automaticFailover: 'enabling' });
      // Act
      const [off, pending] = [disabled, enabling].map((group) => evaluateHighAvailability(group, DEFAULTS));
      // Assess
      expect(off?.compliance).toBe('NON_COMPLIANT');
      expect(off?.annotation).toBe(
        'Not highly available: automatic failover disabled; Multi-AZ disabled; enable automatic failover and Multi-AZ in place (ModifyReplicationGroup).',
      );
      expect(pending?.compliance).toBe('NON_COMPLIANT');
      expect(pending?.annotation).toContain('automatic failover still enabling');
    });

    it('Given Multi-AZ disabled or still enabling, then NON_COMPLIANT, unless requireMultiAZ is false.', () => {
      // Prepare
      const disabled = cacheResource({ multiAZ: 'disabled' });
      const enabling = cacheResource({ multiAZ: 'enabling' });
      // Act
      const strict = evaluateHighAvailability(disabled, DEFAULTS);
      const pending = evaluateHighAvailability(enabling, DEFAULTS);
      const relaxed = evaluateHighAvailability(disabled, { ...DEFAULTS, requireMultiAZ: false });
      // Assess
      expect(strict.compliance).toBe('NON_COMPLIANT');
      expect(strict.annotation).toBe('Not highly available: Multi-AZ disabled; enable Multi-AZ in place (ModifyReplicationGroup).');
      expect(pending.compliance).toBe('NON_COMPLIANT');
      expect(pending.annotation).toContain('Multi-AZ still enabling');
      expect(relaxed.compliance).toBe('COMPLIANT');
      expect(relaxed.annotation).toContain('Multi-AZ not required (requireMultiAZ is false)');
    });

    it('Given a replication group whose failover setting, Multi-AZ setting or shards are not reported, then NON_COMPLIANT.', () => {
      // Prepare
      const noShards = cacheResource({ shards: [] });
      const noSettings = cacheResource({ automaticFailover: undefined, multiAZ: undefined });
      // Act
      const [shards, settings] = [noShards, noSettings].map((group) => evaluateHighAvailability(group, DEFAULTS));
      // Assess
      expect(shards?.compliance).toBe('NON_COMPLIANT');
      expect(shards?.annotation).toContain('did not report the shards');
      expect(settings?.compliance).toBe('NON_COMPLIANT');
      expect(settings?.annotation).toContain('automatic failover not reported; Multi-AZ not reported');
    });
  });

  it('names at most three short shards and counts the rest, within the annotation limit', () => {
    // Prepare
    const shards = Array.from({ length: 90 }, (_, i) => ({ shardId: String(i + 1).padStart(4, '0'), replicaCount: 0 }));
    const group = clusterModeGroup({ shards, automaticFailover: undefined, multiAZ: undefined });
    // Act
    const verdict = evaluateHighAvailability(group, { minimumReplicasPerShard: 5, requireMultiAZ: true });
    // Assess
    expect(verdict.annotation).toContain('shard 0001 (0), 0002 (0), 0003 (0) and 87 more below 5 replicas');
    expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
  });

  it('refuses an unrecognised engine on a standalone cluster rather than passing it', () => {
    // Prepare
    const cluster = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'keydb', shards: [] });
    // Act
    const verdict = evaluateHighAvailability(cluster, DEFAULTS);
    // Assess
    expect(verdict.compliance).toBe('NON_COMPLIANT');
    expect(verdict.annotation).toContain('"keydb" is not recognised');
  });
});
