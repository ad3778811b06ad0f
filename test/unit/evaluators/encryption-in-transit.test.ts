import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateEncryptionInTransit } from '#shared/evaluators/encryption-in-transit.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { cacheResource } from '../../support/fixtures.ts';

const STRICT = { allowPreferredMode: false };
const MIGRATING = { allowPreferredMode: true };

describe('evaluateEncryptionInTransit', () => {
  describe('scenarios', () => {
    it('Given TLS on in required mode, then COMPLIANT', () => {
      // Prepare
      const group = cacheResource({ transitEncryptionEnabled: true, transitEncryptionMode: 'required' });
      // Act
      const verdict = evaluateEncryptionInTransit(group, STRICT);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toContain('required mode');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given TLS on in preferred mode, then NON_COMPLIANT (plaintext is still accepted), unless allowPreferredMode is true', () => {
      // Prepare
      const group = cacheResource({ transitEncryptionEnabled: true, transitEncryptionMode: 'preferred' });
      // Act
      const strict = evaluateEncryptionInTransit(group, STRICT);
      const migrating = evaluateEncryptionInTransit(group, MIGRATING);
      // Assess
      expect(strict.compliance).toBe('NON_COMPLIANT');
      expect(strict.annotation).toContain('preferred mode');
      expect(strict.annotation).toContain('plaintext');
      expect(strict.annotation).toContain('set TransitEncryptionMode to required');
      expect(migrating.compliance).toBe('COMPLIANT');
      expect(migrating.annotation).toContain('preferred mode');
      expect(migrating.annotation).toContain('allowPreferredMode');
      for (const { annotation } of [strict, migrating]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a replication group with TLS on and no mode reported, then COMPLIANT: the group was created without a mode, which the API treats as required (preferred must be asked for explicitly)', () => {
      // Prepare
      const group = cacheResource({ transitEncryptionEnabled: true, transitEncryptionMode: undefined });
      // Act
      const verdict = evaluateEncryptionInTransit(group, STRICT);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toContain('treats as required');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a standalone Redis OSS / Valkey cluster with TLS on, then COMPLIANT whatever mode is reported: CreateCacheCluster and ModifyCacheCluster take no TransitEncryptionMode, and such a cluster accepts TLS connections only', () => {
      // Prepare
      const clusters = [undefined, 'preferred' as const, 'required' as const].map((mode) =>
        cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'rate-limiter', engine: 'valkey', transitEncryptionEnabled: true, transitEncryptionMode: mode }),
      );
      // Act
      const verdicts = clusters.map((cluster) => evaluateEncryptionInTransit(cluster, STRICT));
      // Assess
      expect(verdicts.map((v) => v.compliance)).toEqual(['COMPLIANT', 'COMPLIANT', 'COMPLIANT']);
      expect(verdicts[0]?.annotation).toContain('accepts TLS connections only');
      expect(verdicts[0]?.annotation).not.toContain('TransitEncryptionMode');
    });

    it('Given a serverless cache, then COMPLIANT (serverless caches accept TLS connections only)', () => {
      // Prepare
      const serverless = cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', engine: 'memcached' });
      // Act
      const verdict = evaluateEncryptionInTransit(serverless, STRICT);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toContain('Serverless caches accept TLS connections only');
    });

    it('Given TLS off on Redis OSS/Valkey, then NON_COMPLIANT; on a Redis OSS version without TLS support (other than 3.2.6, below 4.0.10) the annotation says TLS needs an engine upgrade first', () => {
      // Prepare
      const redis = cacheResource({ transitEncryptionEnabled: false, transitEncryptionMode: undefined, engineVersion: '7.1.0' });
      const valkey = cacheResource({ engine: 'valkey', transitEncryptionEnabled: false, transitEncryptionMode: undefined, engineVersion: '8.0.1' });
      const oldRedis = cacheResource({ transitEncryptionEnabled: false, transitEncryptionMode: undefined, engineVersion: '3.2.4' });
      // Act
      const verdicts = [redis, valkey, oldRedis].map((resource) => evaluateEncryptionInTransit(resource, MIGRATING));
      // Assess
      const [onRedis, onValkey, onOldRedis] = verdicts;
      expect(onRedis?.compliance).toBe('NON_COMPLIANT');
      expect(onRedis?.annotation).toContain('TLS is off');
      expect(onRedis?.annotation).toContain('TLS-enabled replication group');
      expect(onValkey?.compliance).toBe('NON_COMPLIANT');
      expect(onValkey?.annotation).toContain('TLS is off');
      expect(onOldRedis?.compliance).toBe('NON_COMPLIANT');
      expect(onOldRedis?.annotation).toContain('Redis OSS 3.2.4 cannot use it');
      expect(onOldRedis?.annotation).toContain('upgrade to Redis OSS 4.0.10 or later');
      for (const verdict of verdicts) expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a Memcached cluster, then judged by its own flag; below 1.6.12 the annotation says TLS needs an upgrade', () => {
      // Prepare
      const memcached = (overrides: Parameters<typeof cacheResource>[0]) =>
        cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'catalog-memcached', engine: 'memcached', transitEncryptionMode: undefined, ...overrides });
      const withTls = memcached({ transitEncryptionEnabled: true, engineVersion: '1.6.22' });
      const withoutTls = memcached({ transitEncryptionEnabled: false, engineVersion: '1.6.22' });
      const tooOld = memcached({ transitEncryptionEnabled: false, engineVersion: '1.6.6' });
      // Act
      const verdicts = [withTls, withoutTls, tooOld].map((resource) => evaluateEncryptionInTransit(resource, STRICT));
      // Assess
      const [on, off, old] = verdicts;
      expect(on?.compliance).toBe('COMPLIANT');
      expect(on?.annotation).toContain('TLS is on');
      expect(off?.compliance).toBe('NON_COMPLIANT');
      expect(off?.annotation).toContain('cannot be enabled on an existing Memcached cluster');
      expect(old?.compliance).toBe('NON_COMPLIANT');
      expect(old?.annotation).toContain('Memcached 1.6.6 cannot use it');
      expect(old?.annotation).toContain('Memcached 1.6.12 or later');
      for (const verdict of verdicts) expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given the flag not reported or an unknown engine, then NON_COMPLIANT (cannot be shown compliant)', () => {
      // Prepare
      const unreported = cacheResource({ transitEncryptionEnabled: undefined, transitEncryptionMode: undefined });
      const unknownEngine = cacheResource({ engine: 'dragonfly' });
      // Act
      const onUnreported = evaluateEncryptionInTransit(unreported, MIGRATING);
      const onUnknownEngine = evaluateEncryptionInTransit(unknownEngine, MIGRATING);
      // Assess
      expect(onUnreported.compliance).toBe('NON_COMPLIANT');
      expect(onUnreported.annotation).toContain('did not report whether TLS is enabled for this replication group');
      expect(onUnknownEngine.compliance).toBe('NON_COMPLIANT');
      expect(onUnknownEngine.annotation).toContain('Engine "dragonfly" is not recognised');
      for (const { annotation } of [onUnreported, onUnknownEngine]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });
  });

  describe('edge cases', () => {
    it('calls a standalone cluster a cluster, not a replication group', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'reports-cache', transitEncryptionEnabled: false, transitEncryptionMode: undefined });
      // Act
      const verdict = evaluateEncryptionInTransit(cluster, STRICT);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('TLS-enabled cluster');
      expect(verdict.annotation).not.toContain('replication group');
    });

    it('accepts Redis OSS exactly at 3.2.6 as able to use TLS', () => {
      // Prepare
      const group = cacheResource({ transitEncryptionEnabled: false, engineVersion: '3.2.6' });
      // Act
      const verdict = evaluateEncryptionInTransit(group, STRICT);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).not.toContain('upgrade');
      expect(verdict.annotation).toContain('Enable in-transit encryption');
    });

    it('treats Redis OSS 3.2.10, between the two TLS releases, as unable to use TLS', () => {
      // Prepare
      const between = cacheResource({ transitEncryptionEnabled: false, engineVersion: '3.2.10' });
      // Act
      const verdict = evaluateEncryptionInTransit(between, STRICT);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('Redis OSS 3.2.10 cannot use it');
    });

    it('treats Redis OSS 4.0.10 as able to use TLS', () => {
      // Prepare
      const modern = cacheResource({ transitEncryptionEnabled: false, engineVersion: '4.0.10' });
      // Act
      const verdict = evaluateEncryptionInTransit(modern, STRICT);
      // Assess
      expect(verdict.annotation).not.toContain('cannot use it');
    });

    it('gives the generic TLS-off advice when the engine version of TLS-off Redis is unknown', () => {
      // Prepare: a replication group whose members were not listed has no engine version.
      const group = cacheResource({ transitEncryptionEnabled: false, engineVersion: undefined });
      // Act
      const verdict = evaluateEncryptionInTransit(group, STRICT);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('TLS is off');
      expect(verdict.annotation).not.toContain('cannot use it');
    });

    it('never asks Valkey for a Redis OSS version upgrade', () => {
      // Prepare: Valkey starts at 7.2, but a nonsense low version must not produce Redis advice.
      const valkey = cacheResource({ engine: 'valkey', transitEncryptionEnabled: false, engineVersion: '2.8.24' });
      // Act
      const verdict = evaluateEncryptionInTransit(valkey, STRICT);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).not.toContain('upgrade to Redis OSS');
    });

    it('treats Valkey in required mode like Redis OSS', () => {
      // Prepare
      const valkey = cacheResource({ engine: 'valkey', engineVersion: '8.0.1' });
      // Act
      const verdict = evaluateEncryptionInTransit(valkey, STRICT);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('judges a Memcached cluster whose flag was not reported NON_COMPLIANT, even with allowPreferredMode', () => {
      // Prepare
      const memcached = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'memcached', engineVersion: '1.6.22', transitEncryptionEnabled: undefined, transitEncryptionMode: undefined });
      // Act
      const verdict = evaluateEncryptionInTransit(memcached, MIGRATING);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('did not report whether TLS is enabled for this Memcached cluster');
    });

    it('gives the generic Memcached advice when its engine version is unknown', () => {
      // Prepare
      const memcached = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'memcached', engineVersion: undefined, transitEncryptionEnabled: false });
      // Act
      const verdict = evaluateEncryptionInTransit(memcached, STRICT);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('create a replacement cluster');
    });

    it('does not let allowPreferredMode excuse TLS being off', () => {
      // Prepare
      const group = cacheResource({ transitEncryptionEnabled: false, transitEncryptionMode: undefined });
      // Act
      const verdict = evaluateEncryptionInTransit(group, MIGRATING);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
    });

    it('never reports NOT_APPLICABLE: every engine either has TLS or is flagged', () => {
      // Prepare
      const engines = ['redis', 'valkey', 'memcached', 'unknown'];
      // Act
      const verdicts = engines.map((engine) => evaluateEncryptionInTransit(cacheResource({ engine, transitEncryptionEnabled: false }), STRICT));
      // Assess
      expect(verdicts.map((v) => v.compliance)).toEqual(['NON_COMPLIANT', 'NON_COMPLIANT', 'NON_COMPLIANT', 'NON_COMPLIANT']);
    });
  });
});
