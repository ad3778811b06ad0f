/**
 * `make bench-scan`: the scan side by side with Prowler's ElastiCache checks on one emulator estate
 * of 500 replication groups plus standalone Redis OSS and Memcached clusters. Measures wall time and
 * AWS calls (moto's request recorder) of each, and how many of the estate's resources each reported.
 * Writes its results to BENCHMARKS.md between the scan-vs-prowler markers (the rest of the file is
 * the rules' own bench).
 *
 * Prowler lives in its own virtual environment (.venv-prowler, `pip install prowler`), never in the
 * test suite. Every AWS call of both tools goes to the emulator on 127.0.0.1 (AWS_ENDPOINT_URL), and
 * any other HTTPS traffic is sent to a closed local proxy port, so neither can reach real AWS.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { controls } from '#shared/controls/catalog.ts';
import { createCacheCluster, createReplicationGroup, estateClients, type EstateClients } from './local-aws/estate-builders.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from './local-aws/moto-server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_24 = join(ROOT, 'node_modules', 'node', 'bin', 'node');
const CLI = join(ROOT, 'dist', 'scan', 'cli.mjs');
const PROWLER = join(ROOT, '.venv-prowler', 'bin', 'prowler');
const GROUPS = Number(process.env.BENCH_GROUPS ?? 500);
const STANDALONE = Number(process.env.BENCH_STANDALONE ?? 50);
const MEMCACHED = Number(process.env.BENCH_MEMCACHED ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Prowler takes far longer per run; its run count can be set apart. */
const PROWLER_RUNS = Number(process.env.BENCH_PROWLER_RUNS ?? RUNS);

interface Run { wallMs: number; calls: Record<string, number>; resources: Set<string>; exitCode: number }

async function seed(clients: EstateClients): Promise<string[]> {
  const tasks: (() => Promise<string>)[] = [];
  for (let i = 0; i < GROUPS; i++) {
    const id = `rg-${String(i).padStart(4, '0')}`;
    tasks.push(async () => {
      await createReplicationGroup(clients, { id, engine: i % 3 === 0 ? 'valkey' : 'redis', engineVersion: i % 3 === 0 ? '7.2' : '7.1', tls: i % 4 === 0 ? 'off' : 'required', atRest: i % 5 === 0 ? 'off' : 'default-key', retentionDays: i % 2 });
      return id;
    });
  }
  for (let i = 0; i < STANDALONE; i++) {
    const id = `redis-${String(i).padStart(3, '0')}`;
    tasks.push(async () => (await createCacheCluster(clients, { id, engine: 'redis', engineVersion: '7.1', tls: i % 2 === 0, retentionDays: 1 }), id));
  }
  for (let i = 0; i < MEMCACHED; i++) {
    const id = `memcached-${String(i).padStart(3, '0')}`;
    tasks.push(async () => (await createCacheCluster(clients, { id, engine: 'memcached', engineVersion: '1.6.22', tls: true, nodes: 2 }), id));
  }
  const ids: string[] = [];
  const worker = async () => {
    for (let task = tasks.shift(); task; task = tasks.shift()) ids.push(await task());
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids.sort();
}

async function recorded(server: MotoServer, run: () => Promise<{ exitCode: number; resources: Set<string> }>): Promise<Run> {
  await server.startRecording();
  const started = performance.now();
  const { exitCode, resources } = await run();
  const wallMs = performance.now() - started;
  await server.stopRecording();
  const calls: Record<string, number> = {};
  for (const request of await server.downloadRecording()) {
    if (!request.operation) continue;
    calls[request.operation] = (calls[request.operation] ?? 0) + 1;
  }
  return { wallMs, calls, resources, exitCode };
}

function exec(command: string, args: string[], env: Record<string, string>): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });
}

async function runScan(env: Record<string, string>): Promise<{ exitCode: number; resources: Set<string> }> {
  const { exitCode, stdout, stderr } = await exec(NODE_24, [CLI, 'scan', '--region', 'us-east-1', '--format', 'json', '--quiet'], env);
  if (exitCode !== 0) throw new Error(`scan exited ${exitCode}: ${stderr}`);
  const report = JSON.parse(stdout) as { findings: { resourceId: string }[] };
  return { exitCode, resources: new Set(report.findings.map((f) => f.resourceId)) };
}

