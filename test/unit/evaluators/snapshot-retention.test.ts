import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateSnapshotRetention, type SnapshotRetentionContext, type SnapshotRetentionParameters } from '#shared/evaluators/snapshot-retention.ts';
import { REPLICATION_GROUP, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { SERVERLESS_CACHE_SNAPSHOT } from '#shared/inventory/snapshot-resource.ts';
import { cacheResource } from '../../support/fixtures.ts';
import { TAKEN, snapshotResource } from '../../support/snapshot-fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;
const DEFAULTS: SnapshotRetentionParameters = { retentionExemptTagKey: 'retention-exempt', maximumManualSnapshotAgeDays: 365, maximumOrphanedSnapshotAgeDays: 30 };

/** The run's clock, `days` after the fixture snapshot was taken. */
const at = (days: number, tags: [string, Record<string, string>][] = []): SnapshotRetentionContext => ({
  evaluationTime: new Date(TAKEN.getTime() + days * DAY),
  tags: new Map(tags),
});
const orphan = (overrides = {}) =>
  snapshotResource({ source: { resourceType: REPLICATION_GROUP, resourceId: 'old-orders', cache: undefined }, ...overrides });

function expectVerdict(verdict: { compliance: string; annotation: string }, compliance: string, ...phrases: string[]): void {
  expect(verdict.compliance).toBe(compliance);
  for (const phrase of phrases) expect(verdict.annotation).toContain(phrase);
  expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
}

describe('evaluateSnapshotRetention', () => {
  it('Given a snapshot being deleted, then NOT_APPLICABLE, before anything else', () => {
    expectVerdict(evaluateSnapshotRetention(orphan({ status: 'deleting' }), DEFAULTS, at(5000)), 'NOT_APPLICABLE', 'being deleted');
  });

  it('Given an automatic snapshot, then NOT_APPLICABLE however old or orphaned', () => {
    expectVerdict(evaluateSnapshotRetention(orphan({ origin: 'automated' }), DEFAULTS, at(5000)), 'NOT_APPLICABLE', 'automatic snapshot');
  });

  it('Given a snapshot of unknown origin, then NON_COMPLIANT', () => {
    expectVerdict(evaluateSnapshotRetention(snapshotResource({ origin: undefined }), DEFAULTS, at(1)), 'NON_COMPLIANT', 'manual or automatic');
  });

  it('Given a manual snapshot tagged with the exemption key (any value), then COMPLIANT naming the tag, however old or orphaned', () => {
    // Prepare
    const snapshot = orphan();
    const context = at(5000, [[snapshot.arn!, { 'retention-exempt': '' }]]);
    // Act / Assess
    expectVerdict(evaluateSnapshotRetention(snapshot, DEFAULTS, context), 'COMPLIANT', 'retention-exempt');
    expectVerdict(evaluateSnapshotRetention(snapshot, { ...DEFAULTS, retentionExemptTagKey: 'legal-hold' }, context), 'NON_COMPLIANT');
  });

  it('Given a blank retentionExemptTagKey, then no tag exempts', () => {
    const snapshot = snapshotResource();
    expectVerdict(evaluateSnapshotRetention(snapshot, { ...DEFAULTS, retentionExemptTagKey: '' }, at(400, [[snapshot.arn!, { '': 'x' }]])), 'NON_COMPLIANT', '365-day');
  });

  it('Given a manual snapshot without a create time, then NON_COMPLIANT', () => {
    expectVerdict(evaluateSnapshotRetention(snapshotResource({ createdAt: undefined }), DEFAULTS, at(1)), 'NON_COMPLIANT', 'age cannot be shown');
  });

  it('Given a manual snapshot older than maximumManualSnapshotAgeDays (more than N × 24 hours, exact), then NON_COMPLIANT', () => {
    // Prepare
    const snapshot = snapshotResource();
    const justOver = { evaluationTime: new Date(TAKEN.getTime() + 365 * DAY + 1), tags: new Map() };
    // Act / Assess
    expectVerdict(evaluateSnapshotRetention(snapshot, DEFAULTS, at(365)), 'COMPLIANT', '365.0 days old', 'within the 365-day limit');
    expectVerdict(evaluateSnapshotRetention(snapshot, DEFAULTS, justOver), 'NON_COMPLIANT', 'over the 365-day limit', 'DeleteSnapshot');
  });

  it('Given a manual snapshot whose source is gone, then NON_COMPLIANT once older than maximumOrphanedSnapshotAgeDays', () => {
    expectVerdict(evaluateSnapshotRetention(orphan(), DEFAULTS, at(30)), 'COMPLIANT', 'old-orders no longer exists', '30-day limit for orphaned');
    expectVerdict(evaluateSnapshotRetention(orphan(), DEFAULTS, at(30.01)), 'NON_COMPLIANT', 'Orphaned', 'old-orders no longer exists', 'kept 30 days');
    expectVerdict(evaluateSnapshotRetention(orphan(), { ...DEFAULTS, maximumOrphanedSnapshotAgeDays: 0 }, at(0.001)), 'NON_COMPLIANT', 'Orphaned');
  });

  it('Given an orphaned snapshot past both limits, then NON_COMPLIANT naming both', () => {
    expectVerdict(evaluateSnapshotRetention(orphan(), DEFAULTS, at(400)), 'NON_COMPLIANT', 'kept 30 days', 'manual ones 365');
  });

  it('Given a source that is being deleted, then the snapshot counts as orphaned', () => {
    const snapshot = snapshotResource({ source: { resourceType: REPLICATION_GROUP, resourceId: 'orders-cache', cache: cacheResource({ status: 'deleting' }) } });
    expectVerdict(evaluateSnapshotRetention(snapshot, DEFAULTS, at(31)), 'NON_COMPLIANT', 'Orphaned');
  });

  it('Given a serverless manual snapshot, then it is judged by the same limits', () => {
    const snapshot = snapshotResource({ resourceType: SERVERLESS_CACHE_SNAPSHOT, source: { resourceType: SERVERLESS_CACHE, resourceId: 'search', cache: cacheResource({ resourceType: SERVERLESS_CACHE }) } });
    expectVerdict(evaluateSnapshotRetention(snapshot, DEFAULTS, at(366)), 'NON_COMPLIANT', 'over the 365-day limit');
    expectVerdict(evaluateSnapshotRetention(snapshot, DEFAULTS, at(10)), 'COMPLIANT', '10.0 days old');
  });
});
