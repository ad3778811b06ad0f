/**
 * A run triggered by a configuration change, end to end from Config's event to PutEvaluations, with
 * real controls and the AWS SDK clients mocked at `send` (test/support/run-rule-harness.ts).
 *
 * Scenarios
 * - Given a change notification, then applicability comes first: an item that is deleted, not recorded
 *   or out of the rule scope is reported NOT_APPLICABLE at its capture time. If the control watches its
 *   type (a route table, for subnet-privacy), every cache is re-evaluated as well; otherwise nothing
 *   else changed, so nothing is listed, re-evaluated or cleaned up.
 * - Given a change to an existing, in-scope route table, then every cache is re-evaluated at the item's
 *   capture time and the route table gets no evaluation; given such a change of a type the control
 *   does not watch, then the run is refused (the rule scope is wrong).
 * - Given an oversized change, then its summary decides applicability the same way, and only an
 *   evaluable item of a watched type is read back from Config's history.
 */
import {
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
  type ConfigurationItem,
} from '@aws-sdk/client-config-service';
import { createAwsSession } from '#shared/aws/session.ts';
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { subnetPrivacy } from '#shared/controls/context/subnet-privacy.ts';
import { InvalidEventError } from '#shared/engine/errors.ts';
import { runRule } from '#shared/engine/run-rule.ts';
import { configAccessDenied } from '../../support/aws-errors.ts';
import { RULE_NAME, changeEvent, oversizedEvent, routeTableItem } from '../../support/config-events.ts';
import { ACCOUNT_ID, SUBNET_A, VPC_ID, cacheClusterFixture } from '../../support/fixtures.ts';
import {
  CAPTURE_TIME,
  ROUTE_TABLE,
  config,
  ec2,
  elasticache,
  expectNoAwsCall,
  givenEstate,
  givenNetwork,
  replicationGroup,
  reported,
  standaloneCluster,
  useMockedAws,
  verdicts,
} from '../../support/run-rule-harness.ts';

useMockedAws();

