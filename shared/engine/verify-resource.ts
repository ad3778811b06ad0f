/**
 * The verdict of one control on one resource, for the final assertion of a remediation runbook: the
 * runbook invokes the verification Lambda (functions/remediation-verifier) with
 * `{ controlId, resourceId, ruleParameters }`, and the run succeeds only on COMPLIANT.
 *
 * It judges exactly as the rule does (same catalog control, same parameter validation, same
 * normalization, same loadContext and evaluate), but lists only the named resource, with Describe
 * calls filtered by its id rather than the whole estate. Anything it cannot judge (an unknown
 * control, an id that names no cache or more than one kind, a bad parameter) is an error naming
 * it, never a verdict: a runbook must not pass on missing data.
 *
 * The snapshot controls judge snapshots, found by name. A snapshot that no longer exists is not an
 * error there but the explicit outcome `deleted` (no compliance at all), because deleting it is
 * what the snapshot-retention runbook does; a runbook that asserts COMPLIANT still fails on it, and
 * a missing cache is still an error.
 */
import {
  ElastiCacheClient,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeServerlessCachesCommand,
  DescribeSnapshotsCommand,
  type CacheCluster,
  type ReplicationGroup,
  type ServerlessCache,
  type ServerlessCacheSnapshot,
  type Snapshot,
} from '@aws-sdk/client-elasticache';
import type { AwsSession } from '../aws/session.ts';
import { controls } from '../controls/context/catalog.ts';
import { normalizeCacheCluster, normalizeReplicationGroup, normalizeServerlessCache } from '../inventory/normalize.ts';
import { normalizeSnapshots } from '../inventory/normalize-snapshots.ts';
import { SNAPSHOT, type SnapshotResource, type SnapshotResourceType } from '../inventory/snapshot-resource.ts';
import type { CacheResource, CacheResourceType } from '../inventory/cache-resource.ts';
import type { ComplianceType, Control } from './control.ts';
import { callingAws } from './errors.ts';
import { parseParameters } from './parameters.ts';

export interface VerificationRequest {
  controlId: string;
  /**
   * ReplicationGroupId, CacheClusterId or ServerlessCacheName, as Config reports it; for the
   * snapshot controls, SnapshotName or ServerlessCacheSnapshotName.
   */
  resourceId: string;
  /**
   * The rule's parameters as Config passes them: string values (or that object as a JSON string);
   * a number, boolean or string list is taken as its text, as a typed document parameter arrives.
   */
  ruleParameters: Readonly<Record<string, string>>;
}

/** The control's verdict on a resource that exists. */
export interface JudgedResult {
  outcome: 'judged';
  compliance: ComplianceType;
  annotation: string;
  resourceType: CacheResourceType | SnapshotResourceType;
  resourceId: string;
  controlId: string;
}

/**
 * A snapshot control was asked about a snapshot that no longer exists: deleted, which is what the
 * snapshot-retention runbook does. It carries no compliance, so no assertion of COMPLIANT passes on it.
 */
export interface DeletedResult {
  outcome: 'deleted';
  annotation: string;
  resourceId: string;
  controlId: string;
}

export type VerificationResult = JudgedResult | DeletedResult;

/** The request cannot be judged: what is wrong is named in the message. */
export class InvalidVerificationRequestError extends Error {
  override readonly name = 'InvalidVerificationRequestError';
}

/** The id names no cache, or names caches of more than one kind. */
export class ResourceNotIdentifiedError extends Error {
  override readonly name = 'ResourceNotIdentifiedError';
}

const RESOURCE_ID = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;
/** Snapshot names: automatic ones read `automatic.<cache>-<date>`; serverless ones are up to 255 characters. */
const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/** Whether the control judges snapshots (found by name) rather than caches. */
const judgesSnapshots = (control: Control<any, any>): boolean =>
  (control.inventory?.resourceTypes as readonly string[] | undefined)?.includes(SNAPSHOT) ?? false;

export function parseVerificationRequest(raw: unknown): VerificationRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidVerificationRequestError('The request must be an object { controlId, resourceId, ruleParameters }.');
  }
  const { controlId, resourceId, ruleParameters, ...extra } = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(extra);
  if (unknownKeys.length > 0) {
    throw new InvalidVerificationRequestError(`Unknown request field(s) ${unknownKeys.join(', ')}; accepted: controlId, resourceId, ruleParameters.`);
  }
  if (typeof controlId !== 'string' || !controls.some((control) => control.id === controlId)) {
    throw new InvalidVerificationRequestError(
      `controlId ${JSON.stringify(controlId)} is not a control of the catalog; accepted: ${controls.map((c) => c.id).join(', ')}.`,
    );
  }
  const snapshots = judgesSnapshots(controls.find((control) => control.id === controlId)!);
  if (typeof resourceId !== 'string' || !(snapshots ? SNAPSHOT_NAME : RESOURCE_ID).test(resourceId)) {
    throw new InvalidVerificationRequestError(
      snapshots
        ? `resourceId ${JSON.stringify(resourceId)} is not a snapshot name (a letter or digit, then up to 254 letters, digits, dots, underscores and hyphens).`
        : `resourceId ${JSON.stringify(resourceId)} is not a cache id (a letter, then letters, digits and hyphens).`,
    );
  }
  return { controlId, resourceId, ruleParameters: ruleParametersOf(ruleParameters) };
}

