/**
 * The benchmark at CI size, so it cannot rot: every control of the catalog and `scan`, built, on one
 * emulator seeded with the bench's default estate of 500 replication groups and 100 clusters (issue 21),
 * with 60 serverless caches instead of 10 so that their listing, too, goes past one page.
 * Asserts what the bench reports and the calls every run makes, never a time or a memory figure.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { controls } from '#shared/controls/catalog.ts';
import { callViolations, judgesCaches, runBench, type BenchResult } from '../../scripts/bench/emulator-bench.ts';
import { DEFAULT_SIZE, type BenchEstateSize } from '../../scripts/bench/emulator-estate.ts';
import { benchSection, consoleTable, withBenchSection, type BenchReport } from '../../scripts/bench/emulator-report.ts';
import { node24 } from '../../scripts/bench/lambda-runtime.ts';
import { describeMachine } from '../../scripts/bench/machine.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SIZE: BenchEstateSize = { ...DEFAULT_SIZE, serverlessCaches: 60 };
const pages = (records: number, pageSize = 100) => Math.ceil(records / pageSize);

let result: BenchResult;

beforeAll(async () => {
  result = await runBench({ size: SIZE, node: node24().path });
}, 300_000);

const measurement = (target: string) => result.targets.find((t) => t.target === target)!;

describe(`the benchmark on ${SIZE.replicationGroups} replication groups, ${SIZE.clusters} clusters and ${SIZE.serverlessCaches} serverless caches`, () => {
  it('measures every control of the catalog and scan, each run complete', () => {
    expect(result.targets.map((t) => t.target)).toEqual([...controls.map((c) => c.id), 'scan']);
    for (const target of result.targets) {
      expect(target.runs).toHaveLength(1);
      const [run] = target.runs;
      expect(run).toMatchObject({ ok: true });
      for (const figure of [run!.loadMs, run!.wallMs, run!.cpuMs, run!.loadCpuMs, run!.peakRssBytes]) {
        expect(Number.isFinite(figure) && figure > 0).toBe(true);
      }
    }
    expect(measurement('scan').runs[0]!.result).toEqual({ exitCode: 0 });
    for (const control of controls.filter((c) => judgesCaches(c.id))) {
      expect(measurement(control.id).runs[0]!.result).toMatchObject({ control: control.id, resourcesEvaluated: SIZE.replicationGroups + SIZE.clusters + SIZE.serverlessCaches });
    }
    // The snapshot controls judge the estate's (automatic) snapshots.
    for (const control of controls.filter((c) => !judgesCaches(c.id))) {
      expect(measurement(control.id).runs[0]!.result).toMatchObject({ control: control.id, resourcesEvaluated: expect.any(Number) });
      expect((measurement(control.id).runs[0]!.result as { resourcesEvaluated: number }).resourcesEvaluated).toBeGreaterThan(0);
    }
  });

  it.each([...controls.map((c) => c.id), 'scan'])('%s lists every page once and looks shared things up once', (target) => {
    const { calls } = measurement(target);
    expect(calls.DescribeReplicationGroups).toBe(pages(SIZE.replicationGroups));
    expect(calls.DescribeCacheClusters).toBe(pages(SIZE.replicationGroups + SIZE.clusters));
    // DescribeServerlessCaches returns at most 50 a page.
    expect(calls.DescribeServerlessCaches).toBe(pages(SIZE.serverlessCaches, 50));
    if (target !== 'scan' && judgesCaches(target)) expect(calls.PutEvaluations).toBe(pages(SIZE.replicationGroups + SIZE.clusters) + pages(SIZE.serverlessCaches));
    expect(callViolations(SIZE, measurement(target))).toEqual([]);
  });

  it('scan calls what all the controls call together, once', () => {
    const union = new Set(controls.flatMap((c) => Object.keys(measurement(c.id).calls)));
    union.delete('PutEvaluations');
    union.add('GetCallerIdentity');
    expect(Object.keys(measurement('scan').calls).sort()).toEqual([...union].sort());
    expect(measurement('scan').calls.DescribeKey).toBe(4);
  });

  it('flags a run that lists a page twice', () => {
    const scan = measurement('scan');
    const doubled = { ...scan, calls: { ...scan.calls, DescribeReplicationGroups: 2 * pages(SIZE.replicationGroups) } };
    expect(callViolations(SIZE, doubled)).toEqual([`scan: DescribeReplicationGroups called ${2 * pages(SIZE.replicationGroups)} times, expected ${pages(SIZE.replicationGroups)}`]);
  });

  it('prints a row per target and writes its own BENCHMARKS.md section, replacing only that one', () => {
    const table = consoleTable(result);
    for (const target of result.targets) expect(table).toContain(`| ${target.target} `);
    const report: BenchReport = { ...result, machine: describeMachine(node24()), loadAverageAtEnd: 0, elapsedSeconds: 1 };
    const section = benchSection(report);
    const document = '# Benchmarks\n\nMethod.\n\n<!-- detector:begin -->\nX\n<!-- detector:end -->\n';
    const once = withBenchSection(document, section);
    const marker = `<!-- bench:${SIZE.replicationGroups}-groups:start`;
    expect(once.indexOf(marker)).toBeGreaterThan(0);
    expect(once.indexOf(marker)).toBeLessThan(once.indexOf('<!-- detector:begin'));
    expect(once.startsWith('# Benchmarks\n\nMethod.\n\n')).toBe(true);
    const heading = `## ${SIZE.replicationGroups} replication groups`;
    expect(section).toContain(heading);
    const twice = withBenchSection(once, section.replace(heading, '## again'));
    expect(twice.split(marker)).toHaveLength(2);
    expect(twice).toContain('## again');
    expect(twice).toContain('<!-- detector:begin -->\nX\n<!-- detector:end -->');
  });
});

describe('npm run bench', () => {
  it('writes its results file and leaves BENCHMARKS.md alone without --write-benchmarks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-results-'));
    try {
      const before = await stat(join(ROOT, 'BENCHMARKS.md'));
      const results = join(dir, 'nested', 'bench.json');
      await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench.ts', '--no-build', '--groups', '3', '--clusters', '1', '--serverless', '1', '--controls', 'automatic-backup,scan', '--results', results],
        { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
      );
      const written = JSON.parse(await readFile(results, 'utf8')) as BenchReport & { violations: string[] };
      expect(written.targets.map((t) => t.target)).toEqual(['automatic-backup', 'scan']);
      expect(written.size).toEqual({ replicationGroups: 3, clusters: 1, serverlessCaches: 1 });
      expect(written.violations).toEqual([]);
      expect((await stat(join(ROOT, 'BENCHMARKS.md'))).mtimeMs).toBe(before.mtimeMs);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
