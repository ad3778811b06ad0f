import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateAutomaticBackup } from '#shared/evaluators/automatic-backup.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { cacheResource } from '../../support/fixtures.ts';

const ONE_DAY = { minimumRetentionDays: 1 };
const ONE_WEEK = { minimumRetentionDays: 7 };

describe('evaluateAutomaticBackup', () => {
  describe('scenarios', () => {
    it('Given a Memcached cluster, then NOT_APPLICABLE (Memcached has no snapshots)', () => {
      // Prepare
      const memcached = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'catalog-memcached', engine: 'memcached', snapshotRetentionLimit: undefined });
      // Act
      const verdict = evaluateAutomaticBackup(memcached, ONE_WEEK);
      // Assess
      expect(verdict.compliance).toBe('NOT_APPLICABLE');
      expect(verdict.annotation).toContain('Memcached does not support snapshots');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a serverless cache of any engine (serverless Memcached takes snapshots too), then judged by its SnapshotRetentionLimit like the others', () => {
      // Prepare
      const serverless = (engine: string, retention: number | undefined) =>
        cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', engine, cacheNodeType: undefined, snapshotRetentionLimit: retention });
      // Act
      const memcachedOff = evaluateAutomaticBackup(serverless('memcached', 0), ONE_DAY);
      const valkeyWeek = evaluateAutomaticBackup(serverless('valkey', 7), ONE_WEEK);
      const redisUnreported = evaluateAutomaticBackup(serverless('redis', undefined), ONE_DAY);
      // Assess
      expect(memcachedOff.compliance).toBe('NON_COMPLIANT');
      expect(memcachedOff.annotation).toContain('SnapshotRetentionLimit 0');
      expect(valkeyWeek.compliance).toBe('COMPLIANT');
      expect(redisUnreported.compliance).toBe('NON_COMPLIANT');
      expect(redisUnreported.annotation).toContain('serverless cache');
    });

    it('Given retention not reported, then NON_COMPLIANT', () => {
      // Prepare
      const group = cacheResource({ snapshotRetentionLimit: undefined });
      // Act
      const verdict = evaluateAutomaticBackup(group, ONE_DAY);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('did not report the snapshot retention of this replication group');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a cache.t1.micro node, then NON_COMPLIANT (that node type cannot take snapshots)', () => {
      // Prepare: even a retention setting does not help, the node type cannot snapshot.
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'legacy-cache', cacheNodeType: 'cache.t1.micro', snapshotRetentionLimit: 7 });
      // Act
      const verdict = evaluateAutomaticBackup(cluster, ONE_DAY);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('cache.t1.micro cannot take snapshots');
      expect(verdict.annotation).toContain('move to a current node type');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given SnapshotRetentionLimit 0, then NON_COMPLIANT (automatic backups are off)', () => {
      // Prepare
      const group = cacheResource({ snapshotRetentionLimit: 0 });
      // Act
      const verdict = evaluateAutomaticBackup(group, ONE_WEEK);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('Automatic backups are off (SnapshotRetentionLimit 0)');
      expect(verdict.annotation).toContain('at least 7 days');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given retention below minimumRetentionDays, then NON_COMPLIANT', () => {
      // Prepare
      const group = cacheResource({ snapshotRetentionLimit: 3 });
      // Act
      const verdict = evaluateAutomaticBackup(group, ONE_WEEK);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('kept 3 days');
      expect(verdict.annotation).toContain('required 7 days');
      expect(verdict.annotation).toContain('raise SnapshotRetentionLimit to at least 7');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Otherwise COMPLIANT', () => {
      // Prepare
      const group = cacheResource({ snapshotRetentionLimit: 7 });
      // Act
      const verdict = evaluateAutomaticBackup(group, ONE_WEEK);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toBe('Automatic backups are kept 7 days (at least 7 days required).');
    });
  });

  describe('edge cases', () => {
    it('accepts retention exactly at the minimum', () => {
      // Prepare
      const group = cacheResource({ snapshotRetentionLimit: 1 });
      // Act
      const verdict = evaluateAutomaticBackup(group, ONE_DAY);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toContain('kept 1 day (at least 1 day required)');
    });

    it('accepts the longest retention ElastiCache allows (35 days)', () => {
      // Prepare
      const group = cacheResource({ snapshotRetentionLimit: 35 });
      // Act
      const verdict = evaluateAutomaticBackup(group, { minimumRetentionDays: 35 });
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('uses singular "day" for one day below the minimum', () => {
      // Prepare
      const group = cacheResource({ snapshotRetentionLimit: 1 });
      // Act
      const verdict = evaluateAutomaticBackup(group, { minimumRetentionDays: 2 });
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('kept 1 day, less than the required 2 days');
    });

    it('reports backups off rather than a shortfall when retention is 0 and the minimum is 1', () => {
      // Prepare
      const group = cacheResource({ snapshotRetentionLimit: 0 });
      // Act
      const verdict = evaluateAutomaticBackup(group, ONE_DAY);
      // Assess
      expect(verdict.annotation).toContain('are off');
      expect(verdict.annotation).toContain('at least 1 day.');
    });

    it('judges a standalone Redis OSS cluster and Valkey the same way', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'reports-cache', snapshotRetentionLimit: 0 });
      const valkey = cacheResource({ engine: 'valkey', snapshotRetentionLimit: 14 });
      // Act
      const onCluster = evaluateAutomaticBackup(cluster, ONE_DAY);
      const onValkey = evaluateAutomaticBackup(valkey, ONE_WEEK);
      // Assess
      expect(onCluster.compliance).toBe('NON_COMPLIANT');
      expect(onValkey.compliance).toBe('COMPLIANT');
    });

    it('calls a standalone cluster a cluster when its retention was not reported', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'reports-cache', snapshotRetentionLimit: undefined });
      // Act
      const verdict = evaluateAutomaticBackup(cluster, ONE_DAY);
      // Assess
      expect(verdict.annotation).toContain('of this cluster');
    });

    it('judges an unrecognised engine NON_COMPLIANT for manual review, not NOT_APPLICABLE', () => {
      // Prepare
      const group = cacheResource({ engine: 'dragonfly', snapshotRetentionLimit: 7 });
      // Act
      const verdict = evaluateAutomaticBackup(group, ONE_DAY);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('Engine "dragonfly" is not recognised');
      expect(verdict.annotation).toContain('review this replication group manually');
    });

    it('does not mistake other micro node types for cache.t1.micro', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, cacheNodeType: 'cache.t4g.micro', snapshotRetentionLimit: 1 });
      // Act
      const verdict = evaluateAutomaticBackup(cluster, ONE_DAY);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });
  });
});
