/**
 * The built scan CLI (dist/scan/cli.mjs, on Node 24) against the demo estate in the local emulator:
 * what a security engineer, a CI gate and an auditor would get.
 *
 * Scenarios
 * - Given the demo estate, then every seeded cache has a finding from every cache control and every
 *   snapshot (the estate's automatic ones) from every snapshot control, the JSON
 *   validates against its schema, and each list call ran once for the region.
 * - Given --fail-on high, then exit 1 (the estate has HIGH non-compliant findings).
 * - Given the HTML report opened in headless Chromium, then the rendered rows per control and per
 *   compliance equal the JSON's, the chart counts equal them too, a filter in the URL fragment hides
 *   the other rows, and a screenshot is kept in .test-results/scan/.
 * - Given a resource id with "%" and a fragment holding it bare (typed by hand), then the script still
 *   runs: the search filters the rows instead of throwing in decodeURIComponent.
 * - Given the CLI started through a symlinked directory, then it runs (it is not silently skipped).
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jest } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DescribeServerlessCacheSnapshotsCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-elasticache';
import { controls } from '#shared/controls/context/catalog.ts';
import { CACHE_INVENTORY, inventoryOf } from '#shared/inventory/inventories.ts';
import { SNAPSHOT_INVENTORY } from '#shared/inventory/snapshots.ts';
import { seedDemoEstate, type DemoEstate } from '../../scripts/local-aws/demo-estate.ts';
import type { ScanResult } from '../../scan/findings.ts';
import { renderHtml } from '../../scan/report/html.ts';
import { SCHEMA_FILE, type ReportRecord } from '../../scan/report/json.ts';
import { renderedDom, screenshot } from '../support/chromium.ts';
import { aws, env, server, useEmulator } from '../support/emulator.ts';
import { runBuiltCli } from '../support/scan-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTEFACTS = join(ROOT, '.test-results', 'scan');

// Stopping the emulator after Chromium ran can exceed jest's 5 s hook default on two busy cores.
jest.setTimeout(60_000);
useEmulator();

interface Report {
  complete: boolean;
  summary: { resources: number; awsCallsByAction: Record<string, number> };
  failures: { region: string | null; action: string | null; message: string }[];
  findings: ReportRecord[];
}

const scan = (...args: string[]) => runBuiltCli(['scan', ...args], env);

let estate: DemoEstate;
beforeEach(async () => {
  estate = await seedDemoEstate(env);
  await rm(ARTEFACTS, { recursive: true, force: true });
  await mkdir(ARTEFACTS, { recursive: true });
}, 60_000);

const countBy = (records: { control: string; compliance: string }[]) => {
  const counts: Record<string, number> = {};
  for (const r of records) counts[`${r.control} ${r.compliance}`] = (counts[`${r.control} ${r.compliance}`] ?? 0) + 1;
  return counts;
};

it('reports every seeded cache under every control, as JSON valid against its schema', async () => {
  await server.startRecording();
  const { code, stdout } = await scan('--region', 'us-east-1', '--format', 'table,json,csv', '--output', ARTEFACTS);
  await server.stopRecording();
  expect(code).toBe(0);
  // The snapshot controls judge the snapshots (the estate's automatic ones); every other control the caches.
  const snapshotControls = controls.filter((c) => inventoryOf(c) === SNAPSHOT_INVENTORY);
  const cacheControls = controls.filter((c) => inventoryOf(c) === CACHE_INVENTORY);
  expect(snapshotControls.length + cacheControls.length).toBe(controls.length);
  const snapshots = [
    ...((await aws.elasticache.send(new DescribeSnapshotsCommand({}))).Snapshots ?? []).map((s) => s.SnapshotName!),
    ...((await aws.elasticache.send(new DescribeServerlessCacheSnapshotsCommand({}))).ServerlessCacheSnapshots ?? []).map((s) => s.ServerlessCacheSnapshotName!),
  ];
  expect(snapshots.length).toBeGreaterThan(0);
  expect(stdout).toMatch(new RegExp(`${estate.caches.length + snapshots.length} resources × ${controls.length} controls in 1 account × 1 region: \\d+ non-compliant`));

  const report = JSON.parse(await readFile(join(ARTEFACTS, 'elasticache-scan.json'), 'utf8')) as Report;
  const schema = JSON.parse(await readFile(join(ROOT, SCHEMA_FILE), 'utf8'));
  const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);
  expect(validate(report) || validate.errors).toBe(true);
  expect(report.complete).toBe(true);
  const seen = new Set(report.findings.map((f) => `${f.resourceId} ${f.control}`));
  for (const cache of estate.caches) for (const control of cacheControls) expect(seen).toContain(`${cache.id} ${control.id}`);
  for (const snapshot of snapshots) for (const control of snapshotControls) expect(seen).toContain(`${snapshot} ${control.id}`);
  expect(report.findings).toHaveLength(estate.caches.length * cacheControls.length + snapshots.length * snapshotControls.length);

  // One call sequence per list for the region (one page each here), whatever the number of controls.
  const operations = (await server.downloadRecording()).flatMap((r) => (r.operation ? [r.operation] : []));
  const count = (op: string) => operations.filter((o) => o === op).length;
  expect(count('DescribeReplicationGroups')).toBe(1);
  expect(count('DescribeCacheClusters')).toBe(1);
  expect(count('DescribeCacheSubnetGroups')).toBe(1);
  expect(count('DescribeRouteTables')).toBe(1);
  expect(count('DescribeServerlessCaches')).toBe(1);
  expect(count('DescribeSnapshots')).toBe(1);
  expect(count('DescribeServerlessCacheSnapshots')).toBe(1);
  expect(count('DescribeGlobalReplicationGroups')).toBe(1);
  expect(count('GetResources')).toBe(1);
  expect(count('PutEvaluations')).toBe(0);
  expect(report.summary.awsCallsByAction['elasticache:DescribeReplicationGroups']).toBe(1);
  expect((await readFile(join(ARTEFACTS, 'elasticache-scan.csv'), 'utf8')).split('\r\n')).toHaveLength(report.findings.length + 2);
}, 120_000);

it('exits 1 with --fail-on high', async () => {
  const { code } = await scan('--region', 'us-east-1', '--fail-on', 'high', '--quiet');
  expect(code).toBe(1);
}, 60_000);

it('renders the HTML report in Chromium with the JSON\'s rows, chart, filters, and a screenshot', async () => {
  const { code } = await scan('--region', 'us-east-1', '--format', 'json,html', '--output', ARTEFACTS);
  expect(code).toBe(0);
  const report = JSON.parse(await readFile(join(ARTEFACTS, 'elasticache-scan.json'), 'utf8')) as Report;
  const url = pathToFileURL(join(ARTEFACTS, 'elasticache-scan.html')).href;

  const dom = await renderedDom(url);
  const rows = [...dom.matchAll(/<tr data-control="([^"]+)" data-compliance="([^"]+)"([^>]*)>/g)];
  expect(countBy(rows.map(([, control, compliance]) => ({ control: control!, compliance: compliance! })))).toEqual(countBy(report.findings));
  for (const control of controls) {
    const mine = report.findings.filter((f) => f.control === control.id);
    const n = (c: string) => mine.filter((f) => f.compliance === c).length;
    expect(dom).toContain(
      `data-control="${control.id}" data-compliant="${n('COMPLIANT')}" data-non-compliant="${n('NON_COMPLIANT')}" data-not-applicable="${n('NOT_APPLICABLE')}"`,
    );
  }
  expect(dom).toContain(`<span id="shown-count">${report.findings.length}</span>`);

  // The script filters from the URL fragment: only subnet-privacy's non-compliant rows stay visible.
  const filtered = await renderedDom(`${url}#control=subnet-privacy&compliance=NON_COMPLIANT`);
  const expected = report.findings.filter((f) => f.control === 'subnet-privacy' && f.compliance === 'NON_COMPLIANT').length;
  const visible = [...filtered.matchAll(/<tr data-control="[^"]+"[^>]*>/g)].filter(([tag]) => !/\shidden/.test(tag!));
  expect(visible).toHaveLength(expected);
  expect(filtered).toContain(`<span id="shown-count">${expected}</span>`);

  const png = join(ARTEFACTS, 'elasticache-scan.png');
  await screenshot(url, png);
  const header = (await readFile(png)).subarray(0, 8);
  expect(header.toString('hex')).toBe('89504e470d0a1a0a');
}, 180_000);

it('runs its HTML script on a resource id with "%", even from a fragment holding it bare', async () => {
  const finding = (resourceId: string) => ({
    account: '111122223333', region: 'us-east-1', resourceType: 'AWS::ElastiCache::ReplicationGroup', resourceId, arn: undefined,
    control: controls[0]!.id, severity: controls[0]!.severity, compliance: 'NON_COMPLIANT' as const, annotation: 'TLS is off.',
  });
  const result: ScanResult = {
    startedAt: new Date('2026-11-30T10:00:00Z'),
    finishedAt: new Date('2026-11-30T10:00:01Z'),
    accounts: ['111122223333'],
    regions: ['us-east-1'],
    controls: [{ id: controls[0]!.id, title: controls[0]!.title, severity: controls[0]!.severity, references: [], remediation: [], parameters: {} }],
    findings: [finding('orders-100%'), finding('sessions')],
    failures: [],
    awsCalls: {},
  };
  const page = join(ARTEFACTS, 'percent.html');
  await writeFile(page, renderHtml(result, '0.0.0'));
  const dom = await renderedDom(`${pathToFileURL(page).href}#q=100%`);
  // The search from the fragment ran: one of the two rows is shown.
  expect(dom).toContain('<span id="shown-count">1</span>');
  const visible = [...dom.matchAll(/<tr data-control="[^"]+"[^>]*>/g)].filter(([tag]) => !/\shidden/.test(tag!));
  expect(visible).toHaveLength(1);
}, 120_000);

it('runs when started through a symlinked directory, instead of exiting 0 having done nothing', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'scan-symlink-'));
  try {
    await symlink(join(ROOT, 'dist'), join(scratch, 'dist'));
    const { code, stdout } = await runBuiltCli(['scan', '--help'], env, join(scratch, 'dist', 'scan', 'cli.mjs'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: elasticache-config-rules scan/);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}, 60_000);
