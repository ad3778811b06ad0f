// Starts a private moto server (the local AWS emulator) for integration tests, and reads back what the
// code under test sent to it through moto's request recorder.
//
// The server is moto extended by `moto_ext/` (member clusters, user groups, serverless caches and the
// ElastiCache fields moto 5.2.5 drops): `python -m moto_ext` patches moto in-process, then runs moto's
// own server with the same arguments.
//
// Each server gets its own free loopback port and its own recording file (moto's recorder otherwise
// appends to `./moto_recording` in its working directory, which parallel servers would share).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: this file lives at `<repo>/scripts/local-aws/moto-server.ts`. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the `moto_ext` package lives (put on PYTHONPATH). */
const EXTENSION_DIR = fileURLToPath(new URL('./', import.meta.url));

const DEFAULT_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;
const PORT_ATTEMPTS = 3;

/** One request as captured by moto's recorder (`/moto-api/recorder/download-recording`). */
export interface RecordedRequest {
  method: string;
  /** The full URL moto saw, e.g. `http://127.0.0.1:PORT/`. */
  url: string;
  /** Request headers as moto saw them (Werkzeug spelling, e.g. `X-Amz-Target`). */
  headers: Record<string, string>;
  /** The body as text: base64 is decoded for you (moto base64-encodes every byte body). */
  body: string;
  /** `X-Amz-Target` header (JSON-protocol services such as Config), if any. */
  target: string | undefined;
  /**
   * The API operation: the part of `target` after the dot (JSON protocol, e.g. `PutEvaluations`), or
   * the `Action` form field (query protocol: ElastiCache, EC2, STS). Undefined for `/moto-api/` calls.
   */
  operation: string | undefined;
}

export interface Evaluation {
  ComplianceResourceType: string;
  ComplianceResourceId: string;
  ComplianceType: string;
  Annotation?: string;
  /** The SDK sends epoch seconds (possibly fractional) on the wire; converted to a Date here. */
  OrderingTimestamp: Date;
}

export interface PutEvaluationsRequest {
  Evaluations: Evaluation[];
  ResultToken: string;
  TestMode?: boolean;
}

export interface MotoServer {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly endpoint: string;
  readonly port: number;
  /** Clears every service's state (`POST /moto-api/reset`). Keeps the recording; while recording
   * is on, this call itself shows up in it (as `POST /moto-api/reset`, operation undefined). */
  reset(): Promise<void>;
  /** Empties the recording, then records every request from now on. */
  startRecording(): Promise<void>;
  stopRecording(): Promise<void>;
  /** Every request recorded since the last `startRecording()`, oldest first. */
  downloadRecording(): Promise<RecordedRequest[]>;
  /** The recorded Config `PutEvaluations` calls, in order, with their JSON bodies parsed. */
  putEvaluationsRequests(): Promise<PutEvaluationsRequest[]>;
  /** Kills moto and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartMotoServerOptions {
  /** Python interpreter; default env `MOTO_PYTHON`, else `<repo>/.venv/bin/python`. */
  python?: string;
  /** How long to wait for moto to answer; default 60 s. */
  timeoutMs?: number;
  /**
   * Extra environment for moto, e.g. `INITIAL_NO_AUTH_ACTION_COUNT`: after that many actions moto
   * authorizes every request against the IAM policies of the caller, as AWS does.
   */
  env?: Record<string, string>;
}

/**
 * Environment for a child process (a built rule bundle, a script) that should talk to `server`.
 */
export function awsEnvFor(server: Pick<MotoServer, 'endpoint'>): Record<string, string> {
  return {
    // Picked up by every SDK v3 client (and the AWS CLI) as the endpoint of every service.
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    // moto accepts any credentials; set all three so no credential-provider chain looks further
    // (profiles, IMDS) and an ambient session token cannot leak in.
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    // moto answers unimplemented operations with HTTP 500 + an HTML page, which the SDK treats as
    // retryable: with the default 3 attempts (and back-off) a test that hits one is slow and the
    // recorder shows the request three times. One attempt keeps recordings 1:1 with the calls the
    // code made and makes failures immediate. Code whose own retry behaviour is under test should
    // override this.
    AWS_MAX_ATTEMPTS: '1',
    // Never read ~/.aws of the machine running the tests.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Starts moto on a free loopback port and resolves once it answers HTTP. */
export async function startMotoServer(options: StartMotoServerOptions = {}): Promise<MotoServer> {
  const python = options.python ?? process.env['MOTO_PYTHON'] ?? join(REPO_ROOT, '.venv', 'bin', 'python');
  const timeoutMs = options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  let lastError: unknown;
  // The port is free when we look but could be taken before moto binds it: retry on a new port then.
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt += 1) {
    const port = await freeLoopbackPort();
    try {
      return await launch(python, port, timeoutMs, options.env ?? {});
    } catch (error) {
      lastError = error;
      if (!(error instanceof MotoStartError) || !error.addressInUse) break;
    }
  }
  throw lastError;
}

class MotoStartError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = 'MotoStartError';
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a loopback listener'));
        return;
      }
      const { port } = address;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}

