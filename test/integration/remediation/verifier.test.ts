/**
 * The remediation verifier as built (dist/remediation-verifier) on Node 24 against the emulator: the
 * control's verdict on one resource; an unknown control, an unknown resource or a bad parameter fails
 * the invocation naming it, never returning a verdict. A snapshot control finds a snapshot by name,
 * and reports one that no longer exists as deleted (no compliance), never as COMPLIANT.
 */
import { CreateServerlessCacheSnapshotCommand, CreateSnapshotCommand, DeleteSnapshotCommand } from '@aws-sdk/client-elasticache';
import { invokeBundle } from '../../../scripts/local-aws/invoke-bundle.ts';
import { createCacheCluster, createReplicationGroup, createServerlessCache } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, env, group, useEmulator } from '../../support/emulator.ts';

useEmulator();

const verify = (event: unknown) => invokeBundle('remediation-verifier', event, env, { timeoutMs: 60_000 });

describe('remediation-verifier bundle', () => {
  it('returns each control\'s verdict on a group, a standalone cluster and a serverless cache', async () => {
    // Prepare
    await createReplicationGroup(aws, group('orders', { retentionDays: 0 }));
    await createCacheCluster(aws, { id: 'reports', engine: 'redis', engineVersion: '7.1', tls: false, retentionDays: 7 });
    await createServerlessCache(aws, { name: 'sessions', engine: 'valkey', majorEngineVersion: '8', subnetIds: [], retentionDays: 7 });
    // Act
    const outcomes = await Promise.all(['orders', 'reports', 'sessions'].map((resourceId) => verify({ controlId: 'automatic-backup', resourceId, ruleParameters: { minimumRetentionDays: '7' } })));
    // Assess
    expect(outcomes).toEqual([
      { ok: true, result: expect.objectContaining({ compliance: 'NON_COMPLIANT', resourceType: 'AWS::ElastiCache::ReplicationGroup', resourceId: 'orders', controlId: 'automatic-backup' }) },
      { ok: true, result: expect.objectContaining({ compliance: 'COMPLIANT', resourceType: 'AWS::ElastiCache::CacheCluster', resourceId: 'reports' }) },
      { ok: true, result: expect.objectContaining({ compliance: 'COMPLIANT', resourceType: 'AWS::ElastiCache::ServerlessCache', resourceId: 'sessions' }) },
    ]);
  }, 60_000);

  it('finds a snapshot and a serverless cache snapshot by name, and reports one deleted since as deleted', async () => {
    // Prepare
    await createReplicationGroup(aws, group('orders', { retentionDays: 0 }));
    await createServerlessCache(aws, { name: 'sessions', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'orders-manual', ReplicationGroupId: 'orders' }));
    await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'orders-deleted', ReplicationGroupId: 'orders' }));
    await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'sessions-manual', ServerlessCacheName: 'sessions' }));
    await aws.elasticache.send(new DeleteSnapshotCommand({ SnapshotName: 'orders-deleted' }));
    const retention = (resourceId: string) => verify({ controlId: 'snapshot-retention', resourceId, ruleParameters: { maximumManualSnapshotAgeDays: '365' } });
    // Act
    const outcomes = await Promise.all(['orders-manual', 'sessions-manual', 'orders-deleted'].map(retention));
    const missingCache = await verify({ controlId: 'automatic-backup', resourceId: 'orders-deleted', ruleParameters: {} });
    // Assess
    expect(outcomes).toEqual([
      { ok: true, result: expect.objectContaining({ outcome: 'judged', compliance: 'COMPLIANT', resourceType: 'AWS::ElastiCache::Snapshot', resourceId: 'orders-manual' }) },
      { ok: true, result: expect.objectContaining({ outcome: 'judged', compliance: 'COMPLIANT', resourceType: 'AWS::ElastiCache::ServerlessCacheSnapshot', resourceId: 'sessions-manual' }) },
      { ok: true, result: { outcome: 'deleted', annotation: expect.stringContaining('it has been deleted'), resourceId: 'orders-deleted', controlId: 'snapshot-retention' } },
    ]);
    expect(missingCache).toEqual({ ok: false, error: { name: 'ResourceNotIdentifiedError', message: expect.stringContaining('No replication group, cache cluster or serverless cache is named orders-deleted') } });
  }, 60_000);

  it.each([
    [{ controlId: 'no-such-control', resourceId: 'orders', ruleParameters: {} }, 'InvalidVerificationRequestError', 'no-such-control'],
    [{ controlId: 'automatic-backup', resourceId: 'gone', ruleParameters: {} }, 'ResourceNotIdentifiedError', 'No replication group, cache cluster or serverless cache is named gone'],
    [{ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: { minimumRetentionDays: '99' } }, 'InvalidParameterError', 'minimumRetentionDays'],
    [{ controlId: 'automatic-backup', resourceId: 'orders-001', ruleParameters: {} }, 'ResourceNotIdentifiedError', 'member of replication group orders'],
  ])('fails %j naming what is wrong', async (event, name, message) => {
    // Prepare
    await createReplicationGroup(aws, group('orders', { retentionDays: 0 }));
    // Act
    const outcome = await verify(event);
    // Assess
    expect(outcome).toEqual({ ok: false, error: { name, message: expect.stringContaining(message) } });
  }, 60_000);
});
