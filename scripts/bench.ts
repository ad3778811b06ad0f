/**
 * `npm run bench`: bundle size and load time of every function, then a scheduled run of every
 * control over mocked estates of 1,000 and 10,000 replication groups, each in a fresh Node 24
 * process, then the long fault campaign against the local emulator. Prints the tables, checks the call counts and memory against what they must be (exit
 * code 1 on a breach, BENCHMARKS.md left as it was), and otherwise rewrites BENCHMARKS.md.
 * How and why: BENCHMARKS.md, section Method; the pieces live in scripts/bench/.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { controls } from '#shared/controls/catalog.ts';
import { measureBundles } from './bench/bundles.ts';
import { bundleScheduledRun } from './bench/harness-bundle.ts';
import { lambdaTargetOf, node24 } from './bench/lambda-runtime.ts';
import { describeMachine, loadAverage } from './bench/machine.ts';
import { bundleTable, consoleReport, faultTable, markdownReport } from './bench/report.ts';
import { ESTATE_SIZES, measureScheduled, type ScheduledMeasurement } from './bench/scheduled-runs.ts';
import { buildFunctions, functionNames } from './build.ts';
import { faultViolations, measureFaults } from './bench/fault-runs.ts';
import { detectorSection, detectorViolations, measureDetector, withDetectorSection } from './bench/detector-bench.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();

const runtime = node24();
const machine = describeMachine(runtime);
const target = controlsTarget();
const MEASURED_ON_EMULATOR: ReadonlySet<string> = new Set(['snapshot-encryption', 'snapshot-retention', 'cross-region-recovery']);
console.log(`Node ${runtime.version} · ${machine.cpuModel} · ${machine.cores} cores · load ${machine.loadAverage}\n`);

console.log('Building the functions…');
await buildFunctions();
const names = functionNames();
console.log('Loading each bundle in fresh processes…');
const bundles = measureBundles(runtime, names, target.memoryMb);
console.log(`\n${bundleTable(bundles)}\n`);

console.log('Running each control over the mocked estates…');
const harness = await bundleScheduledRun();
const runs: ScheduledMeasurement[] = [];
try {
  for (const groups of ESTATE_SIZES) {
    // The mocked estate serves no snapshot, global datastore or tagging API; the three recovery
    // controls are measured on the emulator by scripts/bench-recovery.ts instead.
    for (const control of controls.filter((c) => !MEASURED_ON_EMULATOR.has(c.id))) {
      const run = measureScheduled(runtime, harness.entry, control, groups);
      runs.push(run);
      console.log(
        `  ${control.id} × ${groups.toLocaleString('en-US')} groups: ${run.wallMs.median.toFixed(0)} ms wall, ` +
          `peak RSS ${(run.peakRssBytes.max / 2 ** 20).toFixed(1)} MiB${run.violations.length ? ' — EXPECTATIONS NOT MET' : ''}`,
      );
    }
  }
} finally {
  await harness.dispose();
}

console.log(`\n${consoleReport({ bundles, runs })}\n`);

console.log('Running every control through the fault-injecting proxy (local emulator)…');
const faults = await measureFaults();
console.log(`\n${faultTable(faults)}\n`);

console.log('Simulating a burst of changes through the change detector…');
const detector = await measureDetector(controls);

const violations = [...runs.flatMap((run) => run.violations), ...faultViolations(faults), ...detectorViolations(detector)];
if (violations.length > 0) {
  console.error(`${violations.length} expectation(s) not met; BENCHMARKS.md left unchanged:`);
  for (const violation of violations) console.error(`  - ${violation}`);
  process.exitCode = 1;
} else {
  const elapsedSeconds = (performance.now() - started) / 1000;
  const report = markdownReport({ machine, target, bundles, runs, elapsedSeconds, loadAverageAtEnd: loadAverage(), faults });
  await writeFile(`${root}BENCHMARKS.md`, withDetectorSection(report, detectorSection(detector)));
  console.log(`All call-count and memory expectations met. Wrote BENCHMARKS.md (${elapsedSeconds.toFixed(0)} s).`);
}

/** The report describes one Lambda target; the template gives every control's function the same one. */
function controlsTarget() {
  const targets = controls.map((control) => lambdaTargetOf(control.id));
  const distinct = new Set(targets.map((t) => JSON.stringify(t)));
  if (distinct.size !== 1) throw new Error(`The functions differ in runtime, architecture, memory or timeout: ${[...distinct].join(' / ')}; extend the report.`);
  return targets[0]!;
}
