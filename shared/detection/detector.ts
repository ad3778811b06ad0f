/**
 * The change detector: once a minute, drain the change queue, work out which rules the queued
 * changes affect, start each of those rules at most once, and hand back to the queue every rule
 * Config refused to start, so no change is left without an evaluation that starts after it.
 *
 * Why a one-minute tick over the queue rather than an SQS trigger with a batching window: Config
 * refuses a second start of a rule within a minute or while its evaluation runs. A tick run one at a
 * time makes "at most one start per rule per minute" hold by construction. An SQS trigger cannot run
 * batches one at a time (its maximum concurrency is at least 2) and splits a burst of CloudTrail
 * events (2–5 KB each) at the 6 MB invocation payload, so parallel batches would race for the same
 * rules and turn each other's starts into refusals.
 *
 * Scenarios
 * - Given a burst of changes affecting a rule, then the rule is started once for all of them.
 * - Given a start Config refuses (an evaluation runs, or one started under a minute ago), then the
 *   rule goes back on the queue as one pending start and is tried again at the next tick, until a
 *   start succeeds or MAX_START_ATTEMPTS ticks have passed; then it lands in the failed-run queue.
 * - Given a start that can never succeed (access denied, invalid request), then it lands in the
 *   failed-run queue at once, which raises the operations alarm.
 * - Given a change in a member account (organization mode), then the member account's rules are
 *   listed and started with the member account's role.
 * - Given a failed or read-only call, or an undeclared one, then nothing is started and the message is deleted.
 * - Given an account whose rules cannot be listed for a transient reason, then its messages stay on
 *   the queue (SQS moves them to the failed-run queue after repeated returns).
 */
import type { Message } from '@aws-sdk/client-sqs';
import type { AwsSession } from '../aws/session.ts';
import { describe, isAccessDenied } from '../engine/errors.ts';
import { logger } from '../engine/logger.ts';
import { InvalidChangeEventError, affectedControls, type IgnoredReason } from './change-event.ts';
import { deleteAll, drainQueue, isPendingStart, sendAll, type FailedStart, type PendingStart } from './change-queue.ts';
import { deployedRules, type DeployedRule, type RuleNaming } from './rule-directory.ts';
import { startEvaluation } from './start-evaluation.ts';
import { indexCalls, type ControlTriggers } from './triggering-calls.ts';

/**
 * Ticks a refused rule is retried before it counts as failed for good: half an hour, several times
 * the longest evaluation (the rule functions time out after 5 minutes).
 */
export const MAX_START_ATTEMPTS = 30;

/** Config's own floor between two starts of a rule. */
export const START_INTERVAL_MS = 60_000;

export interface DetectorSettings {
  changeQueueUrl: string;
  failedRunQueueUrl: string;
  /** The Region of the stack; the rules of other Regions belong to the stacks deployed there. */
  region: string;
  /** The account the detector runs in; changes of other accounts are started through the member role. */
  accountId: string;
  partition: string;
  /** Organization mode: the member accounts' role name; undefined in a single account. */
  memberRoleName: string | undefined;
  ruleNaming: RuleNaming;
  drain: { maxMessages: number; budgetMs: number; visibilitySeconds: number };
}

export interface DetectorContext {
  /** The detector's own credentials: its queues, and the rules of its own account. */
  session: AwsSession;
  assumeRole(roleArn: string): Promise<AwsSession>;
  now(): number;
  /**
   * When this detector last started each rule (key account/region/rule), kept while the Lambda
   * environment lives: a tick that fires early never calls Config only to be refused.
   */
  recentStarts: Map<string, number>;
}

export interface TickReport {
  received: number;
  ignored: Partial<Record<IgnoredReason | 'other-region' | 'unknown-account' | 'no-rule-deployed', number>>;
  started: { account: string; ruleName: string; controlId: string; latencyMs: number }[];
  deferred: { account: string; ruleName: string; reason: string; attempts: number }[];
  failed: FailedStart[];
  /** Messages left on the queue because their account's rules could not be listed. */
  kept: number;
  deleteRefused: number;
}

/** One change (or pending start) asking for an evaluation of a control, or of one named rule. */
interface Demand {
  controlId: string;
  ruleName: string | undefined;
  firstChangeAt: number;
  attempts: number;
}

interface AccountWork {
  messages: Message[];
  demands: Demand[];
}

