/**
 * Our own templates must pass the checks a security reviewer runs: cfn-lint and checkov on every
 * template, `sam validate --lint` and `sam build` on the SAM template. The tools are pinned in
 * requirements.txt / requirements-sam.txt and installed into .venv / .venv-sam by `make`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { FRAMEWORK_IDS } from '#shared/frameworks/frameworks.ts';
import { frameworkPackPath } from '../../infra/framework-conformance-packs.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATES = [
  'template.yaml',
  'infra/conformance-pack.yaml',
  'infra/conformance-pack-recovery.yaml',
  'infra/organization-conformance-pack.yaml',
  'infra/member-account-role.yaml',
  'infra/organization-invoke-permissions.yaml',
  ...FRAMEWORK_IDS.map(frameworkPackPath),
];

function run(venv: string, tool: string, args: string[]): { status: number | null; output: string } {
  const binary = `${root}${venv}/bin/${tool}`;
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`make deps\` to install the pinned Python tools.`);
  // SAM CLI would otherwise try to send telemetry and look for credentials.
  const env = { ...process.env, SAM_CLI_TELEMETRY: '0', AWS_REGION: 'us-east-1' };
  const result = spawnSync(binary, args, { cwd: root, encoding: 'utf8', timeout: 300_000, env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.each(TEMPLATES)('%s', (template) => {
  it('passes cfn-lint', () => {
    const { status, output } = run('.venv', 'cfn-lint', [template]);
    expect({ status, output }).toEqual({ status: 0, output: '' });
  });

  it('passes checkov with every skip justified in place', () => {
    const { status, output } = run('.venv', 'checkov', ['-f', template, '--framework', 'cloudformation', '--skip-download', '--compact', '--quiet']);
    expect({ status, failed: /Failed checks: [1-9]/.test(output) }).toEqual({ status: 0, failed: false });
  }, 300_000);
});

describe('the SAM template', () => {
  it('passes sam validate --lint', () => {
    const { status, output } = run('.venv-sam', 'sam', ['validate', '--lint', '--template', 'template.yaml']);
    expect({ status, valid: output.includes('is a valid SAM Template') }).toEqual({ status: 0, valid: true });
  }, 300_000);

  it('builds with sam build from the bundles in dist/', () => {
    if (!existsSync(`${root}dist`)) throw new Error('dist/ is missing: run `npm run build` first (make test does).');
    const buildDir = mkdtempSync(join(tmpdir(), 'sam-build-'));
    try {
      const { status, output } = run('.venv-sam', 'sam', ['build', '--template', 'template.yaml', '--build-dir', buildDir]);
      expect({ status, output: status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
      for (const fn of ['EncryptionInTransitFunction', 'ComplianceNotifierFunction']) {
        expect(readdirSync(join(buildDir, fn))).toContain('index.mjs');
      }
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
  }, 300_000);
});
