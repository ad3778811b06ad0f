/**
 * Which CloudTrail management events can change a control's verdicts, as each control declares
 * them (Control.triggeringCalls), and what follows from the declarations: the EventBridge event
 * pattern of the change detector, and the reverse map from a call to the controls it affects.
 * Kept free of the catalog and of any AWS client, so the detector's bundle stays small and the
 * mapping is a pure function.
 */

/** The services whose calls can change a verdict, by the short name IAM and CloudTrail use. */
export const TRIGGERING_SERVICES = ['elasticache', 'ec2', 'kms'] as const;
export type TriggeringService = (typeof TRIGGERING_SERVICES)[number];

/** API operation names (CloudTrail `eventName`) by service; every one must mutate something. */
export type TriggeringCalls = Readonly<Partial<Record<TriggeringService, readonly string[]>>>;

/** A control's id with its declaration; what the detector is generated from. */
export interface ControlTriggers {
  readonly id: string;
  readonly triggeringCalls: TriggeringCalls;
}

/** CloudTrail's `eventSource` of a service, e.g. elasticache.amazonaws.com. */
export const eventSourceOf = (service: TriggeringService): string => `${service}.amazonaws.com`;

/** The EventBridge `source` CloudTrail events of a service carry, e.g. aws.elasticache. */
export const eventBridgeSourceOf = (service: TriggeringService): string => `aws.${service}`;

export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

/**
 * Read-only calls never change a verdict and are far more frequent than writes; a name with one of
 * these verbs in a declaration is a mistake, refused when the pattern is built.
 */
const READ_ONLY_VERBS = /^(Describe|List|Get|Check|Test|Validate|Search|Lookup|Preview|Verify|Generate|Decrypt|Encrypt|Sign)[A-Z]/;

/** CloudTrail event names are API operation names: PascalCase letters and digits. */
const OPERATION_NAME = /^[A-Z][A-Za-z0-9]{2,127}$/;

export class InvalidTriggeringCallError extends Error {
  override readonly name = 'InvalidTriggeringCallError';
}

/** Refuses a declaration that could never match, or that would start rules on reads. */
export function validateTriggeringCalls(control: ControlTriggers): void {
  for (const [service, names] of Object.entries(control.triggeringCalls) as [string, readonly string[]][]) {
    if (!(TRIGGERING_SERVICES as readonly string[]).includes(service)) {
      throw new InvalidTriggeringCallError(
        `Control ${control.id} declares calls of service "${service}"; use one of ${TRIGGERING_SERVICES.join(', ')} (or extend TRIGGERING_SERVICES).`,
      );
    }
    for (const name of names) {
      if (!OPERATION_NAME.test(name)) {
        throw new InvalidTriggeringCallError(`Control ${control.id} declares ${service} call "${name}", which is not an API operation name.`);
      }
      if (READ_ONLY_VERBS.test(name)) {
        throw new InvalidTriggeringCallError(
          `Control ${control.id} declares ${service}:${name}, a read-only call: it cannot change a verdict and would start rules on every read.`,
        );
      }
    }
    if (new Set(names).size !== names.length) {
      throw new InvalidTriggeringCallError(`Control ${control.id} declares a ${service} call twice.`);
    }
  }
}

/** `service:EventName` → ids of the controls it affects, for every declared call. */
export type CallIndex = ReadonlyMap<string, readonly string[]>;

export const callKey = (eventSource: string, eventName: string): string => `${eventSource}:${eventName}`;

export function indexCalls(controls: readonly ControlTriggers[]): CallIndex {
  const index = new Map<string, string[]>();
  for (const control of controls) {
    validateTriggeringCalls(control);
    for (const [service, names] of Object.entries(control.triggeringCalls) as [TriggeringService, readonly string[]][]) {
      for (const name of names) {
        const key = callKey(eventSourceOf(service), name);
        index.set(key, [...(index.get(key) ?? []), control.id]);
      }
    }
  }
  return index;
}

/**
 * The EventBridge pattern of the detector's rule: CloudTrail's record of every declared call, and
 * only of successful ones (`errorCode` absent: a refused call changed nothing). Names are grouped by
 * service with `$or`, so an operation of one service never matches under another's source.
 */
export function changeEventPattern(controls: readonly ControlTriggers[]): Record<string, unknown> {
  for (const control of controls) validateTriggeringCalls(control);
  const services = TRIGGERING_SERVICES.filter((service) => controls.some((c) => (c.triggeringCalls[service] ?? []).length > 0));
  const namesOf = (service: TriggeringService): string[] =>
    [...new Set(controls.flatMap((c) => c.triggeringCalls[service] ?? []))].sort();
  return {
    source: services.map(eventBridgeSourceOf),
    'detail-type': [CLOUDTRAIL_DETAIL_TYPE],
    detail: {
      errorCode: [{ exists: false }],
      $or: services.map((service) => ({ eventSource: [eventSourceOf(service)], eventName: namesOf(service) })),
    },
  };
}

/**
 * Every control's verdicts change when a cache appears or disappears: a new cache needs its first
 * verdict, and a deleted one's last result must be cleared (NOT_APPLICABLE) rather than stand.
 * CreateReplicationGroup also covers a standalone cluster becoming a group's primary (PrimaryClusterId).
 */
export const CACHE_LIFECYCLE_CALLS = [
  'CreateReplicationGroup',
  'DeleteReplicationGroup',
  'CreateCacheCluster',
  'DeleteCacheCluster',
  'CreateServerlessCache',
  'DeleteServerlessCache',
] as const;
