/**
 * The scan CLI is a short-lived process that mostly waits on AWS, so it trades some
 * garbage-collection CPU for a smaller heap: it asks V8 to optimize for size (collect sooner, keep
 * the young generation small) before the rest of the bundle, the AWS SDK above all, is loaded.
 * Measured with the emulator estate at 2,000 replication groups: peak RSS 210 → 140 MiB, CPU
 * 3.2 → 4.3 s, wall time unchanged.
 *
 * cli.ts imports this module first, so it runs before any other module is evaluated. A process
 * started with its own choice (--optimize-for-size or --no-optimize-for-size, on the command line
 * or in NODE_OPTIONS) keeps it.
 */
import { setFlagsFromString } from 'node:v8';

export const SIZE_FLAG = '--optimize-for-size';

/** Whether the process was started with an explicit choice of the flag. */
export function flagChosen(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, nodeOptions ?? ''].some((argument) => /--(no-)?optimize[-_]for[-_]size/.test(argument));
}

export const optimizedForSize = !flagChosen(process.execArgv, process.env.NODE_OPTIONS);
if (optimizedForSize) setFlagsFromString(SIZE_FLAG);
