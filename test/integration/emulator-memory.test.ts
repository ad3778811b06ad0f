/**
 * The emulator keeps nothing per response. moto tracks every model instance it ever creates, so a
 * view of a model copied for one response (a cluster with its nodes, a datastore with its members)
 * used to live as long as the emulator: each DescribeCacheClusters copied every cluster, and over
 * 10,000 groups the benchmark's emulator grew by hundreds of MB a listing. The check runs moto
 * in-process (test/support/emulator_views_check.py) and counts moto's tracked instances around
 * repeated Describe calls.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from '../../scripts/local-aws/moto-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('emulator memory', () => {
  it('adds no lasting model instance for repeated Describe calls built from views', async () => {
    const port = await freeLoopbackPort();
    const output = execFileSync(join(ROOT, '.venv', 'bin', 'python'), [join(ROOT, 'test', 'support', 'emulator_views_check.py'), String(port)], {
      encoding: 'utf8',
      // moto's request log goes to stderr; only the report is read.
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 120_000,
    });
    const report = JSON.parse(output) as Record<string, { repeats: number; instancesAdded: number }>;
    expect(Object.keys(report)).toEqual([
      'DescribeCacheClusters(ShowCacheNodeInfo)',
      'DescribeCacheClusters',
      'DescribeReplicationGroups',
      'DescribeGlobalReplicationGroups(ShowMemberInfo)',
    ]);
    for (const [call, { repeats, instancesAdded }] of Object.entries(report)) {
      expect({ call, repeats, instancesAdded }).toEqual({ call, repeats: 25, instancesAdded: 0 });
    }
  }, 150_000);
});
