/**
 * The four controls, as built bundles on Node 24, against an emulated AWS account (moto): each
 * scenario seeds caches with the SDK, invokes the rule with the event Config sends, and reads the
 * verdicts back from the PutEvaluations calls the emulator recorded.
 */
import { DescribeCacheClustersCommand, DescribeServerlessCacheSnapshotsCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-elasticache';
import { controls } from '#shared/controls/context/catalog.ts';
import { inventoryOf } from '#shared/inventory/inventories.ts';
import { SNAPSHOT_INVENTORY } from '#shared/inventory/snapshots.ts';
import { createDemoKeys, createDemoNetwork, seedDemoEstate } from '../../scripts/local-aws/demo-estate.ts';
import { createCacheCluster, createReplicationGroup } from '../../scripts/local-aws/estate-builders.ts';
import { configurationItemChangeEvent, invokeRecorded } from '../../scripts/local-aws/invoke-bundle.ts';
import { NOTIFICATION_TIME, annotationOf, aws, env, group, server, useEmulator, verdicts, runControl as run } from '../support/emulator.ts';

useEmulator();

describe('encryption-in-transit', () => {
  it('passes TLS required and fails TLS preferred and TLS off', async () => {
    // Prepare
    await createReplicationGroup(aws, group('tls-required'));
    await createReplicationGroup(aws, group('tls-preferred', { tls: 'preferred' }));
    await createReplicationGroup(aws, group('tls-off', { tls: 'off' }));
    // Act
    const invocation = await run('encryption-in-transit');
    // Assess
    expect(verdicts(invocation)).toEqual({
      'tls-required': 'COMPLIANT',
      'tls-preferred': 'NON_COMPLIANT',
      'tls-off': 'NON_COMPLIANT',
    });
    expect(annotationOf(invocation, 'tls-preferred')).toMatch(/preferred mode.*plaintext/);
  }, 30_000);

  it('passes TLS preferred when allowPreferredMode is "true", and still fails TLS off', async () => {
    // Prepare
    await createReplicationGroup(aws, group('tls-preferred', { tls: 'preferred' }));
    await createReplicationGroup(aws, group('tls-off', { tls: 'off' }));
    // Act
    const invocation = await run('encryption-in-transit', { allowPreferredMode: 'true' });
    // Assess
    expect(verdicts(invocation)).toEqual({ 'tls-preferred': 'COMPLIANT', 'tls-off': 'NON_COMPLIANT' });
  }, 30_000);

  it('fails Memcached below 1.6.12, which cannot use TLS, and passes Memcached 1.6.22 with TLS', async () => {
    // Prepare
    await createCacheCluster(aws, { id: 'memcached-1-5', engine: 'memcached', engineVersion: '1.5.16', tls: false });
    await createCacheCluster(aws, { id: 'memcached-1-6-tls', engine: 'memcached', engineVersion: '1.6.22', tls: true });
    // Act
    const invocation = await run('encryption-in-transit');
    // Assess
    expect(verdicts(invocation)).toEqual({ 'memcached-1-5': 'NON_COMPLIANT', 'memcached-1-6-tls': 'COMPLIANT' });
    expect(annotationOf(invocation, 'memcached-1-5')).toContain('1.6.12');
  }, 30_000);

  it('takes the engine version of a group from its member clusters', async () => {
    // Prepare: DescribeReplicationGroups carries no engine version; only the members do.
    await createReplicationGroup(aws, group('redis-3-2-4', { engineVersion: '3.2.4', tls: 'off' }));
    // Act
    const invocation = await run('encryption-in-transit');
    // Assess
    expect(verdicts(invocation)).toEqual({ 'redis-3-2-4': 'NON_COMPLIANT' });
    expect(annotationOf(invocation, 'redis-3-2-4')).toContain('Redis OSS 3.2.4 cannot use it');
  }, 30_000);
});

describe('encryption-at-rest', () => {
  it('fails encryption off, a disabled key and a key pending deletion; passes the default key and an enabled key', async () => {
    // Prepare
    const keys = await createDemoKeys(aws);
    await createReplicationGroup(aws, group('at-rest-off', { atRest: 'off' }));
    await createReplicationGroup(aws, group('default-key'));
    await createReplicationGroup(aws, group('enabled-key', { atRest: { kmsKeyId: keys.enabled.arn } }));
    await createReplicationGroup(aws, group('disabled-key', { atRest: { kmsKeyId: keys.disabled.arn } }));
    await createReplicationGroup(aws, group('pending-deletion-key', { atRest: { kmsKeyId: keys.pendingDeletion.arn } }));
    // Act
    const invocation = await run('encryption-at-rest');
    // Assess
    expect(verdicts(invocation)).toEqual({
      'at-rest-off': 'NON_COMPLIANT',
      'default-key': 'COMPLIANT',
      'enabled-key': 'COMPLIANT',
      'disabled-key': 'NON_COMPLIANT',
      'pending-deletion-key': 'NON_COMPLIANT',
    });
    expect(annotationOf(invocation, 'disabled-key')).toContain(`${keys.disabled.keyId} is Disabled`);
    expect(annotationOf(invocation, 'pending-deletion-key')).toContain(`${keys.pendingDeletion.keyId} is PendingDeletion`);
  }, 30_000);

  it('looks each distinct key up once, however many caches use it', async () => {
    // Prepare
    const keys = await createDemoKeys(aws);
    for (const id of ['a', 'b', 'c']) await createReplicationGroup(aws, group(`shared-key-${id}`, { atRest: { kmsKeyId: keys.enabled.arn } }));
    await createReplicationGroup(aws, group('other-key', { atRest: { kmsKeyId: keys.other.arn } }));
    // Act
    const invocation = await run('encryption-at-rest');
    // Assess
    expect(invocation.requests.filter((r) => r.operation === 'DescribeKey')).toHaveLength(2);
  }, 30_000);

  it.each([
    ['key id', (key: { keyId: string; arn: string }) => key.keyId],
    ['key ARN', (key: { keyId: string; arn: string }) => key.arn],
  ])('with approvedKmsKeyIds listing a %s, passes only caches encrypted with a listed key', async (_form, reference) => {
    // Prepare
    const keys = await createDemoKeys(aws);
    await createReplicationGroup(aws, group('approved-key', { atRest: { kmsKeyId: keys.enabled.arn } }));
    await createReplicationGroup(aws, group('unlisted-key', { atRest: { kmsKeyId: keys.other.arn } }));
    await createReplicationGroup(aws, group('default-key'));
    // Act
    const invocation = await run('encryption-at-rest', { approvedKmsKeyIds: reference(keys.enabled) });
    // Assess
    expect(verdicts(invocation)).toEqual({
      'approved-key': 'COMPLIANT',
      'unlisted-key': 'NON_COMPLIANT',
      'default-key': 'NON_COMPLIANT',
    });
    expect(annotationOf(invocation, 'unlisted-key')).toContain('not in approvedKmsKeyIds');
  }, 30_000);

  it('with requireCustomerManagedKey "true", fails the AWS owned default key and passes a customer managed key', async () => {
    // Prepare
    const keys = await createDemoKeys(aws);
    await createReplicationGroup(aws, group('customer-key', { atRest: { kmsKeyId: keys.enabled.arn } }));
    await createReplicationGroup(aws, group('default-key'));
    // Act
    const invocation = await run('encryption-at-rest', { requireCustomerManagedKey: 'true' });
    // Assess
    expect(verdicts(invocation)).toEqual({ 'customer-key': 'COMPLIANT', 'default-key': 'NON_COMPLIANT' });
    expect(annotationOf(invocation, 'default-key')).toContain('customer managed KMS key is required');
  }, 30_000);

  it('reports Memcached as not applicable', async () => {
    // Prepare
    await createCacheCluster(aws, { id: 'sessions-memcached', engine: 'memcached', engineVersion: '1.6.22', tls: true });
    // Act
    const invocation = await run('encryption-at-rest');
    // Assess
    expect(verdicts(invocation)).toEqual({ 'sessions-memcached': 'NOT_APPLICABLE' });
  }, 30_000);
});

describe('automatic-backup', () => {
  async function seedRetentions(): Promise<void> {
    for (const days of [0, 1, 7, 35]) await createReplicationGroup(aws, group(`retention-${days}`, { retentionDays: days }));
    await createCacheCluster(aws, { id: 'standalone-retention-3', engine: 'valkey', engineVersion: '8.0', tls: true, retentionDays: 3 });
    await createCacheCluster(aws, { id: 'memcached', engine: 'memcached', engineVersion: '1.6.22', tls: true });
  }

  it('with the default minimum of 1 day, fails only backups off', async () => {
    // Prepare
    await seedRetentions();
    // Act
    const invocation = await run('automatic-backup');
    // Assess
    expect(verdicts(invocation)).toEqual({
      'retention-0': 'NON_COMPLIANT',
      'retention-1': 'COMPLIANT',
      'retention-7': 'COMPLIANT',
      'retention-35': 'COMPLIANT',
      'standalone-retention-3': 'COMPLIANT',
      memcached: 'NOT_APPLICABLE',
    });
    expect(annotationOf(invocation, 'retention-0')).toContain('Automatic backups are off');
  }, 30_000);

  it('with minimumRetentionDays 7, fails every retention shorter than 7 days', async () => {
    // Prepare
    await seedRetentions();
    // Act
    const invocation = await run('automatic-backup', { minimumRetentionDays: '7' });
    // Assess
    expect(verdicts(invocation)).toEqual({
      'retention-0': 'NON_COMPLIANT',
      'retention-1': 'NON_COMPLIANT',
      'retention-7': 'COMPLIANT',
      'retention-35': 'COMPLIANT',
      'standalone-retention-3': 'NON_COMPLIANT',
      memcached: 'NOT_APPLICABLE',
    });
    expect(annotationOf(invocation, 'retention-1')).toContain('less than the required 7 days');
  }, 30_000);
});

describe('subnet-privacy', () => {
  it('judges each subnet by the route table that governs it', async () => {
    // Prepare
    const network = await createDemoNetwork(aws);
    await createReplicationGroup(aws, group('in-public-subnets', { subnetGroup: network.publicSubnets }));
    await createReplicationGroup(aws, group('in-ipv6-public-subnet', { subnetGroup: network.ipv6PublicSubnets }));
    await createReplicationGroup(aws, group('behind-nat-and-eigw', { subnetGroup: network.privateSubnets }));
    await createReplicationGroup(aws, group('on-own-vpc-main-table', { subnetGroup: network.isolatedSubnets }));
    await createReplicationGroup(aws, group('on-public-main-table', { subnetGroup: network.legacyVpcSubnets }));
    // Act
    const invocation = await run('subnet-privacy');
    // Assess
    expect(verdicts(invocation)).toEqual({
      // 0.0.0.0/0 → igw.
      'in-public-subnets': 'NON_COMPLIANT',
      // IPv4 goes through NAT, but ::/0 → igw makes the subnet reachable over IPv6.
      'in-ipv6-public-subnet': 'NON_COMPLIANT',
      // A NAT gateway and an egress-only internet gateway admit no inbound connections.
      'behind-nat-and-eigw': 'COMPLIANT',
      // No explicit association: the app VPC's own main table (local only) governs, not the legacy
      // VPC's public main table.
      'on-own-vpc-main-table': 'COMPLIANT',
      // No explicit association, and its own VPC's main table routes to an igw.
      'on-public-main-table': 'NON_COMPLIANT',
    });
    expect(annotationOf(invocation, 'in-ipv6-public-subnet')).toContain(`${network.routeTables.ipv6Public}: ::/0 → igw-`);
    expect(annotationOf(invocation, 'on-public-main-table')).toContain(`${network.routeTables.legacyMain}: 0.0.0.0/0 → igw-`);
  }, 30_000);

  it('re-evaluates every cache when a route table changes, stamped with the change time', async () => {
    // Prepare
    const network = await createDemoNetwork(aws);
    await createReplicationGroup(aws, group('behind-nat-and-eigw', { subnetGroup: network.privateSubnets }));
    await createCacheCluster(aws, { id: 'legacy-memcached', engine: 'memcached', engineVersion: '1.5.16', tls: false, subnetGroup: network.publicSubnets });
    const captureTime = new Date('2026-11-27T07:15:42.120Z');
    const event = configurationItemChangeEvent('subnet-privacy', {
      resourceType: 'AWS::EC2::RouteTable',
      resourceId: network.routeTables.public,
      captureTime,
    });
    // Act
    const invocation = await invokeRecorded(server, 'subnet-privacy', event, env);
    // Assess
    expect(invocation.outcome.ok).toBe(true);
    expect(verdicts(invocation)).toEqual({ 'behind-nat-and-eigw': 'COMPLIANT', 'legacy-memcached': 'NON_COMPLIANT' });
    for (const evaluation of invocation.evaluations) {
      expect(Math.abs(evaluation.OrderingTimestamp.getTime() - captureTime.getTime())).toBeLessThanOrEqual(1);
    }
  }, 30_000);
});

describe('every control', () => {
  it('judges a Valkey group by the subnet group its member clusters report', async () => {
    // Prepare
    const network = await createDemoNetwork(aws);
    const members = await createReplicationGroup(aws, group('valkey-group', { engine: 'valkey', engineVersion: '8.0', subnetGroup: network.privateSubnets }));
    const { CacheClusters } = await aws.elasticache.send(new DescribeCacheClustersCommand({}));
    // Members that name no ReplicationGroupId (joined through MemberClusters) are covered by the unit tests.
    expect(CacheClusters?.map((c) => [c.CacheClusterId, c.ReplicationGroupId])).toEqual(members.map((id) => [id, 'valkey-group']));
    // Act
    const invocation = await run('subnet-privacy');
    // Assess: the subnet group is known only from the members, so COMPLIANT proves they were joined.
    expect(verdicts(invocation)).toEqual({ 'valkey-group': 'COMPLIANT' });
    expect(annotationOf(invocation, 'valkey-group')).toContain('subnet group private-subnets');
  }, 30_000);

  it('evaluates each group and standalone cluster once, member clusters never, in test mode at the notification time', async () => {
    // Prepare
    const estate = await seedDemoEstate(env);
    const { CacheClusters } = await aws.elasticache.send(new DescribeCacheClustersCommand({}));
    const seeded = estate.caches.map((c) => `${c.resourceType} ${c.id}`).sort();
    const memberIds = (CacheClusters ?? []).map((c) => c.CacheClusterId!).filter((id) => !estate.caches.some((c) => c.id === id));
    expect(memberIds.length).toBeGreaterThan(10);

    // The snapshot controls judge the estate's (automatic) snapshots instead of its caches.
    const snapshots = [
      ...((await aws.elasticache.send(new DescribeSnapshotsCommand({}))).Snapshots ?? []).map((s) => `AWS::ElastiCache::Snapshot ${s.SnapshotName}`),
      ...((await aws.elasticache.send(new DescribeServerlessCacheSnapshotsCommand({}))).ServerlessCacheSnapshots ?? []).map(
        (s) => `AWS::ElastiCache::ServerlessCacheSnapshot ${s.ServerlessCacheSnapshotName}`,
      ),
    ].sort();
    expect(snapshots.length).toBeGreaterThan(0);

    for (const control of controls) {
      // Act
      const invocation = await run(control.id);
      // Assess
      const reported = invocation.evaluations.map((e) => `${e.ComplianceResourceType} ${e.ComplianceResourceId}`).sort();
      const expected = inventoryOf(control) === SNAPSHOT_INVENTORY ? snapshots : seeded;
      expect({ control: control.id, reported }).toEqual({ control: control.id, reported: expected });
      expect(invocation.evaluations.filter((e) => memberIds.includes(e.ComplianceResourceId))).toEqual([]);
      for (const request of invocation.putEvaluations) {
        expect(request.TestMode).toBe(true);
        expect(request.ResultToken).toBe('TESTMODE');
      }
      for (const evaluation of invocation.evaluations) {
        // Sent as epoch seconds with milliseconds; allow for the float round trip.
        expect(Math.abs(evaluation.OrderingTimestamp.getTime() - NOTIFICATION_TIME.getTime())).toBeLessThanOrEqual(1);
        expect(evaluation.Annotation?.length ?? 0).toBeGreaterThan(0);
        expect(evaluation.Annotation!.length).toBeLessThanOrEqual(256);
      }
    }
  }, 60_000);
});
