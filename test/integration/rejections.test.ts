/**
 * A rule given an unusable event or parameter must refuse the run with an error naming the fault,
 * before any AWS call: it reports nothing (so earlier results stand) and lists nothing.
 */
import { CreateSnapshotCommand } from '@aws-sdk/client-elasticache';
import { controls } from '#shared/controls/context/catalog.ts';
import { inventoryOf } from '#shared/inventory/inventories.ts';
import { SNAPSHOT_INVENTORY } from '#shared/inventory/snapshots.ts';
import { createReplicationGroup } from '../../scripts/local-aws/estate-builders.ts';
import {
  configurationItemChangeEvent,
  invokeBundle,
  invokeRecorded,
  scheduledEvent,
  type ConfigRuleInvocation,
} from '../../scripts/local-aws/invoke-bundle.ts';
import { aws, env, group, server, useEmulator } from '../support/emulator.ts';

useEmulator();

beforeEach(async () => {
  // Something to report, so that a missing PutEvaluations means the run was refused, not idle.
  await createReplicationGroup(aws, group('orders-cache', { tls: 'off', atRest: 'off', retentionDays: 0 }));
  await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'orders-cache-manual', ReplicationGroupId: 'orders-cache' }));
});

/** What a valid run reports: the snapshot controls judge the snapshot, the others the cache. */
const judgedBy = (controlId: string): string =>
  inventoryOf(controls.find((c) => c.id === controlId)!) === SNAPSHOT_INVENTORY ? 'orders-cache-manual' : 'orders-cache';

const controlIds = controls.map((control) => [control.id]);

async function expectRefused(controlId: string, event: unknown, error: { name: string; message: RegExp }): Promise<void> {
  // Act
  const invocation = await invokeRecorded(server, controlId, event, env);
  // Assess
  expect(invocation.outcome).toEqual({ ok: false, error: { name: error.name, message: expect.stringMatching(error.message) } });
  expect(invocation.putEvaluations).toEqual([]);
  expect(invocation.requests.map((request) => request.operation)).toEqual([]);
}

describe('the baseline', () => {
  it.each(controlIds)('%s, given a valid event, reports from Node 24 as the Lambda runtime would', async (controlId) => {
    const invocation = await invokeRecorded(server, controlId, scheduledEvent(controlId), env);
    expect(invocation.outcome.ok).toBe(true);
    expect(invocation.evaluations.map((e) => e.ComplianceResourceId)).toEqual([judgedBy(controlId)]);
    for (const request of invocation.requests) {
      expect(request.headers['User-Agent']).toMatch(/ md\/nodejs#24\.\d+\.\d+ .*exec-env\/AWS_Lambda_nodejs24\.x/);
    }
  }, 30_000);

  it('refuses to run a bundle that was not built, saying how to build it', async () => {
    await expect(invokeBundle('no-such-control', scheduledEvent('no-such-control'), env)).rejects.toThrow(
      /dist\/no-such-control\/index\.mjs is missing: run `npm run build`/,
    );
  });
});

describe('invalid parameter values', () => {
  it.each([
    ['encryption-in-transit', { allowPreferredMode: 'yes' }, /"allowPreferredMode".*"yes" is not accepted; use "true" or "false"/],
    ['encryption-at-rest', { requireCustomerManagedKey: '1' }, /"requireCustomerManagedKey".*"1" is not accepted/],
    ['encryption-at-rest', { approvedKmsKeyIds: 'alias/payments-cache' }, /"approvedKmsKeyIds".*"alias\/payments-cache" is an alias/],
    ['encryption-at-rest', { approvedKmsKeyIds: 'not-a-key' }, /"approvedKmsKeyIds".*"not-a-key" is neither a KMS key id/],
    ['automatic-backup', { minimumRetentionDays: '0' }, /"minimumRetentionDays": 0 is out of range; use an integer from 1 to 35/],
    ['automatic-backup', { minimumRetentionDays: 'seven' }, /"minimumRetentionDays": "seven" is not a whole number/],
  ])('%s refuses %j', async (controlId, ruleParameters, message) => {
    await expectRefused(controlId, scheduledEvent(controlId, new Date(), { ruleParameters }), { name: 'InvalidParameterError', message });
  }, 30_000);
});

describe('unknown parameters', () => {
  it.each(controlIds)('%s refuses a parameter it does not declare, naming it', async (controlId) => {
    const event = scheduledEvent(controlId, new Date(), { ruleParameters: { minimumRetentionDay: '7' } });
    await expectRefused(controlId, event, { name: 'InvalidParameterError', message: /"minimumRetentionDay": is not a parameter of this control/ });
  }, 30_000);
});

describe('unusable events', () => {
  const withEvent = (controlId: string, change: (event: ConfigRuleInvocation) => unknown) => change(scheduledEvent(controlId));

  it.each(controlIds)('%s refuses an invokingEvent that is not JSON', async (controlId) => {
    const event = withEvent(controlId, (e) => ({ ...e, invokingEvent: '{"messageType": "ScheduledNotification",' }));
    await expectRefused(controlId, event, { name: 'InvalidEventError', message: /^invokingEvent is not valid JSON/ });
  }, 30_000);

  it.each(controlIds)('%s refuses an event without a resultToken', async (controlId) => {
    const event = withEvent(controlId, ({ resultToken: _omitted, ...e }) => e);
    await expectRefused(controlId, event, { name: 'InvalidEventError', message: /^event\.resultToken is missing or empty/ });
  }, 30_000);

  it.each(controlIds)('%s refuses an unknown messageType', async (controlId) => {
    const event = withEvent(controlId, (e) => ({ ...e, invokingEvent: JSON.stringify({ messageType: 'Hourly' }) }));
    await expectRefused(controlId, event, { name: 'InvalidEventError', message: /messageType "Hourly" is not supported/ });
  }, 30_000);

  it('refuses a change notification for a resource type the control does not watch', async () => {
    const event = configurationItemChangeEvent('encryption-in-transit', {
      resourceType: 'AWS::EC2::RouteTable',
      resourceId: 'rtb-0123456789abcdef0',
      captureTime: new Date(),
    });
    await expectRefused('encryption-in-transit', event, {
      name: 'InvalidEventError',
      message: /encryption-in-transit does not react to changes of AWS::EC2::RouteTable .*periodic only/,
    });
  }, 30_000);
});

describe('an event that cannot be resolved', () => {
  it('refuses an oversized change whose configuration item Config cannot return, before listing any cache', async () => {
    // Prepare: oversized notifications carry only a summary; the item must be read from Config's history.
    const change = configurationItemChangeEvent('subnet-privacy', {
      resourceType: 'AWS::EC2::RouteTable',
      resourceId: 'rtb-0123456789abcdef0',
      captureTime: new Date(),
    });
    const { configurationItem, ...invoking } = JSON.parse(change.invokingEvent) as Record<string, unknown>;
    const event = {
      ...change,
      invokingEvent: JSON.stringify({
        ...invoking,
        messageType: 'OversizedConfigurationItemChangeNotification',
        configurationItemSummary: configurationItem,
      }),
    };
    // Act
    const invocation = await invokeRecorded(server, 'subnet-privacy', event, env);
    // Assess
    expect(invocation.outcome).toEqual({
      ok: false,
      error: { name: 'ListingFailedError', message: expect.stringMatching(/^config:GetResourceConfigHistory failed.*rtb-0123456789abcdef0/) },
    });
    expect(invocation.requests.map((request) => request.operation)).toEqual(['GetResourceConfigHistory']);
  }, 30_000);
});
