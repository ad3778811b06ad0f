/**
 * elasticache-auto-minor-version-upgrade.yaml on the emulator, through the Automation dry run: groups
 * and standalone clusters the rule flags are brought to COMPLIANT by the rule's own bundle; what the
 * runbook must refuse is left as it was.
 */
import { CreateCacheClusterCommand, CreateReplicationGroupCommand, DeleteReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { createCacheCluster, createServerlessCache } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, server } from '../../support/emulator.ts';
import { describeEverything, recordedChanges, remediate, ruleVerdicts, useRemediationEmulator } from '../../support/remediation-harness.ts';

useRemediationEmulator();

const DOCUMENT = 'elasticache-auto-minor-version-upgrade.yaml';
const run = (id: string) => remediate(DOCUMENT, id);

async function createGroup(id: string, engine: 'redis' | 'valkey', engineVersion: string, shards = 1): Promise<void> {
  await aws.elasticache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: id,
      ReplicationGroupDescription: id,
      Engine: engine,
      EngineVersion: engineVersion,
      CacheNodeType: 'cache.t4g.small',
      AutoMinorVersionUpgrade: false,
      ...(shards > 1 ? { ClusterMode: 'enabled' as const, NumNodeGroups: shards, ReplicasPerNodeGroup: 1 } : { NumCacheClusters: 2 }),
    }),
  );
}

async function createCluster(id: string, engine: 'redis' | 'valkey', engineVersion: string): Promise<void> {
  await aws.elasticache.send(
    new CreateCacheClusterCommand({ CacheClusterId: id, Engine: engine, EngineVersion: engineVersion, CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1, AutoMinorVersionUpgrade: false }),
  );
}

describe(DOCUMENT, () => {
  it('brings every NON_COMPLIANT group and standalone cluster to COMPLIANT', async () => {
    // Prepare
    await createGroup('redis-group', 'redis', '7.1');
    await createGroup('valkey-sharded', 'valkey', '8.0', 2);
    await createCluster('redis-cluster', 'redis', '6.2');
    await createCluster('valkey-cluster', 'valkey', '7.2');
    const flagged = ['redis-cluster', 'redis-group', 'valkey-cluster', 'valkey-sharded'];
    expect(await ruleVerdicts('auto-minor-version-upgrade')).toEqual(Object.fromEntries(flagged.map((id) => [id, 'NON_COMPLIANT'])));
    // Act
    const results = await Promise.all(flagged.map(run));
    // Assess
    expect(results.map((result, i) => [flagged[i], result.outcome, result.reason])).toEqual(flagged.map((id) => [id, 'succeeded', undefined]));
    expect(await ruleVerdicts('auto-minor-version-upgrade')).toEqual(Object.fromEntries(flagged.map((id) => [id, 'COMPLIANT'])));
  }, 240_000);

  it('fails on the verdict for Redis OSS 5.0, where the flag has no effect, naming the upgrade it needs', async () => {
    // Prepare
    await createCluster('redis-5', 'redis', '5.0.6');
    // Act
    const result = await run('redis-5');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertCompliant', reason: expect.stringContaining('upgrade to Valkey or Redis OSS 6.0+') });
  }, 60_000);

  it.each([
    ['a group being deleted', 'being-deleted', 'AssertReplicationGroupIsModifiable'],
    ['a Memcached cluster', 'memcached', 'AssertCacheClusterIsRedisOrValkey'],
    ['a serverless cache, which the service upgrades itself', 'serverless', 'IdentifyResource'],
    ['a member cluster of a group', 'member-group-001', 'IdentifyResource'],
  ])('refuses %s, changing nothing', async (_case, id, at) => {
    // Prepare
    await createGroup('being-deleted', 'redis', '7.1');
    await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'being-deleted' }));
    await createGroup('member-group', 'redis', '7.1');
    await createCacheCluster(aws, { id: 'memcached', engine: 'memcached', engineVersion: '1.6.22', tls: false });
    await createServerlessCache(aws, { name: 'serverless', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await run(id);
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at });
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);
});
