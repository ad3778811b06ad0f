/**
 * Engine version against AWS's published lifecycle and the minimum version per engine.
 *
 * Scenarios
 * - Given no engine version reported, then NON_COMPLIANT (it cannot be shown to be supported).
 * - Given an engine that is not recognised, then NON_COMPLIANT.
 * - Given a version past its published end of life, then NON_COMPLIANT naming the date.
 * - Given a version past the end of Extended Support, then NON_COMPLIANT whatever allowExtendedSupport says.
 * - Given a version past the end of standard support, then NON_COMPLIANT (paid Extended Support), unless allowExtendedSupport is true.
 * - Given a version below the minimum for its engine, then NON_COMPLIANT; versions compare numerically within one engine only.
 * - Given a replication group, then judged by its lowest member version.
 * - Given a serverless cache reporting only its major version, then compared on the parts it reports (the service applies the rest).
 * - Given a supported version at or above the minimum, then COMPLIANT naming the next published lifecycle date, or saying none is published.
 */
import { SERVERLESS_CACHE, type CacheResource } from '../inventory/cache-resource.ts';
import { compareVersions } from '../inventory/engine-version.ts';
import { compliant, nonCompliant, type Verdict } from '../engine/control.ts';
import { engineLabel, kindLabel } from './describe-resource.ts';

/** Published lifecycle dates of one major version; each the last day covered (YYYY-MM-DD, UTC). */
export interface EngineLifecycle {
  engine: 'redis' | 'valkey' | 'memcached';
  major: number;
  endOfStandardSupport?: string;
  endOfExtendedSupport?: string;
  endOfLife?: string;
}

export interface EngineVersionParameters {
  minimumRedisVersion: string;
  minimumValkeyVersion: string;
  minimumMemcachedVersion: string;
  allowExtendedSupport: boolean;
}

export interface EngineVersionContext {
  /** The time the run judges at: the notification time, also the evaluations' OrderingTimestamp. */
  evaluationTime: Date;
  lifecycle: readonly EngineLifecycle[];
}

const MINIMUM_PARAMETER = { redis: 'minimumRedisVersion', valkey: 'minimumValkeyVersion', memcached: 'minimumMemcachedVersion' } as const;

export function evaluateEngineVersion(resource: CacheResource, parameters: EngineVersionParameters, context: EngineVersionContext): Verdict {
  const { engine, engineVersion: version } = resource;
  if (!isKnownEngine(engine)) {
    return nonCompliant(`Engine "${engine}" is not recognised, so its support cannot be verified; review this ${kindLabel(resource)} manually.`);
  }
  if (!version) {
    return nonCompliant(`ElastiCache did not report the engine version of this ${kindLabel(resource)}, so it cannot be shown to be supported.`);
  }
  const label = engineLabel(resource);
  const entry = context.lifecycle.find((e) => e.engine === engine && e.major === majorOf(version));
  const past = (date: string | undefined): date is string => date !== undefined && context.evaluationTime >= dayAfter(date);

  if (past(entry?.endOfLife)) {
    return nonCompliant(`${label} reached end of life on ${entry.endOfLife} and is no longer supported; upgrade to a supported Valkey or Redis OSS version.`);
  }
  if (past(entry?.endOfExtendedSupport)) {
    return nonCompliant(`${label} left Extended Support on ${entry.endOfExtendedSupport} and is due for a forced upgrade; upgrade it to a supported version now.`);
  }
  const onExtendedSupport = past(entry?.endOfStandardSupport);
  if (onExtendedSupport && !parameters.allowExtendedSupport) {
    return nonCompliant(
      `${label} left standard support on ${entry!.endOfStandardSupport} and runs on paid Extended Support${entry!.endOfExtendedSupport ? ` until ${entry!.endOfExtendedSupport}` : ''}; upgrade to Valkey or Redis OSS 6+.`,
    );
  }
  const minimumParameter = MINIMUM_PARAMETER[engine];
  const minimum = parameters[minimumParameter];
  if (isBelow(version, minimum, resource.resourceType === SERVERLESS_CACHE)) {
    return nonCompliant(`${label} is below ${minimumParameter} ${minimum}; upgrade the engine to ${minimum} or later.`);
  }
  if (onExtendedSupport) {
    return compliant(
      `${label} runs on paid Extended Support, allowed by allowExtendedSupport${entry!.endOfExtendedSupport ? `; Extended Support ends ${entry!.endOfExtendedSupport}` : ''}.`,
    );
  }
  const next = nextDate(entry, context.evaluationTime);
  return compliant(
    next
      ? `${label} is supported and at least ${minimum}; ${next}.`
      : `${label} is supported and at least ${minimum}; AWS has published no end-of-support date for it.`,
  );
}

/**
 * ElastiCache Serverless applies minor and patch versions itself (ElastiCache User Guide, Version
 * management), so a serverless cache reporting only "7" is judged on its major version alone.
 */
function isBelow(version: string, minimum: string, serverless: boolean): boolean {
  const compared = serverless ? minimum.split('.').slice(0, version.split('.').length).join('.') : minimum;
  return compareVersions(version, compared) < 0;
}

function isKnownEngine(engine: string): engine is keyof typeof MINIMUM_PARAMETER {
  return Object.hasOwn(MINIMUM_PARAMETER, engine);
}

function majorOf(version: string): number {
  return Number.parseInt(version, 10);
}

/** A published date is the last day covered; the version is past it from the next day, UTC. */
function dayAfter(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000);
}

function nextDate(entry: EngineLifecycle | undefined, time: Date): string | undefined {
  if (!entry) return undefined;
  const dates: [string | undefined, string][] = [
    [entry.endOfStandardSupport, 'standard support ends'],
    [entry.endOfExtendedSupport, 'Extended Support ends'],
    [entry.endOfLife, 'end of life is'],
  ];
  const upcoming = dates.find(([date]) => date !== undefined && time < dayAfter(date));
  return upcoming ? `${upcoming[1]} ${upcoming[0]}` : undefined;
}
