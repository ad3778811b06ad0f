import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateSnapshotEncryption, type SnapshotEncryptionParameters } from '#shared/evaluators/snapshot-encryption.ts';
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, type CacheResourceType } from '#shared/inventory/cache-resource.ts';
import type { KmsKeyDirectory, KmsKeyFacts } from '#shared/inventory/kms-key.ts';
import { SERVERLESS_CACHE_SNAPSHOT } from '#shared/inventory/snapshot-resource.ts';
import { KEY_ARN, KEY_ID, cacheResource, kmsKeyFacts, kmsKeyMetadataFixture } from '../../support/fixtures.ts';
import { snapshotResource } from '../../support/snapshot-fixtures.ts';

const DEFAULTS: SnapshotEncryptionParameters = { requireCustomerManagedKey: false, approvedKmsKeyIds: [] };
const REQUIRE_CMK: SnapshotEncryptionParameters = { requireCustomerManagedKey: true, approvedKmsKeyIds: [] };
const APPROVED_OTHER: SnapshotEncryptionParameters = { requireCustomerManagedKey: false, approvedKmsKeyIds: ['0000aaaa-00aa-00aa-00aa-000000000000'] };
const APPROVED_THIS: SnapshotEncryptionParameters = { requireCustomerManagedKey: true, approvedKmsKeyIds: [KEY_ID] };

const keysOf = (...entries: [string, KmsKeyFacts][]): KmsKeyDirectory => new Map(entries);
const customerKey = (overrides: Parameters<typeof kmsKeyMetadataFixture>[0] = {}) => keysOf([KEY_ARN, kmsKeyFacts(kmsKeyMetadataFixture(overrides))]);

/** A snapshot without a key, of a source as given (undefined: the source no longer exists). */
const keyless = (cache: ReturnType<typeof cacheResource> | undefined, resourceType: CacheResourceType = REPLICATION_GROUP) =>
  snapshotResource({ kmsKeyId: undefined, source: { resourceType, resourceId: cache?.resourceId ?? 'gone-cache', cache } });

function expectVerdict(verdict: { compliance: string; annotation: string }, compliance: string, ...phrases: string[]): void {
  expect(verdict.compliance).toBe(compliance);
  for (const phrase of phrases) expect(verdict.annotation).toContain(phrase);
  expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
}

