/**
 * The evidence options at the command line, before any AWS call.
 *
 * Scenarios
 * - Given --framework with an unknown id, then exit 2 naming the known ids, and no AWS call.
 * - Given --previous with a missing file or a file that is not an ASFF report, then exit 2 naming the file, and no AWS call.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../scan/exit-codes.ts';
import { expectNoAwsCall, useMockedAws } from '../../support/run-rule-harness.ts';
import { runMain as run } from '../../support/scan-cli.ts';

useMockedAws();

describe('scan evidence options', () => {
  it('refuses an unknown framework, listing the known ones', async () => {
    // Act
    const { code, stderr } = await run('scan', '--region', 'eu-west-1', '--framework', 'hipaa');
    // Assess
    expect(code).toBe(EXIT.USAGE);
    expect(stderr).toBe('--framework "hipaa" is not a framework id; known: fsbp, pci-dss-4.0.1, nist-800-53-r5, iso-27001-2022, soc2, nist-csf-2.0, dora.\n');
    expectNoAwsCall();
  });

  it('refuses a --previous file that does not exist or is not an ASFF report', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'previous-'));
    const notAsff = join(dir, 'report.json');
    await writeFile(notAsff, JSON.stringify({ schema: 'elasticache-config-rules/scan-report', findings: [] }));
    // Act
    const missing = await run('scan', '--region', 'eu-west-1', '--format', 'asff', '--previous', join(dir, 'nope.asff'));
    const wrong = await run('scan', '--region', 'eu-west-1', '--format', 'asff', '--previous', notAsff);
    // Assess
    expect(missing.code).toBe(EXIT.USAGE);
    expect(missing.stderr).toContain(`--previous ${join(dir, 'nope.asff')}: cannot be read (ENOENT).`);
    expect(wrong.code).toBe(EXIT.USAGE);
    expect(wrong.stderr).toContain('is not a list of ASFF findings written by --format asff');
    expectNoAwsCall();
  });

  it('adds securityhub:BatchImportFindings on the default product to --print-policy with --security-hub, and only then', async () => {
    // Act
    const withImport = JSON.parse((await run('scan', '--print-policy', '--security-hub')).stdout) as { Statement: { Action: string[]; Resource: string }[] };
    const without = JSON.parse((await run('scan', '--print-policy')).stdout) as { Statement: { Action: string[] }[] };
    // Assess
    expect(withImport.Statement.at(-1)).toEqual({
      Sid: 'ElastiCacheConfigRulesSecurityHubImport', Effect: 'Allow', Action: ['securityhub:BatchImportFindings'], Resource: 'arn:aws:securityhub:*:*:product/*/default',
    });
    expect(without.Statement.flatMap((s) => s.Action)).not.toContain('securityhub:BatchImportFindings');
  });

  it('lists the frameworks and the evidence options in --help', async () => {
    // Act
    const { stdout } = await run('scan', '--help');
    // Assess
    expect(stdout).toContain('--framework ID');
    expect(stdout).toContain('fsbp, pci-dss-4.0.1, nist-800-53-r5, iso-27001-2022, soc2, nist-csf-2.0, dora');
    expect(stdout).toContain('--security-hub');
    expect(stdout).toContain('--previous FILE');
  });
});
