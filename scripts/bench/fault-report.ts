/**
 * The fault campaign's section of BENCHMARKS.md (`npm run bench:faults`), between markers of its own
 * so that the other benches leave it as written.
 */
import { FAULT_ESTATE, FAULT_RATE, FAULT_RUNS_PER_CONTROL, FAULT_SEED, type FaultPass } from './fault-runs.ts';
import { spread } from './stats.ts';

const count = (value: number): string => value.toLocaleString('en-US');

/** A Markdown table whose columns are padded, so that it also reads well on a terminal. */
function table(headers: string[], rows: string[][], rightAligned: readonly number[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) => (rightAligned.includes(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned.includes(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** The fault campaign: per pass and control, what the faulty runs did; then the faults injected. */
export function faultTable(faults: readonly FaultPass[]): string {
  const rows = faults.flatMap((pass) =>
    pass.figures.perControl.map((c) => {
      const attempts = spread(c.attempts);
      return [
        pass.maxAttempts === undefined ? 'engine default (adaptive, 10)' : String(pass.maxAttempts),
        c.control,
        count(c.resources),
        count(c.runs),
        count(c.completed),
        count(c.failedLoudly),
        count(c.wrongVerdicts),
        count(c.missingVerdicts),
        count(c.cleanAttempts),
        `${attempts.median.toFixed(0)} (${attempts.min.toFixed(0)}–${attempts.max.toFixed(0)})`,
      ];
    }),
  );
  return table(
    ['Attempts a call', 'Control', 'Resources', 'Faulty runs', 'Completed', 'Failed loudly', 'Wrong verdicts', 'Missing verdicts', 'Requests, clean run', 'Requests a faulty run (median, min–max)'],
    rows,
    [2, 3, 4, 5, 6, 7, 8],
  );
}

export function faultSection(faults: readonly FaultPass[]): string {
  const injected = (pass: FaultPass) =>
    Object.entries(pass.figures.faults)
      .map(([kind, n]) => `${kind} ${count(n)}`)
      .join(', ');
  return `The built bundles on Node 24 ran every control through a fault-injecting proxy in front of the local emulator
(scripts/local-aws/fault-proxy.ts: loopback only, seed ${FAULT_SEED}), over ${count(FAULT_ESTATE.groups)} replication groups and
${count(FAULT_ESTATE.standalone)} standalone clusters. Each control ran once cleanly, then ${FAULT_RUNS_PER_CONTROL} times with a fault on
${Math.round(FAULT_RATE * 100)}% of requests: throttling in each protocol's own error format, HTTP 500 and 503, and connections
reset before and after the emulator acted. A completed run must report exactly the clean run's verdicts
(annotations included) for every resource, nothing twice with different results; a failed run must fail
with an error. "Requests" counts every HTTP request that reached the proxy, retries included. The second
pass allows 2 attempts a call, so that some runs must fail.

${faultTable(faults)}

Faults injected: ${faults.map((pass) => `${pass.maxAttempts === undefined ? 'default retries' : `${pass.maxAttempts} attempts`}: ${injected(pass)} (${(pass.figures.durationMs / 1000).toFixed(0)} s)`).join('; ')}.
${faults.some((pass) => pass.figures.failures.length) ? `\nFailed runs ended with: ${[...new Set(faults.flatMap((pass) => pass.figures.failures))].map((f) => `\`${f}…\``).join('; ')}.\n` : ''}
The same campaign, smaller (200 caches, one faulty run per control, 3 attempts a call), runs in \`make test\`
(test/integration/fault-injection.test.ts).`;
}

export const FAULTS_START = '<!-- faults:start (written by `npm run bench:faults -- --write-benchmarks`, scripts/bench-faults.ts) -->';
export const FAULTS_END = '<!-- faults:end -->';

/** `document` with its faults section replaced (or appended), the rest as it was. */
export function withFaultSection(document: string, faults: readonly FaultPass[]): string {
  const block = `${FAULTS_START}\n## Faults\n\n${faultSection(faults)}\n${FAULTS_END}`;
  const start = document.indexOf('<!-- faults:start');
  const end = document.indexOf(FAULTS_END);
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${block}\n`;
  return document.slice(0, start) + block + document.slice(end + FAULTS_END.length);
}