describe('a change notification', () => {
  beforeEach(() => {
    givenEstate(replicationGroup('orders-cache'), standaloneCluster(cacheClusterFixture()));
    givenNetwork();
  });

  it.each(['OK', 'ResourceDiscovered'] as const)(
    're-evaluates every cache at the capture time of a route table that is %s',
    async (status) => {
      // Act
      const summary = await runRule(subnetPrivacy, changeEvent(routeTableItem(ROUTE_TABLE, status, CAPTURE_TIME)), createAwsSession());

      // Assess: the route table itself gets no evaluation while it exists.
      expect(reported().map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.OrderingTimestamp])).toEqual([
        ['AWS::ElastiCache::ReplicationGroup', 'orders-cache', new Date(CAPTURE_TIME)],
        ['AWS::ElastiCache::CacheCluster', 'reports-cache', new Date(CAPTURE_TIME)],
      ]);
      expect(summary.trigger).toBe('change');
      expect(config).not.toHaveReceivedCommand(GetResourceConfigHistoryCommand);
    },
  );

  it.each(['ResourceDeleted', 'ResourceNotRecorded', 'ResourceDeletedNotRecorded'] as const)(
    'reports a route table that is %s NOT_APPLICABLE, after re-evaluating the caches',
    async (status) => {
      // Act
      await runRule(subnetPrivacy, changeEvent(routeTableItem(ROUTE_TABLE, status, CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(reported().map((e) => e.ComplianceResourceId)).toEqual(['orders-cache', 'reports-cache', ROUTE_TABLE]);
      expect(reported()[2]).toEqual({
        ComplianceResourceType: 'AWS::EC2::RouteTable',
        ComplianceResourceId: ROUTE_TABLE,
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: `AWS::EC2::RouteTable ${ROUTE_TABLE} is ${status}; the caches it affected were re-evaluated.`,
        OrderingTimestamp: new Date(CAPTURE_TIME),
      });
      expect(config).toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
    },
  );

  it('reports a route table that left the rule scope NOT_APPLICABLE', async () => {
    // Prepare
    const event = changeEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME), { eventLeftScope: true });

    // Act
    await runRule(subnetPrivacy, event, createAwsSession());

    // Assess
    expect(reported()).toHaveLength(3);
    expect(reported()).toContainEqual({
      ComplianceResourceType: 'AWS::EC2::RouteTable',
      ComplianceResourceId: ROUTE_TABLE,
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: `AWS::EC2::RouteTable ${ROUTE_TABLE} is out of the rule scope; the caches it affected were re-evaluated.`,
      OrderingTimestamp: new Date(CAPTURE_TIME),
    });
  });

  it('reports only NOT_APPLICABLE for a deleted resource of a type the control does not watch, listing and cleaning up nothing', async () => {
    // Prepare
    const subnet = { ...routeTableItem(SUBNET_A, 'ResourceDeleted', CAPTURE_TIME), resourceType: 'AWS::EC2::Subnet' };

    // Act
    const summary = await runRule(subnetPrivacy, changeEvent(subnet), createAwsSession());

    // Assess: nothing else changed, so no cache is listed and no earlier result is read.
    expect(reported()).toEqual([
      {
        ComplianceResourceType: 'AWS::EC2::Subnet',
        ComplianceResourceId: SUBNET_A,
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: `AWS::EC2::Subnet ${SUBNET_A} is ResourceDeleted, so this rule does not apply to it.`,
        OrderingTimestamp: new Date(CAPTURE_TIME),
      },
    ]);
    expect(config).toHaveReceivedCommandTimes(PutEvaluationsCommand, 1);
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
    expect(elasticache.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
    expect(summary).toEqual({
      control: 'subnet-privacy',
      configRuleName: RULE_NAME,
      trigger: 'change',
      testMode: false,
      resourcesEvaluated: 0,
      reported: { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 1 },
      staleResultsCleared: 0,
    });
  });

  it('reports only NOT_APPLICABLE for a resource that left the scope of a periodic-only control', async () => {
    // Prepare: the rule's scope was narrowed; Config tells it about each resource that left it.
    const event = changeEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME), { eventLeftScope: true });

    // Act
    await runRule(encryptionInTransit, event, createAwsSession());

    // Assess
    expect(verdicts()).toEqual({
      [ROUTE_TABLE]: ['NOT_APPLICABLE', `AWS::EC2::RouteTable ${ROUTE_TABLE} is out of the rule scope, so this rule does not apply to it.`],
    });
    expect(elasticache.calls()).toHaveLength(0);
    expect(config).not.toHaveReceivedCommand(GetComplianceDetailsByConfigRuleCommand);
  });

  it('refuses a change of a resource type the control does not watch, reporting nothing', async () => {
    // Prepare
    const subnet = { ...routeTableItem(SUBNET_A, 'OK', CAPTURE_TIME), resourceType: 'AWS::EC2::Subnet' };

    // Act
    const run = runRule(subnetPrivacy, changeEvent(subnet), createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow(
      'Control subnet-privacy does not react to changes of AWS::EC2::Subnet (only AWS::EC2::RouteTable); check the Config rule scope.',
    );
    expectNoAwsCall();
  });

  it('refuses a change to an existing, in-scope resource for a periodic-only control, reporting nothing', async () => {
    // Act
    const run = runRule(encryptionInTransit, changeEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

    // Assess
    await expect(run).rejects.toThrow(InvalidEventError);
    await expect(run).rejects.toThrow(
      'Control encryption-in-transit does not react to changes of AWS::EC2::RouteTable (it is periodic only); check the Config rule scope.',
    );
    expectNoAwsCall();
  });

  describe('that is oversized', () => {
    it('reads the item back from Config history as of the capture time, then re-evaluates', async () => {
      // Prepare: the capture time of the item from history is the one that counts.
      const historyTime = '2026-11-27T10:42:17.000Z';
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [historyItem('OK', historyTime)] });

      // Act
      await runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(config).toHaveReceivedCommandTimes(GetResourceConfigHistoryCommand, 1);
      expect(config).toHaveReceivedCommandWith(GetResourceConfigHistoryCommand, {
        resourceType: 'AWS::EC2::RouteTable',
        resourceId: ROUTE_TABLE,
        laterTime: new Date(CAPTURE_TIME),
        limit: 1,
      });
      expect(reported().map((e) => [e.ComplianceResourceId, e.OrderingTimestamp])).toEqual([
        ['orders-cache', new Date(historyTime)],
        ['reports-cache', new Date(historyTime)],
      ]);
    });

    it('stamps the run with the summary’s capture time when the history item has none', async () => {
      // Prepare
      const undated = historyItem('OK', CAPTURE_TIME);
      delete undated.configurationItemCaptureTime;
      delete undated.arn;
      delete undated.awsRegion;
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [undated] });

      // Act
      await runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(reported().map((e) => e.OrderingTimestamp)).toEqual([new Date(CAPTURE_TIME), new Date(CAPTURE_TIME)]);
    });

    it('reports the route table NOT_APPLICABLE when its history says it was deleted', async () => {
      // Prepare
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [historyItem('ResourceDeleted', CAPTURE_TIME)] });

      // Act
      await runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(reported()).toContainEqual(
        expect.objectContaining({ ComplianceResourceId: ROUTE_TABLE, ComplianceType: 'NOT_APPLICABLE', OrderingTimestamp: new Date(CAPTURE_TIME) }),
      );
    });

    it.each(['ResourceDeleted', 'ResourceNotRecorded'] as const)(
      'reports a route table whose summary says %s NOT_APPLICABLE and re-evaluates the caches, without reading history',
      async (status) => {
        // Act
        await runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, status, CAPTURE_TIME)), createAwsSession());

        // Assess
        expect(config).not.toHaveReceivedCommand(GetResourceConfigHistoryCommand);
        expect(reported().map((e) => [e.ComplianceResourceId, e.ComplianceType, e.OrderingTimestamp])).toEqual([
          ['orders-cache', 'COMPLIANT', new Date(CAPTURE_TIME)],
          ['reports-cache', 'COMPLIANT', new Date(CAPTURE_TIME)],
          [ROUTE_TABLE, 'NOT_APPLICABLE', new Date(CAPTURE_TIME)],
        ]);
      },
    );

    it('reports a route table that left the scope NOT_APPLICABLE without reading history', async () => {
      // Act
      await runRule(
        subnetPrivacy,
        oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME), { eventLeftScope: true }),
        createAwsSession(),
      );

      // Assess
      expect(config).not.toHaveReceivedCommand(GetResourceConfigHistoryCommand);
      expect(verdicts()[ROUTE_TABLE]).toEqual([
        'NOT_APPLICABLE',
        `AWS::EC2::RouteTable ${ROUTE_TABLE} is out of the rule scope; the caches it affected were re-evaluated.`,
      ]);
    });

    it('reports only NOT_APPLICABLE for a deleted resource the control does not watch, without reading history or listing', async () => {
      // Act
      await runRule(encryptionInTransit, oversizedEvent(routeTableItem(ROUTE_TABLE, 'ResourceDeleted', CAPTURE_TIME)), createAwsSession());

      // Assess
      expect(config).not.toHaveReceivedCommand(GetResourceConfigHistoryCommand);
      expect(verdicts()).toEqual({
        [ROUTE_TABLE]: ['NOT_APPLICABLE', `AWS::EC2::RouteTable ${ROUTE_TABLE} is ResourceDeleted, so this rule does not apply to it.`],
      });
      expect(elasticache.calls()).toHaveLength(0);
    });

    it('fails, listing and reporting nothing, when Config has no history for the item', async () => {
      // Prepare
      config.on(GetResourceConfigHistoryCommand).resolves({ configurationItems: [] });

      // Act
      const run = runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      await expect(run).rejects.toThrow(InvalidEventError);
      await expect(run).rejects.toThrow(
        `Config has no history for AWS::EC2::RouteTable ${ROUTE_TABLE} at ${CAPTURE_TIME}; the oversized change cannot be evaluated.`,
      );
      expect(elasticache.calls()).toHaveLength(0);
      expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
    });

    it('names config:GetResourceConfigHistory when access to it is denied', async () => {
      // Prepare
      config.on(GetResourceConfigHistoryCommand).rejects(configAccessDenied('config:GetResourceConfigHistory'));

      // Act
      const run = runRule(subnetPrivacy, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      await expect(run).rejects.toMatchObject({ name: 'MissingPermissionError', iamAction: 'config:GetResourceConfigHistory' });
      expect(config).not.toHaveReceivedCommand(PutEvaluationsCommand);
    });

    it('refuses an oversized change the control does not watch without reading history', async () => {
      // Act
      const run = runRule(encryptionInTransit, oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)), createAwsSession());

      // Assess
      await expect(run).rejects.toThrow(InvalidEventError);
      expectNoAwsCall();
    });
  });
});

// ---- helpers ----

/** The route table's item as GetResourceConfigHistory returns it (configuration is a JSON string). */
function historyItem(status: ConfigurationItem['configurationItemStatus'], captureTime: string): ConfigurationItem {
  return {
    version: '1.3',
    accountId: ACCOUNT_ID,
    configurationItemCaptureTime: new Date(captureTime),
    configurationItemStatus: status,
    configurationStateId: '1732700537816',
    configurationItemMD5Hash: '',
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT_ID}:route-table/${ROUTE_TABLE}`,
    resourceType: 'AWS::EC2::RouteTable',
    resourceId: ROUTE_TABLE,
    awsRegion: 'us-east-1',
    availabilityZone: 'Not Applicable',
    tags: {},
    relatedEvents: [],
    relationships: [],
    configuration: JSON.stringify({ routeTableId: ROUTE_TABLE, vpcId: VPC_ID, routes: [], associations: [] }),
    supplementaryConfiguration: {},
  };
}
