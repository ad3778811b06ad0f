import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import {
  evaluateCrossRegionRecovery,
  type CrossRegionRecoveryContext,
  type CrossRegionRecoveryParameters,
} from '#shared/evaluators/cross-region-recovery.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import type { GlobalDatastore, GlobalDatastoreMember } from '#shared/inventory/global-datastores.ts';
import { cacheResource } from '../../support/fixtures.ts';

const DEFAULTS: CrossRegionRecoveryParameters = { criticalTagKey: 'resilience-tier', criticalTagValues: ['critical'] };
const ORDERS = cacheResource();

const member = (overrides: Partial<GlobalDatastoreMember> = {}): GlobalDatastoreMember => ({
  replicationGroupId: 'orders-cache', region: 'us-east-1', role: 'primary', status: 'associated', ...overrides,
});
const datastore = (members: GlobalDatastoreMember[], status = 'available'): GlobalDatastore => ({ id: 'ldgnf-orders', status, members });
const SECONDARY = member({ replicationGroupId: 'orders-cache-west', region: 'us-west-2', role: 'secondary' });

function context(tagValue: string | undefined, datastores: GlobalDatastore[] = [], arn = ORDERS.arn!): CrossRegionRecoveryContext {
  return { tags: new Map(tagValue === undefined ? [] : [[arn, { 'resilience-tier': tagValue }]]), datastores };
}

function expectVerdict(verdict: { compliance: string; annotation: string }, compliance: string, ...phrases: string[]): void {
  expect(verdict.compliance).toBe(compliance);
  for (const phrase of phrases) expect(verdict.annotation).toContain(phrase);
  expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
}

describe('evaluateCrossRegionRecovery', () => {
  it('Given a cache without the tag or with another value, then NOT_APPLICABLE', () => {
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context(undefined)), 'NOT_APPLICABLE', 'Not marked critical');
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context('standard')), 'NOT_APPLICABLE', 'Not marked critical');
  });

  it('Given a tag value in criticalTagValues in another case, then the cache is critical', () => {
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, { ...DEFAULTS, criticalTagValues: ['tier-0', 'Critical'] }, context('TIER-0')), 'NON_COMPLIANT', 'no global datastore');
  });

  it('Given a critical node-based Memcached cluster, then NOT_APPLICABLE with the reason', () => {
    const memcached = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'catalog', engine: 'memcached', arn: 'arn:aws:elasticache:us-east-1:123456789012:cluster:catalog' });
    expectVerdict(evaluateCrossRegionRecovery(memcached, DEFAULTS, context('critical', [], memcached.arn!)), 'NOT_APPLICABLE', 'keeps no data');
  });

  it.each(['valkey', 'redis', 'memcached'])('Given a critical serverless %s cache, then NON_COMPLIANT', (engine) => {
    const serverless = cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'search', engine, arn: 'arn:aws:elasticache:us-east-1:123456789012:serverlesscache:search' });
    expectVerdict(evaluateCrossRegionRecovery(serverless, DEFAULTS, context('critical', [], serverless.arn!)), 'NON_COMPLIANT', 'serverless cache cannot join a global datastore');
  });

  it('Given a critical standalone Redis OSS / Valkey cluster, then NON_COMPLIANT saying to move it into a replication group', () => {
    const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'cart', engine: 'valkey', arn: 'arn:aws:elasticache:us-east-1:123456789012:cluster:cart' });
    expectVerdict(evaluateCrossRegionRecovery(cluster, DEFAULTS, context('critical', [], cluster.arn!)), 'NON_COMPLIANT', 'standalone cluster', 'replication group');
  });

  it('Given a critical replication group in no global datastore, then NON_COMPLIANT naming the fix', () => {
    const elsewhere = datastore([member({ replicationGroupId: 'orders-cache', region: 'eu-west-1' }), SECONDARY]);
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context('critical', [elsewhere])), 'NON_COMPLIANT', 'no global datastore', 'CreateGlobalReplicationGroup');
  });

  it.each(['creating', 'primary-only', 'deleting'])('Given a global datastore that is %s, then NON_COMPLIANT', (status) => {
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context('critical', [datastore([member(), SECONDARY], status)])), 'NON_COMPLIANT', `is ${status}`);
  });

  it('Given a group that is itself still associating, then NON_COMPLIANT', () => {
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context('critical', [datastore([member({ status: 'associating' }), SECONDARY])])), 'NON_COMPLIANT', 'associating in global datastore');
  });

  it('Given a datastore whose other members are still associating, then NON_COMPLIANT naming them', () => {
    expectVerdict(
      evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context('critical', [datastore([member(), { ...SECONDARY, status: 'associating' }], 'modifying')])),
      'NON_COMPLIANT',
      'orders-cache-west in us-west-2 is associating',
    );
  });

  it('Given a datastore with no member in another Region (the secondaries gone), then NON_COMPLIANT', () => {
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context('critical', [datastore([member()])])), 'NON_COMPLIANT', 'no member in another Region');
  });

  it('Given an associated member in another Region, then COMPLIANT naming the datastore and Region (primary or secondary alike)', () => {
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context('critical', [datastore([member(), SECONDARY])])), 'COMPLIANT', 'ldgnf-orders', 'us-west-2');
    const asSecondary = datastore([member({ region: 'eu-west-1', replicationGroupId: 'orders-eu' }), member({ role: 'secondary' })], 'modifying');
    expectVerdict(evaluateCrossRegionRecovery(ORDERS, DEFAULTS, context('Critical', [asSecondary])), 'COMPLIANT', 'eu-west-1');
  });
});
