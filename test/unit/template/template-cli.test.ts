/**
 * `scan --template` as a process sees it.
 *
 * Scenarios
 * - Given templates and no --fail-on, then the table on stdout and exit 0; no AWS call is made.
 * - Given --fail-on, then exit 1 when a NON_COMPLIANT finding is at or above it; UNDETERMINED counts
 *   only with --fail-on-undetermined (which needs --fail-on).
 * - Given --format json, then each finding carries control, resourceId, resourceType, compliance,
 *   annotation, file and line.
 * - Given --format sarif, then one rule per control and one located result per NON_COMPLIANT or
 *   UNDETERMINED finding (the schema itself is checked in test/integration/template-scan.test.ts).
 * - Given a file that is not a template, a missing file or an account-only option, then exit 2 with
 *   the reason.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { controls } from '#shared/controls/catalog.ts';
import { EXIT } from '../../../scan/exit-codes.ts';
import { TEMPLATE_SCHEMA_FILE } from '../../../scan/template/template-report.ts';
import { expectNoAwsCall, useMockedAws } from '../../support/run-rule-harness.ts';
import { runMain } from '../../support/scan-cli.ts';

useMockedAws();

const CFN = 'test/fixtures/templates/cloudformation';

const run = (...argv: string[]) => runMain('scan', ...argv);

describe('scan --template', () => {
  it('prints the table and exits 0 without --fail-on, calling no AWS API', async () => {
    // Act
    const { code, stdout } = await run('--template', `${CFN}/public-network.yaml`);
    // Assess
    expect(code).toBe(EXIT.OK);
    expect(stdout).toMatch(/NON_COMPLIANT\s+subnet-privacy\s+test\/fixtures\/templates\/cloudformation\/public-network\.yaml:\d+\s+OpenCache/);
    expect(stdout).toContain(`2 caches in 1 file × ${controls.length} controls`);
    expectNoAwsCall();
  });

  it.each([
    [['--fail-on', 'high'], `${CFN}/public-network.yaml`, EXIT.FINDINGS],
    // No control is CRITICAL, so a threshold that could never fire is a usage error (as for the account scan).
    [['--fail-on', 'critical'], `${CFN}/public-network.yaml`, EXIT.USAGE],
    [['--fail-on', 'low'], `${CFN}/hardened.yaml`, EXIT.OK],
  ])('with %j on %s exits %d', async (flags, file, exit) => {
    expect((await run('--template', file, ...flags)).code).toBe(exit);
  });

  it('counts UNDETERMINED findings only with --fail-on-undetermined', async () => {
    // Prepare: every finding of this control on this template is UNDETERMINED.
    const argv = ['--template', `${CFN}/intrinsics-unresolved.yaml`, '--controls', 'security-group-exposure', '--fail-on', 'low'];
    // Act
    const without = await run(...argv);
    const withFlag = await run(...argv, '--fail-on-undetermined');
    // Assess
    expect(without.code).toBe(EXIT.OK);
    expect(withFlag.code).toBe(EXIT.FINDINGS);
  });

  it('refuses --fail-on-undetermined without --fail-on', async () => {
    const { code, stderr } = await run('--template', `${CFN}/hardened.yaml`, '--fail-on-undetermined');
    expect(code).toBe(EXIT.USAGE);
    expect(stderr).toContain('add --fail-on SEVERITY');
  });

  it('writes each finding with its control, resource, compliance, annotation, file and line in JSON valid against its schema', async () => {
    // Act
    const { code, stdout } = await run('--template', `${CFN}/intrinsics-unresolved.yaml`, '--format', 'json', '--param', 'automatic-backup.minimumRetentionDays=3');
    // Assess
    expect(code).toBe(EXIT.OK);
    const report = JSON.parse(stdout) as { findings: Record<string, unknown>[]; controls: { id: string; parameters: Record<string, string> }[] };
    expect(report.findings).toHaveLength(3 * controls.length);
    expect(report.findings).toContainEqual({
      control: 'encryption-in-transit',
      resourceId: 'ParameterisedGroup',
      resourceType: 'AWS::ElastiCache::ReplicationGroup',
      severity: 'HIGH',
      compliance: 'UNDETERMINED',
      annotation: expect.stringContaining('TransitEncryptionEnabled is known only at deployment'),
      file: `${CFN}/intrinsics-unresolved.yaml`,
      line: 16,
    });
    expect(report.controls.find((c) => c.id === 'automatic-backup')!.parameters).toEqual({ minimumRetentionDays: '3' });
    const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(JSON.parse(await readFile(TEMPLATE_SCHEMA_FILE, 'utf8')));
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  it('writes SARIF with one rule per control and a located result per problem', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'template-sarif-'));
    try {
      // Act
      const { code } = await run('--template', CFN, '--format', 'sarif,json', '--output', dir);
      // Assess
      expect(code).toBe(EXIT.OK);
      const sarif = JSON.parse(await readFile(join(dir, 'elasticache-template-scan.sarif'), 'utf8'));
      const json = JSON.parse(await readFile(join(dir, 'elasticache-template-scan.json'), 'utf8')) as { findings: { compliance: string }[] };
      const run0 = sarif.runs[0];
      expect(sarif.version).toBe('2.1.0');
      expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(controls.map((c) => c.id));
      const problems = json.findings.filter((f) => f.compliance === 'NON_COMPLIANT' || f.compliance === 'UNDETERMINED');
      expect(run0.results).toHaveLength(problems.length);
      const open = run0.results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === 'subnet-privacy' && r.message.text.startsWith('OpenCache'));
      expect(open).toMatchObject({
        kind: 'fail',
        level: 'error',
        locations: [{ physicalLocation: { artifactLocation: { uri: `${CFN}/public-network.yaml`, uriBaseId: '%SRCROOT%' }, region: { startLine: expect.any(Number) } } }],
      });
      expect(run0.results.filter((r: { kind: string }) => r.kind === 'review').every((r: { level: string }) => r.level === 'none')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['--template', 'test/fixtures/templates/malformed/kubernetes-manifest.yaml'], 'kubernetes-manifest.yaml: found no Resources section'],
    [['--template', 'test/fixtures/templates/malformed/yaml-syntax-error.yaml'], 'yaml-syntax-error.yaml:7: not valid YAML'],
    [['--template', 'no/such/file.yaml'], '--template no/such/file.yaml: no such file or directory.'],
    [['--template', `${CFN}/hardened.yaml`, '--region', 'eu-west-1'], '--region applies to an account scan'],
    [['--template', `${CFN}/hardened.yaml`, '--format', 'html'], '--format "html" is not a report format for --template'],
  ])('exits 2 for %j', async (argv, message) => {
    const { code, stderr } = await run(...argv);
    expect(code).toBe(EXIT.USAGE);
    expect(stderr).toContain(message);
  });
});
