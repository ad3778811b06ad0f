/**
 * Runs each (control, estate size) in fresh Node 24 processes started with the Lambda runtime's heap
 * flags, a few times each, and checks every run against the expectations.
 */
import { spawnSync } from 'node:child_process';
import { ruleNameOf } from '#shared/controls/catalog.ts';
import type { Control } from '#shared/engine/control.ts';
import { violationsOf } from './expectations.ts';
import { lambdaNodeFlags, lambdaTargetOf, type NodeRuntime } from './lambda-runtime.ts';
import { RESULT_MARKER, type ScheduledRunResult } from './run-result.ts';
import { spread, type Spread } from './stats.ts';

export const ESTATE_SIZES = [1_000, 10_000];
/** Fresh processes per (control, size): the median damps the noise of a shared 2-core machine. */
export const REPETITIONS = 3;

export interface ScheduledMeasurement {
  control: string;
  groups: number;
  memoryMb: number;
  wallMs: Spread;
  cpuMs: Spread;
  mockMs: Spread;
  rssBeforeBytes: Spread;
  heapBeforeBytes: Spread;
  peakRssBytes: Spread;
  heapAfterBytes: Spread;
  /** From the first run; every run is checked. */
  first: ScheduledRunResult | undefined;
  violations: string[];
}

function runOnce(runtime: NodeRuntime, harness: string, control: Control<any, any>, groups: number, memoryMb: number): ScheduledRunResult {
  const args = ['--control', control.id, '--rule-name', ruleNameOf(control), '--groups', String(groups)];
  const child = spawnSync(runtime.path, [...lambdaNodeFlags(memoryMb), '--expose-gc', harness, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  if (child.status !== 0 || !line) {
    const tail = `${child.stderr}`.trim().split('\n').slice(-5).join('\n');
    throw new Error(`exit ${child.status ?? child.signal}${tail ? `: ${tail}` : ''}`);
  }
  return JSON.parse(line.slice(RESULT_MARKER.length)) as ScheduledRunResult;
}

export function measureScheduled(runtime: NodeRuntime, harness: string, control: Control<any, any>, groups: number): ScheduledMeasurement {
  const { memoryMb } = lambdaTargetOf(control.id);
  const results: ScheduledRunResult[] = [];
  const violations: string[] = [];
  for (let run = 0; run < REPETITIONS; run++) {
    try {
      const result = runOnce(runtime, harness, control, groups, memoryMb);
      results.push(result);
      violations.push(...violationsOf(control, result, memoryMb));
    } catch (error) {
      violations.push(`${control.id} × ${groups} groups: the run failed (${(error as Error).message})`);
    }
  }
  const of = (pick: (r: ScheduledRunResult) => number): Spread => (results.length ? spread(results.map(pick)) : { median: NaN, min: NaN, max: NaN });
  return {
    control: control.id,
    groups,
    memoryMb,
    wallMs: of((r) => r.wallMs),
    cpuMs: of((r) => r.cpuMs),
    mockMs: of((r) => r.mockMs),
    rssBeforeBytes: of((r) => r.rssBeforeBytes),
    heapBeforeBytes: of((r) => r.heapBeforeBytes),
    peakRssBytes: of((r) => r.peakRssBytes),
    heapAfterBytes: of((r) => r.heapAfterBytes),
    first: results[0],
    violations: [...new Set(violations)],
  };
}
