/**
 * The command as a process sees it: exit codes for usage, help and the printed policy.
 *
 * Scenarios
 * - Given no command, an unknown command or a bad option, then exit 2 and the reason on stderr.
 * - Given --help, then the usage on stdout and exit 0.
 * - Given --print-policy, then a policy generated from the catalog: every action of the controls'
 *   rules except AWS Config's, plus ec2:DescribeRegions, and only reads; exit 0, no AWS call.
 * - Given --controls, then the policy holds only what those controls need.
 */
import { PassThrough } from 'node:stream';
import { controls, iamActionsOf } from '#shared/controls/catalog.ts';
import { main } from '../../../scan/cli.ts';
import { EXIT } from '../../../scan/exit-codes.ts';
import { expectNoAwsCall, useMockedAws } from '../../support/run-rule-harness.ts';

useMockedAws();

async function run(...argv: string[]) {
  const capture = () => {
    const stream = Object.assign(new PassThrough(), { isTTY: false });
    const text = { value: '' };
    stream.on('data', (chunk: Buffer) => (text.value += chunk.toString()));
    return { stream, text };
  };
  const out = capture();
  const err = capture();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream as unknown as NodeJS.WriteStream, env: {} });
  return { code, stdout: out.text.value, stderr: err.text.value };
}

describe('scan command', () => {
  it.each([[[]], [['audit']], [['scan', '--format', 'xml']]])('exits 2 on usage errors: %j', async (argv) => {
    const { code } = await run(...argv);
    expect(code).toBe(EXIT.USAGE);
  });

  it('names the bad option on stderr', async () => {
    expect((await run('scan', '--fail-on', 'severe')).stderr).toBe('--fail-on "severe" is not a severity; use critical, high, medium, low.\n');
  });

  it('prints the usage with --help', async () => {
    const { code, stdout } = await run('scan', '--help');
    expect(code).toBe(EXIT.OK);
    expect(stdout).toContain('--fail-on SEVERITY');
  });

  it('prints a read-only policy generated from the catalog', async () => {
    const { code, stdout } = await run('scan', '--print-policy');
    expect(code).toBe(EXIT.OK);
    const policy = JSON.parse(stdout) as { Statement: { Action: string[]; Effect: string; Resource: string }[] };
    const actions = policy.Statement[0]!.Action;
    const expected = new Set(['ec2:DescribeRegions', ...controls.flatMap(iamActionsOf).filter((a) => !a.startsWith('config:'))]);
    expect(new Set(actions)).toEqual(expected);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9]+:(Describe|List|Get)/);
    expectNoAwsCall();
  });

  it('narrows the policy to the chosen controls', async () => {
    const policy = JSON.parse((await run('scan', '--print-policy', '--controls', 'automatic-backup')).stdout);
    expect(policy.Statement[0].Action).not.toContain('ec2:DescribeRouteTables');
    expect(policy.Statement[0].Action).not.toContain('kms:DescribeKey');
  });
});
