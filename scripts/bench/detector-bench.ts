/**
 * The change detector's part of the bench: issue 10's burst simulated (detector-simulation.ts) in
 * two variants of Config's behaviour and a noise-only run, turned into the BENCHMARKS.md section.
 */
import type { ControlTriggers } from '#shared/detection/triggering-calls.ts';
import { simulateBurst, type BurstOptions, type BurstResult } from './detector-simulation.ts';

/** Issue 10's burst: 1,000 changes for 300 caches within one minute, 100 failed or read-only calls among them. */
export const DETECTOR_BURST: Omit<BurstOptions, 'showsEvaluatingState' | 'coldStarts'> = {
  changes: 1000,
  noise: 100,
  caches: 300,
  windowMs: 60_000,
  deliveryMs: 5_000,
  // subnet-privacy reads the network too and runs longest; 150 s spans two ticks, so starts get refused.
  evaluationMs: { 'encryption-in-transit': 20_000, 'encryption-at-rest': 30_000, 'automatic-backup': 20_000, 'subnet-privacy': 150_000 },
  // A periodic run of encryption-at-rest is in progress when the burst begins.
  runningAtStart: { 'encryption-at-rest': 90_000 },
  firstTickMs: 17_000,
  otherRules: 60,
  seed: 10,
};

export interface DetectorBenchResults {
  warm: BurstResult;
  cold: BurstResult;
  noiseOnly: BurstResult;
}

export async function measureDetector(controls: readonly ControlTriggers[]): Promise<DetectorBenchResults> {
  return {
    warm: await simulateBurst(controls, { ...DETECTOR_BURST, showsEvaluatingState: true, coldStarts: false }),
    cold: await simulateBurst(controls, { ...DETECTOR_BURST, showsEvaluatingState: false, coldStarts: true }),
    noiseOnly: await simulateBurst(controls, { ...DETECTOR_BURST, changes: 0, noise: 1000, runningAtStart: {}, showsEvaluatingState: true, coldStarts: false }),
  };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(0)} s`;

export function detectorSection(results: DetectorBenchResults): string {
  const { warm, cold, noiseOnly } = results;
  const longest = Math.max(...Object.values(DETECTOR_BURST.evaluationMs));
  const row = (name: string, r: BurstResult) =>
    `| ${name} | ${r.changes.toLocaleString('en-US')} + ${r.noise} | ${r.ticks} | ${r.startCalls} | ${r.acceptedStarts} | ${r.refusedStarts} | ${r.maxCallsPerRulePerMinute} | ${r.uncoveredChanges} | ${r.failedRunMessages} | ${s(r.latencyMs.p50)} | ${s(r.latencyMs.p95)} | ${s(r.latencyMs.max)} |`;
  return [
    '## Change detection (simulated burst)',
    '',
    `${DETECTOR_BURST.changes.toLocaleString('en-US')} change events for ${DETECTOR_BURST.caches} caches within ${s(DETECTOR_BURST.windowMs)} (every call the catalog declares, drawn at random; ` +
      `${DETECTOR_BURST.noise} failed or read-only calls mixed in), through the real detector (shared/detection/) ticking once a minute on an in-memory queue and an in-memory Config ` +
      '(scripts/bench/detector-fakes.ts) that refuses a start while the rule evaluates or within a minute of its last start, as the StartConfigRulesEvaluation API reference says. ' +
      `Evaluations take ${Object.entries(DETECTOR_BURST.evaluationMs).map(([id, ms]) => `${id} ${s(ms)}`).join(', ')}; encryption-at-rest is mid-way through a periodic run when the burst begins; ` +
      `delivery from the API call to the queue is taken as ${s(DETECTOR_BURST.deliveryMs)}. Virtual time: the figures are the design's, not a machine's.`,
    '',
    '| variant | changes + noise | ticks | start calls | accepted | refused | most calls per rule in any minute | changes without a later start | failed-run messages | latency p50 | p95 | max |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    row('Config lists running evaluations as EVALUATING, warm Lambda', warm),
    row('Config only refuses; new Lambda environment every tick', cold),
    row('failed and read-only calls only', noiseOnly),
    '',
    `Latency is from the API call to the accepted start of each rule it affects. **Worst case**: CloudTrail's delivery to EventBridge (best effort, not ours to shorten) ` +
      `+ up to 60 s until the next tick + the rest of an evaluation already running (at most the rule functions' 300 s timeout; ${s(longest)} here) + up to 60 s until the tick after it ` +
      '≈ 7 minutes plus delivery. A rule Config still refuses after 30 ticks is parked in the failed-run queue and raises the operations alarm; a change waiting over 15 minutes raises the change-queue age alarm.',
    '',
  ].join('\n');
}

export const DETECTOR_BEGIN = '<!-- detector:begin (written by `npm run bench:detector -- --write-benchmarks`) -->';
export const DETECTOR_END = '<!-- detector:end -->';

/** BENCHMARKS.md with the detector section replaced, or appended when it has none yet. */
export function withDetectorSection(benchmarks: string, section: string): string {
  const block = `${DETECTOR_BEGIN}\n${section}${DETECTOR_END}\n`;
  const start = benchmarks.indexOf('<!-- detector:begin');
  const end = benchmarks.indexOf(DETECTOR_END);
  if (start < 0 || end < start) return `${benchmarks.trimEnd()}\n\n${block}`;
  return benchmarks.slice(0, start) + block + benchmarks.slice(end + DETECTOR_END.length).replace(/^\n/, '');
}

/** What issue 10 requires of the burst; the bench refuses to write figures that breach it. */
export function detectorViolations(results: DetectorBenchResults): string[] {
  const problems: string[] = [];
  for (const [name, r] of Object.entries(results) as [string, BurstResult][]) {
    if (r.maxCallsPerRulePerMinute > 1) problems.push(`${name}: a rule was asked to start ${r.maxCallsPerRulePerMinute} times within a minute`);
    if (r.uncoveredChanges > 0) problems.push(`${name}: ${r.uncoveredChanges} change(s) left without a later evaluation`);
    if (r.failedRunMessages > 0 || r.leftOnQueue > 0) problems.push(`${name}: ${r.failedRunMessages} failed, ${r.leftOnQueue} left on the queue`);
  }
  if (results.noiseOnly.startCalls > 0) problems.push(`failed and read-only calls started ${results.noiseOnly.startCalls} evaluation(s)`);
  return problems;
}
