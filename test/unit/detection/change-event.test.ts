/** The pure mapping from one CloudTrail event to the controls it affects, for every declared call. */
import { controls } from '#shared/controls/catalog.ts';
import { InvalidChangeEventError, affectedControls, parseCloudTrailCall } from '#shared/detection/change-event.ts';
import { indexCalls, type TriggeringService } from '#shared/detection/triggering-calls.ts';
import { CALL_TIME, cloudTrailEvent } from '../../support/cloudtrail-events.ts';
import { ACCOUNT_ID, REGION } from '../../support/fixtures.ts';

const index = indexCalls(controls);

/** Every declared (service, call) with the controls that declare it, straight from the catalog. */
const declaredCalls = [
  ...new Set(
    controls.flatMap((c) => (Object.entries(c.triggeringCalls) as [TriggeringService, readonly string[]][]).flatMap(([s, names]) => names.map((n) => `${s}:${n}`))),
  ),
].map((key) => {
  const [service, name] = key.split(':') as [TriggeringService, string];
  const expected = controls.filter((c) => (c.triggeringCalls[service] ?? []).includes(name)).map((c) => c.id);
  return [service, name, expected] as const;
});

describe('affectedControls', () => {
  it.each(declaredCalls)('Given a successful %s:%s, then exactly the controls declaring it are affected', (service, eventName, expected) => {
    // Prepare
    const event = cloudTrailEvent({ service, eventName });
    // Act
    const decision = affectedControls(event, index);
    // Assess
    expect(decision).toEqual({
      affected: true,
      call: expect.objectContaining({ account: ACCOUNT_ID, region: REGION, eventName, eventTime: Date.parse(CALL_TIME) }),
      controlIds: expected,
    });
  });

  it.each(declaredCalls)('Given a failed %s:%s, then nothing is affected', (service, eventName) => {
    // Act
    const decision = affectedControls(cloudTrailEvent({ service, eventName, errorCode: 'InvalidParameterCombination' }), index);
    // Assess
    expect(decision).toMatchObject({ affected: false, reason: 'failed-call' });
  });

  it('Given a read-only call, then nothing is affected, even one the index would know', () => {
    // Act
    const decision = affectedControls(cloudTrailEvent({ service: 'elasticache', eventName: 'ModifyReplicationGroup', readOnly: true }), index);
    // Assess
    expect(decision).toMatchObject({ affected: false, reason: 'read-only-call' });
  });

  it.each([
    ['elasticache', 'DescribeReplicationGroups'],
    ['elasticache', 'PurchaseReservedCacheNodesOffering'],
    ['ec2', 'RunInstances'],
  ])('Given an undeclared call %s:%s, then nothing is affected', (service, eventName) => {
    // Act
    const decision = affectedControls(cloudTrailEvent({ service, eventName }), index);
    // Assess
    expect(decision).toMatchObject({ affected: false, reason: 'undeclared-call' });
  });

  it('Given the same operation name under another service, then it does not match', () => {
    // Act
    const decision = affectedControls(cloudTrailEvent({ service: 'ec2', eventName: 'ModifyReplicationGroup' }), index);
    // Assess
    expect(decision).toMatchObject({ affected: false, reason: 'undeclared-call' });
  });

  it('Given another kind of event, then nothing is affected', () => {
    // Act
    const decision = affectedControls({ 'detail-type': 'Config Rules Compliance Change', detail: {} }, index);
    // Assess
    expect(decision).toEqual({ affected: false, call: undefined, reason: 'not-a-cloudtrail-call' });
  });
});

describe('parseCloudTrailCall', () => {
  it.each([
    [(e: any) => delete e.detail, 'detail is not a JSON object.'],
    [(e: any) => (e.account = 'member'), 'The event\'s account "member" is not a 12-digit account id.'],
    [(e: any) => delete e.detail.eventName, 'detail.eventName is missing or not a string.'],
    [(e: any) => (e.detail.eventTime = 'yesterday'), 'detail.eventTime "yesterday" is not a timestamp.'],
    [(e: any) => delete e.region, 'the event.region is missing or not a string.'],
  ])('refuses a malformed event, naming the field (%#)', (spoil, message) => {
    // Prepare
    const event = cloudTrailEvent({ service: 'elasticache', eventName: 'CreateCacheCluster' }) as any;
    spoil(event);
    // Act and assess
    expect(() => parseCloudTrailCall(event)).toThrow(new InvalidChangeEventError(message));
  });

  it('reads the string "true" some older records carry as read-only', () => {
    // Prepare
    const event = cloudTrailEvent({ service: 'elasticache', eventName: 'CreateCacheCluster' }) as any;
    event.detail.readOnly = 'true';
    // Act and assess
    expect(parseCloudTrailCall(event).readOnly).toBe(true);
  });
});