function ruleParametersOf(raw: unknown): Record<string, string> {
  let value = raw ?? {};
  if (typeof value === 'string') {
    try {
      value = value.trim() === '' ? {} : JSON.parse(value);
    } catch {
      throw new InvalidVerificationRequestError('ruleParameters is a string but not JSON.');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidVerificationRequestError('ruleParameters must be an object of string values, as Config passes a rule\'s parameters.');
  }
  // Automation passes a whole `{{ Parameter }}` reference with the parameter's type, so an Integer
  // or Boolean document parameter arrives as a number or boolean: its text is what Config would pass.
  const texts: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) {
    if (typeof item === 'number' || typeof item === 'boolean') texts[name] = String(item);
    else if (Array.isArray(item) && item.every((entry) => typeof entry === 'string')) texts[name] = item.join(',');
    else if (typeof item === 'string') texts[name] = item;
    else throw new InvalidVerificationRequestError(`ruleParameters.${name} must be a string, as Config passes it; got ${typeof item}.`);
  }
  return texts;
}

export async function verifyResource(request: VerificationRequest, session: AwsSession, now: Date = new Date()): Promise<VerificationResult> {
  const control = controls.find((candidate) => candidate.id === request.controlId);
  if (!control) throw new InvalidVerificationRequestError(`controlId ${JSON.stringify(request.controlId)} is not a control of the catalog.`);
  // Validated before any AWS call, exactly as the rule validates them.
  const parameters = parseParameters(control.parameters, request.ruleParameters);
  let resource: CacheResource | SnapshotResource;
  if (judgesSnapshots(control)) {
    const snapshot = await findSnapshot(session, request.resourceId);
    if (!snapshot) {
      return {
        outcome: 'deleted',
        annotation: `No snapshot or serverless cache snapshot named ${request.resourceId} exists any more: it has been deleted, so ${control.id} has nothing left to judge.`,
        resourceId: request.resourceId,
        controlId: control.id,
      };
    }
    resource = snapshot;
  } else {
    resource = await findResource(session, request.resourceId);
  }
  const context = await control.loadContext([resource], session, { evaluationTime: now });
  const verdict = control.evaluate(resource, parameters, context);
  return { outcome: 'judged', ...verdict, resourceType: resource.resourceType, resourceId: resource.resourceId, controlId: control.id };
}

/**
 * The one cache the id names, normalized as the rule's listing would: a replication group with its
 * member clusters, a standalone cluster, or a serverless cache. A member cluster is refused: Config
 * judges it through its group.
 */
export async function findResource(session: AwsSession, id: string): Promise<CacheResource> {
  const [groups, clusters, serverless] = await Promise.all([describeGroups(session, id), describeClusters(session, id), describeServerlessCaches(session, id)]);
  const group = groups.find((candidate: ReplicationGroup) => candidate.ReplicationGroupId === id);
  const cluster = clusters.find((candidate: CacheCluster) => candidate.CacheClusterId === id);
  const cache = serverless.find((candidate: ServerlessCache) => candidate.ServerlessCacheName === id);
  const kinds = [group && 'a replication group', cluster && 'a cache cluster', cache && 'a serverless cache'].filter(Boolean);
  if (kinds.length === 0) throw new ResourceNotIdentifiedError(`No replication group, cache cluster or serverless cache is named ${id}.`);
  if (kinds.length > 1) throw new ResourceNotIdentifiedError(`${id} is ambiguous: it names ${kinds.join(' and ')}.`);
  if (group) return withMembers(session, group);
  if (cluster) {
    if (cluster.ReplicationGroupId) {
      throw new ResourceNotIdentifiedError(`${id} is a member of replication group ${cluster.ReplicationGroupId}; verify the group, as Config judges it.`);
    }
    return normalizeCacheCluster(cluster);
  }
  return normalizeServerlessCache(cache!);
}

/**
 * The one snapshot (or serverless cache snapshot) the name names, joined with its source cache as
 * the rule's listing joins it; undefined when neither kind is named so (it has been deleted). A
 * name given to both kinds is refused, as a runbook must not guess which one it was run on.
 */
