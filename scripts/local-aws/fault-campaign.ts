/**
 * The fault campaign the integration test and the benchmark share: every control runs once through
 * a clean proxy, then again and again through a faulty one; each faulty run must either report
 * exactly what the clean run reported (every resource, and nothing twice with different results)
 * or fail with an error. A wrong or missing verdict in a completed run, or a wrong one in any run,
 * is what the campaign exists to catch.
 */
import type { FaultKind, FaultProxy } from './fault-proxy.ts';
import { FAULT_KINDS } from './fault-proxy.ts';
import { invokeRecorded, scheduledEvent, type RecordedInvocation } from './invoke-bundle.ts';
import type { MotoServer } from './moto-server.ts';

export interface CampaignOptions {
  server: MotoServer;
  proxy: FaultProxy;
  /** The bundles' environment for the emulator (awsEnvFor); its endpoint is replaced by the proxy's. */
  env: Readonly<Record<string, string>>;
  controls: readonly string[];
  runsPerControl: number;
  faultRate: number;
  /** AWS_MAX_ATTEMPTS for the faulty runs; unset: the engine's own default (adaptive, 10). */
  maxAttempts?: number;
  notificationTime: Date;
}

export interface ControlFigures {
  control: string;
  resources: number;
  runs: number;
  completed: number;
  failedLoudly: number;
  wrongVerdicts: number;
  missingVerdicts: number;
  /** Requests that reached the proxy, per faulty run (every SDK attempt, retries included). */
  attempts: number[];
  /** Requests of the clean run, for comparison. */
  cleanAttempts: number;
}

export interface CampaignFigures {
  perControl: ControlFigures[];
  faults: Record<FaultKind, number>;
  /** Distinct errors the failed runs ended with (name: first words of the message). */
  failures: string[];
  durationMs: number;
}

type Verdicts = Map<string, string>;

const keyOf = (type: string, id: string) => `${type} ${id}`;

/** Every resource's verdicts in a run, as a set each, so a resource reported twice differently shows. */
function verdictsOf(invocation: RecordedInvocation): Map<string, Set<string>> {
  const verdicts = new Map<string, Set<string>>();
  for (const evaluation of invocation.evaluations) {
    const key = keyOf(evaluation.ComplianceResourceType, evaluation.ComplianceResourceId);
    const seen = verdicts.get(key) ?? new Set<string>();
    seen.add(`${evaluation.ComplianceType}: ${evaluation.Annotation ?? ''}`);
    verdicts.set(key, seen);
  }
  return verdicts;
}

/** Compares a run with the clean run: verdicts that differ (in any run) and resources left out. */
export function judgeRun(clean: Verdicts, run: RecordedInvocation): { wrong: number; missing: number } {
  const reported = verdictsOf(run);
  let wrong = 0;
  for (const [key, verdicts] of reported) {
    const expected = clean.get(key);
    if (expected === undefined || verdicts.size > 1 || !verdicts.has(expected)) wrong++;
  }
  const missing = run.outcome.ok ? [...clean.keys()].filter((key) => !reported.has(key)).length : 0;
  return { wrong, missing };
}

export async function runFaultCampaign(options: CampaignOptions): Promise<CampaignFigures> {
  const started = Date.now();
  // awsEnvFor allows one attempt a call; here the engine's own retries are what is under test.
  const base = Object.fromEntries(Object.entries(options.env).filter(([name]) => name !== 'AWS_MAX_ATTEMPTS'));
  const cleanEnv = { ...base, AWS_ENDPOINT_URL: options.proxy.endpoint };
  const faultyEnv = { ...cleanEnv, ...(options.maxAttempts ? { AWS_MAX_ATTEMPTS: String(options.maxAttempts) } : {}) };
  const faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  const failures = new Set<string>();
  const perControl: ControlFigures[] = [];

  for (const control of options.controls) {
    const event = scheduledEvent(control, options.notificationTime);
    options.proxy.setFaultRate(0);
    options.proxy.takeStats();
    const cleanRun = await invokeRecorded(options.server, control, event, cleanEnv);
    if (!cleanRun.outcome.ok) throw new Error(`The clean run of ${control} failed: ${cleanRun.outcome.error.message}`);
    const cleanAttempts = options.proxy.takeStats().requests;
    const clean: Verdicts = new Map([...verdictsOf(cleanRun)].map(([key, verdicts]) => [key, [...verdicts][0]!]));

    const figures: ControlFigures = {
      control,
      resources: clean.size,
      runs: 0,
      completed: 0,
      failedLoudly: 0,
      wrongVerdicts: 0,
      missingVerdicts: 0,
      attempts: [],
      cleanAttempts,
    };
    options.proxy.setFaultRate(options.faultRate);
    for (let run = 0; run < options.runsPerControl; run++) {
      const invocation = await invokeRecorded(options.server, control, event, faultyEnv);
      const stats = options.proxy.takeStats();
      for (const kind of FAULT_KINDS) faults[kind] += stats.faults[kind];
      figures.runs++;
      figures.attempts.push(stats.requests);
      if (invocation.outcome.ok) figures.completed++;
      else {
        figures.failedLoudly++;
        failures.add(`${invocation.outcome.error.name}: ${invocation.outcome.error.message.split(' ').slice(0, 6).join(' ')}`);
      }
      const { wrong, missing } = judgeRun(clean, invocation);
      figures.wrongVerdicts += wrong;
      figures.missingVerdicts += missing;
    }
    options.proxy.setFaultRate(0);
    perControl.push(figures);
  }
  return { perControl, faults, failures: [...failures].sort(), durationMs: Date.now() - started };
}
