/**
 * CloudTrail management events as EventBridge delivers them ("AWS API Call via CloudTrail"), and
 * the pure mapping from one event to the controls whose verdicts it may have changed.
 *
 * Scenarios
 * - Given a successful call that a control declares, then that control (and every other control
 *   declaring it) is affected, in the account and Region the event names.
 * - Given a call that failed (`errorCode` present), then nothing is affected: it changed nothing.
 * - Given a read-only call (`readOnly` true), then nothing is affected, even if a declaration lists it.
 * - Given a call no control declares, or another kind of event, then nothing is affected.
 * - Given something that is not an EventBridge CloudTrail event at all, then it is refused with the
 *   field at fault (the detector parks it in the failed-run queue instead of dropping it).
 */
import { CLOUDTRAIL_DETAIL_TYPE, callKey, type CallIndex } from './triggering-calls.ts';

export class InvalidChangeEventError extends Error {
  override readonly name = 'InvalidChangeEventError';
}

/** The fields of an EventBridge CloudTrail event the detector reads. */
export interface CloudTrailCall {
  /** EventBridge `account`: the account the call was made in (a member account when forwarded). */
  account: string;
  region: string;
  eventSource: string;
  eventName: string;
  /** When the API call was made (CloudTrail `eventTime`), in epoch milliseconds. */
  eventTime: number;
  eventId: string | undefined;
  errorCode: string | undefined;
  readOnly: boolean;
}

export type ChangeDecision =
  | { affected: true; call: CloudTrailCall; controlIds: readonly string[] }
  | { affected: false; call: CloudTrailCall | undefined; reason: IgnoredReason };

export type IgnoredReason = 'not-a-cloudtrail-call' | 'failed-call' | 'read-only-call' | 'undeclared-call';

export function parseCloudTrailCall(raw: unknown): CloudTrailCall {
  const event = asObject(raw, 'the event');
  const detail = asObject(event.detail, 'detail');
  const account = text(event, 'account', 'the event');
  if (!/^\d{12}$/.test(account)) throw new InvalidChangeEventError(`The event's account ${JSON.stringify(account)} is not a 12-digit account id.`);
  const eventTimeText = text(detail, 'eventTime');
  const eventTime = Date.parse(eventTimeText);
  if (Number.isNaN(eventTime)) throw new InvalidChangeEventError(`detail.eventTime ${JSON.stringify(eventTimeText)} is not a timestamp.`);
  return {
    account,
    region: text(event, 'region', 'the event'),
    eventSource: text(detail, 'eventSource'),
    eventName: text(detail, 'eventName'),
    eventTime,
    eventId: typeof detail.eventID === 'string' ? detail.eventID : undefined,
    errorCode: typeof detail.errorCode === 'string' && detail.errorCode !== '' ? detail.errorCode : undefined,
    // CloudTrail writes readOnly as a boolean; some older records carry the string "true".
    readOnly: detail.readOnly === true || detail.readOnly === 'true',
  };
}

/** True when `raw` claims to be an EventBridge CloudTrail API-call event (it may still be malformed). */
export function isCloudTrailCallEvent(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)['detail-type'] === CLOUDTRAIL_DETAIL_TYPE;
}

/** The controls one event affects; throws InvalidChangeEventError on a malformed CloudTrail event. */
export function affectedControls(raw: unknown, index: CallIndex): ChangeDecision {
  if (!isCloudTrailCallEvent(raw)) return { affected: false, call: undefined, reason: 'not-a-cloudtrail-call' };
  const call = parseCloudTrailCall(raw);
  // The event pattern already drops both, but a hand-sent event or a broadened rule must not start rules.
  if (call.errorCode !== undefined) return { affected: false, call, reason: 'failed-call' };
  if (call.readOnly) return { affected: false, call, reason: 'read-only-call' };
  const controlIds = index.get(callKey(call.eventSource, call.eventName)) ?? [];
  if (controlIds.length === 0) return { affected: false, call, reason: 'undeclared-call' };
  return { affected: true, call, controlIds };
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidChangeEventError(`${where} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function text(source: Record<string, unknown>, field: string, where = 'detail'): string {
  const value = source[field];
  if (typeof value !== 'string' || value === '') throw new InvalidChangeEventError(`${where}.${field} is missing or not a string.`);
  return value;
}