async function runProwler(env: Record<string, string>): Promise<{ exitCode: number; resources: Set<string> }> {
  const out = await mkdtemp(join(tmpdir(), 'prowler-'));
  try {
    const { exitCode, stderr } = await exec(
      PROWLER,
      ['aws', '--service', 'elasticache', '--region', 'us-east-1', '--output-formats', 'json-ocsf', '--output-directory', out, '--no-banner'],
      env,
    );
    const files = (await readdir(out, { recursive: true })).filter((f) => String(f).endsWith('.ocsf.json'));
    if (files.length === 0) throw new Error(`Prowler wrote no OCSF output (exit ${exitCode}): ${stderr.slice(-3000)}`);
    const resources = new Set<string>();
    for (const file of files) {
      const findings = JSON.parse(await readFile(join(out, String(file)), 'utf8')) as { resources?: { uid?: string; name?: string }[] }[];
      for (const finding of findings) for (const r of finding.resources ?? []) {
        const id = r.name || (r.uid ?? '').split(':').pop();
        if (id) resources.add(id);
      }
    }
    return { exitCode, resources };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
const fmtCalls = (calls: Record<string, number>) => Object.entries(calls).sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op} ${n}`).join(', ');

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first.`);
  const server = await startMotoServer();
  try {
    const env = awsEnvFor(server);
    const childEnv = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      ...env,
      // Anything not addressed to the emulator goes to a closed port: neither tool can reach real AWS.
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '127.0.0.1,localhost',
    };
    console.log(`Seeding ${GROUPS} replication groups, ${STANDALONE} standalone Redis OSS and ${MEMCACHED} Memcached clusters …`);
    const seededAt = performance.now();
    const estate = await seed(estateClients(env));
    console.log(`  seeded ${estate.length} resources in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);

    const scans: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      scans.push(await recorded(server, () => runScan(childEnv)));
      console.log(`  scan run ${i + 1}: ${scans.at(-1)!.wallMs.toFixed(0)} ms, ${total(scans.at(-1)!.calls)} calls`);
    }
    const prowlers: Run[] = [];
    let prowlerError: string | undefined;
    if (!existsSync(PROWLER)) prowlerError = `${PROWLER} is missing (python3 -m venv .venv-prowler && .venv-prowler/bin/pip install prowler)`;
    for (let i = 0; i < PROWLER_RUNS && !prowlerError; i++) {
      try {
        prowlers.push(await recorded(server, () => runProwler(childEnv)));
        console.log(`  prowler run ${i + 1}: ${prowlers.at(-1)!.wallMs.toFixed(0)} ms, ${total(prowlers.at(-1)!.calls)} calls`);
      } catch (error) {
        prowlerError = (error as Error).message;
      }
    }
    await writeResults(estate, scans, prowlers, prowlerError);
  } finally {
    await server.stop();
  }
}

async function writeResults(estate: string[], scans: Run[], prowlers: Run[], prowlerError: string | undefined): Promise<void> {
  const version = prowlerError ? 'not run' : (await promisify(execFile)(PROWLER, ['--version'])).stdout.trim();
  const seen = (run: Run) => estate.filter((id) => run.resources.has(id)).length;
  const row = (name: string, runs: Run[]) =>
    `| ${name} | ${runs.length} | ${median(runs.map((r) => r.wallMs)).toFixed(0)} | ${total(runs[0]!.calls)} | ${seen(runs[0]!)} of ${estate.length} | ${fmtCalls(runs[0]!.calls)} |`;
  const lines = [
    '<!-- scan-vs-prowler:start (written by `make bench-scan`, scripts/bench-scan.ts) -->',
    '## `scan` against Prowler',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(2)} at the end: other work shared the machine).`,
    `Estate in the local emulator (moto 5.2.5 with scripts/local-aws/moto_ext): ${GROUPS} replication groups (each with its member clusters), ${STANDALONE} standalone Redis OSS clusters and ${MEMCACHED} Memcached clusters, ${estate.length} resources in all, in us-east-1.`,
    '',
    'Method: each tool runs as a fresh process against the same emulator, with the emulator\'s request recorder on, so "AWS calls" counts every request it sent',
    '(STS and EC2 included). Wall time is from process start to exit, the median of the runs. `scan` is the bundled `dist/scan/cli.mjs` on Node 24,',
    '`scan --region us-east-1 --format json --quiet`, all ' + controls.length + ' controls of the catalog. Prowler (' + version + ') runs from its own virtual environment (.venv-prowler) as',
    '`prowler aws --service elasticache --region us-east-1 --output-formats json-ocsf`. "Resources seen" counts the estate\'s resources named in any finding.',
    '',
    '| Tool | Runs | Wall ms (median) | AWS calls | Resources seen | Calls by operation (first run) |',
    '|---|--:|--:|--:|--:|---|',
    row('scan', scans),
    ...(prowlers.length > 0 ? [row('Prowler', prowlers)] : []),
    '',
  ];
  if (prowlers.length > 0) {
    const speedup = median(prowlers.map((r) => r.wallMs)) / median(scans.map((r) => r.wallMs));
    lines.push(`scan is ${speedup.toFixed(1)}× faster than Prowler here (goal: at least 10×).`, '');
  } else {
    lines.push(`Prowler could not be measured: ${prowlerError}`, '');
  }
  lines.push('<!-- scan-vs-prowler:end -->');
  const section = lines.join('\n');
  const path = join(ROOT, 'BENCHMARKS.md');
  const current = await readFile(path, 'utf8');
  const marked = /<!-- scan-vs-prowler:start[\s\S]*?<!-- scan-vs-prowler:end -->/;
  await writeFile(path, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
  console.log(section);
}

await main();
