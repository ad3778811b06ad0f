/**
 * Log delivery (slow log, engine log) to CloudWatch Logs or Kinesis Data Firehose.
 *
 * Scenarios
 * - Given a Memcached cluster, then NOT_APPLICABLE (ElastiCache delivers no Memcached logs).
 * - Given a serverless cache, then NOT_APPLICABLE (log delivery is not supported for serverless caches).
 * - Given an unknown engine, then NON_COMPLIANT (cannot be shown to deliver logs).
 * - Given a Redis OSS version that cannot deliver a required log type (slow log below 6.0, engine log below 6.2), then NON_COMPLIANT naming the upgrade needed.
 * - Given a required log type with no LogDeliveryConfigurations entry, then NON_COMPLIANT naming the type as not configured.
 * - Given a required log type whose entry is `error`, `disabling`, `enabling`, `modifying` or has no status, then NON_COMPLIANT naming the status.
 * - Given an active entry whose destination type is neither CloudWatch Logs nor Kinesis Data Firehose, then NON_COMPLIANT.
 * - Given every required log type active to CloudWatch Logs or Kinesis Data Firehose, then COMPLIANT naming the destinations.
 */
import { SERVERLESS_CACHE, type CacheResource, type LogDelivery } from '../inventory/cache-resource.ts';
import { compareVersions, isAtLeast } from '../inventory/engine-version.ts';
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';
import { engineLabel, isRedisFamily, kindLabel } from './describe-resource.ts';

export const LOG_TYPES = ['slow-log', 'engine-log'] as const;
export type LogType = (typeof LOG_TYPES)[number];

export interface LogDeliveryParameters {
  requiredLogTypes: readonly string[];
}

/**
 * First Redis OSS version that can deliver each log type (ElastiCache User Guide, "Log delivery").
 * Every Valkey version ElastiCache offers (7.2 onward) delivers both.
 */
export const REDIS_LOG_MINIMUM: Readonly<Record<LogType, string>> = { 'slow-log': '6.0', 'engine-log': '6.2' };

const LOG_NAMES: Readonly<Record<string, string>> = { 'slow-log': 'slow log', 'engine-log': 'engine log' };
const DESTINATIONS: Readonly<Record<string, string>> = { 'cloudwatch-logs': 'CloudWatch Logs', 'kinesis-firehose': 'Kinesis Data Firehose' };
const DELIVERING = 'active';

/** Refuses anything but the two log types, naming them (the rule parameter's item validation). */
export function logTypeProblem(item: string): string | undefined {
  return (LOG_TYPES as readonly string[]).includes(item) ? undefined : `is not a log type; use ${LOG_TYPES.join(' or ')}`;
}

export function evaluateLogDelivery(resource: CacheResource, { requiredLogTypes }: LogDeliveryParameters): Verdict {
  const kind = kindLabel(resource);
  if (resource.resourceType === SERVERLESS_CACHE) {
    return notApplicable('ElastiCache does not support log delivery for serverless caches; there is no slow or engine log to deliver.');
  }
  if (resource.engine === 'memcached') {
    return notApplicable('ElastiCache delivers slow and engine logs for Valkey and Redis OSS only, not Memcached.');
  }
  if (!isRedisFamily(resource)) {
    return nonCompliant(`Engine "${resource.engine}" is not recognised, so log delivery cannot be verified; review this ${kind} manually.`);
  }
  const required = requiredLogTypes.length > 0 ? requiredLogTypes : ['slow-log'];
  const unsupported = required.filter((type) => !versionDelivers(resource, type));
  if (unsupported.length > 0) {
    const target = unsupported.map((type) => REDIS_LOG_MINIMUM[type as LogType]).sort(compareVersions).at(-1)!;
    return nonCompliant(
      `${engineLabel(resource)} cannot deliver the ${names(unsupported)}: upgrade to Redis OSS ${target} or later (or Valkey), then deliver it to CloudWatch Logs or Kinesis Data Firehose.`,
    );
  }
  const problems = required.flatMap((type) => {
    const problem = deliveryProblem(resource.logDeliveries.filter((d) => d.logType === type));
    return problem ? [`${LOG_NAMES[type] ?? type} ${problem}`] : [];
  });
  if (problems.length > 0) {
    return nonCompliant(
      `Not delivered: ${problems.join('; ')}. Deliver ${problems.length > 1 ? 'them' : 'it'} to a CloudWatch Logs group or Firehose stream (LogDeliveryConfigurations).`,
    );
  }
  const delivered = required.map((type) => {
    const entry = resource.logDeliveries.find((d) => d.logType === type && isDelivering(d))!;
    return `${LOG_NAMES[type] ?? type} to ${DESTINATIONS[entry.destinationType!]}${entry.destination ? ` ${entry.destination}` : ''}`;
  });
  return compliant(`Delivered: ${delivered.join('; ')}.`);
}

function versionDelivers(resource: CacheResource, type: string): boolean {
  // An unreported version cannot be held against the cache: its configurations then decide.
  if (resource.engine !== 'redis' || resource.engineVersion === undefined) return true;
  return isAtLeast(resource.engineVersion, REDIS_LOG_MINIMUM[type as LogType]);
}

function isDelivering(entry: LogDelivery): boolean {
  return entry.status === DELIVERING && entry.destinationType !== undefined && entry.destinationType in DESTINATIONS;
}

/** Why the entries of one log type do not deliver it, or undefined when one does. */
function deliveryProblem(entries: readonly LogDelivery[]): string | undefined {
  if (entries.length === 0) return 'is not configured';
  if (entries.some(isDelivering)) return undefined;
  const active = entries.find((e) => e.status === DELIVERING);
  if (active) return `goes to an unsupported destination type "${active.destinationType ?? 'not reported'}"`;
  const statuses = [...new Set(entries.map((e) => e.status ?? 'not reported'))];
  return `has status ${statuses.map((s) => (STATUS_MEANING[s] ? `${s} (${STATUS_MEANING[s]})` : s)).join('/')}`;
}

/** What each non-delivering status means, for the auditor reading the annotation. */
const STATUS_MEANING: Readonly<Record<string, string>> = {
  error: 'delivery failed, see its Message',
  enabling: 'not delivering yet',
  modifying: 'being changed',
  disabling: 'being turned off',
};

function names(types: readonly string[]): string {
  return types.map((type) => LOG_NAMES[type] ?? type).join(' or ');
}
