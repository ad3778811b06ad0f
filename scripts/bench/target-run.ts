/**
 * One measured run of one built artefact against the emulator, in a fresh Node 24 process of its own
 * so that its peak RSS belongs to this run alone: a rule bundle (dist/<control>/index.mjs, its
 * `handler` given the event AWS Config sends a periodic rule) or the scan CLI (dist/scan/cli.mjs,
 * its exported `main` given the command line).
 *
 * The child reads `performance.now()` (origin: the process start) when the import has resolved: the
 * cold-start load time, Node's start-up plus loading the code. Then it runs the handler or `main` and
 * reports wall and CPU time of that run, and the process's peak RSS (`resourceUsage().maxRSS`, its
 * high-water mark over load and run). Its result is one JSON line tagged RESULT_KEY on stdout (rule
 * code logs JSON lines on stdout too).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RULE_NAME_PREFIX } from '#shared/controls/rule-names.ts';
import { forEachLine } from '../local-aws/invoke-bundle.ts';
import { lambdaNodeFlags } from './lambda-runtime.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULT_KEY = '__benchRunResult';
const OUTPUT_TAIL_CHARS = 4_000;

export type Target = { kind: 'rule'; control: string; memoryMb: number; event: unknown } | { kind: 'scan'; args: readonly string[] };

export interface TargetRunResult {
  ok: boolean;
  /** Why the run failed (handler error, exit code, crash). */
  error?: string;
  /** Process start → the module imported (handler or main available). */
  loadMs: number;
  /** handler(event) or main(argv), from its call to its end. */
  wallMs: number;
  /** User + system CPU time of the run (without the load). */
  cpuMs: number;
  /** User + system CPU time of the load. */
  loadCpuMs: number;
  /** The process's RSS high-water mark, load and run. */
  peakRssBytes: number;
  /** What the handler returned (the run summary), or the scan's exit code. */
  result: unknown;
}

export const artefactOf = (target: Target): string =>
  target.kind === 'rule' ? join(ROOT, 'dist', target.control, 'index.mjs') : join(ROOT, 'dist', 'scan', 'cli.mjs');

const CHILD = `
const report = (outcome) =>
  process.stdout.write(JSON.stringify({ ${RESULT_KEY}: outcome }) + '\\n', () => process.exit(0));
const cpuMs = (usage) => (usage.user + usage.system) / 1000;
const target = JSON.parse(process.env.BENCH_TARGET);
let module;
try {
  module = await import(process.env.BENCH_ENTRY);
} catch (error) {
  report({ ok: false, error: 'import failed: ' + String(error?.message ?? error) });
}
if (module) {
  const loadMs = performance.now();
  const loadCpu = process.cpuUsage();
  const started = performance.now();
  let ok = true;
  let error;
  let result = null;
  try {
    if (target.kind === 'rule') {
      const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
      const context = {
        functionName: name,
        invokedFunctionArn: 'arn:aws:lambda:' + process.env.AWS_REGION + ':123456789012:function:' + name,
        awsRequestId: crypto.randomUUID(),
      };
      result = (await module.handler(target.event, context)) ?? null;
    } else {
      const { Writable } = await import('node:stream');
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const code = await module.main(target.args, { stdout: sink, stderr: process.stderr, env: process.env });
      result = { exitCode: code };
      if (code !== 0) { ok = false; error = 'scan exited ' + code; }
    }
  } catch (thrown) {
    ok = false;
    error = String(thrown?.name ?? 'Error') + ': ' + String(thrown?.message ?? thrown);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(loadCpu);
  report({
    ok, error, result, loadMs, wallMs,
    cpuMs: cpuMs(cpu), loadCpuMs: cpuMs(loadCpu),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
}
`;

export interface TargetRunOptions {
  /** The Node 24 binary (lambda-runtime.ts `node24()`). */
  node: string;
  /** The emulator's AWS environment (`awsEnvFor(server)`). */
  awsEnv: Readonly<Record<string, string>>;
  /** Kill the run after this long; default 30 minutes (the emulator is slow at 10,000 groups). */
  timeoutMs?: number;
}

/**
 * Runs `target` once. A rule runs with the Lambda runtime's heap flags for its memory size and the
 * environment Lambda sets; `scan` runs as a user runs it, with Node's own defaults. Neither inherits
 * this process's environment.
 */
export async function runTarget(target: Target, options: TargetRunOptions): Promise<TargetRunResult> {
  const entry = artefactOf(target);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first.`);
  const lambdaEnv =
    target.kind === 'rule'
      ? {
          AWS_LAMBDA_FUNCTION_NAME: `${RULE_NAME_PREFIX}${target.control}`,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(target.memoryMb),
          AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
          LAMBDA_TASK_ROOT: join(ROOT, 'dist', target.control),
          LOG_LEVEL: 'WARN',
        }
      : {};
  const flags = target.kind === 'rule' ? lambdaNodeFlags(target.memoryMb) : [];
  const child = spawn(options.node, [...flags, '--input-type=module', '-e', CHILD], {
    cwd: join(entry, '..'),
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      ...options.awsEnv,
      ...lambdaEnv,
      BENCH_ENTRY: pathToFileURL(entry).href,
      BENCH_TARGET: JSON.stringify(target),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let outcome: TargetRunResult | undefined;
  let tail = '';
  const keep = (line: string): void => {
    tail = `${tail}${line}\n`.slice(-OUTPUT_TAIL_CHARS);
  };
  forEachLine(child.stdout, (line) => {
    if (line.includes(RESULT_KEY)) {
      try {
        outcome = (JSON.parse(line) as Record<string, TargetRunResult>)[RESULT_KEY];
        return;
      } catch {
        // not our line after all
      }
    }
    keep(line);
  });
  forEachLine(child.stderr, keep);

  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
    });
    if (outcome) return outcome;
    const why = signal === 'SIGKILL' ? `killed after ${timeoutMs / 1000} s` : `exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`;
    return { ok: false, error: `${why} without a result:\n${tail}`, loadMs: NaN, wallMs: NaN, cpuMs: NaN, loadCpuMs: NaN, peakRssBytes: NaN, result: null };
  } finally {
    clearTimeout(timer);
  }
}
