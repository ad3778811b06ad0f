/**
 * The log-delivery and event-notifications controls, as built bundles on Node 24, against the
 * emulated account: each scenario seeds caches, invokes the rule with the event Config sends and
 * reads the verdicts back from the recorded PutEvaluations calls. The emulator reports every log
 * delivery it accepted as `active`; the other statuses (error, enabling, disabling, modifying) are
 * judged in the evaluator's unit tests.
 */
import { ModifyCacheClusterCommand } from '@aws-sdk/client-elasticache';
import { createCacheCluster, createReplicationGroup, createServerlessCache } from '../../scripts/local-aws/estate-builders.ts';
import { annotationOf, aws, group, useEmulator, verdicts, runControl as run } from '../support/emulator.ts';

useEmulator();

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:elasticache-events';
const OTHER_TOPIC = 'arn:aws:sns:us-east-1:123456789012:somebody-elses-topic';

describe('log-delivery', () => {
  it('passes a delivered slow log, fails a group without one and Redis OSS 5, and leaves Memcached and serverless caches out', async () => {
    // Prepare
    await createReplicationGroup(aws, group('slow-log-delivered', { slowLogGroup: '/elasticache/slow-log' }));
    await createReplicationGroup(aws, group('no-logs'));
    await createReplicationGroup(aws, group('redis-five', { engineVersion: '5.0.6' }));
    await createCacheCluster(aws, { id: 'fragments', engine: 'memcached', engineVersion: '1.6.22', tls: true, nodes: 2 });
    await createServerlessCache(aws, { name: 'sessions', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    // Act
    const invocation = await run('log-delivery');
    // Assess
    expect(verdicts(invocation)).toEqual({
      'slow-log-delivered': 'COMPLIANT',
      'no-logs': 'NON_COMPLIANT',
      'redis-five': 'NON_COMPLIANT',
      fragments: 'NOT_APPLICABLE',
      sessions: 'NOT_APPLICABLE',
    });
    expect(annotationOf(invocation, 'redis-five')).toMatch(/6\.0/);
  }, 60_000);

  it('with requiredLogTypes "slow-log,engine-log", fails a group that delivers only its slow log', async () => {
    // Prepare
    await createReplicationGroup(aws, group('slow-log-only', { slowLogGroup: '/elasticache/slow-log' }));
    // Act
    const invocation = await run('log-delivery', { requiredLogTypes: 'slow-log,engine-log' });
    // Assess
    expect(verdicts(invocation)).toEqual({ 'slow-log-only': 'NON_COMPLIANT' });
    expect(annotationOf(invocation, 'slow-log-only')).toContain('engine log is not configured');
  }, 60_000);
});

describe('event-notifications', () => {
  it('passes a topic active on every member, fails no topic and a member whose topic is inactive, naming it', async () => {
    // Prepare
    await createReplicationGroup(aws, group('notified', { notificationTopicArn: TOPIC }));
    await createReplicationGroup(aws, group('silent'));
    const members = await createReplicationGroup(aws, group('half-notified', { notificationTopicArn: TOPIC }));
    await aws.elasticache.send(new ModifyCacheClusterCommand({ CacheClusterId: members[1], NotificationTopicStatus: 'inactive', ApplyImmediately: true }));
    await createServerlessCache(aws, { name: 'sessions', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    // Act
    const invocation = await run('event-notifications');
    // Assess
    expect(verdicts(invocation)).toEqual({ notified: 'COMPLIANT', silent: 'NON_COMPLIANT', 'half-notified': 'NON_COMPLIANT', sessions: 'NOT_APPLICABLE' });
    expect(annotationOf(invocation, 'half-notified')).toContain(members[1]!);
  }, 60_000);

  it('with approvedTopicArns, fails a group whose events go to a topic not on the list', async () => {
    // Prepare
    await createReplicationGroup(aws, group('approved', { notificationTopicArn: TOPIC }));
    await createReplicationGroup(aws, group('elsewhere', { notificationTopicArn: OTHER_TOPIC }));
    // Act
    const invocation = await run('event-notifications', { approvedTopicArns: TOPIC });
    // Assess
    expect(verdicts(invocation)).toEqual({ approved: 'COMPLIANT', elsewhere: 'NON_COMPLIANT' });
  }, 60_000);
});

describe('serverless caches on more than one page', () => {
  it('reports each of 60 serverless caches once, read in two pages of at most 50', async () => {
    // Prepare
    for (let i = 0; i < 60; i++) {
      await createServerlessCache(aws, { name: `cache-${String(i).padStart(2, '0')}`, engine: 'valkey', majorEngineVersion: '8', subnetIds: [], retentionDays: 7 });
    }
    // Act
    const invocation = await run('automatic-backup');
    // Assess
    const ids = invocation.evaluations.map((e) => e.ComplianceResourceId).sort();
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => `cache-${String(i).padStart(2, '0')}`));
    expect(new Set(invocation.evaluations.map((e) => e.ComplianceResourceType))).toEqual(new Set(['AWS::ElastiCache::ServerlessCache']));
    const pages = invocation.requests.filter((r) => r.operation === 'DescribeServerlessCaches');
    expect(pages).toHaveLength(2);
  }, 120_000);
});
