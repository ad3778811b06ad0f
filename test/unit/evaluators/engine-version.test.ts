import { ENGINE_LIFECYCLE } from '#shared/controls/engine-lifecycle.ts';
import { engineVersion } from '#shared/controls/engine-version.ts';
import type { AwsSession } from '#shared/aws/session.ts';
import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateEngineVersion, type EngineVersionContext } from '#shared/evaluators/engine-version.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { cacheResource } from '../../support/fixtures.ts';

const DEFAULTS = { minimumRedisVersion: '6.2', minimumValkeyVersion: '7.2', minimumMemcachedVersion: '1.6.12', allowExtendedSupport: false };
const ALLOW_EXTENDED = { ...DEFAULTS, minimumRedisVersion: '4.0' };

/** A fixed clock for every test: the run's notification time. */
const at = (iso: string): EngineVersionContext => ({ evaluationTime: new Date(iso), lifecycle: ENGINE_LIFECYCLE });
const BEFORE_2026_CUTOFF = at('2025-11-30T12:00:00Z');
const AFTER_2026_CUTOFF = at('2026-11-30T12:00:00Z');
const AFTER_2029_CUTOFF = at('2029-02-01T00:00:00Z');

describe('evaluateEngineVersion', () => {
  describe('scenarios', () => {
    it('Given no engine version reported, then NON_COMPLIANT (it cannot be shown to be supported).', () => {
      // Prepare
      const group = cacheResource({ engineVersion: undefined });
      // Act
      const verdict = evaluateEngineVersion(group, DEFAULTS, AFTER_2026_CUTOFF);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toBe('ElastiCache did not report the engine version of this replication group, so it cannot be shown to be supported.');
    });

    it('Given an engine that is not recognised, then NON_COMPLIANT.', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'keydb', engineVersion: '6.3.4' });
      // Act
      const verdict = evaluateEngineVersion(cluster, DEFAULTS, AFTER_2026_CUTOFF);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('"keydb" is not recognised');
    });

    it('Given a version past its published end of life, then NON_COMPLIANT naming the date.', () => {
      // Prepare
      const redis2 = cacheResource({ engineVersion: '2.8.24' });
      const redis3 = cacheResource({ engineVersion: '3.2.10' });
      // Act
      const [two, three] = [redis2, redis3].map((group) => evaluateEngineVersion(group, { ...ALLOW_EXTENDED, minimumRedisVersion: '2.0', allowExtendedSupport: true }, AFTER_2026_CUTOFF));
      // Assess
      expect(two?.compliance).toBe('NON_COMPLIANT');
      expect(two?.annotation).toBe('Redis OSS 2.8.24 reached end of life on 2023-01-13 and is no longer supported; upgrade to a supported Valkey or Redis OSS version.');
      expect(three?.compliance).toBe('NON_COMPLIANT');
      expect(three?.annotation).toContain('reached end of life on 2023-07-31');
    });

    it('Given a version past the end of Extended Support, then NON_COMPLIANT whatever allowExtendedSupport says.', () => {
      // Prepare
      const group = cacheResource({ engineVersion: '5.0.6' });
      // Act
      const verdict = evaluateEngineVersion(group, { ...ALLOW_EXTENDED, allowExtendedSupport: true }, AFTER_2029_CUTOFF);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('left Extended Support on 2029-01-31');
    });

    it('Given a version past the end of standard support, then NON_COMPLIANT (paid Extended Support), unless allowExtendedSupport is true.', () => {
      // Prepare
      const group = cacheResource({ engineVersion: '4.0.10' });
      // Act
      const strict = evaluateEngineVersion(group, ALLOW_EXTENDED, AFTER_2026_CUTOFF);
      const allowed = evaluateEngineVersion(group, { ...ALLOW_EXTENDED, allowExtendedSupport: true }, AFTER_2026_CUTOFF);
      const lastDay = evaluateEngineVersion(group, ALLOW_EXTENDED, at('2026-01-31T23:59:59Z'));
      const firstDayAfter = evaluateEngineVersion(group, ALLOW_EXTENDED, at('2026-02-01T00:00:00Z'));
      // Assess
      expect(strict.compliance).toBe('NON_COMPLIANT');
      expect(strict.annotation).toBe(
        'Redis OSS 4.0.10 left standard support on 2026-01-31 and runs on paid Extended Support until 2029-01-31; upgrade to Valkey or Redis OSS 6+.',
      );
      expect(allowed.compliance).toBe('COMPLIANT');
      expect(allowed.annotation).toBe('Redis OSS 4.0.10 runs on paid Extended Support, allowed by allowExtendedSupport; Extended Support ends 2029-01-31.');
      expect(lastDay.compliance).toBe('COMPLIANT');
      expect(lastDay.annotation).toContain('standard support ends 2026-01-31');
      expect(firstDayAfter.compliance).toBe('NON_COMPLIANT');
    });

    it('Given a version below the minimum for its engine, then NON_COMPLIANT; versions compare numerically within one engine only.', () => {
      // Prepare
      const redis = cacheResource({ engineVersion: '6.0.5' });
      const valkey = cacheResource({ engine: 'valkey', engineVersion: '7.2.6' });
      const memcached = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'memcached', engineVersion: '1.6.6' });
      const newMemcached = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'memcached', engineVersion: '1.6.22' });
      const redisTen = cacheResource({ engineVersion: '10.0.0' });
      // Act
      const [oldRedis, valkeyVerdict, oldMemcached, currentMemcached, tenVerdict] = [redis, valkey, memcached, newMemcached, redisTen].map((r) =>
        evaluateEngineVersion(r, { ...DEFAULTS, minimumValkeyVersion: '8.0' }, BEFORE_2026_CUTOFF),
      );
      // Assess
      expect(oldRedis?.compliance).toBe('NON_COMPLIANT');
      expect(oldRedis?.annotation).toBe('Redis OSS 6.0.5 is below minimumRedisVersion 6.2; upgrade the engine to 6.2 or later.');
      // Valkey 7.2.6 would pass a Redis OSS minimum of 6.2; it is held to the Valkey minimum alone.
      expect(valkeyVerdict?.compliance).toBe('NON_COMPLIANT');
      expect(valkeyVerdict?.annotation).toContain('below minimumValkeyVersion 8.0');
      expect(oldMemcached?.compliance).toBe('NON_COMPLIANT');
      expect(oldMemcached?.annotation).toContain('Memcached 1.6.6 is below minimumMemcachedVersion 1.6.12');
      // 1.6.22 > 1.6.12 and 10.0.0 > 6.2 only when compared number by number, not as text.
      expect(currentMemcached?.compliance).toBe('COMPLIANT');
      expect(tenVerdict?.compliance).toBe('COMPLIANT');
    });

    it('Given a replication group, then judged by its lowest member version.', () => {
      // Prepare: normalization puts the lowest member version in engineVersion (mid-upgrade, one node still on 5.0.6).
      const group = cacheResource({ engineVersion: '5.0.6', memberClusterIds: ['orders-cache-001', 'orders-cache-002'] });
      // Act
      const verdict = evaluateEngineVersion(group, DEFAULTS, AFTER_2026_CUTOFF);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('Redis OSS 5.0.6 left standard support');
    });

    it('Given a serverless cache reporting only its major version, then compared on the parts it reports (the service applies the rest).', () => {
      // Prepare
      const valkey = cacheResource({ resourceType: SERVERLESS_CACHE, engine: 'valkey', engineVersion: '8' });
      const memcached = cacheResource({ resourceType: SERVERLESS_CACHE, engine: 'memcached', engineVersion: '1.6' });
      const oldRedis = cacheResource({ resourceType: SERVERLESS_CACHE, engine: 'redis', engineVersion: '6' });
      // Act
      const verdicts = [valkey, memcached, oldRedis].map((cache) => evaluateEngineVersion(cache, { ...DEFAULTS, minimumRedisVersion: '7.1' }, AFTER_2026_CUTOFF));
      // Assess
      expect(verdicts.map((v) => v.compliance)).toEqual(['COMPLIANT', 'COMPLIANT', 'NON_COMPLIANT']);
      expect(verdicts[2]?.annotation).toContain('below minimumRedisVersion 7.1');
    });

    it('Given a supported version at or above the minimum, then COMPLIANT naming the next published lifecycle date, or saying none is published.', () => {
      // Prepare
      const current = cacheResource({ engineVersion: '7.1.0' });
      const redis5 = cacheResource({ engineVersion: '5.0.6' });
      // Act
      const noDates = evaluateEngineVersion(current, DEFAULTS, AFTER_2026_CUTOFF);
      const withDate = evaluateEngineVersion(redis5, ALLOW_EXTENDED, BEFORE_2026_CUTOFF);
      // Assess
      expect(noDates.compliance).toBe('COMPLIANT');
      expect(noDates.annotation).toBe('Redis OSS 7.1.0 is supported and at least 6.2; AWS has published no end-of-support date for it.');
      expect(withDate.compliance).toBe('COMPLIANT');
      expect(withDate.annotation).toBe('Redis OSS 5.0.6 is supported and at least 4.0; standard support ends 2026-01-31.');
      expect(withDate.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });
  });

  describe('the control', () => {
    it('takes its clock from the run (the evaluation time the engine passes), never from the machine', async () => {
      // Prepare
      const evaluationTime = new Date('2026-03-01T00:00:00Z');
      // Act
      const context = await engineVersion.loadContext([], {} as AwsSession, { evaluationTime });
      // Assess
      expect(context).toEqual({ evaluationTime, lifecycle: ENGINE_LIFECYCLE });
    });

    it('keeps published dates only: every lifecycle row has at least one date, in YYYY-MM-DD form', () => {
      // Assess
      for (const row of ENGINE_LIFECYCLE) {
        const dates = [row.endOfStandardSupport, row.endOfExtendedSupport, row.endOfLife].filter((d) => d !== undefined);
        expect(dates.length).toBeGreaterThan(0);
        for (const date of dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    });
  });
});
