import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateLogDelivery, logTypeProblem } from '#shared/evaluators/log-delivery.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE, type LogDelivery } from '#shared/inventory/cache-resource.ts';
import { cacheResource } from '../../support/fixtures.ts';

const SLOW = { requiredLogTypes: ['slow-log'] };
const BOTH = { requiredLogTypes: ['slow-log', 'engine-log'] };

/** A LogDeliveryConfigurations entry as normalize.ts keeps it (values lower-cased). */
function delivery(overrides: Partial<LogDelivery> = {}): LogDelivery {
  return { logType: 'slow-log', destinationType: 'cloudwatch-logs', status: 'active', destination: '/elasticache/orders/slow', ...overrides };
}

describe('evaluateLogDelivery', () => {
  describe('scenarios', () => {
    it('Given a Memcached cluster, then NOT_APPLICABLE (ElastiCache delivers no Memcached logs)', () => {
      // Prepare
      const memcached = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'catalog-memcached', engine: 'memcached', engineVersion: '1.6.22' });
      // Act
      const verdict = evaluateLogDelivery(memcached, SLOW);
      // Assess
      expect(verdict.compliance).toBe('NOT_APPLICABLE');
      expect(verdict.annotation).toContain('not Memcached');
    });

    it('Given a serverless cache, then NOT_APPLICABLE (log delivery is not supported for serverless caches)', () => {
      // Prepare
      const serverless = cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', engine: 'valkey', engineVersion: '8.0', logDeliveries: [] });
      // Act
      const verdict = evaluateLogDelivery(serverless, BOTH);
      // Assess
      expect(verdict.compliance).toBe('NOT_APPLICABLE');
      expect(verdict.annotation).toContain('does not support log delivery for serverless caches');
    });

    it('Given an unknown engine, then NON_COMPLIANT (cannot be shown to deliver logs)', () => {
      // Prepare
      const unknown = cacheResource({ engine: 'dragonfly', logDeliveries: [delivery()] });
      // Act
      const verdict = evaluateLogDelivery(unknown, SLOW);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('Engine "dragonfly" is not recognised');
    });

    it('Given a Redis OSS version that cannot deliver a required log type (slow log below 6.0, engine log below 6.2), then NON_COMPLIANT naming the upgrade needed', () => {
      // Prepare
      const redis5 = cacheResource({ engineVersion: '5.0.6' });
      const redis60 = cacheResource({ engineVersion: '6.0.5', logDeliveries: [delivery()] });
      // Act
      const slowOn5 = evaluateLogDelivery(redis5, SLOW);
      const bothOn5 = evaluateLogDelivery(redis5, BOTH);
      const bothOn60 = evaluateLogDelivery(redis60, BOTH);
      // Assess
      expect(slowOn5.compliance).toBe('NON_COMPLIANT');
      expect(slowOn5.annotation).toContain('Redis OSS 5.0.6 cannot deliver the slow log');
      expect(slowOn5.annotation).toContain('upgrade to Redis OSS 6.0 or later');
      expect(bothOn5.annotation).toContain('cannot deliver the slow log or engine log');
      expect(bothOn5.annotation).toContain('upgrade to Redis OSS 6.2 or later');
      expect(bothOn60.compliance).toBe('NON_COMPLIANT');
      expect(bothOn60.annotation).toContain('Redis OSS 6.0.5 cannot deliver the engine log');
      expect(bothOn60.annotation).toContain('upgrade to Redis OSS 6.2 or later');
      for (const { annotation } of [slowOn5, bothOn5, bothOn60]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a required log type with no LogDeliveryConfigurations entry, then NON_COMPLIANT naming the type as not configured', () => {
      // Prepare
      const none = cacheResource({ logDeliveries: [] });
      const slowOnly = cacheResource({ logDeliveries: [delivery()] });
      // Act
      const onNone = evaluateLogDelivery(none, SLOW);
      const engineMissing = evaluateLogDelivery(slowOnly, BOTH);
      // Assess
      expect(onNone.compliance).toBe('NON_COMPLIANT');
      expect(onNone.annotation).toBe(
        'Not delivered: slow log is not configured. Deliver it to a CloudWatch Logs group or Firehose stream (LogDeliveryConfigurations).',
      );
      expect(engineMissing.compliance).toBe('NON_COMPLIANT');
      expect(engineMissing.annotation).toContain('engine log is not configured');
      expect(engineMissing.annotation).not.toContain('slow log');
    });

    it('Given a required log type whose entry is `error`, `disabling`, `enabling`, `modifying` or has no status, then NON_COMPLIANT naming the status', () => {
      // Prepare
      const statuses = ['error', 'disabling', 'enabling', 'modifying', undefined];
      // Act
      const verdicts = statuses.map((status) => evaluateLogDelivery(cacheResource({ logDeliveries: [delivery({ status })] }), SLOW));
      // Assess
      expect(verdicts.map((v) => v.compliance)).toEqual(statuses.map(() => 'NON_COMPLIANT'));
      expect(verdicts[0]?.annotation).toContain('slow log has status error (delivery failed, see its Message)');
      expect(verdicts[1]?.annotation).toContain('status disabling (being turned off)');
      expect(verdicts[2]?.annotation).toContain('status enabling (not delivering yet)');
      expect(verdicts[3]?.annotation).toContain('status modifying (being changed)');
      expect(verdicts[4]?.annotation).toContain('status not reported');
      for (const { annotation } of verdicts) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given an active entry whose destination type is neither CloudWatch Logs nor Kinesis Data Firehose, then NON_COMPLIANT', () => {
      // Prepare
      const elsewhere = cacheResource({ logDeliveries: [delivery({ destinationType: 's3' })] });
      const unreported = cacheResource({ logDeliveries: [delivery({ destinationType: undefined })] });
      // Act
      const verdicts = [elsewhere, unreported].map((r) => evaluateLogDelivery(r, SLOW));
      // Assess
      expect(verdicts[0]?.compliance).toBe('NON_COMPLIANT');
      expect(verdicts[0]?.annotation).toContain('unsupported destination type "s3"');
      expect(verdicts[1]?.compliance).toBe('NON_COMPLIANT');
      expect(verdicts[1]?.annotation).toContain('destination type "not reported"');
    });

    it('Given every required log type active to CloudWatch Logs or Kinesis Data Firehose, then COMPLIANT naming the destinations', () => {
      // Prepare
      const group = cacheResource({
        logDeliveries: [
          delivery(),
          delivery({ logType: 'engine-log', destinationType: 'kinesis-firehose', destination: 'orders-engine-log' }),
        ],
      });
      // Act
      const verdict = evaluateLogDelivery(group, BOTH);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toBe(
        'Delivered: slow log to CloudWatch Logs /elasticache/orders/slow; engine log to Kinesis Data Firehose orders-engine-log.',
      );
    });
  });

  describe('edge cases', () => {
    it('judges a standalone Valkey cluster by its own configurations, whatever its version number', () => {
      // Prepare: Valkey numbers are not Redis OSS numbers; every Valkey release delivers both logs.
      const valkey = cacheResource({ resourceType: CACHE_CLUSTER, engine: 'valkey', engineVersion: '7.2.4', logDeliveries: [delivery(), delivery({ logType: 'engine-log' })] });
      // Act
      const verdict = evaluateLogDelivery(valkey, BOTH);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('lets a Redis OSS group whose version was not reported be judged by its configurations', () => {
      // Prepare
      const unknownVersion = cacheResource({ engineVersion: undefined, logDeliveries: [] });
      // Act
      const verdict = evaluateLogDelivery(unknownVersion, SLOW);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('slow log is not configured');
    });

    it('accepts Redis OSS exactly at 6.2 for both log types', () => {
      // Prepare
      const redis62 = cacheResource({ engineVersion: '6.2.6', logDeliveries: [delivery(), delivery({ logType: 'engine-log' })] });
      // Act
      const verdict = evaluateLogDelivery(redis62, BOTH);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('counts a log type delivered when one of its entries is active and another is not', () => {
      // Prepare
      const group = cacheResource({ logDeliveries: [delivery({ status: 'error' }), delivery()] });
      // Act
      const verdict = evaluateLogDelivery(group, SLOW);
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('names every failing log type in one sentence and says "them"', () => {
      // Prepare
      const group = cacheResource({ logDeliveries: [delivery({ status: 'error' })] });
      // Act
      const verdict = evaluateLogDelivery(group, BOTH);
      // Assess
      expect(verdict.annotation).toContain('slow log has status error');
      expect(verdict.annotation).toContain('engine log is not configured');
      expect(verdict.annotation).toContain('Deliver them');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('requires the slow log when given an empty list', () => {
      // Prepare
      const group = cacheResource({ logDeliveries: [] });
      // Act
      const verdict = evaluateLogDelivery(group, { requiredLogTypes: [] });
      // Assess
      expect(verdict.annotation).toContain('slow log is not configured');
    });

    it('refuses log types other than slow-log and engine-log, naming the accepted ones', () => {
      // Act / Assess
      expect(logTypeProblem('slow-log')).toBeUndefined();
      expect(logTypeProblem('engine-log')).toBeUndefined();
      expect(logTypeProblem('audit-log')).toBe('is not a log type; use slow-log or engine-log');
    });
  });
});
