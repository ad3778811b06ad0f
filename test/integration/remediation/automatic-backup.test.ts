/**
 * elasticache-automatic-backup.yaml on the emulator, through the Automation dry run: every resource
 * type the automatic-backup rule flags is fixed in place and then judged COMPLIANT by the rule's own
 * bundle; what the runbook must refuse is left exactly as it was.
 */
import { DeleteReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { createCacheCluster, createReplicationGroup, createServerlessCache } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, group, server } from '../../support/emulator.ts';
import { describeEverything, recordedChanges, remediate, ruleVerdicts, useRemediationEmulator } from '../../support/remediation-harness.ts';

useRemediationEmulator();

const DOCUMENT = 'elasticache-automatic-backup.yaml';
const RULE_PARAMETERS = { minimumRetentionDays: '7' };
const run = (id: string) => remediate(DOCUMENT, id, { MinimumRetentionDays: 7 });

describe(DOCUMENT, () => {
  it('brings every NON_COMPLIANT fixture of the rule to COMPLIANT: groups, standalone clusters, a serverless cache', async () => {
    // Prepare
    await createReplicationGroup(aws, group('no-backups', { retentionDays: 0 }));
    await createReplicationGroup(aws, group('short-backups', { retentionDays: 1 }));
    await createReplicationGroup(aws, group('sharded-no-backups', { retentionDays: 0, shards: 2 }));
    await createCacheCluster(aws, { id: 'redis-no-backups', engine: 'redis', engineVersion: '7.1', tls: false, retentionDays: 0 });
    await createCacheCluster(aws, { id: 'valkey-short-backups', engine: 'valkey', engineVersion: '8.0', tls: false, retentionDays: 2 });
    await createServerlessCache(aws, { name: 'serverless-no-backups', engine: 'valkey', majorEngineVersion: '8', subnetIds: [], retentionDays: 0 });
    const flagged = Object.entries(await ruleVerdicts('automatic-backup', RULE_PARAMETERS)).filter(([, verdict]) => verdict === 'NON_COMPLIANT').map(([id]) => id);
    expect(flagged.sort()).toEqual(['no-backups', 'redis-no-backups', 'serverless-no-backups', 'sharded-no-backups', 'short-backups', 'valkey-short-backups']);
    // Act
    const results = Object.fromEntries(await Promise.all(flagged.map(async (id) => [id, await run(id)] as const)));
    // Assess
    for (const [id, result] of Object.entries(results)) expect({ id, outcome: result.outcome, reason: result.reason }).toEqual({ id, outcome: 'succeeded', reason: undefined });
    expect(results['no-backups']!.ran).toContain('SetReplicationGroupRetention');
    expect(results['redis-no-backups']!.ran).toContain('SetCacheClusterRetention');
    expect(results['serverless-no-backups']!.ran).toContain('SetServerlessCacheRetention');
    const after = await ruleVerdicts('automatic-backup', RULE_PARAMETERS);
    expect(flagged.map((id) => [id, after[id]])).toEqual(flagged.map((id) => [id, 'COMPLIANT']));
  }, 240_000);

  it('never lowers a longer retention, and still ends on the rule\'s verdict', async () => {
    // Prepare
    await createReplicationGroup(aws, group('long-backups', { retentionDays: 35 }));
    await server.startRecording();
    // Act
    const result = await run('long-backups');
    // Assess
    expect(result).toMatchObject({ outcome: 'succeeded' });
    expect(result.ran).not.toContain('SetReplicationGroupRetention');
    expect(result.ran.slice(-2)).toEqual(['VerifyCompliance', 'AssertCompliant']);
    expect(await recordedChanges()).toEqual([]);
  }, 60_000);

  it.each([
    ['a group being deleted', 'being-deleted', 'AssertReplicationGroupIsModifiable'],
    ['an id that names no cache', 'no-such-cache', 'IdentifyResource'],
    ['a member cluster of a group', 'member-group-001', 'IdentifyResource'],
    ['a Memcached cluster, which has no snapshots', 'memcached', 'AssertCacheClusterIsRedisOrValkey'],
    ['an id naming both a replication group and a serverless cache', 'twin', 'IdentifyResource'],
  ])('refuses %s, changing nothing', async (_case, id, at) => {
    // Prepare
    await createReplicationGroup(aws, group('being-deleted', { retentionDays: 0 }));
    await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'being-deleted' }));
    await createReplicationGroup(aws, group('member-group', { retentionDays: 0 }));
    await createCacheCluster(aws, { id: 'memcached', engine: 'memcached', engineVersion: '1.6.22', tls: false });
    await createReplicationGroup(aws, group('twin', { retentionDays: 0 }));
    await createServerlessCache(aws, { name: 'twin', engine: 'valkey', majorEngineVersion: '8', subnetIds: [], retentionDays: 0 });
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await run(id);
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at });
    if (id === 'twin') expect(result.reason).toContain('twin is ambiguous: it names a replication-group and a serverless-cache');
    expect(result.ran).not.toContain('VerifyCompliance');
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);
});
