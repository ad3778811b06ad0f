/**
 * Progress of a long scan (regions × steps) on stderr, on one rewritten line. Silent when asked
 * (--quiet) or when stderr is not a terminal: a CI log or a pipe gets no carriage-return noise.
 */
export interface Progress {
  /** Announces how many steps the scan has, once targets are known. */
  plan(steps: number): void;
  step(text: string): void;
  done(): void;
}

export const silentProgress: Progress = { plan: () => undefined, step: () => undefined, done: () => undefined };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let total = 0;
  let finished = 0;
  const width = () => Math.max(20, (stream.columns ?? 80) - 1);
  return {
    plan(steps) {
      total += steps;
    },
    step(text) {
      finished++;
      const line = `[${finished}/${Math.max(total, finished)}] ${text}`;
      stream.write(`\r${line.slice(0, width()).padEnd(width())}`);
    },
    done() {
      if (finished > 0) stream.write(`\r${' '.repeat(width())}\r`);
    },
  };
}

export function progressFor(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  return quiet || !stream.isTTY ? silentProgress : terminalProgress(stream);
}