export async function runDetectorTick(settings: DetectorSettings, context: DetectorContext, controls: readonly ControlTriggers[]): Promise<TickReport> {
  const index = indexCalls(controls);
  const controlIds = controls.map((c) => c.id);
  const report: TickReport = { received: 0, ignored: {}, started: [], deferred: [], failed: [], kept: 0, deleteRefused: 0 };
  const ignore = (reason: keyof TickReport['ignored']): void => void (report.ignored[reason] = (report.ignored[reason] ?? 0) + 1);

  const messages = await drainQueue(context.session, settings.changeQueueUrl, { ...settings.drain, now: context.now });
  report.received = messages.length;
  const settled: Message[] = [];
  const retries: PendingStart[] = [];
  const work = new Map<string, AccountWork>();
  const workOf = (account: string): AccountWork => {
    let entry = work.get(account);
    if (!entry) work.set(account, (entry = { messages: [], demands: [] }));
    return entry;
  };

  for (const message of messages) {
    const read = readMessage(message, index);
    if ('unreadable' in read) {
      report.failed.push({ kind: 'unreadable-change-event', reason: read.unreadable, body: excerpt(message.Body ?? '') });
      settled.push(message);
      continue;
    }
    if ('ignored' in read) {
      ignore(read.ignored);
      settled.push(message);
      continue;
    }
    if (read.region !== settings.region) {
      logger.warn('change of another Region ignored: deploy the stack there too', { region: read.region, account: read.account });
      ignore('other-region');
      settled.push(message);
      continue;
    }
    if (read.account !== settings.accountId && settings.memberRoleName === undefined) {
      logger.warn('change of another account ignored: set MemberAccountRoleName for organization mode', { account: read.account });
      ignore('unknown-account');
      settled.push(message);
      continue;
    }
    const entry = workOf(read.account);
    entry.messages.push(message);
    entry.demands.push(...read.demands);
  }

  for (const [account, entry] of work) {
    let session: AwsSession;
    let rules: DeployedRule[];
    try {
      session = account === settings.accountId ? context.session : await context.assumeRole(memberRoleArn(settings, account));
      rules = await deployedRules(session, controlIds, settings.ruleNaming);
    } catch (error) {
      if (isAccessDenied(error) || (error instanceof Error && error.name === 'MissingPermissionError')) {
        const reason = `The rules of account ${account} cannot be listed or started (${describe(error)}): grant config:DescribeConfigRules and config:StartConfigRulesEvaluation, and in organization mode let the detector assume the member role.`;
        report.failed.push({ kind: 'failed-start', reason, account, region: settings.region });
        settled.push(...entry.messages);
      } else {
        // Transient: leave the messages; they come back after their visibility timeout.
        logger.warn('rules not listed; the changes stay queued for the next tick', { account, error: describe(error) });
        report.kept += entry.messages.length;
      }
      continue;
    }
    const pending = coalesce(entry.demands, rules, () => ignore('no-rule-deployed'));
    for (const { rule, firstChangeAt, attempts } of pending) {
      const key = `${account}/${settings.region}/${rule.name}`;
      const now = context.now();
      const lastStart = context.recentStarts.get(key);
      const outcome =
        lastStart !== undefined && now - lastStart < START_INTERVAL_MS
          ? ({ outcome: 'refused', reason: 'started by this detector under a minute ago' } as const)
          : rule.state === 'EVALUATING'
            ? ({ outcome: 'refused', reason: 'an evaluation is in progress' } as const)
            : await startEvaluation(session, rule.name);
      if (outcome.outcome === 'started') {
        context.recentStarts.set(key, now);
        report.started.push({ account, ruleName: rule.name, controlId: rule.controlId, latencyMs: now - firstChangeAt });
      } else if (outcome.outcome === 'refused' && attempts + 1 < MAX_START_ATTEMPTS) {
        report.deferred.push({ account, ruleName: rule.name, reason: outcome.reason, attempts: attempts + 1 });
        retries.push({
          kind: 'pending-start',
          account,
          region: settings.region,
          ruleName: rule.name,
          controlId: rule.controlId,
          firstChangeAt,
          attempts: attempts + 1,
        });
      } else {
        const reason =
          outcome.outcome === 'refused'
            ? `Config refused to start rule ${rule.name} at ${MAX_START_ATTEMPTS} ticks in a row (last: ${outcome.reason}); its results may predate changes made since ${new Date(firstChangeAt).toISOString()}. Start it by hand: aws configservice start-config-rules-evaluation --config-rule-names ${rule.name}`
            : outcome.reason;
        report.failed.push({
          kind: 'failed-start',
          reason,
          account,
          region: settings.region,
          ruleName: rule.name,
          controlId: rule.controlId,
          firstChangeAt: new Date(firstChangeAt).toISOString(),
          attempts: attempts + 1,
        });
      }
    }
    settled.push(...entry.messages);
  }

  // Hand on before deleting: if either send fails, nothing is deleted and every change comes back.
  await sendAll(context.session, settings.changeQueueUrl, retries);
  await sendAll(context.session, settings.failedRunQueueUrl, report.failed);
  report.deleteRefused = await deleteAll(context.session, settings.changeQueueUrl, settled);

  for (const failure of report.failed) logger.error('evaluation not started; parked in the failed-run queue', { ...failure, body: undefined });
  logger.info('tick', {
    received: report.received,
    ignored: report.ignored,
    started: report.started.map((s) => s.ruleName),
    deferred: report.deferred.length,
    failed: report.failed.length,
    kept: report.kept,
    maxLatencyMs: Math.max(0, ...report.started.map((s) => s.latencyMs)),
  });
  return report;
}

