/**
 * Runs a built rule bundle (dist/<control>/index.mjs) the way Lambda runs it: a fresh Node 24
 * process (the `nodejs24.x` runtime's major version, from the npm package `node`), a clean
 * environment, the event passed to `handler(event)`, and the handler's outcome read back.
 *
 * The event goes in through stdin; the child writes one JSON line tagged RESULT_KEY on stdout. Rule
 * code logs JSON lines to stdout as well, so the tag, not the position, identifies the result.
 *
 * Also builds the events AWS Config sends, in Config's test mode (the local emulator accepts
 * PutEvaluations only with TestMode).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { TEST_MODE_TOKEN } from '#shared/engine/config-event.ts';
import { RULE_NAME_PREFIX } from '#shared/controls/catalog.ts';
import {
  parsePutEvaluations,
  type Evaluation,
  type MotoServer,
  type PutEvaluationsRequest,
  type RecordedRequest,
} from './moto-server.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE_24 = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
const RUNTIME_MAJOR = 24;
const RESULT_KEY = '__invokeBundleResult';
/** moto's default account, which the bundles' context ARN names. */
const DEMO_ACCOUNT = '123456789012';
const OUTPUT_TAIL_CHARS = 4_000;

/** The deployed functions' settings (template.yaml): 300 s timeout, 256 MB. */
const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_MEMORY_MB = 256;

export type InvokeOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: { name: string; message: string } };

export interface InvokeOptions {
  /** Kill the run after this long, as Lambda would; default 300 s like the deployed functions. */
  timeoutMs?: number;
  memoryMb?: number;
  /** Receives the function's own log output (stdout and stderr lines); dropped by default. */
  onLog?: (line: string) => void;
}

/** Thrown when the harness itself cannot run (no bundle, wrong Node), never for a rule's failure. */
export class InvokeBundleError extends Error {
  override readonly name = 'InvokeBundleError';
}

export function bundlePath(functionName: string): string {
  return join(REPO_ROOT, 'dist', functionName, 'index.mjs');
}

/**
 * The child's whole program. It imports the bundle first, as Lambda's init phase does, so an import
 * failure is reported like a handler failure (Lambda's Runtime.ImportModuleError).
 */
const RUNNER = `
const report = (outcome) =>
  process.stdout.write(JSON.stringify({ ${RESULT_KEY}: outcome }) + '\\n', () => process.exit(0));
const failure = (error) => ({
  ok: false,
  error: { name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) },
});
let handler;
try {
  ({ handler } = await import(process.argv[1]));
  if (typeof handler !== 'function') throw new TypeError('the bundle does not export a function named handler');
} catch (error) {
  report({ ok: false, error: { name: 'Runtime.ImportModuleError', message: String(error?.message ?? error) } });
}
if (handler) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  // Lambda's context object, with the fields a handler may read (the change detector takes its
  // account, partition and Region from the ARN).
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
  const context = {
    functionName: name,
    invokedFunctionArn: 'arn:aws:lambda:' + process.env.AWS_REGION + ':${DEMO_ACCOUNT}:function:' + name,
    awsRequestId: crypto.randomUUID(),
  };
  try {
    const result = await handler(event, context);
    report({ ok: true, result: result === undefined ? null : result });
  } catch (error) {
    report(failure(error));
  }
}
`;

/**
 * Invokes `dist/<functionName>/index.mjs` with `event`. `env` is the function's whole environment
 * (plus what Lambda itself sets): the caller's own environment is not inherited, so no ambient AWS
 * credentials or NODE_OPTIONS leak into the run.
 */
