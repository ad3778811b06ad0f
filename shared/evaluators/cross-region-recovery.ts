/**
 * The caches a team marks critical survive the loss of a Region.
 *
 * Scenarios
 * - Given a cache without criticalTagKey, or with a value not in criticalTagValues (compared
 *   case-insensitively), then NOT_APPLICABLE.
 * - Given a critical node-based Memcached cluster, then NOT_APPLICABLE: it keeps no data to recover.
 * - Given a critical serverless cache (any engine), then NON_COMPLIANT: it cannot join a global datastore.
 * - Given a critical standalone Redis OSS / Valkey cluster, then NON_COMPLIANT: it cannot join a global
 *   datastore until moved into a replication group.
 * - Given a critical replication group in no global datastore, then NON_COMPLIANT.
 * - Given a global datastore whose own status is not available or modifying, then NON_COMPLIANT (it is
 *   not recovery).
 * - Given a group that is not itself an associated member, then NON_COMPLIANT.
 * - Given a datastore with no member in another Region, or only members still associating (or gone),
 *   then NON_COMPLIANT, saying which.
 * - Given an associated member in another Region, then COMPLIANT, naming the datastore and Regions.
 */
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE, type CacheResource } from '../inventory/cache-resource.ts';
import type { GlobalDatastore } from '../inventory/global-datastores.ts';
import type { TagDirectory } from '../inventory/tags.ts';

export interface CrossRegionRecoveryParameters {
  criticalTagKey: string;
  criticalTagValues: readonly string[];
}

export interface CrossRegionRecoveryContext {
  /** Tags of every tagged cache, by ARN. */
  tags: TagDirectory;
  datastores: readonly GlobalDatastore[];
}

/** Statuses in which a global datastore replicates (ElastiCache API reference, GlobalReplicationGroup.Status). */
const REPLICATING = new Set(['available', 'modifying']);

const JOIN = 'create a global datastore from it (CreateGlobalReplicationGroup) and add a secondary in another Region (CreateReplicationGroup with GlobalReplicationGroupId)';

const JOIN_LATER = 'create a global datastore from that group with a secondary in another Region';

/** The Region in a resource ARN (arn:aws:elasticache:<region>:<account>:…). */
function regionOf(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}

export function evaluateCrossRegionRecovery(
  resource: CacheResource,
  parameters: CrossRegionRecoveryParameters,
  context: CrossRegionRecoveryContext,
): Verdict {
  const value = resource.arn ? context.tags.get(resource.arn)?.[parameters.criticalTagKey] : undefined;
  const wanted = parameters.criticalTagValues.map((v) => v.toLowerCase());
  if (value === undefined || !wanted.includes(value.toLowerCase())) {
    return notApplicable(`Not marked critical (tag "${parameters.criticalTagKey}" with a value in criticalTagValues), so cross-Region recovery is not required.`);
  }
  const tag = `Tagged ${parameters.criticalTagKey}=${value}`;
  if (resource.resourceType === SERVERLESS_CACHE) {
    return nonCompliant(`${tag}, but a serverless cache cannot join a global datastore: move the data into a replication group, then ${JOIN_LATER}.`);
  }
  if (resource.resourceType === CACHE_CLUSTER) {
    if (resource.engine === 'memcached') return notApplicable(`${tag}, but a Memcached cluster keeps no data to recover in another Region.`);
    return nonCompliant(`${tag}, but a standalone cluster cannot join a global datastore: restore a snapshot into a replication group, then ${JOIN_LATER}.`);
  }

  const region = regionOf(resource.arn);
  const isSelf = (m: { replicationGroupId: string; region: string | undefined }) =>
    m.replicationGroupId === resource.resourceId && (region === undefined || m.region === region);
  const datastore = context.datastores.find((d) => d.members.some(isSelf));
  if (!datastore) return nonCompliant(`${tag}, but it is in no global datastore, so a Region outage loses it: ${JOIN}.`);
  if (!REPLICATING.has(datastore.status ?? '')) {
    return nonCompliant(`${tag}; its global datastore ${datastore.id} is ${datastore.status ?? 'of unreported status'}, so it does not replicate to another Region now.`);
  }
  const self = datastore.members.find(isSelf)!;
  if (self.status !== 'associated') {
    return nonCompliant(`${tag}; it is ${self.status ?? 'of unreported status'} in global datastore ${datastore.id}, not associated, so it is not replicated yet.`);
  }
  const elsewhere = datastore.members.filter((m) => !isSelf(m) && m.region !== undefined && m.region !== region);
  const associated = elsewhere.filter((m) => m.status === 'associated');
  if (associated.length > 0) {
    return compliant(`${tag}; global datastore ${datastore.id} keeps an associated copy in ${[...new Set(associated.map((m) => m.region))].join(', ')}.`);
  }
  if (elsewhere.length > 0) {
    const pending = elsewhere.map((m) => `${m.replicationGroupId} in ${m.region} is ${m.status ?? 'of unreported status'}`).join('; ');
    return nonCompliant(`${tag}; global datastore ${datastore.id} has no associated member in another Region yet (${pending}).`);
  }
  return nonCompliant(`${tag}; global datastore ${datastore.id} has no member in another Region: add a secondary there (CreateReplicationGroup with GlobalReplicationGroupId).`);
}
