/**
 * The CLI's memory mode (scan/memory-mode.ts).
 *
 * Scenarios
 * - Given no choice on the command line or in NODE_OPTIONS, then the CLI asks V8 to optimize for size.
 * - Given --optimize-for-size or --no-optimize-for-size (either spelling) in execArgv or NODE_OPTIONS,
 *   then that choice is kept.
 */
import { flagChosen } from '../../../scan/memory-mode.ts';

describe('memory mode', () => {
  it('optimizes for size unless the process was started with a choice', () => {
    expect(flagChosen([], undefined)).toBe(false);
    expect(flagChosen(['--enable-source-maps'], '--max-old-space-size=512')).toBe(false);
  });

  it.each([
    [['--no-optimize-for-size'], undefined],
    [['--optimize_for_size'], undefined],
    [[], '--max-old-space-size=512 --no-optimize-for-size'],
  ])('keeps the choice of %j / %s', (execArgv, nodeOptions) => {
    expect(flagChosen(execArgv, nodeOptions)).toBe(true);
  });
});
