/**
 * A burst of change events run through the real change detector on the in-memory queue and Config
 * of detector-fakes.ts, one tick a minute on a virtual clock, until every change is settled. What
 * it measures is what issue 10 asks for: starts per rule per minute, changes left without a later
 * evaluation, starts caused by read-only or failed calls, and the time from API call to start.
 */
import { runDetectorTick, type DetectorSettings } from '#shared/detection/detector.ts';
import type { ControlTriggers, TriggeringService } from '#shared/detection/triggering-calls.ts';
import { FakeConfig, FakeQueue, VirtualClock, fakeSession, type StartCall } from './detector-fakes.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const CHANGE_QUEUE = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/change-queue`;
const FAILED_QUEUE = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/failed-run-queue`;
const TICK_MS = 60_000;

/** A read-only call of each service, as CloudTrail records it (readOnly: true). */
const READ_ONLY_CALL: Record<TriggeringService, string> = {
  elasticache: 'DescribeReplicationGroups',
  ec2: 'DescribeRouteTables',
  kms: 'DescribeKey',
};

export interface BurstOptions {
  /** Change events whose call can change a verdict. */
  changes: number;
  /** Read-only and failed calls mixed into the burst (as if the event pattern had let them through). */
  noise: number;
  caches: number;
  /** The burst's API calls are spread evenly over this window. */
  windowMs: number;
  /** CloudTrail → EventBridge → SQS delivery, assumed constant (not ours to shorten). */
  deliveryMs: number;
  /** How long each rule's evaluation runs once started; a rule with none listed takes 20 s. */
  evaluationMs: Readonly<Record<string, number>>;
  /** Rules already evaluating when the burst begins (a periodic run), and until when. */
  runningAtStart: Readonly<Record<string, number>>;
  /** When the first tick fires, relative to the first call. */
  firstTickMs: number;
  /** Unrelated rules of the account, to make the detector page through DescribeConfigRules. */
  otherRules: number;
  /** Whether Config lists a running evaluation as EVALUATING (if not, only its refusals tell). */
  showsEvaluatingState: boolean;
  /** A new Lambda environment every tick: the detector's memory of its own starts is lost. */
  coldStarts: boolean;
  seed: number;
}

export interface BurstResult {
  changes: number;
  noise: number;
  rules: number;
  ticks: number;
  startCalls: number;
  acceptedStarts: number;
  refusedStarts: number;
  /** Most StartConfigRulesEvaluation calls (accepted or not) naming one rule within any 60 s. */
  maxCallsPerRulePerMinute: number;
  /** (change, affected rule) pairs with no accepted start after the API call. */
  uncoveredChanges: number;
  failedRunMessages: number;
  leftOnQueue: number;
  latencyMs: { p50: number; p95: number; max: number };
  calls: StartCall[];
}

/** A small deterministic generator, so that every run of the bench measures the same burst. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function apiCallEvent(service: TriggeringService, eventName: string, eventTime: number, cache: number, n: number, variant: 'ok' | 'read-only' | 'failed') {
  return {
    version: '0',
    id: `sim-${n}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${service}`,
    account: ACCOUNT,
    time: new Date(eventTime).toISOString(),
    region: REGION,
    resources: [],
    detail: {
      eventVersion: '1.09',
      eventTime: new Date(eventTime).toISOString(),
      eventSource: `${service}.amazonaws.com`,
      eventName,
      awsRegion: REGION,
      requestParameters: { replicationGroupId: `orders-${cache}` },
      eventID: `sim-event-${n}`,
      readOnly: variant === 'read-only',
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      ...(variant === 'failed' ? { errorCode: 'InvalidReplicationGroupState', errorMessage: 'Replication group is not available.' } : {}),
    },
  };
}

export async function simulateBurst(controls: readonly ControlTriggers[], options: BurstOptions): Promise<BurstResult> {
  const clock = new VirtualClock(0);
  const changeQueue = new FakeQueue(CHANGE_QUEUE, clock);
  const failedQueue = new FakeQueue(FAILED_QUEUE, clock);
  const config = new FakeConfig(clock, options.showsEvaluatingState);
  const ruleOf = (id: string) => `elasticache-${id}`;
  for (const control of controls) {
    config.addRule(ruleOf(control.id), options.evaluationMs[control.id] ?? 20_000, options.runningAtStart[control.id]);
  }
  for (let i = 0; i < options.otherRules; i++) config.addRule(`s3-bucket-versioning-${i}`, 20_000);
  const session = fakeSession([changeQueue, failedQueue], config);
  const next = random(options.seed);

  // Every declared call, and read-only calls of the same services (Describe*, never declared).
  const declared = controls.flatMap((c) =>
    (Object.entries(c.triggeringCalls) as [TriggeringService, readonly string[]][]).flatMap(([service, names]) => names.map((name) => ({ service, name }))),
  );
  const affectedBy = (service: string, name: string) => controls.filter((c) => (c.triggeringCalls[service as TriggeringService] ?? []).includes(name)).map((c) => ruleOf(c.id));
  const changes: { at: number; rules: string[] }[] = [];
  const total = options.changes + options.noise;
  // Noise is spread evenly through the burst, alternately a failed call and a read-only one.
  const noiseEvery = options.noise > 0 ? total / options.noise : Infinity;
  let noiseSent = 0;
  for (let n = 0; n < total; n++) {
    const at = Math.floor((n / total) * options.windowMs);
    const call = declared[Math.floor(next() * declared.length)]!;
    const cache = Math.floor(next() * options.caches);
    const isNoise = noiseSent < options.noise && n + 1 >= Math.round((noiseSent + 1) * noiseEvery);
    const variant = !isNoise ? 'ok' : noiseSent % 2 === 0 ? 'failed' : 'read-only';
    if (isNoise) noiseSent += 1;
    if (variant === 'ok') changes.push({ at, rules: affectedBy(call.service, call.name) });
    const name = variant === 'read-only' ? READ_ONLY_CALL[call.service] : call.name;
    changeQueue.send(JSON.stringify(apiCallEvent(call.service, name, at, cache, n, variant)), at + options.deliveryMs);
  }
  const noiseCount = total - changes.length;

  const settings: DetectorSettings = {
    changeQueueUrl: CHANGE_QUEUE,
    failedRunQueueUrl: FAILED_QUEUE,
    region: REGION,
    accountId: ACCOUNT,
    partition: 'aws',
    memberRoleName: undefined,
    ruleNaming: 'stack',
    drain: { maxMessages: 10_000, budgetMs: 20_000, visibilitySeconds: 55 },
  };
  const recentStarts = new Map<string, number>();
  let ticks = 0;
  for (clock.nowMs = options.firstTickMs; ticks < 120; clock.nowMs += TICK_MS) {
    ticks += 1;
    if (options.coldStarts) recentStarts.clear();
    await runDetectorTick(settings, { session, assumeRole: () => Promise.reject(new Error('no member accounts here')), now: clock.now, recentStarts }, controls);
    if (changeQueue.messages.length === 0 && clock.nowMs > options.windowMs + options.deliveryMs) break;
  }

  const accepted = config.calls.filter((c) => c.accepted);
  let uncovered = 0;
  const latencies: number[] = [];
  for (const change of changes) {
    for (const rule of change.rules) {
      const start = accepted.find((s) => s.ruleName === rule && s.at > change.at);
      if (start) latencies.push(start.at - change.at);
      else uncovered += 1;
    }
  }
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  let maxPerMinute = 0;
  for (const call of config.calls) {
    const inWindow = config.calls.filter((c) => c.ruleName === call.ruleName && c.at >= call.at && c.at < call.at + 60_000).length;
    maxPerMinute = Math.max(maxPerMinute, inWindow);
  }
  return {
    changes: changes.length,
    noise: noiseCount,
    rules: controls.length,
    ticks,
    startCalls: config.calls.length,
    acceptedStarts: accepted.length,
    refusedStarts: config.calls.length - accepted.length,
    maxCallsPerRulePerMinute: maxPerMinute,
    uncoveredChanges: uncovered,
    failedRunMessages: failedQueue.messages.length,
    leftOnQueue: changeQueue.messages.length,
    latencyMs: { p50: pick(0.5), p95: pick(0.95), max: latencies[latencies.length - 1] ?? 0 },
    calls: config.calls,
  };
}
