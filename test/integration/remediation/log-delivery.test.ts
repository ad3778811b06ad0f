/**
 * elasticache-log-delivery.yaml on the emulator, through the Automation dry run: groups and
 * standalone clusters the rule flags deliver every required log type afterwards and are judged
 * COMPLIANT by the rule's own bundle; a delivery already set is never replaced; the log group is
 * created when missing; what the runbook must refuse is left as it was.
 */
import { CreateCacheClusterCommand, CreateReplicationGroupCommand, DeleteReplicationGroupCommand, DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { createCacheCluster } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, server } from '../../support/emulator.ts';
import { describeEverything, recordedChanges, remediate, ruleVerdicts, runtime, useRemediationEmulator } from '../../support/remediation-harness.ts';

useRemediationEmulator();

const DOCUMENT = 'elasticache-log-delivery.yaml';
const LOG_GROUP = '/aws/elasticache/remediation';
const BOTH = 'slow-log,engine-log';
const run = (id: string, requiredLogTypes = BOTH, extra: Record<string, unknown> = {}) =>
  remediate(DOCUMENT, id, { RequiredLogTypes: requiredLogTypes, LogGroupName: LOG_GROUP, LogRetentionDays: '365', LogKmsKeyArn: 'none', ...extra });

const firehoseSlowLog = {
  LogType: 'slow-log' as const,
  DestinationType: 'kinesis-firehose' as const,
  DestinationDetails: { KinesisFirehoseDetails: { DeliveryStream: 'security-lake' } },
  LogFormat: 'json' as const,
};

async function createFirehose(name: string): Promise<void> {
  await runtime.call('firehose', 'CreateDeliveryStream', {
    DeliveryStreamName: name,
    ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::cache-logs' },
  });
}

async function createGroup(id: string, logs: (typeof firehoseSlowLog)[] = []): Promise<void> {
  await aws.elasticache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: id,
      ReplicationGroupDescription: id,
      Engine: 'valkey',
      EngineVersion: '8.0',
      CacheNodeType: 'cache.t4g.small',
      NumCacheClusters: 2,
      ...(logs.length > 0 ? { LogDeliveryConfigurations: logs } : {}),
    }),
  );
}

describe(DOCUMENT, () => {
  it('delivers every required log type of each NON_COMPLIANT group and cluster, creating the log group once', async () => {
    // Prepare
    await createFirehose('security-lake');
    await createGroup('no-logs');
    await createGroup('firehose-slow-log', [firehoseSlowLog]);
    await aws.elasticache.send(new CreateCacheClusterCommand({ CacheClusterId: 'cluster-no-logs', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1 }));
    const flagged = ['cluster-no-logs', 'firehose-slow-log', 'no-logs'];
    expect(await ruleVerdicts('log-delivery', { requiredLogTypes: BOTH })).toEqual(Object.fromEntries(flagged.map((id) => [id, 'NON_COMPLIANT'])));
    // Act
    const results = [];
    for (const id of flagged) results.push(await run(id));
    // Assess
    expect(results.map((result, i) => [flagged[i], result.outcome, result.reason])).toEqual(flagged.map((id) => [id, 'succeeded', undefined]));
    expect(await ruleVerdicts('log-delivery', { requiredLogTypes: BOTH })).toEqual(Object.fromEntries(flagged.map((id) => [id, 'COMPLIANT'])));
    const { logGroups } = (await runtime.call('logs', 'DescribeLogGroups', { logGroupNamePrefix: LOG_GROUP })) as { logGroups: { logGroupName: string; retentionInDays?: number }[] };
    expect(logGroups.map(({ logGroupName, retentionInDays }) => ({ logGroupName, retentionInDays }))).toEqual([{ logGroupName: LOG_GROUP, retentionInDays: 365 }]);
  }, 240_000);

  it('never replaces a delivery already set: the Firehose slow log stays, only the engine log is added', async () => {
    // Prepare
    await createFirehose('security-lake');
    await createGroup('firehose-kept', [firehoseSlowLog]);
    // Act
    const result = await run('firehose-kept');
    // Assess
    expect({ outcome: result.outcome, reason: result.reason }).toEqual({ outcome: 'succeeded', reason: undefined });
    const { ReplicationGroups } = await aws.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'firehose-kept' }));
    const byType = Object.fromEntries((ReplicationGroups?.[0]?.LogDeliveryConfigurations ?? []).map((entry) => [entry.LogType, entry]));
    expect(byType['slow-log']).toMatchObject({ DestinationType: 'kinesis-firehose', DestinationDetails: { KinesisFirehoseDetails: { DeliveryStream: 'security-lake' } } });
    expect(byType['engine-log']).toMatchObject({ DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: LOG_GROUP } }, Status: 'active' });
  }, 60_000);

  it('changes nothing, and ends on the verdict, when every required type is already delivered', async () => {
    // Prepare
    await createFirehose('security-lake');
    await createGroup('already-delivered', [firehoseSlowLog]);
    await server.startRecording();
    // Act
    const result = await run('already-delivered', 'slow-log');
    // Assess
    expect(result).toMatchObject({ outcome: 'succeeded' });
    expect(result.ran).not.toContain('DeliverMissingLogTypes');
    expect(await recordedChanges()).toEqual([]);
  }, 60_000);

  it('refuses, changing nothing, a group whose slow log already goes to a stream that is gone (status error)', async () => {
    // Prepare
    await createGroup('firehose-gone', [firehoseSlowLog]);
    const before = await describeEverything();
    await server.startRecording();
    // Act
    const result = await run('firehose-gone');
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'PlanLogDeliveries', reason: expect.stringContaining('security-lake does not exist') });
    expect(await recordedChanges()).toEqual([]);
    expect(await describeEverything()).toEqual(before);
  }, 60_000);

  it('fails the run when the delivery it adds ends in error (its log group deleted under it)', async () => {
    // Prepare
    await createGroup('group-deleted-under-it');
    // Act
    const result = await remediate(
      DOCUMENT,
      'group-deleted-under-it',
      { RequiredLogTypes: 'slow-log', LogGroupName: LOG_GROUP, LogRetentionDays: '365', LogKmsKeyArn: 'none' },
      {
        beforeStep: async (step) => {
          if (step.name === 'DeliverMissingLogTypes') await runtime.call('logs', 'DeleteLogGroup', { logGroupName: LOG_GROUP });
        },
      },
    );
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'WaitForDeliveriesActive', reason: expect.stringContaining('slow-log is error') });
    expect(result.ran).not.toContain('VerifyCompliance');
  }, 60_000);

  it.each([
    ['a group being deleted', 'being-deleted', 'AssertReplicationGroupIsModifiable'],
    ['a Memcached cluster', 'memcached', 'AssertCacheClusterIsRedisOrValkey'],
    ['an id that names no cache', 'no-such-cache', 'IdentifyResource'],
  ])('refuses %s, changing nothing (no log group created either)', async (_case, id, at) => {
    // Prepare
    await createGroup('being-deleted');
    await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'being-deleted' }));
    await createCacheCluster(aws, { id: 'memcached', engine: 'memcached', engineVersion: '1.6.22', tls: false });
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
