/**
 * elasticache-high-availability.yaml on the emulator, through the Automation dry run: groups with
 * cluster mode off and on are brought to COMPLIANT by the rule's own bundle; a shard without enough
 * replicas is refused (every shard counted) unless AddReplicas asks for new nodes.
 */
import { CreateReplicationGroupCommand, DeleteReplicationGroupCommand, type CreateReplicationGroupCommandInput } from '@aws-sdk/client-elasticache';
import { createCacheCluster, createReplicationGroup } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, group, server } from '../../support/emulator.ts';
import { describeEverything, recordedChanges, remediate, ruleVerdicts, useRemediationEmulator } from '../../support/remediation-harness.ts';

useRemediationEmulator();

const DOCUMENT = 'elasticache-high-availability.yaml';
const run = (id: string, extra: Record<string, unknown> = {}) => remediate(DOCUMENT, id, { MinimumReplicasPerShard: 1, RequireMultiAZ: 'true', ...extra });

async function createGroup(id: string, settings: Partial<CreateReplicationGroupCommandInput>): Promise<void> {
  await aws.elasticache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: id,
      ReplicationGroupDescription: id,
      Engine: 'redis',
      EngineVersion: '7.1',
      CacheNodeType: 'cache.t4g.small',
      TransitEncryptionEnabled: true,
      ...settings,
    }),
  );
}

/** Shards 0001 and 0002 of a cluster-mode group, with these replica counts. */
const sharded = (replicas: [number, number]): Partial<CreateReplicationGroupCommandInput> => ({
  ClusterMode: 'enabled',
  NumNodeGroups: 2,
  NodeGroupConfiguration: [
    { NodeGroupId: '0001', ReplicaCount: replicas[0] },
    { NodeGroupId: '0002', ReplicaCount: replicas[1] },
  ],
  AutomaticFailoverEnabled: true,
  MultiAZEnabled: false,
});

describe(DOCUMENT, () => {
  it('brings every fixable NON_COMPLIANT group to COMPLIANT, cluster mode off and on', async () => {
    // Prepare
    await createGroup('failover-off', { NumCacheClusters: 2, AutomaticFailoverEnabled: false, MultiAZEnabled: false });
    await createGroup('multi-az-off', { NumCacheClusters: 3, AutomaticFailoverEnabled: true, MultiAZEnabled: false });
    await createGroup('sharded-multi-az-off', sharded([1, 1]));
    const before = await ruleVerdicts('high-availability');
    expect(before).toEqual({ 'failover-off': 'NON_COMPLIANT', 'multi-az-off': 'NON_COMPLIANT', 'sharded-multi-az-off': 'NON_COMPLIANT' });
    // Act
    const results = Object.fromEntries(await Promise.all(Object.keys(before).map(async (id) => [id, await run(id)] as const)));
    // Assess
    for (const [id, result] of Object.entries(results)) expect({ id, outcome: result.outcome, reason: result.reason }).toEqual({ id, outcome: 'succeeded', reason: undefined });
    expect(results['sharded-multi-az-off']!.ran).toContain('EnableFailoverAndMultiAZ');
    expect(results['sharded-multi-az-off']!.ran).not.toContain('AddReplicasToShortShards');
    expect(await ruleVerdicts('high-availability')).toEqual({ 'failover-off': 'COMPLIANT', 'multi-az-off': 'COMPLIANT', 'sharded-multi-az-off': 'COMPLIANT' });
  }, 240_000);

  it('refuses, changing nothing, a cluster-mode group whose second shard has no replica, naming that shard', async () => {
    // Prepare
    await createGroup('second-shard-bare', sharded([1, 0]));
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await run('second-shard-bare');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'CountReplicasPerShard', reason: expect.stringContaining('shard 0002 (0) has fewer than 1 replica') });
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);

  it('with AddReplicas, first adds a replica to each bare shard, then enables failover and Multi-AZ', async () => {
    // Prepare
    await createGroup('bare-group', { NumCacheClusters: 1, AutomaticFailoverEnabled: false, MultiAZEnabled: false });
    await createGroup('bare-shard', sharded([1, 0]));
    // Act
    const results = [await run('bare-group', { AddReplicas: true }), await run('bare-shard', { AddReplicas: true })];
    // Assess
    for (const result of results) expect({ outcome: result.outcome, reason: result.reason }).toEqual({ outcome: 'succeeded', reason: undefined });
    expect(results[0]!.ran).toEqual(expect.arrayContaining(['AddReplicasToShortShards', 'EnableFailoverAndMultiAZ']));
    expect(await ruleVerdicts('high-availability')).toEqual({ 'bare-group': 'COMPLIANT', 'bare-shard': 'COMPLIANT' });
  }, 120_000);

  it.each([
    ['a group being deleted', 'being-deleted', 'AssertReplicationGroupIsModifiable'],
    ['a standalone cluster, which cannot fail over in place', 'single-node', 'IdentifyResource'],
    ['an id that names no cache', 'no-such-group', 'IdentifyResource'],
  ])('refuses %s, changing nothing', async (_case, id, at) => {
    // Prepare
    await createReplicationGroup(aws, group('being-deleted', { replicas: 1 }));
    await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'being-deleted' }));
    await createCacheCluster(aws, { id: 'single-node', engine: 'redis', engineVersion: '7.1', tls: true });
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await run(id, { AddReplicas: true });
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at });
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);
});
