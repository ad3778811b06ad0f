/**
 * Clean-up of stale results: Config keeps a rule's last verdict on a cache forever, even after the
 * cache is deleted. After a complete listing, whatever the rule reported earlier and did not see now
 * is reported NOT_APPLICABLE.
 *
 * Scenarios
 * - Given earlier results on two pages, then both pages are read and each resource absent now is
 *   reported NOT_APPLICABLE, stamped like the run's own evaluations.
 * - Given a cache cluster "x" reported earlier and a replication group "x" now, then the cluster's
 *   result is stale (matching is on type and id).
 * - Given nothing stale, then no clean-up call; given the same resource twice, then one evaluation;
 *   given 150 stale results, then two calls.
 * - Given a change-triggered run, then stale results carry the item's capture time.
 * - Given a test-mode run or a run whose evaluations Config refused, then no clean-up at all.
 */
import {
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
  type EvaluationResult,
  type GetComplianceDetailsByConfigRuleCommandInput,
  type GetComplianceDetailsByConfigRuleResponse,
  type PutEvaluationsCommandInput,
} from '@aws-sdk/client-config-service';
import { DescribeRouteTablesCommand } from '@aws-sdk/client-ec2';
import { DescribeCacheSubnetGroupsCommand } from '@aws-sdk/client-elasticache';
import { createAwsSession } from '#shared/aws/session.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { subnetPrivacy } from '#shared/controls/context/subnet-privacy.ts';
import { ReportedResources, STALE_ANNOTATION, staleEvaluations } from '#shared/engine/stale-results.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { configAccessDenied } from '../../support/aws-errors.ts';
import { NOTIFICATION_TIME, RULE_NAME, changeEvent, routeTableItem, scheduledEvent } from '../../support/config-events.ts';
import { cacheClusterFixture, cacheSubnetGroupFixture, routeTableFixture } from '../../support/fixtures.ts';
import {
  config,
  ec2,
  elasticache,
  givenEstate,
  putEvaluationsInputs,
  replicationGroup,
  standaloneCluster,
  useMockedAws,
} from '../../support/run-rule-harness.ts';
import { onVirtualClock } from '../../support/virtual-clock.ts';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';
const EARLIER_RUN = '2026-11-26T10:00:00.373Z';

useMockedAws();

beforeEach(() => {
  // Now: replication group orders-cache (with its two members) and standalone cluster reports-cache.
  givenEstate(replicationGroup('orders-cache'), standaloneCluster(cacheClusterFixture()));
});

