/**
 * The built scan CLI's evidence outputs against the demo estate in the local emulator.
 *
 * Scenarios
 * - Given --framework pci-dss-4.0.1, then only the controls mapping to PCI DSS run, the table opens with one line per
 *   requirement, and the JSON (valid against its schema) carries the same requirements with counts that add up.
 * - Given --format asff,ocsf, then every finding is written in both, the ASFF fitting botocore's shapes and the OCSF
 *   events conforming to the OCSF 1.1.0 Compliance Finding class.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { controls } from '#shared/controls/catalog.ts';
import { requirementsOf } from '#shared/frameworks/mapping.ts';
import { seedDemoEstate, type DemoEstate } from '../../scripts/local-aws/demo-estate.ts';
import { SCHEMA_FILE } from '../../scan/report/json.ts';
import { ocsfProblems } from '../support/ocsf-schema.ts';
import { env, useEmulator } from '../support/emulator.ts';
import { runBuiltCli } from '../support/scan-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, '.test-results', 'scan-evidence');

jest.setTimeout(60_000);
useEmulator();

const scan = (...args: string[]) => runBuiltCli(['scan', ...args], env);

let estate: DemoEstate;
beforeEach(async () => {
  estate = await seedDemoEstate(env);
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
}, 60_000);

/** Whether a control judges the caches themselves, not their snapshots. */
const judgesCaches = (id: string): boolean => controls.find((c) => c.id === id)!.resourceTypes.includes('AWS::ElastiCache::ReplicationGroup');

it('groups a PCI DSS scan by requirement in the table and the JSON', async () => {
  // Act
  const { code, stdout } = await scan('--region', 'us-east-1', '--framework', 'pci-dss-4.0.1', '--format', 'table,json', '--output', OUT, '--quiet');
  // Assess
  expect(code).toBe(0);
  const pci = controls.filter((c) => requirementsOf(c.frameworks, 'pci-dss-4.0.1').length > 0);
  const report = JSON.parse(await readFile(join(OUT, 'elasticache-scan.json'), 'utf8')) as {
    scope: { framework: string; controls: { id: string }[] };
    requirements: { requirement: string; controls: { id: string }[]; resources: number; counts: Record<string, number> }[];
    findings: { control: string; resourceId: string }[];
  };
  const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(JSON.parse(await readFile(join(ROOT, SCHEMA_FILE), 'utf8')));
  expect(validate(report) || validate.errors).toBe(true);
  expect(report.scope.framework).toBe('pci-dss-4.0.1');
  expect(report.scope.controls.map((c) => c.id)).toEqual(pci.map((c) => c.id));
  // Cache controls judge every cache; snapshot controls every snapshot the estate's backups made.
  const snapshots = new Set(report.findings.filter((f) => !judgesCaches(f.control)).map((f) => f.resourceId)).size;
  const perControl = (id: string) => (judgesCaches(id) ? estate.caches.length : snapshots);
  expect(report.findings).toHaveLength(pci.reduce((sum, c) => sum + perControl(c.id), 0));
  const ids = [...new Set(pci.flatMap((c) => requirementsOf(c.frameworks, 'pci-dss-4.0.1')))];
  expect(report.requirements.map((r) => r.requirement).sort()).toEqual(ids.sort());
  for (const requirement of report.requirements) {
    const findings = report.findings.filter((f) => requirement.controls.some((c) => c.id === f.control));
    expect(Object.values(requirement.counts).reduce((a, b) => a + b, 0)).toBe(findings.length);
    const judged = (cachesToo: boolean) => requirement.controls.some((c) => judgesCaches(c.id) === cachesToo);
    expect(requirement.resources).toBe((judged(true) ? estate.caches.length : 0) + (judged(false) ? snapshots : 0));
  }
  const lines = stdout.split('\n');
  expect(lines[0]).toMatch(/^Evidence by requirement: PCI DSS v4\.0\.1 \(scanned /);
  for (const id of ids) expect(lines.some((line) => line.startsWith(`${id} `))).toBe(true);
});

it('writes every finding as ASFF that fits botocore\'s shapes and as OCSF Compliance Findings that conform to OCSF 1.1.0', async () => {
  // Act
  const { code } = await scan('--region', 'us-east-1', '--format', 'asff,ocsf', '--output', OUT, '--quiet');
  // Assess
  expect(code).toBe(0);
  const asff = JSON.parse(await readFile(join(OUT, 'elasticache-scan.asff'), 'utf8')) as { Id: string; GeneratorId: string; Resources: { Details: { Other: { ResourceId: string } } }[] }[];
  const ocsf = (await readFile(join(OUT, 'elasticache-scan.ocsf'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const snapshotFindings = asff.filter((f) => !judgesCaches(f.GeneratorId.split('/').at(-1)!));
  const snapshots = new Set(snapshotFindings.map((f) => f.Resources[0]!.Details.Other.ResourceId)).size;
  expect(asff).toHaveLength(controls.reduce((sum, c) => sum + (judgesCaches(c.id) ? estate.caches.length : snapshots), 0));
  expect(ocsf).toHaveLength(asff.length);
  const problems = execFileSync(join(ROOT, '.venv', 'bin', 'python'), [join(ROOT, 'test', 'support', 'asff_contract.py')], { input: JSON.stringify(asff), encoding: 'utf8' });
  expect(JSON.parse(problems)).toEqual([]);
  expect(ocsf.flatMap((event) => ocsfProblems(event, 'compliance_finding'))).toEqual([]);
  expect(new Set(asff.map((f) => f.Id)).size).toBe(asff.length);
});
