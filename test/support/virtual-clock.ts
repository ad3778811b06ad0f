// Runs code that waits (SDK back-off, PutEvaluations retry delays) on jest's virtual clock, so a test
// takes no real time for the waits it checks.
import { jest } from '@jest/globals';

/**
 * Runs `work` with setTimeout and Date on a virtual clock, advanced in 50 ms steps until `work`
 * settles; the returned promise settles as `work` did. Promise jobs, nextTick and setImmediate stay
 * real, so streams and the SDK's middleware run as usual.
 */
export async function onVirtualClock<T>(work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    let settled = false;
    const result = work();
    // Observed here so that a rejection is not reported as unhandled while the clock advances.
    result.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let step = 0; !settled && step < 10_000; step++) await jest.advanceTimersByTimeAsync(50);
    return await result;
  } finally {
    jest.useRealTimers();
  }
}
