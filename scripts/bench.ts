/**
 * `npm run bench`: every control's built bundle and `scan`, each in a fresh Node 24 process, against
 * one local emulator seeded with the bench estate (scripts/bench/emulator-estate.ts). Measures AWS
 * calls per API (the emulator's recorder), cold-start load time, run wall and CPU time and peak RSS;
 * prints a table, writes .bench-results/bench.json, and exits 1 if a run failed or a call count is
 * not what paging by 100 gives. BENCHMARKS.md is rewritten only with --write-benchmarks.
 *
 *   npm run bench                               500 groups, 100 clusters, 10 serverless caches
 *   npm run bench -- --large                    10,000 groups, 1,000 clusters, 1,000 serverless caches
 *   npm run bench -- --groups 2000 --clusters 200 --serverless 50 --runs 3 --controls authentication,scan
 *   npm run bench -- --write-benchmarks         also rewrite BENCHMARKS.md's section of that estate size
 *   npm run bench -- --from FILE[,FILE…] --write-benchmarks   write a section from earlier results files of one
 *                                               estate size (their targets together), without running
 *
 * How and why: BENCHMARKS.md, section Method.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { controls } from '#shared/controls/context/catalog.ts';
import { buildFunctions, buildScanCli } from './build.ts';
import { DEFAULT_SIZE, LARGE_SIZE, type BenchEstateSize } from './bench/emulator-estate.ts';
import { callViolations, runBench } from './bench/emulator-bench.ts';
import { node24 } from './bench/lambda-runtime.ts';
import { describeMachine, loadAverage } from './bench/machine.ts';
import { benchSection, consoleTable, withBenchSection, type BenchReport } from './bench/emulator-report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: npm run bench -- [--large] [--groups N] [--clusters N] [--serverless N] [--runs N] [--controls id,…,scan] [--no-build] [--results FILE] [--from FILE] [--write-benchmarks]';

const { values } = parseArgs({
  options: {
    large: { type: 'boolean' },
    groups: { type: 'string' },
    clusters: { type: 'string' },
    serverless: { type: 'string' },
    runs: { type: 'string' },
    controls: { type: 'string' },
    'no-build': { type: 'boolean' },
    results: { type: 'string' },
    from: { type: 'string' },
    'write-benchmarks': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const count = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} ${value} is not a whole number of 0 or more.\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
};
const base = values.large ? LARGE_SIZE : DEFAULT_SIZE;
const size: BenchEstateSize = {
  replicationGroups: count('groups', values.groups, base.replicationGroups),
  clusters: count('clusters', values.clusters, base.clusters),
  serverlessCaches: count('serverless', values.serverless, base.serverlessCaches),
};
const runs = Math.max(1, count('runs', values.runs, 1));
const wanted = values.controls?.split(',').map((id) => id.trim()).filter(Boolean);
const unknown = wanted?.filter((id) => id !== 'scan' && !controls.some((control) => control.id === id)) ?? [];
if (unknown.length > 0 || wanted?.length === 0) {
  console.error(`--controls: ${unknown.length ? `${unknown.join(', ')} not in the catalog` : 'empty'}; use ${controls.map((c) => c.id).join(', ')}, scan.`);
  process.exit(2);
}
const chosen = wanted ? controls.filter((control) => wanted.includes(control.id)) : controls;
const resultsFile = values.results ?? `${root}.bench-results/bench.json`;

const report = values.from ? await earlierReport(values.from) : await measure();
const violations = report.targets.flatMap((target) => callViolations(report.size, target));
if (!values.from) {
  await mkdir(dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify({ ...report, violations }, null, 2)}\n`);
}
console.log(`\n${consoleTable(report)}\n\n${values.from ? `From: ${values.from}` : `Results: ${resultsFile}`} (${report.elapsedSeconds.toFixed(0)} s)`);

if (violations.length > 0) {
  console.error(`\n${violations.length} expectation(s) not met:`);
  for (const violation of violations) console.error(`  - ${violation}`);
  process.exitCode = 1;
}
if (values['write-benchmarks']) {
  if (violations.length > 0) {
    console.error('BENCHMARKS.md left unchanged: a run failed or made calls it should not have.');
  } else {
    const path = `${root}BENCHMARKS.md`;
    await writeFile(path, withBenchSection(await readFile(path, 'utf8'), benchSection(report)));
    console.log('Rewrote the measured section of BENCHMARKS.md.');
  }
}

async function measure(): Promise<BenchReport> {
  const runtime = node24();
  const machine = describeMachine(runtime);
  console.log(`Node ${runtime.version} · ${machine.cpuModel} · ${machine.cores} cores · load ${machine.loadAverage}`);
  if (!values['no-build']) {
    console.log('Building the functions and the scan CLI…');
    await buildFunctions();
    await buildScanCli();
  }
  const started = performance.now();
  const result = await runBench({
    size,
    node: runtime.path,
    controls: chosen,
    scan: wanted ? wanted.includes('scan') : true,
    runs,
    progress: (message) => console.log(message),
    // Saved after every target, marked partial, so that a run stopped half-way keeps what it measured.
    onTarget: async (soFar) => {
      await mkdir(dirname(resultsFile), { recursive: true });
      await writeFile(resultsFile, `${JSON.stringify({ machine, partial: true, elapsedSeconds: (performance.now() - started) / 1000, loadAverageAtEnd: loadAverage(), ...soFar }, null, 2)}\n`);
    },
  });
  return { machine, loadAverageAtEnd: loadAverage(), elapsedSeconds: (performance.now() - started) / 1000, ...result };
}

/**
 * Results files of earlier runs on one estate size, their targets put together (a target measured in
 * two files is taken from the later one); the call counts are checked again, with today's expectations.
 */
async function earlierReport(files: string): Promise<BenchReport> {
  const reports: (BenchReport & { partial?: boolean })[] = [];
  for (const file of files.split(',')) {
    const report = JSON.parse(await readFile(file, 'utf8')) as BenchReport & { partial?: boolean };
    if (!report.size || !Array.isArray(report.targets) || !report.machine) throw new Error(`${file} is not a results file of npm run bench.`);
    if (JSON.stringify(report.size) !== JSON.stringify(reports[0]?.size ?? report.size)) throw new Error(`${file} is of another estate size than ${files.split(',')[0]}.`);
    if (report.partial) console.warn(`${file} holds a run stopped half-way: only its ${report.targets.length} measured targets are used.`);
    reports.push(report);
  }
  const targets = new Map(reports.flatMap((report) => report.targets.map((target) => [target.target, target] as const)));
  const order = [...controls.map((control) => control.id), 'scan'];
  return {
    ...reports.at(-1)!,
    seedSeconds: Math.max(...reports.map((report) => report.seedSeconds)),
    elapsedSeconds: reports.reduce((sum, report) => sum + report.elapsedSeconds, 0),
    targets: [...targets.values()].sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target)),
  };
}
