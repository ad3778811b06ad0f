/**
 * `npm run bench:detector`: the change detector's simulated burst alone (seconds, not the minutes of
 * the full bench), checked against what issue 10 requires; written into BENCHMARKS.md only with
 * --write-benchmarks.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { controls } from '#shared/controls/catalog.ts';
import { detectorSection, detectorViolations, measureDetector, withDetectorSection } from './bench/detector-bench.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'write-benchmarks': { type: 'boolean' } } });
process.env.LOG_LEVEL ??= 'error';
const results = await measureDetector(controls);
const section = detectorSection(results);
console.log(section);
const violations = detectorViolations(results);
if (violations.length > 0) {
  console.error(`${violations.length} expectation(s) not met; BENCHMARKS.md left unchanged:\n  - ${violations.join('\n  - ')}`);
  process.exitCode = 1;
} else if (values['write-benchmarks']) {
  const path = `${root}BENCHMARKS.md`;
  await writeFile(path, withDetectorSection(await readFile(path, 'utf8'), section));
  console.log('Wrote the change detection section of BENCHMARKS.md.');
}
