/**
 * Lists every replication group, cache cluster and (unless switched off) serverless cache of the
 * region, each with one paginated call sequence per run (never one call per resource), and
 * normalizes them into snapshots.
 */
import {
  ElastiCacheClient,
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
  paginateDescribeServerlessCaches,
  type CacheCluster,
  type ReplicationGroup,
  type ServerlessCache,
} from '@aws-sdk/client-elasticache';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';
import type { CacheResource } from './cache-resource.ts';
import { normalizeInventory } from './normalize.ts';

/**
 * DescribeServerlessCaches documents 50 as its default page and no larger maximum, unlike the
 * Marker-paged Describe* calls (100), so 50 is the largest page known to be accepted.
 */
export const SERVERLESS_PAGE_SIZE = 50;

export interface ListingOptions {
  includeServerlessCaches: boolean;
}

export async function listCacheResources(session: AwsSession, options: ListingOptions): Promise<CacheResource[]> {
  const client = session.client(ElastiCacheClient);
  const replicationGroups = await callingAws('elasticache:DescribeReplicationGroups', () =>
    collect(paginateDescribeReplicationGroups({ client, pageSize: PAGE_SIZE }, {}), (page) => page.ReplicationGroups),
  );
  // ShowCacheNodeInfo adds each node's endpoint (the port a security group must guard) and zone
  // (Memcached spread) to the same pages: no further call per cluster.
  const cacheClusters = await callingAws('elasticache:DescribeCacheClusters', () =>
    collect(
      paginateDescribeCacheClusters({ client, pageSize: PAGE_SIZE }, { ShowCacheNodeInfo: true }),
      (page) => page.CacheClusters,
    ),
  );
  const serverlessCaches = options.includeServerlessCaches
    ? await callingAws('elasticache:DescribeServerlessCaches', () =>
        collect(
          paginateDescribeServerlessCaches({ client, pageSize: SERVERLESS_PAGE_SIZE }, {}),
          (page) => page.ServerlessCaches,
        ),
      )
    : [];
  return normalizeInventory(
    replicationGroups as ReplicationGroup[],
    cacheClusters as CacheCluster[],
    serverlessCaches as ServerlessCache[],
  );
}