async function launch(python: string, port: number, timeoutMs: number, extraEnv: Record<string, string>): Promise<MotoServer> {
  const workDir = mkdtempSync(join(tmpdir(), 'moto-'));
  const child = spawn(python, ['-m', 'moto_ext', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: workDir,
    env: {
      ...process.env,
      PYTHONPATH: [EXTENSION_DIR, process.env['PYTHONPATH']].filter(Boolean).join(delimiter),
      MOTO_RECORDER_FILEPATH: join(workDir, 'recording.jsonl'),
      PYTHONUNBUFFERED: '1',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not be started (${error.message})`));
    child.once('exit', (code, signal) => resolve(`exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
  });
  let exitDescription: string | undefined;
  void exited.then((description) => {
    exitDescription = description;
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const cleanUp = async (): Promise<void> => {
    await killAndWait(child, exited);
    rmSync(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitDescription !== undefined) {
      rmSync(workDir, { recursive: true, force: true });
      throw new MotoStartError(
        `moto server (${python} -m moto_ext, port ${port}) ${exitDescription} before answering.\n` +
          `--- moto output (tail) ---\n${output}`,
        /address already in use/i.test(output),
      );
    }
    if (Date.now() > deadline) {
      await cleanUp();
      throw new MotoStartError(
        `moto server (${python} -m moto_ext, port ${port}) did not answer ${endpoint}/moto-api/ ` +
          `within ${timeoutMs} ms.\n--- moto output (tail) ---\n${output}`,
        false,
      );
    }
    if (await answers(`${endpoint}/moto-api/`)) break;
    await sleep(100);
  }

  const call = async (path: string, method: 'GET' | 'POST'): Promise<string> => {
    const response = await fetch(`${endpoint}${path}`, { method });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`moto ${method} ${path} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
    }
    return text;
  };

  // Creates the (empty) recording file, so a download before any request answers "" rather than a 500.
  await call('/moto-api/recorder/reset-recording', 'POST');

  let stopped: Promise<void> | undefined;
  const server: MotoServer = {
    endpoint,
    port,
    async reset() {
      await call('/moto-api/reset', 'POST');
    },
    async startRecording() {
      await call('/moto-api/recorder/reset-recording', 'POST');
      await call('/moto-api/recorder/start-recording', 'POST');
    },
    async stopRecording() {
      await call('/moto-api/recorder/stop-recording', 'POST');
    },
    async downloadRecording() {
      return parseRecording(await call('/moto-api/recorder/download-recording', 'GET'));
    },
    async putEvaluationsRequests() {
      const recorded = await server.downloadRecording();
      return recorded
        .filter((request) => request.target === 'StarlingDoveService.PutEvaluations')
        .map((request) => parsePutEvaluations(request.body));
    },
    stop() {
      stopped ??= cleanUp();
      return stopped;
    },
  };
  return server;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function killAndWait(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    await exited;
    return;
  }
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * moto's recording is JSON Lines: one object per request,
 * `{"headers": {...}, "method": "POST", "url": "http://…/", "body": "<base64>", "body_encoded": true}`.
 * Byte bodies (every SDK request) are base64 with `body_encoded: true`; bodiless requests have
 * `body: ""` and `body_encoded: false`.
 */
export function parseRecording(text: string): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as {
      headers?: Record<string, string>;
      method?: string;
      url?: string;
      body?: string | null;
      body_encoded?: boolean;
    };
    const headers = entry.headers ?? {};
    const rawBody = entry.body ?? '';
    const body = entry.body_encoded === true ? Buffer.from(rawBody, 'base64').toString('utf8') : rawBody;
    const target = headerValue(headers, 'x-amz-target');
    requests.push({
      method: entry.method ?? '',
      url: entry.url ?? '',
      headers,
      body,
      target,
      operation: operationOf(target, headerValue(headers, 'content-type'), body),
    });
  }
  return requests;
}

function operationOf(target: string | undefined, contentType: string | undefined, body: string): string | undefined {
  if (target !== undefined) return target.slice(target.lastIndexOf('.') + 1);
  if (contentType?.startsWith('application/x-www-form-urlencoded') === true) {
    return new URLSearchParams(body).get('Action') ?? undefined;
  }
  return undefined;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

interface WireEvaluation {
  ComplianceResourceType: string;
  ComplianceResourceId: string;
  ComplianceType: string;
  Annotation?: string;
  OrderingTimestamp: number | string;
}

/** Parses a PutEvaluations JSON body (awsJson1_1: timestamps are epoch seconds). */
export function parsePutEvaluations(body: string): PutEvaluationsRequest {
  const wire = JSON.parse(body) as {
    Evaluations?: WireEvaluation[];
    ResultToken: string;
    TestMode?: boolean;
  };
  const request: PutEvaluationsRequest = {
    Evaluations: (wire.Evaluations ?? []).map((evaluation) => {
      const parsed: Evaluation = {
        ComplianceResourceType: evaluation.ComplianceResourceType,
        ComplianceResourceId: evaluation.ComplianceResourceId,
        ComplianceType: evaluation.ComplianceType,
        OrderingTimestamp:
          typeof evaluation.OrderingTimestamp === 'number'
            ? new Date(evaluation.OrderingTimestamp * 1000)
            : new Date(evaluation.OrderingTimestamp),
      };
      if (evaluation.Annotation !== undefined) parsed.Annotation = evaluation.Annotation;
      return parsed;
    }),
    ResultToken: wire.ResultToken,
  };
  if (wire.TestMode !== undefined) request.TestMode = wire.TestMode;
  return request;
}