export async function invokeBundle(
  functionName: string,
  event: unknown,
  env: Readonly<Record<string, string>>,
  options: InvokeOptions = {},
): Promise<InvokeOutcome> {
  const bundle = bundlePath(functionName);
  if (!existsSync(bundle)) {
    throw new InvokeBundleError(`${bundle} is missing: run \`npm run build\` first.`);
  }
  const node = await runtimeNode();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = options.memoryMb ?? DEFAULT_MEMORY_MB;

  const child = spawn(
    node,
    // A heap cap near the function's memory, so a run that would exhaust 256 MB fails here too.
    [`--max-old-space-size=${Math.floor(memoryMb * 0.9)}`, '--input-type=module', '-e', RUNNER, pathToFileURL(bundle).href],
    {
      cwd: join(REPO_ROOT, 'dist', functionName),
      env: {
        AWS_LAMBDA_FUNCTION_NAME: `${RULE_NAME_PREFIX}${functionName}`,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
        AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${RUNTIME_MAJOR}.x`,
        LAMBDA_TASK_ROOT: join(REPO_ROOT, 'dist', functionName),
        TZ: 'UTC',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );

  let outcome: InvokeOutcome | undefined;
  let tail = '';
  const log = (line: string): void => {
    tail = `${tail}${line}\n`.slice(-OUTPUT_TAIL_CHARS);
    options.onLog?.(line);
  };
  forEachLine(child.stdout, (line) => {
    const result = resultOf(line);
    if (result) outcome = result;
    else log(line);
  });
  forEachLine(child.stderr, log);

  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  child.stdin.on('error', () => undefined); // a child that dies early closes stdin; the exit says why
  child.stdin.end(JSON.stringify(event));
  try {
    const { code, signal } = await exit;
    if (outcome) return outcome;
    if (signal === 'SIGKILL') {
      return { ok: false, error: { name: 'Sandbox.Timedout', message: `Task timed out after ${timeoutMs / 1000} seconds.` } };
    }
    return {
      ok: false,
      error: {
        name: 'Runtime.ExitError',
        message: `${functionName} exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) without a result.\n${tail}`,
      },
    };
  } finally {
    clearTimeout(timer);
  }
}

export interface RecordedInvocation {
  outcome: InvokeOutcome;
  /** Every AWS request the run made, oldest first (the emulator's own /moto-api/ calls excluded). */
  requests: RecordedRequest[];
  putEvaluations: PutEvaluationsRequest[];
  /** All evaluations of all PutEvaluations calls, in order. */
  evaluations: Evaluation[];
}

/**
 * Invokes a bundle while the emulator records, and returns what the run sent to AWS: the proof that
 * evaluations went through PutEvaluations, whatever the handler returned. Resets the recording.
 */
export async function invokeRecorded(
  server: MotoServer,
  functionName: string,
  event: unknown,
  env: Readonly<Record<string, string>>,
  options: InvokeOptions = {},
): Promise<RecordedInvocation> {
  await server.startRecording();
  let outcome: InvokeOutcome;
  try {
    outcome = await invokeBundle(functionName, event, env, options);
  } finally {
    await server.stopRecording();
  }
  const requests = (await server.downloadRecording()).filter((request) => !new URL(request.url).pathname.startsWith('/moto-api/'));
  const putEvaluations = requests
    .filter((request) => request.operation === 'PutEvaluations')
    .map((request) => parsePutEvaluations(request.body));
  return { outcome, requests, putEvaluations, evaluations: putEvaluations.flatMap((request) => request.Evaluations) };
}

function resultOf(line: string): InvokeOutcome | undefined {
  if (!line.includes(RESULT_KEY)) return undefined;
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    return parsed[RESULT_KEY] as InvokeOutcome | undefined;
  } catch {
    return undefined;
  }
}

let checkedNode: Promise<string> | undefined;

/** The Node binary of the npm package `node`, checked once to be the Lambda runtime's major. */
function runtimeNode(): Promise<string> {
  checkedNode ??= (async () => {
    if (!existsSync(NODE_24)) {
      throw new InvokeBundleError(`${NODE_24} is missing: run \`npm ci\` (the dev dependency "node" provides Node ${RUNTIME_MAJOR}).`);
    }
    const { stdout } = await promisify(execFile)(NODE_24, ['--version'], { env: {} });
    const version = stdout.trim();
    if (!version.startsWith(`v${RUNTIME_MAJOR}.`)) {
      throw new InvokeBundleError(`${NODE_24} is ${version}, not Node ${RUNTIME_MAJOR} (the nodejs${RUNTIME_MAJOR}.x runtime).`);
    }
    return NODE_24;
  })();
  return checkedNode;
}

