import { MAX_ANNOTATION_LENGTH } from '#shared/engine/report.ts';
import { evaluateEncryptionAtRest, type EncryptionAtRestParameters } from '#shared/evaluators/encryption-at-rest.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import type { KmsKeyDirectory, KmsKeyFacts } from '#shared/inventory/kms-key.ts';
import { ACCOUNT_ID, KEY_ARN, KEY_ID, REGION, cacheResource, kmsKeyFacts, kmsKeyMetadataFixture } from '../../support/fixtures.ts';

const DEFAULTS: EncryptionAtRestParameters = { requireCustomerManagedKey: false, approvedKmsKeyIds: [] };
const REQUIRE_CMK: EncryptionAtRestParameters = { requireCustomerManagedKey: true, approvedKmsKeyIds: [] };

/** The aws/elasticache AWS managed key, as DescribeKey reports it. */
const AWS_MANAGED_KEY_ID = '0987dcba-09fe-87dc-65ba-ab0987654321';
const awsManagedKey = kmsKeyFacts(
  kmsKeyMetadataFixture({ KeyId: AWS_MANAGED_KEY_ID, KeyManager: 'AWS', Description: 'Default key that protects my ElastiCache data when no other key is defined' }),
);
const AWS_MANAGED_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${AWS_MANAGED_KEY_ID}`;

function keysOf(...entries: [reference: string, facts: KmsKeyFacts][]): KmsKeyDirectory {
  return new Map(entries);
}

/** The directory loadContext builds for the fixture group's customer managed key. */
const customerKey = (overrides: Parameters<typeof kmsKeyMetadataFixture>[0] = {}) =>
  keysOf([KEY_ARN, kmsKeyFacts(kmsKeyMetadataFixture(overrides))]);

describe('evaluateEncryptionAtRest', () => {
  describe('scenarios', () => {
    it('Given a Memcached cluster, then NOT_APPLICABLE (Memcached keeps no data at rest)', () => {
      // Prepare
      const memcached = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'catalog-memcached', engine: 'memcached', atRestEncryptionEnabled: false, kmsKeyId: undefined });
      // Act
      const verdict = evaluateEncryptionAtRest(memcached, REQUIRE_CMK, keysOf());
      // Assess
      expect(verdict.compliance).toBe('NOT_APPLICABLE');
      expect(verdict.annotation).toContain('Memcached');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a standalone Redis OSS / Valkey cluster, then NON_COMPLIANT whatever it reports: the cluster APIs offer no at-rest encryption, so the data must move into an encrypted replication group', () => {
      // Prepare: the flag absent (as the API often sends it), false, and even true.
      const clusters = [undefined, false, true].map((flag) =>
        cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'reports-cache', atRestEncryptionEnabled: flag, kmsKeyId: undefined }),
      );
      // Act
      const verdicts = clusters.map((cluster) => evaluateEncryptionAtRest(cluster, DEFAULTS, keysOf()));
      // Assess
      expect(new Set(verdicts.map((v) => v.annotation)).size).toBe(1);
      expect(verdicts[0]?.compliance).toBe('NON_COMPLIANT');
      expect(verdicts[0]?.annotation).toContain('cannot be encrypted at rest');
      expect(verdicts[0]?.annotation).toContain('restore into a replication group with AtRestEncryptionEnabled');
      expect(verdicts[0]?.annotation).not.toContain('did not report');
    });

    it('Given a serverless cache (any engine), then it is always encrypted at rest and only the key is judged, as below', () => {
      // Prepare
      const serverless = (engine: string, kmsKeyId: string | undefined) =>
        cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'sessions', engine, atRestEncryptionEnabled: true, kmsKeyId });
      const disabledKey = kmsKeyMetadataFixture({ KeyState: 'Disabled', Enabled: false });
      // Act
      const memcachedDefault = evaluateEncryptionAtRest(serverless('memcached', undefined), DEFAULTS, keysOf());
      const valkeyNeedsCmk = evaluateEncryptionAtRest(serverless('valkey', undefined), REQUIRE_CMK, keysOf());
      const valkeyDisabledKey = evaluateEncryptionAtRest(serverless('valkey', KEY_ARN), DEFAULTS, keysOf([KEY_ARN, kmsKeyFacts(disabledKey)]));
      // Assess
      expect(memcachedDefault.compliance).toBe('COMPLIANT');
      expect(valkeyNeedsCmk.compliance).toBe('NON_COMPLIANT');
      expect(valkeyNeedsCmk.annotation).toContain('serverless cache');
      expect(valkeyDisabledKey.compliance).toBe('NON_COMPLIANT');
      expect(valkeyDisabledKey.annotation).toContain('Disabled');
    });

    it('Given at-rest encryption off or not reported, then NON_COMPLIANT', () => {
      // Prepare
      const off = cacheResource({ atRestEncryptionEnabled: false, kmsKeyId: undefined });
      const unreported = cacheResource({ atRestEncryptionEnabled: undefined, kmsKeyId: undefined });
      // Act
      const onOff = evaluateEncryptionAtRest(off, DEFAULTS, keysOf());
      const onUnreported = evaluateEncryptionAtRest(unreported, DEFAULTS, keysOf());
      // Assess
      expect(onOff.compliance).toBe('NON_COMPLIANT');
      expect(onOff.annotation).toContain('Encryption at rest is off');
      expect(onOff.annotation).toContain('cannot be enabled in place');
      expect(onOff.annotation).toContain('new encrypted replication group');
      expect(onUnreported.compliance).toBe('NON_COMPLIANT');
      expect(onUnreported.annotation).toContain('did not report whether this replication group is encrypted at rest');
      for (const { annotation } of [onOff, onUnreported]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given encryption with the AWS owned default key, then COMPLIANT, unless requireCustomerManagedKey is true or approvedKmsKeyIds is set (the default key is on no list)', () => {
      // Prepare
      const group = cacheResource({ atRestEncryptionEnabled: true, kmsKeyId: undefined });
      // Act
      const byDefault = evaluateEncryptionAtRest(group, DEFAULTS, keysOf());
      const cmkRequired = evaluateEncryptionAtRest(group, REQUIRE_CMK, keysOf());
      const listed = evaluateEncryptionAtRest(group, { requireCustomerManagedKey: false, approvedKmsKeyIds: [KEY_ID] }, keysOf());
      // Assess
      expect(byDefault.compliance).toBe('COMPLIANT');
      expect(byDefault.annotation).toContain('AWS owned default key');
      expect(cmkRequired.compliance).toBe('NON_COMPLIANT');
      expect(cmkRequired.annotation).toContain('AWS owned default key');
      expect(cmkRequired.annotation).toContain('customer managed KMS key is required');
      expect(listed.compliance).toBe('NON_COMPLIANT');
      expect(listed.annotation).toContain('not in approvedKmsKeyIds');
      for (const { annotation } of [byDefault, cmkRequired, listed]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given a key that is disabled, pending deletion or otherwise not Enabled, then NON_COMPLIANT', () => {
      // Prepare
      const group = cacheResource();
      const states = ['Disabled', 'PendingDeletion', 'PendingImport', 'Unavailable'] as const;
      // Act
      const verdicts = states.map((KeyState) => evaluateEncryptionAtRest(group, DEFAULTS, customerKey({ KeyState, Enabled: false })));
      // Assess
      verdicts.forEach((verdict, i) => {
        expect(verdict.compliance).toBe('NON_COMPLIANT');
        expect(verdict.annotation).toContain(`KMS key ${KEY_ID} is ${states[i]}`);
        expect(verdict.annotation).toContain('unreadable');
        expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
      });
    });

    it('Given a key that could not be looked up, then NON_COMPLIANT naming why', () => {
      // Prepare
      const group = cacheResource();
      const deleted = keysOf([KEY_ARN, { found: false, reason: 'the key does not exist (deleted)' }]);
      const denied = keysOf([KEY_ARN, { found: false, reason: 'access denied to kms:DescribeKey (grant it in the key policy)' }]);
      // Act
      const onDeleted = evaluateEncryptionAtRest(group, DEFAULTS, deleted);
      const onDenied = evaluateEncryptionAtRest(group, DEFAULTS, denied);
      const notLookedUp = evaluateEncryptionAtRest(group, DEFAULTS, keysOf());
      // Assess
      expect(onDeleted.compliance).toBe('NON_COMPLIANT');
      expect(onDeleted.annotation).toContain(`KMS key ${KEY_ID} could not be verified: the key does not exist (deleted)`);
      expect(onDenied.compliance).toBe('NON_COMPLIANT');
      expect(onDenied.annotation).toContain('access denied to kms:DescribeKey');
      expect(notLookedUp.compliance).toBe('NON_COMPLIANT');
      expect(notLookedUp.annotation).toContain('it was not looked up');
      for (const { annotation } of [onDeleted, onDenied, notLookedUp]) expect(annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given requireCustomerManagedKey and an AWS managed key (aws/elasticache), then NON_COMPLIANT', () => {
      // Prepare
      const group = cacheResource({ kmsKeyId: AWS_MANAGED_KEY_ARN });
      const keys = keysOf([AWS_MANAGED_KEY_ARN, awsManagedKey]);
      // Act
      const verdict = evaluateEncryptionAtRest(group, REQUIRE_CMK, keys);
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`AWS managed key ${AWS_MANAGED_KEY_ID}`);
      expect(verdict.annotation).toContain('customer managed key is required');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Given approvedKmsKeyIds and a key matching none of them (by key id or key ARN), then NON_COMPLIANT', () => {
      // Prepare
      const group = cacheResource();
      const otherKeyId = '5678efab-56ef-78ab-90cd-5678901234cd';
      const parameters = { requireCustomerManagedKey: true, approvedKmsKeyIds: [otherKeyId, `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${otherKeyId}`] };
      // Act
      const verdict = evaluateEncryptionAtRest(group, parameters, customerKey());
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain(`KMS key ${KEY_ID} is not in approvedKmsKeyIds`);
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('Otherwise COMPLIANT, naming the key', () => {
      // Prepare
      const group = cacheResource();
      const byId = { requireCustomerManagedKey: true, approvedKmsKeyIds: [KEY_ID] };
      const byArn = { requireCustomerManagedKey: true, approvedKmsKeyIds: [KEY_ARN] };
      // Act
      const verdicts = [DEFAULTS, REQUIRE_CMK, byId, byArn].map((parameters) => evaluateEncryptionAtRest(group, parameters, customerKey()));
      // Assess
      for (const verdict of verdicts) {
        expect(verdict.compliance).toBe('COMPLIANT');
        expect(verdict.annotation).toBe(`Encrypted at rest with customer managed KMS key ${KEY_ID} (Enabled).`);
      }
    });
  });

  describe('edge cases', () => {
    it('accepts an AWS managed key when no customer managed key is required, and says it is AWS managed', () => {
      // Prepare
      const group = cacheResource({ kmsKeyId: AWS_MANAGED_KEY_ARN });
      // Act
      const verdict = evaluateEncryptionAtRest(group, DEFAULTS, keysOf([AWS_MANAGED_KEY_ARN, awsManagedKey]));
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toContain(`AWS managed KMS key ${AWS_MANAGED_KEY_ID}`);
    });

    it('matches approved entries case-insensitively', () => {
      // Prepare
      const group = cacheResource();
      const parameters = { requireCustomerManagedKey: false, approvedKmsKeyIds: [KEY_ID.toUpperCase()] };
      // Act
      const verdict = evaluateEncryptionAtRest(group, parameters, customerKey());
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });

    it('does not match an approved key ARN of another account that ends in the same key id', () => {
      // Prepare
      const group = cacheResource();
      const parameters = { requireCustomerManagedKey: false, approvedKmsKeyIds: [`arn:aws:kms:${REGION}:210987654321:key/${KEY_ID}`] };
      // Act
      const verdict = evaluateEncryptionAtRest(group, parameters, customerKey());
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('not in approvedKmsKeyIds');
    });

    it('looks the key up by the reference exactly as ElastiCache reported it (a bare key id too)', () => {
      // Prepare
      const group = cacheResource({ kmsKeyId: KEY_ID });
      // Act
      const verdict = evaluateEncryptionAtRest(group, REQUIRE_CMK, keysOf([KEY_ID, kmsKeyFacts(kmsKeyMetadataFixture())]));
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
      expect(verdict.annotation).toContain(KEY_ID);
    });

    it('judges the key state before its ownership: a disabled AWS managed key is reported as disabled', () => {
      // Prepare
      const group = cacheResource({ kmsKeyId: AWS_MANAGED_KEY_ARN });
      const disabledAwsKey = kmsKeyFacts(kmsKeyMetadataFixture({ KeyId: AWS_MANAGED_KEY_ID, KeyManager: 'AWS', KeyState: 'Disabled', Enabled: false }));
      // Act
      const verdict = evaluateEncryptionAtRest(group, REQUIRE_CMK, keysOf([AWS_MANAGED_KEY_ARN, disabledAwsKey]));
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('is Disabled');
    });

    it('mentions the customer managed key in the rebuild advice when one is required', () => {
      // Prepare
      const group = cacheResource({ atRestEncryptionEnabled: false, kmsKeyId: undefined });
      // Act
      const verdict = evaluateEncryptionAtRest(group, REQUIRE_CMK, keysOf());
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('using a customer managed KMS key');
      expect(verdict.annotation.length).toBeLessThanOrEqual(MAX_ANNOTATION_LENGTH);
    });

    it('asks a standalone cluster to move into a replication group with a customer managed key when one is required', () => {
      // Prepare
      const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'reports-cache', engine: 'valkey', kmsKeyId: undefined });
      // Act
      const verdict = evaluateEncryptionAtRest(cluster, REQUIRE_CMK, keysOf());
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('standalone Valkey cluster');
      expect(verdict.annotation).toContain('customer managed KMS key');
    });

    it('judges an unrecognised engine NON_COMPLIANT for manual review', () => {
      // Prepare
      const group = cacheResource({ engine: 'dragonfly' });
      // Act
      const verdict = evaluateEncryptionAtRest(group, DEFAULTS, customerKey());
      // Assess
      expect(verdict.compliance).toBe('NON_COMPLIANT');
      expect(verdict.annotation).toContain('Engine "dragonfly" is not recognised');
    });

    it('judges Valkey like Redis OSS', () => {
      // Prepare
      const group = cacheResource({ engine: 'valkey', engineVersion: '8.0.1' });
      // Act
      const verdict = evaluateEncryptionAtRest(group, REQUIRE_CMK, customerKey());
      // Assess
      expect(verdict.compliance).toBe('COMPLIANT');
    });
  });
});
