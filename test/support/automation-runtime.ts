/**
 * What the Automation dry run calls through, as Automation does: boto3 for the API actions of any
 * service (elasticache, ec2, kms, logs, sns, lambda…) and Python 3 for aws:executeScript, both in one
 * long-lived child (automation_runtime.py) of the project's .venv Python, pointed at the emulator by
 * its environment; and the built bundles, on Node 24, for aws:invokeLambdaFunction.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { invokeBundle } from '../../scripts/local-aws/invoke-bundle.ts';
import type { ApiCaller, LambdaInvoker, ScriptRunner } from './automation-dry-run.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The checkout's virtualenv (boto3 comes with moto there); in a worktree, a link to the main one. */
const PYTHON = `${REPO_ROOT}.venv/bin/python`;
const RUNTIME = fileURLToPath(new URL('./automation_runtime.py', import.meta.url));

type Answer = { ok: true; result: unknown } | { ok: false; error: { type: string; message: string } };

/** An AWS error as boto3 raised it in the runtime (its code and message). */
export class AutomationCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'AutomationCallError';
  }
}

export interface AutomationRuntime {
  call: ApiCaller;
  runScript: ScriptRunner;
  /**
   * Fixes the clock the scripts read (`datetime.now()`), as if the run happened at `now`; undefined
   * goes back to the real clock. The emulator keeps the real clock.
   */
  setClock(now: Date | undefined): Promise<void>;
  /** What the scripts printed and the tracebacks of failed steps, for a failing test to show. */
  log(): string;
  close(): Promise<void>;
}

/** Starts the Python child with `env` as its whole AWS environment (no ambient credentials). */
export function startAutomationRuntime(env: Readonly<Record<string, string>>): AutomationRuntime {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run \`make deps\` (the .venv with boto3).`);
  const child: ChildProcessWithoutNullStreams = spawn(PYTHON, [RUNTIME], {
    env: { PATH: process.env['PATH'] ?? '', PYTHONUNBUFFERED: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = `${stderr}${chunk}`.slice(-20_000);
  });
  const waiting: ((answer: Answer) => void)[] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line) as Answer));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // One request at a time, in order: answers come back in the order asked.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (request: Record<string, unknown>): Promise<unknown> => {
    const asked = queue.then(
      () =>
        new Promise<unknown>((resolve, reject) => {
          waiting.push((answer) => (answer.ok ? resolve(answer.result) : reject(new AutomationCallError(answer.error.type, answer.error.message))));
          child.stdin.write(`${JSON.stringify(request)}\n`);
        }),
    );
    queue = asked.catch(() => undefined);
    return asked;
  };
  return {
    call: (service, api, input) => ask({ kind: 'api', service, api, input }),
    runScript: (script, handler, payload) => ask({ kind: 'script', script, handler, payload }),
    setClock: async (now) => void (await ask({ kind: 'clock', now: now?.toISOString() ?? null })),
    log: () => stderr,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

/**
 * Invokes a function by the name a document gives it: `functions` maps each FunctionName to the
 * built bundle (dist/<bundle>) that plays it. An unknown name throws, as Lambda's Invoke answers
 * ResourceNotFoundException (which fails the step, unlike an error of the function itself).
 */
export function bundleInvoker(env: Readonly<Record<string, string>>, functions: Readonly<Record<string, string>>): LambdaInvoker {
  return async (functionName, payload) => {
    const bundle = functions[functionName];
    if (bundle === undefined) throw new AutomationCallError('ResourceNotFoundException', `Function not found: ${functionName}`);
    return invokeBundle(bundle, payload, env, { timeoutMs: 60_000 });
  };
}
