/**
 * Prints one plain closing line for the whole suite ("N passed, N failed") from the JSON results
 * jest wrote for the unit and integration runs, so CI can read the total without parsing two
 * jest reports. Exits non-zero when a results file is missing or counts a failure.
 */
import { existsSync, readFileSync } from 'node:fs';

interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: that test run did not finish.`);
    process.exit(1);
  }
  const results = JSON.parse(readFileSync(file, 'utf8')) as JestResults;
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