export async function findSnapshot(session: AwsSession, name: string): Promise<SnapshotResource | undefined> {
  const client = session.client(ElastiCacheClient);
  const [snapshots, serverlessSnapshots] = await Promise.all([
    notFoundAsNone('elasticache:DescribeSnapshots', 'SnapshotNotFoundFault', async () =>
      (await client.send(new DescribeSnapshotsCommand({ SnapshotName: name }))).Snapshots ?? []),
    notFoundAsNone('elasticache:DescribeServerlessCacheSnapshots', 'ServerlessCacheSnapshotNotFoundFault', async () =>
      (await client.send(new DescribeServerlessCacheSnapshotsCommand({ ServerlessCacheSnapshotName: name }))).ServerlessCacheSnapshots ?? []),
  ]);
  const snapshot = snapshots.find((candidate: Snapshot) => candidate.SnapshotName === name);
  const serverlessSnapshot = serverlessSnapshots.find((candidate: ServerlessCacheSnapshot) => candidate.ServerlessCacheSnapshotName === name);
  if (snapshot && serverlessSnapshot) throw new ResourceNotIdentifiedError(`${name} is ambiguous: it names a snapshot and a serverless cache snapshot.`);
  if (!snapshot && !serverlessSnapshot) return undefined;
  const caches = snapshot ? await sourceOfSnapshot(session, snapshot) : await sourceOfServerlessSnapshot(session, serverlessSnapshot!);
  return normalizeSnapshots(snapshot ? [snapshot] : [], serverlessSnapshot ? [serverlessSnapshot] : [], caches)[0];
}

/** The source cache of a snapshot as the listing sees it (a member cluster's group), or none when it is gone. */
async function sourceOfSnapshot(session: AwsSession, snapshot: Snapshot): Promise<CacheResource[]> {
  if (snapshot.ReplicationGroupId) {
    const group = (await describeGroups(session, snapshot.ReplicationGroupId)).find((g) => g.ReplicationGroupId === snapshot.ReplicationGroupId);
    return group ? [await withMembers(session, group)] : [];
  }
  if (!snapshot.CacheClusterId) return [];
  const cluster = (await describeClusters(session, snapshot.CacheClusterId)).find((c) => c.CacheClusterId === snapshot.CacheClusterId);
  if (!cluster) return [];
  if (!cluster.ReplicationGroupId) return [normalizeCacheCluster(cluster)];
  const group = (await describeGroups(session, cluster.ReplicationGroupId)).find((g) => g.ReplicationGroupId === cluster.ReplicationGroupId);
  return group ? [await withMembers(session, group)] : [];
}

async function sourceOfServerlessSnapshot(session: AwsSession, snapshot: ServerlessCacheSnapshot): Promise<CacheResource[]> {
  const name = snapshot.ServerlessCacheConfiguration?.ServerlessCacheName;
  if (!name) return [];
  return (await describeServerlessCaches(session, name)).filter((c) => c.ServerlessCacheName === name).map(normalizeServerlessCache);
}

function describeGroups(session: AwsSession, id: string): Promise<ReplicationGroup[]> {
  const client = session.client(ElastiCacheClient);
  return notFoundAsNone('elasticache:DescribeReplicationGroups', 'ReplicationGroupNotFoundFault', async () =>
    (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups ?? []);
}

function describeClusters(session: AwsSession, id: string): Promise<CacheCluster[]> {
  const client = session.client(ElastiCacheClient);
  return notFoundAsNone('elasticache:DescribeCacheClusters', 'CacheClusterNotFoundFault', async () =>
    (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }))).CacheClusters ?? []);
}

function describeServerlessCaches(session: AwsSession, name: string): Promise<ServerlessCache[]> {
  const client = session.client(ElastiCacheClient);
  return notFoundAsNone('elasticache:DescribeServerlessCaches', 'ServerlessCacheNotFoundFault', async () =>
    (await client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: name }))).ServerlessCaches ?? []);
}

/** A replication group with its member clusters, normalized as the rule's listing would. */
async function withMembers(session: AwsSession, group: ReplicationGroup): Promise<CacheResource> {
  // A member missing here is being replaced: the group is judged on the members that answer, as the
  // rule's listing would judge it.
  const members = await Promise.all((group.MemberClusters ?? []).map((memberId) => describeClusters(session, memberId)));
  return normalizeReplicationGroup(group, members.flat());
}

/**
 * A Describe by id that finds nothing throws its NotFound fault; that means "not of this kind". The
 * SDK names the fault by its shape (CacheClusterNotFoundFault) or by its query error code
 * (CacheClusterNotFound), so both are accepted.
 */
async function notFoundAsNone<T>(iamAction: string, notFound: string, call: () => Promise<T[]>): Promise<T[]> {
  return callingAws(iamAction, async () => {
    try {
      return await call();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === notFound || `${name}Fault` === notFound) return [];
      throw error;
    }
  });
}
