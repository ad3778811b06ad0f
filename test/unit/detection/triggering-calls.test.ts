/**
 * The declarations of the catalog: every declared call is a real, mutating API operation of its
 * service (its command exists in the service's SDK, which is generated from the API reference), and
 * the event pattern and call index follow from them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { controls } from '#shared/controls/catalog.ts';
import { controlTriggers } from '#shared/detection/control-triggers.generated.ts';
import {
  CACHE_LIFECYCLE_CALLS,
  InvalidTriggeringCallError,
  TRIGGERING_SERVICES,
  callKey,
  changeEventPattern,
  indexCalls,
  validateTriggeringCalls,
  type TriggeringService,
} from '#shared/detection/triggering-calls.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const declared = controls.flatMap((control) =>
  (Object.entries(control.triggeringCalls) as [TriggeringService, readonly string[]][]).flatMap(([service, names]) =>
    names.map((name) => [control.id, service, name] as const),
  ),
);

describe('triggering calls declared in the catalog', () => {
  it.each(declared)('%s: %s:%s is an operation of the service API', (_id, service, name) => {
    // Prepare: the SDK has one command per operation of the service's API model.
    const command = `${root}node_modules/@aws-sdk/client-${service}/dist-types/commands/${name}Command.d.ts`;
    // Assess
    expect(existsSync(command)).toBe(true);
  });

  it('declares at least one call for every control, and every cache creation and deletion for each', () => {
    // Assess
    for (const control of controls) {
      expect(control.triggeringCalls.elasticache).toEqual(expect.arrayContaining([...CACHE_LIFECYCLE_CALLS]));
    }
  });

  it('is what the generated module gives the detector', () => {
    // Assess
    expect(controlTriggers).toEqual(controls.map((c) => ({ id: c.id, triggeringCalls: JSON.parse(JSON.stringify(c.triggeringCalls)) })));
  });

  it('passes validation', () => {
    // Assess
    for (const control of controls) expect(() => validateTriggeringCalls(control)).not.toThrow();
  });
});

describe('validateTriggeringCalls', () => {
  it.each([
    ['DescribeReplicationGroups', /read-only call/],
    ['ListTagsForResource', /read-only call/],
    ['modifyReplicationGroup', /not an API operation name/],
    ['Modify ReplicationGroup', /not an API operation name/],
  ])('refuses %s', (name, message) => {
    // Act and assess
    expect(() => validateTriggeringCalls({ id: 'x', triggeringCalls: { elasticache: [name] } })).toThrow(InvalidTriggeringCallError);
    expect(() => validateTriggeringCalls({ id: 'x', triggeringCalls: { elasticache: [name] } })).toThrow(message);
  });

  it('refuses an unknown service, naming the ones it knows', () => {
    // Act and assess
    expect(() => validateTriggeringCalls({ id: 'x', triggeringCalls: { rds: ['ModifyDBInstance'] } as never })).toThrow(
      `Control x declares calls of service "rds"; use one of ${TRIGGERING_SERVICES.join(', ')}`,
    );
  });

  it('refuses a call declared twice', () => {
    // Act and assess
    expect(() => validateTriggeringCalls({ id: 'x', triggeringCalls: { ec2: ['CreateRoute', 'CreateRoute'] } })).toThrow('declares a ec2 call twice');
  });
});

describe('changeEventPattern', () => {
  it('matches successful CloudTrail calls, each service with its own names only', () => {
    // Prepare
    const triggers = [
      { id: 'a', triggeringCalls: { elasticache: ['ModifyReplicationGroup', 'CreateCacheCluster'] } },
      { id: 'b', triggeringCalls: { elasticache: ['CreateCacheCluster'], ec2: ['CreateRoute'] } },
      { id: 'c', triggeringCalls: {} },
    ];
    // Act
    const pattern = changeEventPattern(triggers);
    // Assess
    expect(pattern).toEqual({
      source: ['aws.elasticache', 'aws.ec2'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        errorCode: [{ exists: false }],
        $or: [
          { eventSource: ['elasticache.amazonaws.com'], eventName: ['CreateCacheCluster', 'ModifyReplicationGroup'] },
          { eventSource: ['ec2.amazonaws.com'], eventName: ['CreateRoute'] },
        ],
      },
    });
  });

  it('refuses to build a pattern from a read-only declaration', () => {
    // Act and assess
    expect(() => changeEventPattern([{ id: 'x', triggeringCalls: { kms: ['DescribeKey'] } }])).toThrow(InvalidTriggeringCallError);
  });
});

describe('indexCalls', () => {
  it('maps each declared call to every control declaring it', () => {
    // Act
    const index = indexCalls([
      { id: 'a', triggeringCalls: { elasticache: ['CreateCacheCluster'] } },
      { id: 'b', triggeringCalls: { elasticache: ['CreateCacheCluster'], kms: ['DisableKey'] } },
    ]);
    // Assess
    expect(index.get(callKey('elasticache.amazonaws.com', 'CreateCacheCluster'))).toEqual(['a', 'b']);
    expect(index.get(callKey('kms.amazonaws.com', 'DisableKey'))).toEqual(['b']);
    expect(index.get(callKey('ec2.amazonaws.com', 'DisableKey'))).toBeUndefined();
  });
});
