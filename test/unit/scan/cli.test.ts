/**
 * The command as a process sees it: exit codes for usage, help and the printed policy.
 *
 * Scenarios
 * - Given no command, an unknown command or a bad option, then exit 2 and the reason on stderr.
 * - Given --help, then the usage on stdout and exit 0.
 * - Given --print-policy, then a policy generated from the catalog: every action of the controls'
 *   rules except AWS Config's, plus ec2:DescribeRegions, and only reads; exit 0, no AWS call.
 * - Given --controls, then the policy holds only what those controls need.
 * - Given an --output under /proc, a file, then exit 2 naming it, at once and with no AWS call.
 * - Given no --region and no region from the environment or profile, then exit 2 with no AWS call.
 * - Given a Region whose endpoint does not resolve (a mistyped name), then exit 3 and a message naming
 *   the Region and saying the name may be wrong, not the raw getaddrinfo error.
 * - Given the module's path through a symlink, then it still knows it is the entry.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { controls, iamActionsOf } from '#shared/controls/catalog.ts';
import { isEntry } from '../../../scan/cli.ts';
import { EXIT } from '../../../scan/exit-codes.ts';
import { expectNoAwsCall, sts, useMockedAws } from '../../support/run-rule-harness.ts';
import { runMain as run } from '../../support/scan-cli.ts';

useMockedAws();

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

  describe('refuses before any AWS call', () => {
    let scratch: string;
    beforeEach(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'scan-cli-'));
    });
    afterEach(() => rm(scratch, { recursive: true, force: true }));

    const linux = process.platform === 'linux' ? it : it.skip;
    linux('an --output under /proc, at once', async () => {
      const { code, stderr } = await run('scan', '--region', 'eu-west-1', '--format', 'json', '--output', '/proc/nope');
      expect(code).toBe(EXIT.USAGE);
      expect(stderr).toBe('--output "/proc/nope": /proc is on the kernel\'s proc filesystem, where reports cannot be written.\n');
      expectNoAwsCall();
    }, 5_000);

    it('an --output that is a file', async () => {
      const file = join(scratch, 'passwd');
      await writeFile(file, 'root:x:0:0');
      const { code, stderr } = await run('scan', '--region', 'eu-west-1', '--output', file);
      expect(code).toBe(EXIT.USAGE);
      expect(stderr).toBe(`--output "${file}" is a file, not a directory.\n`);
      expectNoAwsCall();
    });

    it('no region anywhere', async () => {
      const saved = { ...process.env };
      try {
        delete process.env.AWS_REGION;
        delete process.env.AWS_DEFAULT_REGION;
        delete process.env.AWS_PROFILE;
        process.env.AWS_CONFIG_FILE = join(scratch, 'no-config');
        process.env.AWS_SHARED_CREDENTIALS_FILE = join(scratch, 'no-credentials');
        const { code, stderr } = await run('scan');
        expect(code).toBe(EXIT.USAGE);
        expect(stderr).toBe('No region: pass --region REGION (or "all"), or set AWS_REGION or a region in the profile.\n');
        expect((await run('scan', '--region', 'all')).stderr).toMatch(/^--region all needs a home region/);
        expectNoAwsCall();
      } finally {
        process.env = saved;
      }
    });
  });

  it('names a Region whose endpoint does not resolve, and says the name may be wrong', async () => {
    // What the SDK rejects with when DNS has no such host (seen with a real client and eu-wset-1).
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND sts.eu-wset-1.amazonaws.com'), {
      errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'sts.eu-wset-1.amazonaws.com',
    });
    sts.on(GetCallerIdentityCommand).rejects(notFound);
    const { code, stderr } = await run('scan', '--region', 'eu-wset-1', '--quiet');
    expect(code).toBe(EXIT.INCOMPLETE);
    expect(stderr).toBe(
      'Scan not started: Region eu-wset-1 could not be reached (sts.eu-wset-1.amazonaws.com does not resolve): the Region name may be wrong (aws ec2 describe-regions lists them), or there is no network.\n',
    );
  });

  it('knows it is the entry when started through a symlinked directory', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'scan-entry-'));
    try {
      const real = join(scratch, 'real');
      await writeFile(join(scratch, 'placeholder'), '');
      await mkdir(real);
      await writeFile(join(real, 'cli.mjs'), '');
      await symlink(real, join(scratch, 'linked'));
      expect(isEntry(pathToFileURL(join(real, 'cli.mjs')).href, join(scratch, 'linked', 'cli.mjs'))).toBe(true);
      expect(isEntry(pathToFileURL(join(real, 'cli.mjs')).href, join(scratch, 'placeholder'))).toBe(false);
      expect(isEntry(pathToFileURL(join(real, 'cli.mjs')).href, undefined)).toBe(false);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
