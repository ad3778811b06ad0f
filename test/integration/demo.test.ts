/**
 * `npm run demo` end to end (without the rebuild: the suite runs after `npm run build`): the demo
 * starts its own emulator, seeds the estate, runs every control of the catalog, and prints a verdict
 * from each control for each seeded cache, read from the recorded PutEvaluations calls.
 */
import { controls } from '#shared/controls/catalog.ts';
import { judges, runDemo, type DemoResult } from '../../scripts/demo.ts';

let result: DemoResult;
const output: string[] = [];

beforeAll(async () => {
  result = await runDemo({ build: false, print: (line) => output.push(line) });
}, 120_000);

it('writes the scan\'s HTML report of the demo estate and says where', async () => {
  const { readFile } = await import('node:fs/promises');
  const html = await readFile(result.htmlReport, 'utf8');
  for (const cache of result.seeded) expect(html).toContain(cache.id);
  expect(output.join('\n')).toContain(`file://${result.htmlReport}`);
});

it('says that Config is simulated locally and no real AWS is touched', () => {
  const text = output.join('\n');
  expect(text).toMatch(/scheduling is simulated locally/);
  expect(text).toMatch(/test mode/);
  expect(text).toMatch(/no real AWS account is touched/);
});

it('seeds about a dozen caches across Redis OSS, Valkey and Memcached, groups, standalone clusters and serverless caches', () => {
  expect(result.seeded.length).toBeGreaterThanOrEqual(10);
  for (const engine of ['Redis OSS', 'Valkey', 'Memcached']) {
    expect(result.seeded.some((cache) => cache.what.startsWith(engine))).toBe(true);
  }
  expect(new Set(result.seeded.map((cache) => cache.resourceType)).size).toBe(3);
  for (const engine of ['Redis OSS', 'Valkey', 'Memcached']) {
    expect(result.seeded.some((cache) => cache.resourceType === 'AWS::ElastiCache::ServerlessCache' && cache.what.startsWith(engine))).toBe(true);
  }
});

const isSnapshot = (row: { resourceType: string }) => row.resourceType.endsWith('Snapshot');
const cacheControls = () => controls.filter((c) => judges(c.id, { resourceType: 'AWS::ElastiCache::ReplicationGroup' }));

it('has one table row per seeded cache, then one per snapshot, each with a verdict from every control that judges it', () => {
  expect(result.controlIds).toEqual(controls.map((control) => control.id));
  expect(result.rows.filter((row) => !isSnapshot(row)).map((row) => row.resourceId)).toEqual(result.seeded.map((cache) => cache.id));
  expect(result.rows.filter(isSnapshot).length).toBeGreaterThan(0);
  expect(cacheControls().length).toBe(controls.length - 2);
  for (const row of result.rows) {
    for (const controlId of result.controlIds.filter((id) => judges(id, row))) {
      expect({ row: row.resourceId, controlId, compliance: row.verdicts[controlId]?.compliance }).toEqual({
        row: row.resourceId,
        controlId,
        compliance: expect.stringMatching(/^(COMPLIANT|NON_COMPLIANT|NOT_APPLICABLE)$/),
      });
    }
  }
});

it('prints the table: a header naming every control, then one line per cache with a cell per control', () => {
  const header = output.findIndex((line) => line.startsWith('Resource') && controls.every((c) => line.includes(c.id)));
  expect(header).toBeGreaterThanOrEqual(0);
  const tableLines = output.slice(header + 2, header + 2 + result.seeded.length);
  for (const [index, cache] of result.seeded.entries()) {
    const line = tableLines[index] ?? '';
    expect(line.startsWith(`${cache.id} `)).toBe(true);
    expect(line.match(/✔ COMPLIANT|✘ NON_COMPLIANT|– N\/A/g)).toHaveLength(cacheControls().length);
  }
});

it('shows the model cache passing everything and the neglected one failing everything', () => {
  const row = (id: string) => result.rows.find((r) => r.resourceId === id)!;
  expect(Object.values(row('payments-sessions').verdicts).map((v) => v?.compliance)).toEqual(cacheControls().map(() => 'COMPLIANT'));
  expect(Object.values(row('analytics-scratch').verdicts).map((v) => v?.compliance)).toEqual(cacheControls().map(() => 'NON_COMPLIANT'));
});

it('ends with a summary of what went through PutEvaluations', () => {
  // Serverless caches go in calls of their own (a type Config is not proven to accept), so each
  // control makes two calls: replication groups and clusters, then serverless caches.
  expect(result.putEvaluationsCalls).toBe(controls.length * 2);
  const snapshots = result.rows.filter(isSnapshot).length;
  const evaluations = result.seeded.length * cacheControls().length + snapshots * (controls.length - cacheControls().length);
  expect(output.at(-1)).toMatch(
    new RegExp(`^Summary: ${result.seeded.length + snapshots} resources \\(${snapshots} of them snapshots\\) × the ${controls.length} controls that judge them = ${evaluations} evaluations`),
  );
});

it('judges serverless caches in every control, and the standalone Valkey cluster with TLS as encrypted in transit', () => {
  const verdict = (id: string, control: string) => result.rows.find((r) => r.resourceId === id)?.verdicts[control]?.compliance;
  expect(result.rows.filter((r) => ['sessions', 'search-suggestions', 'page-fragments'].includes(r.resourceId))).toHaveLength(3);
  expect(verdict('sessions', 'authentication')).toBe('COMPLIANT');
  expect(verdict('sessions', 'encryption-at-rest')).toBe('COMPLIANT');
  expect(verdict('search-suggestions', 'authentication')).toBe('NON_COMPLIANT');
  expect(verdict('search-suggestions', 'automatic-backup')).toBe('NON_COMPLIANT');
  expect(verdict('page-fragments', 'subnet-privacy')).toBe('NON_COMPLIANT');
  expect(verdict('page-fragments', 'authentication')).toBe('NOT_APPLICABLE');
  expect(verdict('rate-limiter', 'encryption-in-transit')).toBe('COMPLIANT');
});
