/**
 * Runs of the engine that fail, end to end from Config's event, with real controls and the AWS SDK
 * clients mocked at `send` (test/support/run-rule-harness.ts).
 *
 * Scenarios
 * - Given a bad rule parameter or a malformed event, then the run is refused before any AWS call.
 * - Given a listing that fails part-way or a missing permission, then the run fails naming the
 *   action, and nothing is reported or cleaned up.
 */
import { GetComplianceDetailsByConfigRuleCommand, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { DescribeRouteTablesCommand } from '@aws-sdk/client-ec2';
import { DescribeCacheClustersCommand, DescribeReplicationGroupsCommand, ElastiCacheServiceException } from '@aws-sdk/client-elasticache';
import { createAwsSession } from '#shared/aws/session.ts';
import { automaticBackup } from '#shared/controls/automatic-backup.ts';
import { encryptionAtRest } from '#shared/controls/context/encryption-at-rest.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { subnetPrivacy } from '#shared/controls/context/subnet-privacy.ts';
import { InvalidEventError, InvalidParameterError, ListingFailedError, MissingPermissionError } from '#shared/engine/errors.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { accessDenied, ec2Unauthorized } from '../../support/aws-errors.ts';
import { logEntries } from '../../support/captured-output.ts';
import { changeEvent, routeTableItem, scheduledEvent } from '../../support/config-events.ts';
import { replicationGroupFixture } from '../../support/fixtures.ts';
import {
  CAPTURE_TIME,
  ROUTE_TABLE,
  config,
  ec2,
  elasticache,
  expectNoAwsCall,
  givenEstate,
  givenNetwork,
  givenThirdGroupPageFails,
  replicationGroup,
  useMockedAws,
} from '../../support/run-rule-harness.ts';

useMockedAws();

describe('a run refused before any AWS call', () => {
  it.each([
    ['minimumRetentionDays', '0', /^Rule parameter "minimumRetentionDays": 0 is out of range; use an integer from 1 to 35$/],
    ['minimumRetentionDays', 'abc', /^Rule parameter "minimumRetentionDays": "abc" is not a whole number/],
    ['minimumRetentionDays', '36', /^Rule parameter "minimumRetentionDays": 36 is out of range/],
    ['minimumRetentionDay', '7', /^Rule parameter "minimumRetentionDay": is not a parameter of this control; accepted: ExecutionRoleName, includeServerlessCaches, minimumRetentionDays$/],
    ['ExecutionRoleName', 'service-role/ConfigRuleRole', /^Rule parameter "ExecutionRoleName": "service-role\/ConfigRuleRole" is not accepted; use an IAM role name/],
  ])('refuses %s = "%s"', async (name, value, message) => {
    // Prepare
    const event = scheduledEvent({ ruleParameters: { [name]: value } });

    // Act
    const run = runRule(automaticBackup, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidParameterError);
    await expect(run).rejects.toThrow(message);
    expectNoAwsCall();
  });

  it('refuses a KMS alias in approvedKmsKeyIds', async () => {
    // Prepare
    const event = scheduledEvent({ ruleParameters: { approvedKmsKeyIds: 'alias/elasticache' } });

    // Act
    const run = runRule(encryptionAtRest, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(/^Rule parameter "approvedKmsKeyIds": item "alias\/elasticache" is an alias/);
    expectNoAwsCall();
  });

  it.each<[string, (event: Record<string, unknown>) => unknown, RegExp]>([
    ['an event that is not an object', () => 'ScheduledNotification', /^The event is not an object/],
    ['an event without resultToken', ({ resultToken: _, ...rest }) => rest, /^event\.resultToken is missing or empty\.$/],
    ['an event without configRuleName', ({ configRuleName: _, ...rest }) => rest, /^event\.configRuleName is missing or empty\.$/],
    ['an invokingEvent that is not JSON', (e) => ({ ...e, invokingEvent: '{"messageType":' }), /^invokingEvent is not valid JSON/],
    ['an invokingEvent passed as an object', (e) => ({ ...e, invokingEvent: JSON.parse(e.invokingEvent as string) }), /^invokingEvent is missing or not a string/],
    ['an invokingEvent that is a JSON array', (e) => ({ ...e, invokingEvent: '[]' }), /^invokingEvent must be a JSON object\.$/],
    ['an unknown messageType', (e) => ({ ...e, invokingEvent: withInvoking(e, { messageType: 'ConfigurationSnapshotDeliveryCompleted' }) }), /messageType "ConfigurationSnapshotDeliveryCompleted" is not supported/],
    ['a notificationCreationTime that is not a timestamp', (e) => ({ ...e, invokingEvent: withInvoking(e, { notificationCreationTime: 'yesterday' }) }), /^invokingEvent\.notificationCreationTime "yesterday" is not an ISO 8601 timestamp/],
    ['a notificationCreationTime of "1", which Date reads as 2001', (e) => ({ ...e, invokingEvent: withInvoking(e, { notificationCreationTime: '1' }) }), /^invokingEvent\.notificationCreationTime "1" is not an ISO 8601 timestamp/],
    ['a notificationCreationTime of 30 February', (e) => ({ ...e, invokingEvent: withInvoking(e, { notificationCreationTime: '2024-02-30T12:00:00Z' }) }), /^invokingEvent\.notificationCreationTime "2024-02-30T12:00:00Z" has no day 30/],
    ['a notificationCreationTime without a time zone', (e) => ({ ...e, invokingEvent: withInvoking(e, { notificationCreationTime: '2026-11-27T06:00:00' }) }), /^invokingEvent\.notificationCreationTime "2026-11-27T06:00:00" is not an ISO 8601 timestamp with a time zone/],
    ['ruleParameters that are not JSON', (e) => ({ ...e, ruleParameters: 'minimumRetentionDays=7' }), /^ruleParameters is not valid JSON/],
  ])('refuses %s', async (_scenario, malform, message) => {
    // Prepare
    const event = malform({ ...scheduledEvent() });

    // Act
    const run = runRule(automaticBackup, event, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow(message);
    expectNoAwsCall();
  });

  it('refuses a change notification whose item has no resourceId', async () => {
    // Prepare
    const event = changeEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME));
    const invoking = JSON.parse(event.invokingEvent) as { configurationItem: Record<string, unknown> };
    delete invoking.configurationItem.resourceId;

    // Act
    const run = runRule(subnetPrivacy, { ...event, invokingEvent: JSON.stringify(invoking) }, createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow('invokingEvent.configurationItem.resourceId is missing or empty.');
    expectNoAwsCall();
  });
});

describe('a run whose listing fails', () => {
  it('reports nothing and cleans up nothing when page 3 of the replication groups fails', async () => {
    // Prepare
    givenThirdGroupPageFails(
      new ElastiCacheServiceException({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'Internal error' }),
    );

    // Act
    const run = runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(ListingFailedError);
    await expect(run).rejects.toThrow(/^elasticache:DescribeReplicationGroups failed, so the inventory is incomplete/);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 3);
    expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
    expect(logEntries('ERROR').map((entry) => entry.message)).toContain('run failed; nothing further was reported');
  });

  it('names elasticache:DescribeCacheClusters when access to it is denied, and reports nothing', async () => {
    // Prepare
    elasticache
      .on(DescribeReplicationGroupsCommand)
      .resolves({ ReplicationGroups: [replicationGroupFixture()] })
      .on(DescribeCacheClustersCommand)
      .rejects(accessDenied('elasticache:DescribeCacheClusters'));

    // Act
    const run = runRule(encryptionInTransit, scheduledEvent(), createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(MissingPermissionError);
    await expect(run).rejects.toThrow(/^Access denied for elasticache:DescribeCacheClusters: grant this action/);
    expect(config.calls()).toHaveLength(0);
  });

  it('names ec2:DescribeRouteTables when EC2 refuses it, and reports nothing', async () => {
    // Prepare
    givenEstate(replicationGroup('orders-cache'));
    givenNetwork();
    ec2.on(DescribeRouteTablesCommand).rejects(ec2Unauthorized());

    // Act
    const run = runRule(subnetPrivacy, scheduledEvent(), createAwsSession());

    // Assess
    await expect(run).rejects.toMatchObject({ name: 'MissingPermissionError', iamAction: 'ec2:DescribeRouteTables' });
    await expect(run).rejects.toThrow(/^Access denied for ec2:DescribeRouteTables/);
    expect(config.calls()).toHaveLength(0);
  });
});

// ---- helpers ----

/** The event's invokingEvent with some fields replaced. */
function withInvoking(event: Record<string, unknown>, fields: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(event.invokingEvent as string) as object), ...fields });
}