describe('evaluateSnapshotEncryption', () => {
  it('Given a snapshot being deleted, then NOT_APPLICABLE', () => {
    expectVerdict(evaluateSnapshotEncryption(snapshotResource({ status: 'deleting', kmsKeyId: undefined }), REQUIRE_CMK, keysOf()), 'NOT_APPLICABLE', 'being deleted');
  });

  it('Given a serverless snapshot without a key, then it is encrypted with the AWS owned key, even when its cache is gone', () => {
    // Prepare
    const snapshot = snapshotResource({ resourceType: SERVERLESS_CACHE_SNAPSHOT, kmsKeyId: undefined, source: { resourceType: SERVERLESS_CACHE, resourceId: 'search', cache: undefined } });
    // Act / Assess
    expectVerdict(evaluateSnapshotEncryption(snapshot, DEFAULTS, keysOf()), 'COMPLIANT', 'AWS owned key');
    expectVerdict(evaluateSnapshotEncryption(snapshot, REQUIRE_CMK, keysOf()), 'NON_COMPLIANT', 'customer managed', 'CopyServerlessCacheSnapshot');
  });

  it('Given a serverless snapshot with a key, then the key is judged', () => {
    const snapshot = snapshotResource({ resourceType: SERVERLESS_CACHE_SNAPSHOT });
    expectVerdict(evaluateSnapshotEncryption(snapshot, REQUIRE_CMK, customerKey()), 'COMPLIANT', 'customer managed', KEY_ID);
  });

  it('Given a snapshot with a KmsKeyId that is Enabled and customer managed, then COMPLIANT naming the key', () => {
    expectVerdict(evaluateSnapshotEncryption(snapshotResource(), APPROVED_THIS, customerKey()), 'COMPLIANT', KEY_ID, 'Enabled');
  });

  it('Given a snapshot still creating, then it is judged like any other (its key is fixed)', () => {
    expectVerdict(evaluateSnapshotEncryption(snapshotResource({ status: 'creating' }), DEFAULTS, customerKey({ KeyState: 'Disabled', Enabled: false })), 'NON_COMPLIANT', 'Disabled');
  });

  it('Given a snapshot without a key whose source exists and is encrypted at rest, then COMPLIANT with the AWS owned key, unless a customer managed or approved key is required', () => {
    // Prepare
    const snapshot = keyless(cacheResource({ kmsKeyId: undefined }));
    // Act / Assess
    expectVerdict(evaluateSnapshotEncryption(snapshot, DEFAULTS, keysOf()), 'COMPLIANT', 'AWS owned key');
    expectVerdict(evaluateSnapshotEncryption(snapshot, REQUIRE_CMK, keysOf()), 'NON_COMPLIANT', 'customer managed KMS key is required', 'CopySnapshot');
    expectVerdict(evaluateSnapshotEncryption(snapshot, APPROVED_OTHER, keysOf()), 'NON_COMPLIANT', 'not in approvedKmsKeyIds');
  });

  it('Given a snapshot without a key whose source exists but is not encrypted at rest, then NON_COMPLIANT', () => {
    expectVerdict(evaluateSnapshotEncryption(keyless(cacheResource({ atRestEncryptionEnabled: false, kmsKeyId: undefined })), DEFAULTS, keysOf()), 'NON_COMPLIANT', 'Not encrypted', 'orders-cache');
  });

  it('Given a snapshot without a key of a standalone cluster, then NON_COMPLIANT (a standalone cluster is never encrypted at rest)', () => {
    const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'cart', atRestEncryptionEnabled: true, kmsKeyId: undefined });
    expectVerdict(evaluateSnapshotEncryption(keyless(cluster, CACHE_CLUSTER), DEFAULTS, keysOf()), 'NON_COMPLIANT', 'standalone cluster', 'cart');
  });

  it('Given a snapshot without a key whose source did not report its at-rest flag, then NON_COMPLIANT', () => {
    expectVerdict(evaluateSnapshotEncryption(keyless(cacheResource({ atRestEncryptionEnabled: undefined, kmsKeyId: undefined })), DEFAULTS, keysOf()), 'NON_COMPLIANT', 'cannot be shown');
  });

  it('Given a snapshot without a key whose source no longer exists, then NON_COMPLIANT saying encryption cannot be shown', () => {
    expectVerdict(evaluateSnapshotEncryption(keyless(undefined), DEFAULTS, keysOf()), 'NON_COMPLIANT', 'cannot be shown', 'gone-cache no longer exists');
    expectVerdict(evaluateSnapshotEncryption(snapshotResource({ kmsKeyId: undefined, source: undefined }), DEFAULTS, keysOf()), 'NON_COMPLIANT', 'names no source');
  });

  it.each([
    ['PendingDeletion', 'cancel its deletion'],
    ['Disabled', 're-enable the key'],
    ['PendingImport', 'restore the key to Enabled'],
  ])('Given a key that is %s, then NON_COMPLIANT', (state, fix) => {
    expectVerdict(evaluateSnapshotEncryption(snapshotResource(), DEFAULTS, customerKey({ KeyState: state as 'Disabled', Enabled: false })), 'NON_COMPLIANT', state, fix, 'cannot be restored');
  });

  it('Given a key that could not be looked up, then NON_COMPLIANT naming why', () => {
    const denied = keysOf([KEY_ARN, { found: false, reason: 'access denied to kms:DescribeKey (grant it in the key policy)' }]);
    expectVerdict(evaluateSnapshotEncryption(snapshotResource(), DEFAULTS, denied), 'NON_COMPLIANT', 'could not be verified', 'access denied');
    expectVerdict(evaluateSnapshotEncryption(snapshotResource(), DEFAULTS, keysOf()), 'NON_COMPLIANT', 'not looked up');
  });

  it('Given requireCustomerManagedKey and an AWS managed key, then NON_COMPLIANT', () => {
    expectVerdict(evaluateSnapshotEncryption(snapshotResource(), REQUIRE_CMK, customerKey({ KeyManager: 'AWS' })), 'NON_COMPLIANT', 'AWS managed key', 'customer managed key is required');
    expectVerdict(evaluateSnapshotEncryption(snapshotResource(), DEFAULTS, customerKey({ KeyManager: 'AWS' })), 'COMPLIANT', 'AWS managed');
  });

  it('Given approvedKmsKeyIds and a key on none of them, then NON_COMPLIANT; a key ARN entry matches too', () => {
    expectVerdict(evaluateSnapshotEncryption(snapshotResource(), APPROVED_OTHER, customerKey()), 'NON_COMPLIANT', 'not in approvedKmsKeyIds');
    expectVerdict(evaluateSnapshotEncryption(snapshotResource(), { requireCustomerManagedKey: false, approvedKmsKeyIds: [KEY_ARN] }, customerKey()), 'COMPLIANT');
  });
});
