/**
 * elasticache-event-notifications.yaml on the emulator, through the Automation dry run: groups
 * (every member) and standalone clusters the rule flags send their events to the approved topic,
 * active, afterwards, as the rule's own bundle judges; a topic outside approvedTopicArns is refused
 * and nothing changes.
 */
import { CreateCacheClusterCommand, CreateReplicationGroupCommand, DeleteReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { createServerlessCache } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, server } from '../../support/emulator.ts';
import { describeEverything, recordedChanges, remediate, ruleVerdicts, runtime, useRemediationEmulator } from '../../support/remediation-harness.ts';

useRemediationEmulator();

const DOCUMENT = 'elasticache-event-notifications.yaml';

async function createTopic(name: string): Promise<string> {
  return ((await runtime.call('sns', 'CreateTopic', { Name: name })) as { TopicArn: string }).TopicArn;
}

async function createGroup(id: string, topicArn?: string, shards = 1): Promise<void> {
  await aws.elasticache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: id,
      ReplicationGroupDescription: id,
      Engine: 'redis',
      EngineVersion: '7.1',
      CacheNodeType: 'cache.t4g.small',
      ...(shards > 1 ? { ClusterMode: 'enabled' as const, NumNodeGroups: shards, ReplicasPerNodeGroup: 1 } : { NumCacheClusters: 2 }),
      ...(topicArn ? { NotificationTopicArn: topicArn } : {}),
    }),
  );
}

describe(DOCUMENT, () => {
  it('sets the approved topic, active, on every NON_COMPLIANT group member and standalone cluster', async () => {
    // Prepare
    const operations = await createTopic('operations');
    const rogue = await createTopic('rogue');
    await createGroup('no-topic');
    await createGroup('sharded-no-topic', undefined, 2);
    await createGroup('rogue-topic', rogue);
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'cluster-no-topic', Engine: 'memcached', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 2 }));
    const parameters = { approvedTopicArns: operations };
    const flagged = ['cluster-no-topic', 'no-topic', 'rogue-topic', 'sharded-no-topic'];
    expect(await ruleVerdicts('event-notifications', parameters)).toEqual(Object.fromEntries(flagged.map((id) => [id, 'NON_COMPLIANT'])));
    // Act
    const results = [];
    for (const id of flagged) results.push(await remediate(DOCUMENT, id, { TopicArn: operations, ApprovedTopicArns: operations }));
    // Assess
    expect(results.map((result, i) => [flagged[i], result.outcome, result.reason])).toEqual(flagged.map((id) => [id, 'succeeded', undefined]));
    expect(await ruleVerdicts('event-notifications', parameters)).toEqual(Object.fromEntries(flagged.map((id) => [id, 'COMPLIANT'])));
  }, 240_000);

  it('refuses a topic outside approvedTopicArns before touching anything', async () => {
    // Prepare
    const operations = await createTopic('operations');
    const rogue = await createTopic('rogue');
    await createGroup('no-topic');
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await remediate(DOCUMENT, 'no-topic', { TopicArn: rogue, ApprovedTopicArns: operations });
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'AssertTopicIsApproved', reason: expect.stringContaining('is not in approvedTopicArns') });
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);

  it.each([
    ['a topic SNS does not know', 'no-topic', 'arn:aws:sns:us-east-1:123456789012:deleted', 'AssertTopicIsApproved'],
    ['a group being deleted', 'being-deleted', undefined, 'AssertReplicationGroupIsModifiable'],
    ['a serverless cache, which has no topic setting', 'serverless', undefined, 'IdentifyResource'],
    ['an id that names no cache', 'no-such-cache', undefined, 'IdentifyResource'],
  ])('refuses %s, changing nothing', async (_case, id, topic, at) => {
    // Prepare
    const operations = await createTopic('operations');
    await createGroup('no-topic');
    await createGroup('being-deleted');
    await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'being-deleted' }));
    await createServerlessCache(aws, { name: 'serverless', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await remediate(DOCUMENT, id, { TopicArn: topic ?? operations });
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at });
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);
});
