/**
 * A fault-injecting HTTP proxy for the local emulator: the rule bundle's AWS_ENDPOINT_URL points
 * here, and each request is either passed to the emulator or, with a seeded probability, met with
 * a fault a real AWS endpoint produces:
 *
 * - throttling, in the error format of the request's own protocol (ElastiCache and STS: query XML
 *   `Throttling`; EC2: its own XML `RequestLimitExceeded`; Config and KMS: JSON `ThrottlingException`);
 * - HTTP 500 (`InternalFailure`) and 503 (`ServiceUnavailable`), in the same formats;
 * - a connection reset before the request reaches the emulator, or after the emulator has acted
 *   on it (the reply is lost: a PutEvaluations that did reach Config, as far as the client knows, failed).
 *
 * It listens on 127.0.0.1 only and forwards only to the emulator it was given.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULT_KINDS = ['throttle', 'http-500', 'http-503', 'reset-before', 'reset-after'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultProxyOptions {
  /** The emulator, e.g. http://127.0.0.1:54321; must be on loopback. */
  target: string;
  seed: number;
  /** Probability, 0–1, that a request meets a fault. */
  faultRate: number;
  kinds?: readonly FaultKind[];
}

export interface FaultStats {
  requests: number;
  forwarded: number;
  faults: Record<FaultKind, number>;
}

export interface FaultProxy {
  readonly endpoint: string;
  /** Changes the probability of a fault from the next request on (0: a clean proxy). */
  setFaultRate(rate: number): void;
  /** Counts since the last `takeStats()`, which starts a new count. */
  takeStats(): FaultStats;
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, so that a failing campaign can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const emptyStats = (): FaultStats => ({
  requests: 0,
  forwarded: 0,
  faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
});

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
    throw new Error(`The fault proxy forwards only to a loopback emulator, not ${target.host}.`);
  }
  const random = seededRandom(options.seed);
  const kinds = options.kinds ?? FAULT_KINDS;
  let faultRate = options.faultRate;
  let stats = emptyStats();

  const server = createServer((incoming, reply) => {
    void (async () => {
      const body = await readBody(incoming);
      stats.requests++;
      // Two draws a request whatever the outcome, so one seed gives one sequence of decisions.
      const hit = random() < faultRate;
      const kind = kinds[Math.floor(random() * kinds.length)] ?? 'throttle';
      if (!hit) {
        stats.forwarded++;
        return forward(target, incoming, body, reply);
      }
      stats.faults[kind]++;
      switch (kind) {
        case 'reset-before':
          incoming.socket.destroy();
          return;
        case 'reset-after':
          // The emulator acts on the request; its reply never reaches the client.
          await forward(target, incoming, body, undefined);
          incoming.socket.destroy();
          return;
        default:
          return sendError(incoming, reply, kind);
      }
    })().catch(() => incoming.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setFaultRate: (rate) => void (faultRate = rate),
    takeStats: () => {
      const taken = stats;
      stats = emptyStats();
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

/** Sends the request to the emulator and, unless `reply` is undefined, its answer back. */
function forward(target: URL, incoming: IncomingMessage, body: Buffer, reply: ServerResponse | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          if (reply) {
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            const payload = Buffer.concat(chunks);
            reply.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(payload.length) });
            reply.end(payload);
          }
          resolve();
        });
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The service a request is signed for, from its SigV4 credential scope (…/region/service/aws4_request). */
function serviceOf(incoming: IncomingMessage): string {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(incoming.headers.authorization ?? '')?.[1] ?? 'unknown';
}

const ERROR_CODES: Record<Exclude<FaultKind, 'reset-before' | 'reset-after'>, { status: number; query: string; json: string; ec2: string }> = {
  throttle: { status: 400, query: 'Throttling', json: 'ThrottlingException', ec2: 'RequestLimitExceeded' },
  'http-500': { status: 500, query: 'InternalFailure', json: 'InternalFailure', ec2: 'InternalError' },
  'http-503': { status: 503, query: 'ServiceUnavailable', json: 'ServiceUnavailable', ec2: 'Unavailable' },
};

const QUERY_NAMESPACES: Record<string, string> = {
  elasticache: 'http://elasticache.amazonaws.com/doc/2015-02-02/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

/** An error reply in the protocol the request's service speaks (AWS API references, "Common Errors"). */
function sendError(incoming: IncomingMessage, reply: ServerResponse, kind: keyof typeof ERROR_CODES): void {
  const codes = ERROR_CODES[kind];
  const requestId = randomUUID();
  const message = kind === 'throttle' ? 'Rate exceeded' : 'We encountered an internal error. Please try again.';
  const service = serviceOf(incoming);
  if (incoming.headers['x-amz-target']) {
    reply.writeHead(codes.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId });
    reply.end(JSON.stringify({ __type: codes.json, message }));
  } else if (service === 'ec2') {
    // EC2 throttles with 503 RequestLimitExceeded, whatever the other services do.
    reply.writeHead(kind === 'throttle' ? 503 : codes.status, { 'content-type': 'text/xml' });
    reply.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${codes.ec2}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`);
  } else {
    const namespace = QUERY_NAMESPACES[service] ?? QUERY_NAMESPACES.elasticache;
    reply.writeHead(codes.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    reply.end(
      `<ErrorResponse xmlns="${namespace}"><Error><Type>${kind === 'throttle' ? 'Sender' : 'Receiver'}</Type><Code>${codes.query}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  }
}
