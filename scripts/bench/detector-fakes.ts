/**
 * In-memory stand-ins for what the change detector talks to, on a virtual clock: SQS queues
 * (visibility timeouts, receive counts) and AWS Config as its API reference describes
 * StartConfigRulesEvaluation (LimitExceededException while an evaluation of the rule runs or within
 * a minute of its last start). Both answer the SDK's command objects with the SDK's output shapes,
 * so the detector runs unchanged on them; the bench and the burst simulation test share them.
 */
import {
  DescribeConfigRulesCommand,
  LimitExceededException,
  NoSuchConfigRuleException,
  StartConfigRulesEvaluationCommand,
  type ConfigRule,
} from '@aws-sdk/client-config-service';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import type { AwsSession } from '#shared/aws/session.ts';

export class VirtualClock {
  constructor(public nowMs = 0) {}
  readonly now = (): number => this.nowMs;
}

interface StoredMessage {
  id: string;
  body: string;
  visibleAt: number;
  receives: number;
  receipt: string | undefined;
}

export class FakeQueue {
  readonly messages: StoredMessage[] = [];
  private next = 0;
  constructor(
    readonly url: string,
    private readonly clock: VirtualClock,
  ) {}

  send(body: string, delayMs = 0): void {
    this.messages.push({ id: `msg-${++this.next}`, body, visibleAt: this.clock.now() + delayMs, receives: 0, receipt: undefined });
  }

  receive(max: number, visibilitySeconds: number): Message[] {
    const now = this.clock.now();
    const visible = this.messages.filter((m) => m.visibleAt <= now).slice(0, max);
    return visible.map((m) => {
      m.receives += 1;
      m.visibleAt = now + visibilitySeconds * 1000;
      m.receipt = `${m.id}#${m.receives}`;
      return { MessageId: m.id, ReceiptHandle: m.receipt, Body: m.body, Attributes: { ApproximateReceiveCount: String(m.receives) } };
    });
  }

  delete(receipt: string): boolean {
    const at = this.messages.findIndex((m) => m.receipt === receipt);
    if (at < 0) return false;
    this.messages.splice(at, 1);
    return true;
  }
}

export interface StartCall {
  at: number;
  ruleName: string;
  accepted: boolean;
}

interface RuleState {
  rule: ConfigRule;
  runningUntil: number;
  lastStart: number;
  durationMs: number;
}

/** Config rules whose evaluations take `durationMs` each once started. */
export class FakeConfig {
  readonly calls: StartCall[] = [];
  private readonly rules = new Map<string, RuleState>();
  /**
   * Whether DescribeConfigRules shows a running evaluation as EVALUATING. Unverified in a real
   * account; with false, every refusal has to come from StartConfigRulesEvaluation itself.
   */
  constructor(
    private readonly clock: VirtualClock,
    private readonly showsEvaluatingState = true,
  ) {}

  addRule(name: string, durationMs: number, runningUntil = -Infinity): void {
    this.rules.set(name, {
      rule: { ConfigRuleName: name, ConfigRuleArn: `arn:aws:config:us-east-1:123456789012:config-rule/config-rule-${name.length}${this.rules.size}`, ConfigRuleState: 'ACTIVE', Source: undefined },
      runningUntil,
      lastStart: runningUntil === -Infinity ? -Infinity : runningUntil - durationMs,
      durationMs,
    });
  }

  /** DescribeConfigRules pages 25 rules at a time, as Config does. */
  describe(token: string | undefined): { ConfigRules: ConfigRule[]; NextToken?: string } {
    const all = [...this.rules.values()];
    const from = token ? Number(token) : 0;
    const now = this.clock.now();
    const page = all.slice(from, from + 25).map((s) => ({ ...s.rule, ConfigRuleState: this.showsEvaluatingState && now < s.runningUntil ? ('EVALUATING' as const) : ('ACTIVE' as const) }));
    return { ConfigRules: page, ...(from + 25 < all.length ? { NextToken: String(from + 25) } : {}) };
  }

  start(names: readonly string[]): void {
    const now = this.clock.now();
    for (const name of names) {
      const state = this.rules.get(name);
      if (!state) throw new NoSuchConfigRuleException({ message: `The ConfigRule '${name}' provided in the request is invalid.`, $metadata: {} });
      if (now < state.runningUntil || now - state.lastStart < 60_000) {
        this.calls.push({ at: now, ruleName: name, accepted: false });
        throw new LimitExceededException({ message: 'An evaluation is in progress or one was started less than a minute ago.', $metadata: {} });
      }
    }
    for (const name of names) {
      const state = this.rules.get(name)!;
      state.lastStart = now;
      state.runningUntil = now + state.durationMs;
      this.calls.push({ at: now, ruleName: name, accepted: true });
    }
  }

  busy(): boolean {
    const now = this.clock.now();
    return [...this.rules.values()].some((s) => now < s.runningUntil);
  }
}

/** An AwsSession whose clients answer from the fakes (SQS by queue URL, Config). */
export function fakeSession(queues: readonly FakeQueue[], config: FakeConfig): AwsSession {
  const queueOf = (url: string | undefined): FakeQueue => {
    const queue = queues.find((q) => q.url === url);
    if (!queue) throw new Error(`No fake queue ${url}`);
    return queue;
  };
  const client = {
    async send(command: unknown): Promise<unknown> {
      if (command instanceof ReceiveMessageCommand) {
        const messages = queueOf(command.input.QueueUrl).receive(command.input.MaxNumberOfMessages ?? 1, command.input.VisibilityTimeout ?? 30);
        return { Messages: messages };
      }
      if (command instanceof SendMessageBatchCommand) {
        const queue = queueOf(command.input.QueueUrl);
        for (const entry of command.input.Entries ?? []) queue.send(entry.MessageBody ?? '', (entry.DelaySeconds ?? 0) * 1000);
        return { Successful: (command.input.Entries ?? []).map((e) => ({ Id: e.Id })), Failed: [] };
      }
      if (command instanceof DeleteMessageBatchCommand) {
        const queue = queueOf(command.input.QueueUrl);
        const failed = (command.input.Entries ?? []).filter((e) => !queue.delete(e.ReceiptHandle ?? ''));
        return { Successful: [], Failed: failed.map((e) => ({ Id: e.Id, Code: 'ReceiptHandleIsInvalid', SenderFault: true })) };
      }
      if (command instanceof DescribeConfigRulesCommand) return config.describe(command.input.NextToken);
      if (command instanceof StartConfigRulesEvaluationCommand) {
        config.start(command.input.ConfigRuleNames ?? []);
        return {};
      }
      throw new Error(`The fake session does not serve ${(command as object).constructor.name}`);
    },
  };
  return { meter: { calls: 0 }, client: <C>() => client as C };
}