describe('stale results', () => {
  it('reads every page of earlier results and reports each resource gone now NOT_APPLICABLE', async () => {
    // Prepare
    const requests = givenEarlierResults(
      [earlier(REPLICATION_GROUP, 'orders-cache'), earlier(REPLICATION_GROUP, 'carts-cache', 'NON_COMPLIANT')],
      [earlier(CACHE_CLUSTER, 'reports-cache'), earlier(CACHE_CLUSTER, 'legacy-cache', 'NON_COMPLIANT')],
    );

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(requests).toEqual([
      { ConfigRuleName: RULE_NAME, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'], Limit: 100, NextToken: undefined },
      { ConfigRuleName: RULE_NAME, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'], Limit: 100, NextToken: 'page-2' },
    ]);
    const calls = putEvaluationsInputs();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.Evaluations).toEqual([
      notApplicable(REPLICATION_GROUP, 'carts-cache', NOTIFICATION_TIME),
      notApplicable(CACHE_CLUSTER, 'legacy-cache', NOTIFICATION_TIME),
    ]);
    expect(summary.staleResultsCleared).toBe(2);
  });

  it('matches on resource type and id: a cluster named like a current group is still stale', async () => {
    // Prepare: "orders-cache" was a standalone cluster before it became a replication group.
    givenEarlierResults([earlier(CACHE_CLUSTER, 'orders-cache'), earlier(REPLICATION_GROUP, 'orders-cache')]);

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(putEvaluationsInputs()[1]?.Evaluations).toEqual([notApplicable(CACHE_CLUSTER, 'orders-cache', NOTIFICATION_TIME)]);
  });

  it('makes no clean-up call when every earlier result is still current', async () => {
    // Prepare
    givenEarlierResults([earlier(REPLICATION_GROUP, 'orders-cache'), earlier(CACHE_CLUSTER, 'reports-cache')]);

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(config).toHaveReceivedCommandTimes(PutEvaluationsCommand, 1);
    expect(summary.staleResultsCleared).toBe(0);
  });

  it('reports a resource listed twice among earlier results once', async () => {
    // Prepare: results can repeat across pages when a run records between two page reads.
    givenEarlierResults([earlier(REPLICATION_GROUP, 'carts-cache')], [earlier(REPLICATION_GROUP, 'carts-cache', 'NON_COMPLIANT')]);

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    expect(putEvaluationsInputs()[1]?.Evaluations).toEqual([notApplicable(REPLICATION_GROUP, 'carts-cache', NOTIFICATION_TIME)]);
  });

  it('clears every earlier result once the last cache is gone', async () => {
    // Prepare
    givenEstate();
    givenEarlierResults([earlier(REPLICATION_GROUP, 'orders-cache'), earlier(CACHE_CLUSTER, 'reports-cache')]);

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess: the only call is the clean-up.
    expect(putEvaluationsInputs().map((input) => input.Evaluations)).toEqual([
      [notApplicable(REPLICATION_GROUP, 'orders-cache', NOTIFICATION_TIME), notApplicable(CACHE_CLUSTER, 'reports-cache', NOTIFICATION_TIME)],
    ]);
  });

  it('sends 150 stale results in two calls', async () => {
    // Prepare
    const gone = Array.from({ length: 150 }, (_, i) => earlier(REPLICATION_GROUP, `retired-${i}`));
    givenEarlierResults(gone.slice(0, 100), gone.slice(100));

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess: one call for the 2 current resources, then 100 + 50 stale.
    expect(putEvaluationsInputs().map((input) => input.Evaluations?.length)).toEqual([2, 100, 50]);
    expect(summary.staleResultsCleared).toBe(150);
  });

  it('stamps stale results of a change-triggered run with the capture time', async () => {
    // Prepare
    const captureTime = '2026-11-27T10:42:17.816Z';
    elasticache.on(DescribeCacheSubnetGroupsCommand).resolves({ CacheSubnetGroups: [cacheSubnetGroupFixture()] });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [routeTableFixture()] });
    givenEarlierResults([earlier(REPLICATION_GROUP, 'carts-cache')]);

    // Act
    await runRule(subnetPrivacy, changeEvent(routeTableItem('rtb-0a1b2c3d4e5f60001', 'OK', captureTime)), createAwsSession());

    // Assess
    expect(putEvaluationsInputs()[1]?.Evaluations).toEqual([notApplicable(REPLICATION_GROUP, 'carts-cache', captureTime)]);
  });

  it('asks for no earlier results in test mode, where Config stores nothing', async () => {
    // Prepare
    givenEarlierResults([earlier(REPLICATION_GROUP, 'carts-cache')]);

    // Act
    const summary = await runRule(encryptionInTransit, scheduledEvent({ resultToken: 'TESTMODE' }), createAwsSession());

    // Assess
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
    expect(config).toHaveReceivedCommandTimes(PutEvaluationsCommand, 1);
    expect(summary.staleResultsCleared).toBe(0);
  });

  it('cleans up nothing when Config refused some of the run’s evaluations', async () => {
    // Prepare
    givenEarlierResults([earlier(REPLICATION_GROUP, 'carts-cache')]);
    config.on(PutEvaluationsCommand).callsFake((input: PutEvaluationsCommandInput) => ({
      FailedEvaluations: (input.Evaluations ?? []).filter((e) => e.ComplianceResourceId === 'reports-cache'),
    }));

    // Act: on the virtual clock, as the engine waits before re-sending refused evaluations.
    const run = onVirtualClock(() => runRule(encryptionInTransit, scheduledEvent(), createAwsSession()));

    // Assess
    await expect(run).rejects.toThrow('AWS Config rejected 1 evaluation(s) after retries');
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
  });

  it('names config:GetComplianceDetailsByConfigRule when reading earlier results is denied', async () => {
    // Prepare
    config.on(GetComplianceDetailsByConfigRuleCommand).rejects(configAccessDenied('config:GetComplianceDetailsByConfigRule'));

    // Act
    const run = runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess: the run's own evaluations were already sent; only the clean-up is missing.
    await expect(run).rejects.toMatchObject({ name: 'MissingPermissionError', iamAction: 'config:GetComplianceDetailsByConfigRule' });
    expect(config).toHaveReceivedCommandTimes(PutEvaluationsCommand, 1);
  });
});

