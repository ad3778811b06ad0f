/**
 * The findings spool: where a scan's findings wait on disk for the reports.
 *
 * Scenarios
 * - Given sections appended as Regions and controls finish (in any order), then iterating yields the
 *   report order: account, Region, control (selection order), resource (listing order).
 * - Given a section larger than a read chunk with multi-byte text, then every finding reads back as written.
 * - Given the spool, then its directory is private (0700) under the temporary directory, its file
 *   0600; remove() deletes both and a later read is refused.
 * - Given a process stopped by SIGTERM (or one that ends without remove()), then its spool is gone
 *   and the process still ends as the signal says.
 * - Given the spool iterated twice, then both passes see every finding (each writer reads anew).
 * - Given 200,000 findings (a 10,000-group estate), then the JSON report is written from the spool
 *   in a process whose heap is capped at 80 MB, which holding the findings alone would exceed.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FindingSpool } from '../../../scan/finding-spool.ts';
import type { Finding } from '../../../scan/findings.ts';
import { scanFinding } from '../../support/scan-findings.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const finding = (overrides: Partial<Finding>): Finding => scanFinding({ arn: undefined, annotation: 'TLS is on.', ...overrides });

const spools: FindingSpool[] = [];
const open = () => {
  const spool = new FindingSpool();
  spools.push(spool);
  return spool;
};
afterEach(() => {
  for (const spool of spools.splice(0)) spool.remove();
});

describe('FindingSpool', () => {
  it('reads sections back in the report order, whatever order they were written in', () => {
    const spool = open();
    const section = (account: string, region: string, control: string, index: number, ...ids: string[]) =>
      spool.append(account, region, index, ids.map((resourceId) => finding({ account, region, control, resourceId })));
    section('111122223333', 'us-east-1', 'authentication', 1, 'b', 'a');
    section('111122223333', 'eu-west-1', 'authentication', 1, 'c');
    section('111122223333', 'us-east-1', 'encryption-in-transit', 0, 'z', 'y');
    section('000011112222', 'us-east-1', 'encryption-in-transit', 0, 'x');
    section('111122223333', 'eu-west-1', 'encryption-in-transit', 0);

    expect([...spool].map((f) => `${f.account} ${f.region} ${f.control} ${f.resourceId}`)).toEqual([
      '000011112222 us-east-1 encryption-in-transit x',
      '111122223333 eu-west-1 authentication c',
      '111122223333 us-east-1 encryption-in-transit z',
      '111122223333 us-east-1 encryption-in-transit y',
      '111122223333 us-east-1 authentication b',
      '111122223333 us-east-1 authentication a',
    ]);
    expect(spool.length).toBe(6);
  });

  it('reads back a section larger than a chunk, multi-byte text included, and can be read again', () => {
    const spool = open();
    // ~3 MiB: three 1 MiB reads, whose boundaries fall inside lines and inside characters.
    const written = Array.from({ length: 12_000 }, (_, i) =>
      finding({ resourceId: `cache-${i}`, annotation: `Clé « ${i} » ✘ ${'é'.repeat(i % 97)} ${'𝄞'.repeat(i % 13)}`, arn: i % 2 ? `arn:${i}` : undefined }),
    );
    spool.append('111122223333', 'eu-west-1', 0, written);

    // undefined members (arn) are absent on disk, as in the JSON they end up in.
    const expected = written.map((f) => JSON.parse(JSON.stringify(f)) as Finding);
    expect([...spool]).toEqual(expected);
    expect([...spool]).toHaveLength(12_000);
  });

  it('keeps its file private and removes it', () => {
    const spool = new FindingSpool();
    expect(dirname(spool.directory)).toBe(tmpdir());
    expect(statSync(spool.directory).mode & 0o777).toBe(0o700);
    expect(statSync(join(spool.directory, 'findings.ndjson')).mode & 0o777).toBe(0o600);
    spool.remove();
    expect(existsSync(spool.directory)).toBe(false);
    expect(() => [...spool]).toThrow(/removed/);
  });

  it.each([
    ['stopped by SIGTERM', 'SIGTERM' as const],
    ['ending without remove()', undefined],
  ])('leaves nothing behind in a process %s', async (_, signal) => {
    // A process that opens a spool, says where, and waits (or ends) without removing it.
    const script = [
      `const { FindingSpool } = await import(${JSON.stringify(join(root, 'scan/finding-spool.ts'))});`,
      `const spool = new FindingSpool();`,
      `spool.append('1', 'eu-west-1', 0, [{ account: '1' }]);`,
      `process.stdout.write(spool.directory + '\\n');`,
      // Alive until stdin closes (then it ends by itself) or the signal comes.
      `process.stdin.resume();`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    const directory = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
    expect(existsSync(directory)).toBe(true);
    if (signal) child.kill(signal);
    else child.stdin.end();
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, how) => resolve({ code, signal: how })),
    );
    expect(ended).toEqual(signal ? { code: null, signal } : { code: 0, signal: null });
    expect(existsSync(directory)).toBe(false);
  }, 30_000);

  it('writes the JSON report of 200,000 findings within an 80 MB heap', async () => {
    // Prepare: a child with a capped heap spools 200,000 findings (15 controls × 13,334 caches),
    // then writes the JSON report to a sink that only counts.
    const script = `
      const { FindingSpool } = await import(${JSON.stringify(join(root, 'scan/finding-spool.ts'))});
      const { writeReports } = await import(${JSON.stringify(join(root, 'scan/report/write-reports.ts'))});
      const { Writable } = await import('node:stream');
      const spool = new FindingSpool();
      const controls = Array.from({ length: 15 }, (_, c) => ({ id: 'control-' + c, title: 'Control ' + c, severity: 'HIGH', references: ['ElastiCache.1'], remediation: ['Fix it.'], parameters: {} }));
      controls.forEach((control, c) => spool.append('123456789012', 'us-east-1', c, (function* () {
        for (let i = 0; i < 13_334; i++) yield { account: '123456789012', region: 'us-east-1', resourceType: 'AWS::ElastiCache::ReplicationGroup', resourceId: 'group-' + i,
          arn: 'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:group-' + i, control: control.id, severity: 'HIGH', compliance: i % 3 ? 'COMPLIANT' : 'NON_COMPLIANT',
          annotation: 'Replication group group-' + i + ' has in-transit encryption in preferred mode: clients may still connect without TLS; set it to required.' };
      })()));
      let bytes = 0;
      const sink = new Writable({ write(chunk, _e, done) { bytes += chunk.length; done(); } });
      const result = { startedAt: new Date(), finishedAt: new Date(), accounts: ['123456789012'], regions: ['us-east-1'], controls, findings: spool, failures: [], awsCalls: {} };
      await writeReports(result, { formats: ['json'], outputDir: undefined }, { stdout: sink, env: {} });
      spool.remove();
      process.stdout.write(JSON.stringify({ findings: spool.length, bytes }));
    `;
    // Act
    const child = spawn(process.execPath, ['--max-old-space-size=80', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Assess: the report (over 120 MB of text) was written whole.
    expect({ code, err: err.includes('heap out of memory') ? 'heap out of memory' : '' }).toEqual({ code: 0, err: '' });
    const written = JSON.parse(out) as { findings: number; bytes: number };
    expect(written.findings).toBe(200_010);
    expect(written.bytes).toBeGreaterThan(120_000_000);
  }, 120_000);
});
