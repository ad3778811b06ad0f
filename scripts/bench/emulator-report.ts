/**
 * The benchmark's tables: one for the console, and a section of BENCHMARKS.md per estate size,
 * between markers of its own, so that the 500-group and the 10,000-group runs each rewrite only their
 * own section and everything else in the file (method, other benches' sections) stays as written.
 */
import type { Machine } from './machine.ts';
import type { BenchEstateSize } from './emulator-estate.ts';
import type { BenchResult, TargetMeasurement } from './emulator-bench.ts';
import { spread } from './stats.ts';

/** The issue's memory goal: `scan` and every rule bundle at 10,000 replication groups. */
export const PEAK_RSS_GOAL_MB = 150;
export const GOAL_GROUPS = 10_000;

const MIB = 2 ** 20;
const mib = (bytes: number): string => (Number.isFinite(bytes) ? (bytes / MIB).toFixed(1) : '—');
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : '—');
const count = (value: number): string => value.toLocaleString('en-US');

function table(headers: string[], rows: string[][], rightAligned: readonly number[]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const cell = (text: string, i: number): string => (rightAligned.includes(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (rightAligned.includes(i) ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

interface Row {
  target: string;
  loadMs: number;
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
  resources: string;
  calls: number;
  ok: boolean;
}

function rowOf(measurement: TargetMeasurement): Row {
  const ok = measurement.runs.filter((run) => run.ok);
  const median = (pick: (run: (typeof ok)[number]) => number): number => (ok.length ? spread(ok.map(pick)).median : NaN);
  const first = measurement.runs[0]?.result as { resourcesEvaluated?: number } | null | undefined;
  return {
    target: measurement.target,
    loadMs: median((run) => run.loadMs),
    wallMs: median((run) => run.wallMs),
    cpuMs: median((run) => run.cpuMs),
    peakRssBytes: ok.length ? Math.max(...ok.map((run) => run.peakRssBytes)) : NaN,
    resources: typeof first?.resourcesEvaluated === 'number' ? count(first.resourcesEvaluated) : '—',
    calls: Object.values(measurement.calls).reduce((a, b) => a + b, 0),
    ok: ok.length === measurement.runs.length,
  };
}

const goalCell = (row: Row, size: BenchEstateSize): string => {
  if (!Number.isFinite(row.peakRssBytes)) return 'run failed';
  const met = row.peakRssBytes / 1e6 <= PEAK_RSS_GOAL_MB;
  if (size.replicationGroups < GOAL_GROUPS) return met ? 'under' : 'over already';
  return met ? 'met' : 'NOT met';
};

function measuredTable(result: BenchResult): string {
  const rows = result.targets.map(rowOf);
  return table(
    ['Target', 'Load ms', 'Run ms', 'CPU ms', 'Peak RSS MiB', `≤ ${PEAK_RSS_GOAL_MB} MB`, 'Evaluated', 'AWS calls'],
    rows.map((row) => [
      row.ok ? row.target : `${row.target} (FAILED)`,
      ms(row.loadMs),
      ms(row.wallMs),
      ms(row.cpuMs),
      mib(row.peakRssBytes),
      goalCell(row, result.size),
      row.resources,
      count(row.calls),
    ]),
    [1, 2, 3, 4, 6, 7],
  );
}

function callsTable(result: BenchResult): string {
  const operations = [...new Set(result.targets.flatMap((target) => Object.keys(target.calls)))].sort();
  return table(
    ['Target', ...operations],
    result.targets.map((target) => [target.target, ...operations.map((operation) => count(target.calls[operation] ?? 0))]),
    operations.map((_, i) => i + 1),
  );
}

export const sizeLabel = (size: BenchEstateSize): string =>
  `${count(size.replicationGroups)} replication groups, ${count(size.clusters)} clusters, ${count(size.serverlessCaches)} serverless caches`;

export function consoleTable(result: BenchResult): string {
  return `${sizeLabel(result.size)}\n\n${measuredTable(result)}\n\nAWS calls by operation\n\n${callsTable(result)}`;
}

export interface BenchReport extends BenchResult {
  machine: Machine;
  loadAverageAtEnd: number;
  elapsedSeconds: number;
}

const markerKey = (size: BenchEstateSize): string => `bench:${size.replicationGroups}-groups`;

/** The BENCHMARKS.md section of one estate size, markers included. */
export function benchSection(report: BenchReport): string {
  const { machine, size } = report;
  const runs = report.targets[0]?.runs.length ?? 0;
  return [
    `<!-- ${markerKey(size)}:start (written by \`npm run bench -- --write-benchmarks\`, scripts/bench.ts) -->`,
    `## ${count(size.replicationGroups)} replication groups`,
    '',
    `${sizeLabel(size)} (${count(size.replicationGroups)} member clusters), measured on ${machine.date}: ${machine.cpuModel}, ` +
      `${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadAverage} at the start and ` +
      `${report.loadAverageAtEnd} at the end (other work shares the cores, so times are noisy). Seeding took ${report.seedSeconds.toFixed(0)} s, ` +
      `the ${report.targets.length} measured targets ${report.elapsedSeconds.toFixed(0)} s; ${runs === 1 ? 'one fresh process per target' : `${runs} fresh processes per target (medians; peak RSS the highest)`}.`,
    '',
    measuredTable(report),
    '',
    '### AWS calls by operation',
    '',
    callsTable(report),
    '',
    `<!-- ${markerKey(size)}:end -->`,
  ].join('\n');
}

/**
 * `document` with the section of `section`'s size replaced, or inserted before the first other
 * marked section (the sections written by other benches), or appended.
 */
export function withBenchSection(document: string, section: string): string {
  const key = /<!-- (bench:\d+-groups):start/.exec(section)?.[1];
  if (!key) throw new Error('the section has no bench start marker');
  const start = document.indexOf(`<!-- ${key}:start`);
  const endMarker = `<!-- ${key}:end -->`;
  const end = document.indexOf(endMarker);
  if (start >= 0 && end > start) return document.slice(0, start) + section + document.slice(end + endMarker.length);
  const sections = [...document.matchAll(/<!-- (bench:(\d+)-groups):start/g)];
  const groups = Number(/bench:(\d+)-groups/.exec(key)![1]);
  const after = sections.find((match) => Number(match[2]) > groups);
  const anchor = after?.index ?? document.search(/<!-- (?!bench:)[a-z-]+:(start|begin)/);
  if (anchor < 0) return `${document.trimEnd()}\n\n${section}\n`;
  return `${document.slice(0, anchor)}${section}\n\n${document.slice(anchor)}`;
}
