/**
 * What the integration tests that seed caches and run the built bundles share: one local AWS
 * emulator (moto) per test file, the replication group the scenarios start from, and the verdicts
 * a run reported.
 *
 * A test file calls `useEmulator()` once, at its top level: the emulator starts before the first
 * test, is emptied before each test and stops after the last. `server`, `env` and `aws` are live
 * bindings, set once the emulator is up.
 */
import { estateClients, type EstateClients, type ReplicationGroupSpec } from '../../scripts/local-aws/estate-builders.ts';
import { invokeRecorded, scheduledEvent, type RecordedInvocation } from '../../scripts/local-aws/invoke-bundle.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from '../../scripts/local-aws/moto-server.ts';

export let server: MotoServer;
/** The environment the bundles run with: the emulator's endpoint and its default account's credentials. */
export let env: Record<string, string>;
/** SDK clients for seeding, with the same credentials as `env`. */
export let aws: EstateClients;

/** Registers the hooks that start the emulator, empty it before each test and stop it at the end. */
export function useEmulator(): void {
  beforeAll(async () => {
    server = await startMotoServer();
    env = awsEnvFor(server);
    aws = estateClients(env);
  }, 60_000);

  // Stopping waits up to 5 s for moto to exit before killing it: the hook must outlast that.
  afterAll(async () => {
    await server?.stop();
  }, 15_000);

  beforeEach(async () => {
    await server.reset();
  });
}

/** A replication group that passes every control unless the scenario says otherwise. */
export function group(id: string, overrides: Partial<ReplicationGroupSpec> = {}): ReplicationGroupSpec {
  return { id, engine: 'redis', engineVersion: '7.1', tls: 'required', atRest: 'default-key', retentionDays: 7, ...overrides };
}

/** Compliance by resource id (each resource must be reported once). */
export function verdicts(invocation: RecordedInvocation): Record<string, string> {
  const byId: Record<string, string> = {};
  for (const evaluation of invocation.evaluations) {
    expect(byId[evaluation.ComplianceResourceId]).toBeUndefined();
    byId[evaluation.ComplianceResourceId] = evaluation.ComplianceType;
  }
  return byId;
}

/** When the control scenarios' ScheduledNotification was sent (and so the run's clock). */
export const NOTIFICATION_TIME = new Date('2026-11-27T06:00:00.373Z');

/** Runs one control's built bundle on a ScheduledNotification; a failed run fails the test, naming why. */
export async function runControl(
  controlId: string,
  ruleParameters: Record<string, string> = {},
  time: Date = NOTIFICATION_TIME,
): Promise<RecordedInvocation> {
  const invocation = await invokeRecorded(server, controlId, scheduledEvent(controlId, time, { ruleParameters }), env);
  if (!invocation.outcome.ok) {
    throw new Error(`${controlId} failed: ${invocation.outcome.error.name}: ${invocation.outcome.error.message}`);
  }
  return invocation;
}

/** The annotation reported for a resource, or "" when none was. */
export function annotationOf(invocation: RecordedInvocation, resourceId: string): string {
  return invocation.evaluations.find((e) => e.ComplianceResourceId === resourceId)?.Annotation ?? '';
}
