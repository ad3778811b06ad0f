/**
 * The change queue: EventBridge puts each matching CloudTrail event on it, and the detector puts
 * back one "pending start" per rule Config refused to start, so the queue holds every change that
 * still awaits an evaluation. A message is deleted only after what it asked for was started, handed
 * on as a pending start, or parked in the failed-run queue: a crash at any point leaves it to come
 * back after its visibility timeout, and after too many returns SQS moves it to the failed-run queue.
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import type { AwsSession } from '../aws/session.ts';

/** ReceiveMessage, SendMessageBatch and DeleteMessageBatch take at most 10 messages a call. */
const SQS_BATCH = 10;

/** A rule whose start Config refused, waiting for the next tick. */
export interface PendingStart {
  kind: 'pending-start';
  account: string;
  region: string;
  ruleName: string;
  controlId: string;
  /** The earliest API call this start must follow (epoch ms), for the latency it finally took. */
  firstChangeAt: number;
  /** How many ticks have tried to start it so far. */
  attempts: number;
}

/** What could not be started for good, as an operator reads it in the failed-run queue. */
export interface FailedStart {
  kind: 'failed-start' | 'unreadable-change-event';
  reason: string;
  account?: string;
  region?: string;
  ruleName?: string;
  controlId?: string;
  firstChangeAt?: string;
  attempts?: number;
  /** The message as received, when it could not be read. */
  body?: string;
}

export function isPendingStart(value: unknown): value is PendingStart {
  const v = value as Partial<PendingStart> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.kind === 'pending-start' &&
    typeof v.account === 'string' &&
    typeof v.region === 'string' &&
    typeof v.ruleName === 'string' &&
    typeof v.controlId === 'string' &&
    typeof v.firstChangeAt === 'number' &&
    typeof v.attempts === 'number'
  );
}

export interface DrainLimits {
  /** Stop asking for more after this many messages; the rest wait for the next tick. */
  maxMessages: number;
  /** Stop asking for more once this much time has passed (ms); leaves time to act on what was read. */
  budgetMs: number;
  /** Seconds the received messages stay hidden: longer than an invocation, shorter than a tick. */
  visibilitySeconds: number;
  now: () => number;
}

/**
 * Receives until the queue answers empty or a limit is reached. Long polling (1 s) asks every SQS
 * server, so an empty answer means empty, not "this server had none". Duplicates of a message
 * (standard queues deliver at least once) are dropped by message id.
 */
export async function drainQueue(session: AwsSession, queueUrl: string, limits: DrainLimits): Promise<Message[]> {
  const started = limits.now();
  const messages = new Map<string, Message>();
  while (messages.size < limits.maxMessages && limits.now() - started < limits.budgetMs) {
    const reply = await session.client(SQSClient).send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(SQS_BATCH, limits.maxMessages - messages.size),
        WaitTimeSeconds: 1,
        VisibilityTimeout: limits.visibilitySeconds,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      }),
    );
    const page = reply.Messages ?? [];
    if (page.length === 0) break;
    for (const message of page) if (message.MessageId) messages.set(message.MessageId, message);
  }
  return [...messages.values()];
}

export class QueueWriteError extends Error {
  override readonly name = 'QueueWriteError';
}

/** Sends bodies in batches of ten; any entry SQS refuses fails the tick before anything is deleted. */
export async function sendAll(session: AwsSession, queueUrl: string, bodies: readonly unknown[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += SQS_BATCH) {
    const entries = bodies.slice(i, i + SQS_BATCH).map((body, j) => ({ Id: `m${i + j}`, MessageBody: JSON.stringify(body) }));
    const reply = await session.client(SQSClient).send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    const failed = reply.Failed ?? [];
    if (failed.length > 0) {
      throw new QueueWriteError(
        `SQS refused ${failed.length} message(s) to ${queueUrl} (${failed.map((f) => `${f.Code}: ${f.Message}`).join('; ')}); ` +
          'the changes stay on the change queue and are retried at the next tick.',
      );
    }
  }
}

/**
 * Deletes what was settled. A delete SQS refuses (say, a receipt handle expired) is only logged by
 * the caller: the message comes back and is settled again, which at worst starts a rule once more.
 */
export async function deleteAll(session: AwsSession, queueUrl: string, messages: readonly Message[]): Promise<number> {
  let refused = 0;
  const deletable = messages.filter((m) => m.ReceiptHandle);
  for (let i = 0; i < deletable.length; i += SQS_BATCH) {
    const entries = deletable.slice(i, i + SQS_BATCH).map((m, j) => ({ Id: `d${i + j}`, ReceiptHandle: m.ReceiptHandle! }));
    const reply = await session.client(SQSClient).send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    refused += (reply.Failed ?? []).length;
  }
  return refused;
}
