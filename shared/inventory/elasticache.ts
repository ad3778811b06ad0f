/**
 * Lists every replication group and cache cluster of the region, each with one paginated call
 * sequence per run (never one call per resource), keeps only the fields normalization reads, and
 * normalizes them into snapshots.
 */
import {
  ElastiCacheClient,
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
} from '@aws-sdk/client-elasticache';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';
import type { CacheResource } from './cache-resource.ts';
import { normalizeInventory, trimCacheCluster, trimReplicationGroup } from './normalize.ts';

export async function listCacheResources(session: AwsSession): Promise<CacheResource[]> {
  const client = session.client(ElastiCacheClient);
  const replicationGroups = await callingAws('elasticache:DescribeReplicationGroups', () =>
    collect(paginateDescribeReplicationGroups({ client, pageSize: PAGE_SIZE }, {}), (page) =>
      page.ReplicationGroups?.map(trimReplicationGroup),
    ),
  );
  const cacheClusters = await callingAws('elasticache:DescribeCacheClusters', () =>
    collect(paginateDescribeCacheClusters({ client, pageSize: PAGE_SIZE }, {}), (page) => page.CacheClusters?.map(trimCacheCluster)),
  );
  return normalizeInventory(replicationGroups, cacheClusters);
}

