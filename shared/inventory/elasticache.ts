/**
 * Lists every replication group and cache cluster of the region, each with one paginated call
 * sequence per run (never one call per resource), and normalizes them into snapshots.
 */
import {
  ElastiCacheClient,
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
  type CacheCluster,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';
import type { CacheResource } from './cache-resource.ts';
import { normalizeInventory } from './normalize.ts';

export async function listCacheResources(session: AwsSession): Promise<CacheResource[]> {
  const client = session.client(ElastiCacheClient);
  const replicationGroups = await callingAws('elasticache:DescribeReplicationGroups', () =>
    collect(paginateDescribeReplicationGroups({ client, pageSize: PAGE_SIZE }, {}), (page) => page.ReplicationGroups),
  );
  const cacheClusters = await callingAws('elasticache:DescribeCacheClusters', () =>
    collect(paginateDescribeCacheClusters({ client, pageSize: PAGE_SIZE }, {}), (page) => page.CacheClusters),
  );
  return normalizeInventory(replicationGroups as ReplicationGroup[], cacheClusters as CacheCluster[]);
}

