/**
 * `npm run bench:faults`: the long fault campaign (scripts/bench/fault-runs.ts): every control through
 * the fault-injecting proxy in front of the local emulator, with the engine's retries and with 2
 * attempts a call. Prints the table and exits 1 on a wrong or missing verdict; rewrites the Faults
 * section of BENCHMARKS.md only with --write-benchmarks. Needs `npm run build` first.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { faultViolations, measureFaults } from './bench/fault-runs.ts';
import { faultTable, withFaultSection } from './bench/fault-report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'write-benchmarks': { type: 'boolean' } } });

console.log('Running every control through the fault-injecting proxy (local emulator)…');
const faults = await measureFaults();
console.log(`\n${faultTable(faults)}\n`);
const violations = faultViolations(faults);
if (violations.length > 0) {
  console.error(`${violations.length} expectation(s) not met${values['write-benchmarks'] ? '; BENCHMARKS.md left unchanged' : ''}:`);
  for (const violation of violations) console.error(`  - ${violation}`);
  process.exitCode = 1;
} else if (values['write-benchmarks']) {
  const path = `${root}BENCHMARKS.md`;
  await writeFile(path, withFaultSection(await readFile(path, 'utf8'), faults));
  console.log('Rewrote the Faults section of BENCHMARKS.md.');
}