/* ------------------------------------------------------------------------------------------------
 * AWS Config events (AWS Config developer guide, "Example events for AWS Config rules").
 * ---------------------------------------------------------------------------------------------- */

export const DEMO_ACCOUNT_ID = DEMO_ACCOUNT;
const REGION = 'us-east-1';

export interface ConfigEventOptions {
  /** Rule parameters as Config passes them: every value a string. */
  ruleParameters?: Record<string, string>;
  /** Defaults to "TESTMODE": the emulator's PutEvaluations works only in test mode. */
  resultToken?: string;
  accountId?: string;
}

/**
 * The Lambda event AWS Config sends to a custom rule (`@types/aws-lambda` has none): the wire
 * shape, before the engine parses it. `ruleParameters` is absent when the rule has none.
 */
export interface ConfigRuleInvocation {
  version: string;
  invokingEvent: string;
  ruleParameters?: string;
  resultToken: string;
  eventLeftScope: boolean;
  executionRoleArn: string;
  configRuleArn: string;
  configRuleName: string;
  configRuleId: string;
  accountId: string;
}

/** The event Config sends a periodic rule `elasticache-<control>` at `notificationCreationTime`. */
export function scheduledEvent(
  controlId: string,
  notificationCreationTime: Date = new Date(),
  options: ConfigEventOptions = {},
): ConfigRuleInvocation {
  return ruleEvent(controlId, options, {
    awsAccountId: options.accountId ?? DEMO_ACCOUNT_ID,
    notificationCreationTime: notificationCreationTime.toISOString(),
    messageType: 'ScheduledNotification',
    recordVersion: '1.0',
  });
}

/** The event Config sends when a recorded resource the rule watches (e.g. a route table) changes. */
export function configurationItemChangeEvent(
  controlId: string,
  item: { resourceType: string; resourceId: string; captureTime: Date; status?: string; configuration?: unknown },
  options: ConfigEventOptions = {},
): ConfigRuleInvocation {
  return ruleEvent(controlId, options, {
    configurationItem: {
      configurationItemStatus: item.status ?? 'OK',
      resourceType: item.resourceType,
      resourceId: item.resourceId,
      configurationItemCaptureTime: item.captureTime.toISOString(),
      awsAccountId: options.accountId ?? DEMO_ACCOUNT_ID,
      awsRegion: REGION,
      configuration: item.configuration ?? {},
      relationships: [],
      tags: {},
    },
    notificationCreationTime: item.captureTime.toISOString(),
    messageType: 'ConfigurationItemChangeNotification',
    recordVersion: '1.3',
  });
}

function ruleEvent(controlId: string, options: ConfigEventOptions, invokingEvent: object): ConfigRuleInvocation {
  const accountId = options.accountId ?? DEMO_ACCOUNT_ID;
  const configRuleName = `${RULE_NAME_PREFIX}${controlId}`;
  return {
    version: '1.0',
    invokingEvent: JSON.stringify(invokingEvent),
    ruleParameters: JSON.stringify(options.ruleParameters ?? {}),
    resultToken: options.resultToken ?? TEST_MODE_TOKEN,
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: `arn:aws:config:${REGION}:${accountId}:config-rule/config-rule-${controlId}`,
    configRuleName,
    configRuleId: `config-rule-${controlId}`,
    accountId,
  };
}

/** Calls onLine for each line a child's output stream writes (the last one even without a newline). */
export function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      onLine(pending.slice(0, end));
      pending = pending.slice(end + 1);
    }
  });
  stream.on('end', () => pending && onLine(pending));
}
