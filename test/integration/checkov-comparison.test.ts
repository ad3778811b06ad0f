/**
 * The README's comparison with checkov stays true: checkov (pinned in requirements.txt, run from
 * .venv) is run on the template corpus now, our controls judge the same files, and the table they
 * make must be the one in README.md (rewrite it with `npm run checkov-table`).
 *
 * Scenarios
 * - Given the corpus, then the README's table equals a fresh measurement.
 * - Given the corpus, then checkov sees the ElastiCache resources at all (the comparison is not
 *   vacuous), and misses caches that scan --template finds NON_COMPLIANT (TLS preferred mode).
 */
import { readFile } from 'node:fs/promises';
import { CHECKOV_BEGIN, CHECKOV_END, comparisonTable, runCheckov, templateFindings, type CheckovResult } from '../../scripts/checkov-comparison.ts';

describe('checkov comparison', () => {
  let checkov: CheckovResult[];
  beforeAll(async () => {
    checkov = await runCheckov();
  }, 600_000);

  it('is the table in the README', async () => {
    // Act
    const table = comparisonTable(checkov, await templateFindings());
    // Assess
    const readme = await readFile('README.md', 'utf8');
    expect(readme.slice(readme.indexOf(CHECKOV_BEGIN), readme.indexOf(CHECKOV_END) + CHECKOV_END.length)).toBe(table);
  }, 120_000);

  it('is measured on resources checkov actually judged', () => {
    expect(checkov.filter((r) => !r.passed).length).toBeGreaterThan(5);
    // TLS in preferred mode passes checkov's TLS check; encryption-in-transit fails it.
    expect(checkov).toContainEqual({ checkId: 'CKV_AWS_30', resource: 'OpenCache', file: 'cloudformation/public-network.yaml', passed: true });
  });
});
