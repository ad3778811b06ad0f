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
 */
import {
  ElastiCacheClient,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  type CacheCluster,
  type ReplicationGroup,
  type ServerlessCache,
} from '@aws-sdk/client-elasticache';
import type { AwsSession } from '../aws/session.ts';
import { controls } from '../controls/context/catalog.ts';
import { normalizeCacheCluster, normalizeReplicationGroup, normalizeServerlessCache } from '../inventory/normalize.ts';
import type { CacheResource, CacheResourceType } from '../inventory/cache-resource.ts';
import type { ComplianceType } from './control.ts';
import { callingAws } from './errors.ts';
import { parseParameters } from './parameters.ts';

export interface VerificationRequest {
  controlId: string;
  /** ReplicationGroupId, CacheClusterId or ServerlessCacheName, as Config reports it. */
  resourceId: string;
  /**
   * The rule's parameters as Config passes them: string values (or that object as a JSON string);
   * a number, boolean or string list is taken as its text, as a typed document parameter arrives.
   */
  ruleParameters: Readonly<Record<string, string>>;
}

export interface VerificationResult {
  compliance: ComplianceType;
  annotation: string;
  resourceType: CacheResourceType;
  resourceId: string;
  controlId: string;
}

/** The request cannot be judged: what is wrong is named in the message. */
export class InvalidVerificationRequestError extends Error {
  override readonly name = 'InvalidVerificationRequestError';
}

/** The id names no cache, or names caches of more than one kind. */
export class ResourceNotIdentifiedError extends Error {
  override readonly name = 'ResourceNotIdentifiedError';
}

const RESOURCE_ID = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;

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
  if (typeof resourceId !== 'string' || !RESOURCE_ID.test(resourceId)) {
    throw new InvalidVerificationRequestError(`resourceId ${JSON.stringify(resourceId)} is not a cache id (a letter, then letters, digits and hyphens).`);
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
  const resource = await findResource(session, request.resourceId);
  const context = await control.loadContext([resource], session, { evaluationTime: now });
  const verdict = control.evaluate(resource, parameters, context);
  return { ...verdict, resourceType: resource.resourceType, resourceId: resource.resourceId, controlId: control.id };
}

/**
 * The one cache the id names, normalized as the rule's listing would: a replication group with its
 * member clusters, a standalone cluster, or a serverless cache. A member cluster is refused: Config
 * judges it through its group.
 */
export async function findResource(session: AwsSession, id: string): Promise<CacheResource> {
  const client = session.client(ElastiCacheClient);
  const [groups, clusters, serverless] = await Promise.all([
    notFoundAsNone('elasticache:DescribeReplicationGroups', 'ReplicationGroupNotFoundFault', async () =>
      (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups ?? []),
    notFoundAsNone('elasticache:DescribeCacheClusters', 'CacheClusterNotFoundFault', async () =>
      (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }))).CacheClusters ?? []),
    notFoundAsNone('elasticache:DescribeServerlessCaches', 'ServerlessCacheNotFoundFault', async () =>
      (await client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: id }))).ServerlessCaches ?? []),
  ]);
  const group = groups.find((candidate: ReplicationGroup) => candidate.ReplicationGroupId === id);
  const cluster = clusters.find((candidate: CacheCluster) => candidate.CacheClusterId === id);
  const cache = serverless.find((candidate: ServerlessCache) => candidate.ServerlessCacheName === id);
  const kinds = [group && 'a replication group', cluster && 'a cache cluster', cache && 'a serverless cache'].filter(Boolean);
  if (kinds.length === 0) throw new ResourceNotIdentifiedError(`No replication group, cache cluster or serverless cache is named ${id}.`);
  if (kinds.length > 1) throw new ResourceNotIdentifiedError(`${id} is ambiguous: it names ${kinds.join(' and ')}.`);
  if (group) {
    const members = await Promise.all(
      (group.MemberClusters ?? []).map((memberId) =>
        // A member missing here is being replaced: the group is judged on the members that answer,
        // as the rule's listing would judge it.
        notFoundAsNone('elasticache:DescribeCacheClusters', 'CacheClusterNotFoundFault', async () =>
          (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: memberId, ShowCacheNodeInfo: true }))).CacheClusters ?? []),
      ),
    );
    return normalizeReplicationGroup(group, members.flat());
  }
  if (cluster) {
    if (cluster.ReplicationGroupId) {
      throw new ResourceNotIdentifiedError(`${id} is a member of replication group ${cluster.ReplicationGroupId}; verify the group, as Config judges it.`);
    }
    return normalizeCacheCluster(cluster);
  }
  return normalizeServerlessCache(cache!);
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