describe('staleEvaluations', () => {
  it('skips earlier results that name no resource', () => {
    // Prepare
    const unnamed: EvaluationResult = { ComplianceType: 'COMPLIANT', EvaluationResultIdentifier: { OrderingTimestamp: new Date(EARLIER_RUN) } };

    // Act
    const stale = staleEvaluations([unnamed, earlier(CACHE_CLUSTER, 'legacy-cache')], new ReportedResources(), new Date(NOTIFICATION_TIME));

    // Assess
    expect(stale.map((e) => e.resourceId)).toEqual(['legacy-cache']);
  });
});

// ---- helpers ----

/**
 * Serves the rule's earlier results, one argument per page, linked by NextToken; returns what each
 * call asked for (copied when made: the paginator reuses one input object).
 */
function givenEarlierResults(...pages: EvaluationResult[][]): GetComplianceDetailsByConfigRuleCommandInput[] {
  const requests: GetComplianceDetailsByConfigRuleCommandInput[] = [];
  config.on(GetComplianceDetailsByConfigRuleCommand).callsFake((input: GetComplianceDetailsByConfigRuleCommandInput) => {
    requests.push({ ...input });
    const index = input.NextToken ? Number(input.NextToken.replace('page-', '')) - 1 : 0;
    return {
      EvaluationResults: pages[index] ?? [],
      NextToken: index + 1 < pages.length ? `page-${index + 2}` : undefined,
    } satisfies GetComplianceDetailsByConfigRuleResponse;
  });
  return requests;
}

/** One of the rule's results as GetComplianceDetailsByConfigRule returns it. */
function earlier(resourceType: string, resourceId: string, compliance: 'COMPLIANT' | 'NON_COMPLIANT' = 'COMPLIANT'): EvaluationResult {
  return {
    EvaluationResultIdentifier: {
      EvaluationResultQualifier: { ConfigRuleName: RULE_NAME, ResourceType: resourceType, ResourceId: resourceId, EvaluationMode: 'DETECTIVE' },
      OrderingTimestamp: new Date(EARLIER_RUN),
    },
    ComplianceType: compliance,
    ResultRecordedTime: new Date('2026-11-26T10:00:04.912Z'),
    ConfigRuleInvokedTime: new Date('2026-11-26T10:00:01.207Z'),
    Annotation: compliance === 'COMPLIANT' ? 'TLS is on in required mode: plaintext connections are refused.' : 'TLS is off.',
  };
}

function notApplicable(resourceType: string, resourceId: string, orderingTimestamp: string) {
  return {
    ComplianceResourceType: resourceType,
    ComplianceResourceId: resourceId,
    ComplianceType: 'NOT_APPLICABLE',
    Annotation: STALE_ANNOTATION,
    OrderingTimestamp: new Date(orderingTimestamp),
  };
}
