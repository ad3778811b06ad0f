import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateAutoMinorVersionUpgrade } from '#shared/evaluators/auto-minor-version-upgrade.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { cacheResource } from '../../support/fixtures.ts';

describe('evaluateAutoMinorVersionUpgrade', () => {
  describe('scenarios', () => {
    it('Given a serverless cache, then COMPLIANT (the service applies minor and patch versions itself).', () => {
      // Prepare: serverless caches report no AutoMinorVersionUpgrade at all.
      const caches = (['redis', 'valkey', 'memcached'] as const).map((engine) =>
        cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', engine, engineVersion: '8', autoMinorVersionUpgrade: undefined }),
      );
      // Act
      const verdicts = caches.map(evaluateAutoMinorVersionUpgrade);
      // Assess
      for (const verdict of verdicts) {
        expect(verdict.compliance).toBe('COMPLIANT');
        expect(verdict.annotation).toContain('applied by ElastiCache itself');
      }
    });

    it('Given a Memcached cluster, then NOT_APPLICABLE (the API reference gives the flag no effect for Memcached).', () => {
      // Prepare
      const clusters = [true, false, undefined].map((flag) =>
        cacheResource({ resourceType: CACHE_CLUSTER, engine: 'memcached', engineVersion: '1.6.22', autoMinorVersionUpgrade: flag }),
      );
      // Act
      const verdicts = clusters.map(evaluateAutoMinorVersionUpgrade);
      // Assess
      for (const verdict of verdicts) {
        expect(verdict.compliance).toBe('NOT_APPLICABLE');
        expect(verdict.annotation).toContain('only on Valkey 7.2+ and Redis OSS 6.0+');
        expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
      }
    });

    it('Given Redis OSS or Valkey with AutoMinorVersionUpgrade true on a version the flag covers, then COMPLIANT.', () => {
      // Prepare
      const redis = cacheResource({ engineVersion: '6.0.5' });
      const valkeyCluster = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'valkey', engineVersion: '8.0.1' });
      const valkeyUnreported = cacheResource({ engine: 'valkey', engineVersion: undefined });
      // Act
      const verdicts = [redis, valkeyCluster, valkeyUnreported].map(evaluateAutoMinorVersionUpgrade);
      // Assess
      expect(verdicts.map((v) => v.compliance)).toEqual(['COMPLIANT', 'COMPLIANT', 'COMPLIANT']);
      expect(verdicts[0]?.annotation).toBe('AutoMinorVersionUpgrade is on, so Redis OSS 6.0.5 takes the next minor version upgrade campaign.');
    });

    it('Given AutoMinorVersionUpgrade false or not reported, then NON_COMPLIANT.', () => {
      // Prepare
      const off = cacheResource({ autoMinorVersionUpgrade: false });
      const unreported = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'valkey', autoMinorVersionUpgrade: undefined });
      // Act
      const [offVerdict, unreportedVerdict] = [off, unreported].map(evaluateAutoMinorVersionUpgrade);
      // Assess
      expect(offVerdict?.compliance).toBe('NON_COMPLIANT');
      expect(offVerdict?.annotation).toBe(
        'AutoMinorVersionUpgrade is off, so minor versions with security fixes are not applied; set it to true on this replication group.',
      );
      expect(unreportedVerdict?.compliance).toBe('NON_COMPLIANT');
      expect(unreportedVerdict?.annotation).toContain('is not reported');
      expect(unreportedVerdict?.annotation).toContain('this cluster');
    });

    it('Given Redis OSS below 6.0, then NON_COMPLIANT whatever the flag says (the flag is disabled there; only an engine upgrade helps).', () => {
      // Prepare
      const groups = [true, false].map((flag) => cacheResource({ engineVersion: '5.0.6', autoMinorVersionUpgrade: flag }));
      // Act
      const verdicts = groups.map(evaluateAutoMinorVersionUpgrade);
      // Assess
      for (const verdict of verdicts) {
        expect(verdict.compliance).toBe('NON_COMPLIANT');
        expect(verdict.annotation).toContain('Redis OSS 5.0.6 gets no automatic minor upgrades');
        expect(verdict.annotation).toContain('upgrade to Valkey or Redis OSS 6.0+');
        expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
      }
    });

    it('Given Redis OSS with the flag true but no engine version reported, then NON_COMPLIANT (the flag cannot be shown to take effect).', () => {
      // Prepare
      const group = cacheResource({ engineVersion: undefined, autoMinorVersionUpgrade: true });
      // Act
      const verdict = evaluateAutoMinorVersionUpgrade(group);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('did not report the engine version');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given an engine that is not recognised, then NON_COMPLIANT.', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'keydb' });
      // Act
      const verdict = evaluateAutoMinorVersionUpgrade(cluster);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('"keydb" is not recognised');
    });
  });
});
