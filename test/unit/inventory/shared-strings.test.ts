/**
 * One copy of each repeated value across a run's snapshots. Which copy a string is cannot be seen
 * from JavaScript (the saving shows in a heap snapshot, see BENCHMARKS.md); what must hold is that
 * sharing changes no value.
 *
 * Scenarios
 * - Given values (repeated or not, many more than the pool holds), then each comes back equal.
 * - Given undefined, then undefined.
 */
import { shared } from '#shared/inventory/shared-strings.ts';

describe('shared', () => {
  it('gives back an equal value, however many values it has seen', () => {
    // Prepare: more distinct values than the pool keeps, each asked for twice.
    const values = Array.from({ length: 25_000 }, (_, i) => `cache.r7g.${i % 3 === 0 ? 'large' : i}`);

    // Act
    const first = values.map((value) => shared(value));
    const again = values.map((value) => shared(`${value}`));

    // Assess
    expect(first).toEqual(values);
    expect(again).toEqual(values);
  });

  it('keeps undefined undefined', () => {
    expect(shared(undefined)).toBeUndefined();
  });
});
