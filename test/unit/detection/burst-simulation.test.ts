/**
 * Issue 10's burst, through the real detector on the in-memory queue and Config
 * (scripts/bench/detector-fakes.ts): 1,000 changes for 300 caches within one minute, with rules
 * already evaluating and one whose evaluation outlasts several ticks. BENCHMARKS.md reports the same run.
 */
import { controls } from '#shared/controls/catalog.ts';
import { DETECTOR_BURST } from '../../../scripts/bench/detector-bench.ts';
import { simulateBurst } from '../../../scripts/bench/detector-simulation.ts';

beforeAll(() => {
  process.env.LOG_LEVEL = 'error';
});

describe.each([
  ['Config lists running evaluations as EVALUATING', { showsEvaluatingState: true, coldStarts: false }],
  ['Config only refuses (no EVALUATING state), new Lambda environment every tick', { showsEvaluatingState: false, coldStarts: true }],
])('Given a burst of 1,000 changes for 300 caches in one minute; %s', (_title, variant) => {
  let result: Awaited<ReturnType<typeof simulateBurst>>;
  beforeAll(async () => {
    result = await simulateBurst(controls, { ...DETECTOR_BURST, ...variant });
  });

  it('then no rule is asked to start more than once in any minute', () => {
    expect(result.maxCallsPerRulePerMinute).toBe(1);
  });

  it('then every change is followed by a start of every rule it affects', () => {
    expect(result.changes).toBe(1000);
    expect(result.uncoveredChanges).toBe(0);
  });

  it('then nothing is left on the queue or parked as failed', () => {
    expect(result.leftOnQueue).toBe(0);
    expect(result.failedRunMessages).toBe(0);
  });

  it('then the slowest change waits no longer than a tick, the longest evaluation and another tick', () => {
    const longestEvaluation = Math.max(...Object.values(DETECTOR_BURST.evaluationMs));
    expect(result.latencyMs.max).toBeLessThanOrEqual(DETECTOR_BURST.deliveryMs + 60_000 + longestEvaluation + 60_000);
  });
});

it('Given 1,000 failed or read-only calls and nothing else, then no rule is started', async () => {
  // Act
  const result = await simulateBurst(controls, { ...DETECTOR_BURST, changes: 0, noise: 1000, runningAtStart: {}, showsEvaluatingState: true, coldStarts: false });
  // Assess
  expect(result.noise).toBe(1000);
  expect(result.startCalls).toBe(0);
  expect(result.leftOnQueue).toBe(0);
});
