/**
 * The metrics a run emits (Powertools Metrics, CloudWatch embedded metric format), read back from
 * the run's output as CloudWatch Logs would read them.
 *
 * Scenarios
 * - Given a completed run, then one document is flushed, in the package's namespace, dimensioned by
 *   service and control only, with what was evaluated, reported, cleared, called and how long it took.
 * - Given a run that fails, then one document says it failed and carries no compliance counts.
 * - Given a malformed event, then the failure is counted with no AWS call.
 * - Given two runs, then each flushes its own document with its own control.
 */
import { GetComplianceDetailsByConfigRuleCommand, type EvaluationResult } from '@aws-sdk/client-config-service';
import { ElastiCacheServiceException } from '@aws-sdk/client-elasticache';
import { createAwsSession } from '#shared/aws/session.ts';
import { automaticBackup } from '#shared/controls/automatic-backup.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { METRICS_NAMESPACE, RUN_METRICS, createRunMetrics } from '#shared/engine/run-metrics.ts';
import { runRule, type RunTelemetry } from '#shared/engine/run-rule.ts';
import { metricDocuments } from '../../support/captured-output.ts';
import { RULE_NAME, scheduledEvent } from '../../support/config-events.ts';
import {
  config,
  elasticache,
  givenEstate,
  givenThirdGroupPageFails,
  replicationGroup,
  sts,
  useMockedAws,
} from '../../support/run-rule-harness.ts';

useMockedAws();

/** A clock that reads 1000 ms at the start of a run and 1000 + `durationMs` at its end. */
function telemetry(durationMs: number): RunTelemetry {
  const readings = [1_000, 1_000 + durationMs];
  return { metrics: createRunMetrics({}), now: () => readings.shift() ?? 1_000 + durationMs };
}

function earlier(resourceId: string): EvaluationResult {
  return {
    EvaluationResultIdentifier: {
      EvaluationResultQualifier: { ConfigRuleName: RULE_NAME, ResourceType: 'AWS::ElastiCache::ReplicationGroup', ResourceId: resourceId },
      OrderingTimestamp: new Date('2026-11-26T10:00:00.373Z'),
    },
    ComplianceType: 'NON_COMPLIANT',
  };
}

/** The values of the one document flushed, by metric name, and its metric definitions. */
function onlyDocument() {
  const documents = metricDocuments();
  expect(documents).toHaveLength(1);
  const document = documents[0] as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } };
  const [directive] = document._aws.CloudWatchMetrics;
  return { document, directive: directive! };
}

describe('the metrics of a run', () => {
  it('are flushed once, per control, with what the run evaluated, reported, cleared and called', async () => {
    // Prepare: one compliant group, two with TLS off, and an earlier result of a group now gone.
    givenEstate(
      replicationGroup('orders-cache'),
      replicationGroup('carts-cache', { TransitEncryptionEnabled: false }),
      replicationGroup('sessions-cache', { TransitEncryptionEnabled: false }),
    );
    config.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [earlier('retired-cache')] });
    const event = scheduledEvent({ resultToken: 'result-token-of-a-real-run' });

    // Act
    await runRule(encryptionInTransit, event, createAwsSession(), telemetry(1_234));

    // Assess
    const { document, directive } = onlyDocument();
    expect(directive.Namespace).toBe(METRICS_NAMESPACE);
    expect(directive.Dimensions).toEqual([['service', 'control']]);
    expect(document).toMatchObject({
      service: 'elasticache-config-rules',
      control: 'encryption-in-transit',
      RunSucceeded: 1,
      RunFailed: 0,
      ResourcesEvaluated: 3,
      Compliant: 1,
      NonCompliant: 2,
      NotApplicable: 0,
      StaleResultsCleared: 1,
      AwsCalls: elasticache.calls().length + config.calls().length,
      RunDuration: 1_234,
    });
    expect(directive.Metrics).toEqual(
      expect.arrayContaining(Object.entries(RUN_METRICS).map(([Name, Unit]) => ({ Name, Unit }))),
    );
    expect(directive.Metrics).toHaveLength(Object.keys(RUN_METRICS).length);
  });

  it('never carry a resource id, as a dimension or at all', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'), replicationGroup('carts-cache', { TransitEncryptionEnabled: false }));

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession(), telemetry(10));

    // Assess
    const text = JSON.stringify(metricDocuments());
    expect(text).not.toContain('orders-cache');
    expect(text).not.toContain('carts-cache');
  });

  it('count the calls of an organization-mode run, AssumeRole included', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));
    sts.onAnyCommand().resolves({
      Credentials: { AccessKeyId: 'ASIAMEMBERACCOUNTKEY', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date('2026-11-27T10:15:00Z') },
    });
    const event = { ...scheduledEvent({ ruleParameters: { ExecutionRoleName: 'ElastiCacheConfigRuleRole' } }), accountId: '210987654321' };

    // Act
    await runRule(encryptionInTransit, event, createAwsSession(), telemetry(10));

    // Assess
    expect(onlyDocument().document.AwsCalls).toBe(sts.calls().length + elasticache.calls().length + config.calls().length);
    expect(sts.calls()).toHaveLength(1);
  });

  it('say a run failed, with its calls and duration but no compliance counts, when the listing fails', async () => {
    // Prepare
    givenThirdGroupPageFails(
      new ElastiCacheServiceException({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'Internal error' }),
    );

    // Act
    const run = runRule(encryptionInTransit, scheduledEvent(), createAwsSession(), telemetry(250));

    // Assess
    await expect(run).rejects.toThrow();
    const { document, directive } = onlyDocument();
    // One page of clusters (listed first), then three of groups, the third failing.
    expect(document).toMatchObject({ control: 'encryption-in-transit', RunSucceeded: 0, RunFailed: 1, AwsCalls: 4, RunDuration: 250 });
    expect(directive.Metrics.map((metric) => metric.Name).sort()).toEqual(['AwsCalls', 'RunDuration', 'RunFailed', 'RunSucceeded']);
  });

  it('count a malformed event as a failed run that made no AWS call', async () => {
    // Prepare
    const event = scheduledEvent({ notificationCreationTime: '2024-02-30T12:00:00Z' });

    // Act
    const run = runRule(automaticBackup, event, createAwsSession(), telemetry(3));

    // Assess
    await expect(run).rejects.toThrow('has no day 30');
    expect(onlyDocument().document).toMatchObject({ control: 'automatic-backup', RunFailed: 1, RunSucceeded: 0, AwsCalls: 0 });
  });

  it('are flushed once a run, each run with its own control', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));
    const metrics = createRunMetrics({});

    // Act
    await runRule(encryptionInTransit, scheduledEvent(), createAwsSession(), { metrics, now: () => 0 });
    await runRule(automaticBackup, scheduledEvent(), createAwsSession(), { metrics, now: () => 0 });

    // Assess
    const documents = metricDocuments();
    expect(documents.map((document) => document.control)).toEqual(['encryption-in-transit', 'automatic-backup']);
    expect(documents.map((document) => document.ResourcesEvaluated)).toEqual([1, 1]);
  });
});