type ReadMessage =
  | { unreadable: string }
  | { ignored: IgnoredReason | 'other-region' }
  | { account: string; region: string; demands: Demand[] };

function readMessage(message: Message, index: ReturnType<typeof indexCalls>): ReadMessage {
  let body: unknown;
  try {
    body = JSON.parse(message.Body ?? '');
  } catch {
    return { unreadable: 'The message body is not JSON.' };
  }
  if (isPendingStart(body)) {
    return {
      account: body.account,
      region: body.region,
      demands: [{ controlId: body.controlId, ruleName: body.ruleName, firstChangeAt: body.firstChangeAt, attempts: body.attempts }],
    };
  }
  try {
    const decision = affectedControls(body, index);
    // Only the change rule and the detector write to the queue: anything else is parked, not dropped.
    if (!decision.affected && decision.reason === 'not-a-cloudtrail-call') {
      return { unreadable: 'The message is neither an "AWS API Call via CloudTrail" event nor a pending start.' };
    }
    if (!decision.affected) return { ignored: decision.reason };
    const { call } = decision;
    return {
      account: call.account,
      region: call.region,
      demands: decision.controlIds.map((controlId) => ({ controlId, ruleName: undefined, firstChangeAt: call.eventTime, attempts: 0 })),
    };
  } catch (error) {
    if (error instanceof InvalidChangeEventError) return { unreadable: error.message };
    throw error;
  }
}

/**
 * One entry per rule, however many changes ask for it: the earliest change (for the latency) and
 * the most attempts so far (a rule refused for long keeps counting towards the failed-run queue).
 * Oldest first, so that rules waiting longest are tried first.
 */
function coalesce(demands: readonly Demand[], rules: readonly DeployedRule[], noRule: () => void) {
  const pending = new Map<string, { rule: DeployedRule; firstChangeAt: number; attempts: number }>();
  for (const demand of demands) {
    const targets = rules.filter((r) => (demand.ruleName === undefined ? r.controlId === demand.controlId : r.name === demand.ruleName));
    // No rule runs the control here (switched off, or a pending start whose rule was deleted): nothing to evaluate.
    if (targets.length === 0) noRule();
    for (const rule of targets) {
      const seen = pending.get(rule.name);
      pending.set(rule.name, {
        rule,
        firstChangeAt: Math.min(seen?.firstChangeAt ?? Infinity, demand.firstChangeAt),
        attempts: Math.max(seen?.attempts ?? 0, demand.attempts),
      });
    }
  }
  return [...pending.values()].sort((a, b) => a.firstChangeAt - b.firstChangeAt);
}

/**
 * The start of an unreadable message: enough to recognise it (a CloudTrail event's eventID comes
 * early), small enough that ten of them fit one SendMessageBatch (256 KB in all).
 */
const EXCERPT_CHARACTERS = 8_192;
function excerpt(body: string): string {
  return body.length <= EXCERPT_CHARACTERS ? body : `${body.slice(0, EXCERPT_CHARACTERS)}… (${body.length} characters in all)`;
}

export function memberRoleArn(settings: Pick<DetectorSettings, 'partition' | 'memberRoleName'>, account: string): string {
  return `arn:${settings.partition}:iam::${account}:role/${settings.memberRoleName}`;
}
