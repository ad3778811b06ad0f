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
} from '@aws-sdk/client-elasticache';
import { PAGE_SIZE, forEachPage } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';
import type { CacheResource } from './cache-resource.ts';
import { InventoryJoin } from './normalize.ts';

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
  // Page by page (InventoryJoin): the clusters first, each page kept only as what its group needs.
  const inventory = new InventoryJoin();
  // ShowCacheNodeInfo adds each node's endpoint (the port a security group must guard) and zone
  // (Memcached spread) to the same pages: no further call per cluster.
  await callingAws('elasticache:DescribeCacheClusters', () =>
    forEachPage(
      paginateDescribeCacheClusters({ client, pageSize: PAGE_SIZE }, { ShowCacheNodeInfo: true }),
      (page) => page.CacheClusters,
      (clusters) => inventory.addCacheClusters(clusters),
    ),
  );
  await callingAws('elasticache:DescribeReplicationGroups', () =>
    forEachPage(
      paginateDescribeReplicationGroups({ client, pageSize: PAGE_SIZE }, {}),
      (page) => page.ReplicationGroups,
      (groups) => inventory.addReplicationGroups(groups),
    ),
  );
  if (options.includeServerlessCaches) {
    await callingAws('elasticache:DescribeServerlessCaches', () =>
      forEachPage(
        paginateDescribeServerlessCaches({ client, pageSize: SERVERLESS_PAGE_SIZE }, {}),
        (page) => page.ServerlessCaches,
        (caches) => inventory.addServerlessCaches(caches),
      ),
    );
  }
  return inventory.resources();
}
