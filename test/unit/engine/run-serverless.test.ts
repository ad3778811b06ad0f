/**
 * Serverless caches through the engine: listed on every page, reported as
 * AWS::ElastiCache::ServerlessCache, left out on request, and never allowed to cost the other
 * resources their report when Config refuses the type.
 *
 * Scenarios
 * - Given 120 serverless caches, then DescribeServerlessCaches runs three times (50 a page, following
 *   NextToken) and each cache is reported once by name.
 * - Given includeServerlessCaches "false", then DescribeServerlessCaches is never called.
 * - Given DescribeServerlessCaches denied, then MissingPermissionError names the action and nothing
 *   is reported.
 * - Given Config refusing the serverless type (InvalidParameterValueException), then every other
 *   resource is still reported and ResourceTypeRefusedError names the type and the switch.
 * - Given a serverless cache reported earlier and gone now, then it is cleared by (type, id), even
 *   when a replication group of the same name exists.
 */
import {
  ConfigServiceServiceException,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
  type PutEvaluationsCommandInput,
} from '@aws-sdk/client-config-service';
import { DescribeServerlessCachesCommand } from '@aws-sdk/client-elasticache';
import { createAwsSession } from '#shared/aws/session.ts';
import { automaticBackup } from '#shared/controls/automatic-backup.ts';
import { MissingPermissionError, ResourceTypeRefusedError } from '#shared/engine/errors.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { REPLICATION_GROUP, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { accessDenied } from '../../support/aws-errors.ts';
import { RULE_NAME, scheduledEvent } from '../../support/config-events.ts';
import { serverlessCacheFixture } from '../../support/fixtures.ts';
import {
  config,
  elasticache,
  givenEstate,
  range,
  replicationGroup,
  reported,
  serverlessCache,
  useMockedAws,
} from '../../support/run-rule-harness.ts';

useMockedAws();

describe('serverless caches in a run', () => {
  it('lists 120 serverless caches in three pages of 50 and reports each once by name', async () => {
    // Prepare
    const listing = givenEstate(...range(120).map((i) => serverlessCache(serverlessCacheFixture({ ServerlessCacheName: `sessions-${i}` }))));
    // Act
    const summary = await runRule(automaticBackup, scheduledEvent(), createAwsSession());
    // Assess
    expect(elasticache).toHaveReceivedCommandTimes(DescribeServerlessCachesCommand, 3);
    expect(listing.serverlessRequests).toEqual([
      { MaxRecords: 50, Marker: undefined },
      { MaxRecords: 50, Marker: 'marker-50' },
      { MaxRecords: 50, Marker: 'marker-100' },
    ]);
    expect(summary.resourcesEvaluated).toBe(120);
    const evaluations = reported();
    expect(evaluations.map((e) => e.ComplianceResourceId)).toEqual(range(120).map((i) => `sessions-${i}`));
    expect(new Set(evaluations.map((e) => e.ComplianceResourceType))).toEqual(new Set([SERVERLESS_CACHE]));
  });

  it('never asks for serverless caches when includeServerlessCaches is "false"', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'), serverlessCache(serverlessCacheFixture()));
    // Act
    await runRule(automaticBackup, scheduledEvent({ ruleParameters: { includeServerlessCaches: 'false' } }), createAwsSession());
    // Assess
    expect(elasticache).not.toHaveReceivedCommand(DescribeServerlessCachesCommand);
    expect(reported().map((e) => e.ComplianceResourceId)).toEqual(['orders-cache']);
  });

  it('fails naming elasticache:DescribeServerlessCaches when it is denied, reporting nothing', async () => {
    // Prepare: an older member-account role without the new action.
    givenEstate(replicationGroup('orders-cache'));
    elasticache.on(DescribeServerlessCachesCommand).rejects(accessDenied('elasticache:DescribeServerlessCaches'));
    // Act
    const run = runRule(automaticBackup, scheduledEvent(), createAwsSession());
    // Assess
    await expect(run).rejects.toThrow(MissingPermissionError);
    await expect(run).rejects.toMatchObject({ iamAction: 'elasticache:DescribeServerlessCaches' });
    expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
  });

  it('reports every other resource when Config refuses the serverless type, then names the type and the switch', async () => {
    // Prepare: Config accepts the replication group batch and refuses any call holding the serverless type.
    givenEstate(replicationGroup('orders-cache'), serverlessCache(serverlessCacheFixture()));
    config.on(PutEvaluationsCommand).callsFake((input: PutEvaluationsCommandInput) => {
      if (input.Evaluations?.some((e) => e.ComplianceResourceType === SERVERLESS_CACHE)) {
        throw new ConfigServiceServiceException({
          name: 'InvalidParameterValueException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'The resource type AWS::ElastiCache::ServerlessCache is not valid. Only the following values are permitted: …',
        });
      }
      return { FailedEvaluations: [] };
    });
    // Act
    const run = runRule(automaticBackup, scheduledEvent({ resultToken: 'result-token-0123456789' }), createAwsSession());
    // Assess
    await expect(run).rejects.toThrow(ResourceTypeRefusedError);
    await expect(run).rejects.toThrow(/AWS::ElastiCache::ServerlessCache.*includeServerlessCaches to "false"/s);
    const sent = config.commandCalls(PutEvaluationsCommand).map((call) => call.args[0].input.Evaluations ?? []);
    expect(sent[0]?.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId])).toEqual([[REPLICATION_GROUP, 'orders-cache']]);
    expect(sent[1]?.map((e) => e.ComplianceResourceType)).toEqual([SERVERLESS_CACHE]);
  });

  it('clears a serverless cache gone since the last run by type and id, even beside a group of the same name', async () => {
    // Prepare: "sessions" was a serverless cache; now only a replication group of that name exists.
    givenEstate(replicationGroup('sessions'));
    config.on(GetComplianceDetailsByConfigRuleCommand).resolves({
      EvaluationResults: [
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ConfigRuleName: RULE_NAME, ResourceType: SERVERLESS_CACHE, ResourceId: 'sessions', EvaluationMode: 'DETECTIVE' },
            OrderingTimestamp: new Date('2026-11-26T10:00:00.373Z'),
          },
          ComplianceType: 'COMPLIANT',
        },
      ],
    });
    // Act
    const summary = await runRule(automaticBackup, scheduledEvent(), createAwsSession());
    // Assess
    expect(summary.staleResultsCleared).toBe(1);
    const cleared = reported().filter((e) => e.ComplianceType === 'NOT_APPLICABLE');
    expect(cleared.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId])).toEqual([[SERVERLESS_CACHE, 'sessions']]);
  });
});
