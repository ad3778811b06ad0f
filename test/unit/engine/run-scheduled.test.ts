/**
 * A scheduled run of the engine, end to end from Config's event to PutEvaluations, with real
 * controls and the AWS SDK clients mocked at `send` (test/support/run-rule-harness.ts).
 *
 * Scenarios
 * - Given a scheduled notification, then every page of replication groups and cache clusters is
 *   read, each group and standalone cluster is reported under its own type and id (member clusters
 *   are not), stamped with the notification time, and the rule parameters shape the verdicts.
 * - Given a region without caches, then no evaluation is sent.
 * - Given the Lambda handler, then its clients are built once and reused across invocations.
 */
import { PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  type ReplicationGroupMessage,
} from '@aws-sdk/client-elasticache';
import { createAwsSession } from '#shared/aws/session.ts';
import { automaticBackup } from '#shared/controls/automatic-backup.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { createRuleHandler, runRule } from '#shared/engine/run-rule.ts';
import { NOTIFICATION_TIME, RESULT_TOKEN, RULE_NAME, scheduledEvent } from '../../support/config-events.ts';
import { cacheClusterFixture, memcachedClusterFixture } from '../../support/fixtures.ts';
import {
  config,
  elasticache,
  givenEstate,
  range,
  replicationGroup,
  reported,
  standaloneCluster,
  useMockedAws,
  verdicts,
} from '../../support/run-rule-harness.ts';

useMockedAws();

describe('a scheduled run', () => {
  it('reads every page of replication groups and cache clusters, 100 records a page', async () => {
    // Prepare: 250 groups of two members and 30 standalone clusters: 530 cache clusters in all.
    const groups = range(250).map((i) => replicationGroup(`orders-${i}`));
    const standalone = range(30).map((i) => standaloneCluster(cacheClusterFixture({ CacheClusterId: `reports-${i}` })));
    const listing = givenEstate(...groups, ...standalone);

    // Act
    await runRule(automaticBackup, scheduledEvent(), createAwsSession());

    // Assess: ⌈250/100⌉ and ⌈530/100⌉ calls, each following the Marker of the page before.
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 3);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeCacheClustersCommand, 6);
    expect(listing.groupRequests).toEqual([
      { MaxRecords: 100, Marker: undefined },
      { MaxRecords: 100, Marker: 'marker-100' },
      { MaxRecords: 100, Marker: 'marker-200' },
    ]);
    expect(listing.clusterRequests).toEqual([undefined, 100, 200, 300, 400, 500].map((at) => ({
      MaxRecords: 100,
      Marker: at === undefined ? undefined : `marker-${at}`,
    })));
    expect(reported()).toHaveLength(280);
  });

  it('reports a replication group by its ReplicationGroupId and a standalone cluster as a CacheCluster; members get none', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'), standaloneCluster(cacheClusterFixture({ CacheClusterId: 'reports-cache' })));

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess: orders-cache-001 and orders-cache-002 are judged through their group.
    expect(reported().map((e) => [e.ComplianceResourceType, e.ComplianceResourceId])).toEqual([
      ['AWS::ElastiCache::ReplicationGroup', 'orders-cache'],
      ['AWS::ElastiCache::CacheCluster', 'reports-cache'],
    ]);
  });

  it('stamps every evaluation with the notification time and sends the result token', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'), standaloneCluster(cacheClusterFixture()));

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(reported().map((e) => e.OrderingTimestamp)).toEqual([new Date(NOTIFICATION_TIME), new Date(NOTIFICATION_TIME)]);
    expect(config).toHaveReceivedCommandWith(PutEvaluationsCommand, { ResultToken: RESULT_TOKEN });
  });

  it('judges with the rule parameters, not the defaults', async () => {
    // Prepare: 3 days of snapshots pass the default minimum of 1 but not a minimum of 7.
    givenEstate(replicationGroup('orders-cache', { SnapshotRetentionLimit: 3 }));

    // Act
    await runRule(automaticBackup, scheduledEvent({ ruleParameters: { minimumRetentionDays: '7' } }), createAwsSession());

    // Assess
    expect(verdicts()).toEqual({
      'orders-cache': [
        'NON_COMPLIANT',
        'Automatic backups are kept 3 days, less than the required 7 days; raise SnapshotRetentionLimit to at least 7.',
      ],
    });
  });

  it('returns a summary of what it reported', async () => {
    // Prepare: TLS required, TLS preferred, and a Memcached cluster without TLS.
    givenEstate(
      replicationGroup('orders-cache', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'required' }),
      replicationGroup('carts-cache', { TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' }),
      standaloneCluster(memcachedClusterFixture({ TransitEncryptionEnabled: false })),
    );

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(summary).toEqual({
      control: 'encryption-in-transit',
      configRuleName: RULE_NAME,
      trigger: 'scheduled',
      testMode: false,
      resourcesEvaluated: 3,
      reported: { COMPLIANT: 1, NON_COMPLIANT: 2, NOT_APPLICABLE: 0 },
      staleResultsCleared: 0,
    });
  });

  it('sends no evaluation for a region without caches', async () => {
    // Prepare
    givenEstate();

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(summary.resourcesEvaluated).toBe(0);
    expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
  });

  it('runs as a Lambda handler that builds its clients once and reuses them across invocations', async () => {
    // Prepare
    const handler = createRuleHandler(encryptionInTransit);
    const clients = new Set<unknown>();
    elasticache.on(DescribeReplicationGroupsCommand).callsFake((_input: unknown, getClient: () => unknown) => {
      clients.add(getClient());
      return { ReplicationGroups: [] } satisfies ReplicationGroupMessage;
    });
    elasticache.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [] });

    // Act
    const first = await handler(scheduledEvent());
    const second = await handler(scheduledEvent());

    // Assess
    expect([first.control, second.control]).toEqual(['encryption-in-transit', 'encryption-in-transit']);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 2);
    expect(clients.size).toBe(1);
  });
});
