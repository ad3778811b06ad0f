/**
 * Our own templates must pass the linters a security reviewer runs. The tools are pinned in
 * requirements.txt and installed into .venv by `make`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATES = ['template.yaml'];

function run(tool: string, args: string[]): { status: number | null; output: string } {
  const binary = `${root}.venv/bin/${tool}`;
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`make deps\` to install the pinned Python tools.`);
  const result = spawnSync(binary, args, { cwd: root, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.each(TEMPLATES)('%s', (template) => {
  it('passes cfn-lint (with the SAM transform expanded)', () => {
    const { status, output } = run('cfn-lint', [template]);
    expect({ status, output }).toEqual({ status: 0, output: '' });
  });

  it('passes checkov with every skip justified in place', () => {
    const { status, output } = run('checkov', ['-f', template, '--framework', 'cloudformation', '--skip-download', '--compact', '--quiet']);
    expect({ status, failed: output.match(/Failed checks: (\d+)/)?.[1] }).toEqual({ status: 0, failed: '0' });
  }, 300_000);
});
