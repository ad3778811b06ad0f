/**
 * What the functions write to stdout and stderr during a unit test. Powertools' Logger and Metrics
 * write JSON lines to the process streams through a Console of their own (not the global `console`
 * jest buffers), so the streams themselves are tapped: JSON lines are kept for the test to read and
 * kept out of jest's output; anything else (jest's own reporting) passes through.
 *
 * Installed for every unit test file by jest.config.js; state lives on globalThis so that the setup
 * file and the test file see the same lines whatever module instance each imported.
 */
type Write = typeof process.stdout.write;

interface Capture {
  lines: { stream: 'stdout' | 'stderr'; text: string }[];
}

const KEY = Symbol.for('elasticache-config-rules.captured-output');

function capture(): Capture {
  const holder = globalThis as unknown as Record<symbol, Capture | undefined>;
  return (holder[KEY] ??= { lines: [] });
}

export function installOutputCapture(): () => void {
  const restore: (() => void)[] = [];
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const original = stream.write;
    const tap = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
      if (text !== undefined && text.startsWith('{')) {
        for (const line of text.split('\n')) if (line.length > 0) capture().lines.push({ stream: name, text: line });
        const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      }
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    } as Write;
    stream.write = tap;
    restore.push(() => void (stream.write = original));
  }
  return () => restore.forEach((undo) => undo());
}

export function clearCapturedOutput(): void {
  capture().lines.length = 0;
}

/** Every line written since the test began, in order, as written. */
export function capturedLines(): string[] {
  return capture().lines.map((line) => line.text);
}

/** The log entries (JSON lines with a level) written since the test began, parsed. */
export function logEntries(level?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): Record<string, unknown>[] {
  return capturedLines()
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => typeof entry.level === 'string' && (level === undefined || entry.level === level));
}

/** The embedded-metric-format documents written since the test began, parsed. */
export function metricDocuments(): Record<string, unknown>[] {
  return capturedLines()
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => typeof entry._aws === 'object');
}
