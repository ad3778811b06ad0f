/** What one scheduled-run child measures and hands back to the bench on its last stdout line. */
import type { RunSummary } from '#shared/engine/run-rule.ts';
import type { ReportedEvaluations } from './mock-config.ts';
import type { CallCounts } from './service-mock.ts';

export const RESULT_MARKER = 'BENCH_RESULT ';

export interface ScheduledRunResult {
  control: string;
  groups: number;
  /** Services mocked for this control, by IAM prefix. */
  services: string[];
  summary: RunSummary;
  wallMs: number;
  /** User + system CPU of the process during the run. */
  cpuMs: number;
  /** Of cpuMs, what the mocks spent building responses (the stand-in for AWS and the SDK). */
  mockMs: number;
  /** RSS and heap after the imports and mocks were set up, before the run (after a GC). */
  rssBeforeBytes: number;
  heapBeforeBytes: number;
  /** Highest RSS of the process over its whole life (getrusage ru_maxrss). */
  peakRssBytes: number;
  /** Heap still in use after the run, after a GC, with the mocks' call histories dropped. */
  heapAfterBytes: number;
  calls: CallCounts;
  unexpectedCalls: number;
  reported: ReportedEvaluations;
}
