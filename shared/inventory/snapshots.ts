/**
 * Lists every snapshot of the Region (DescribeSnapshots, manual and automatic) and, unless switched
 * off, every serverless cache snapshot (DescribeServerlessCacheSnapshots), each with one paginated
 * call sequence per run, and joins them with the caches they were taken from.
 */
import {
  ElastiCacheClient,
  paginateDescribeServerlessCacheSnapshots,
  paginateDescribeSnapshots,
  type ServerlessCacheSnapshot,
  type Snapshot,
} from '@aws-sdk/client-elasticache';
import { collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import type { Inventory, ListingOf, ListingOptions } from '../engine/control.ts';
import { callingAws } from '../engine/errors.ts';
import { CACHE_INVENTORY } from './inventories.ts';
import { normalizeSnapshots } from './normalize-snapshots.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT, type SnapshotResource } from './snapshot-resource.ts';

/**
 * DescribeSnapshots accepts MaxRecords 20-50 (default 50), unlike the other Marker-paged Describe
 * calls (100); DescribeServerlessCacheSnapshots' MaxResults is at most 50 too.
 */
export const SNAPSHOT_PAGE_SIZE = 50;

export async function listSnapshotResources(
  session: AwsSession,
  options: ListingOptions,
  listingOf: ListingOf = (inventory) => inventory.list(session, options),
): Promise<SnapshotResource[]> {
  // The caches first: a snapshot whose source is absent from a complete listing has outlived it.
  // From the caller's memo when it keeps one (the scan lists them once for every control).
  const caches = await listingOf(CACHE_INVENTORY);
  const client = session.client(ElastiCacheClient);
  const snapshots = await callingAws('elasticache:DescribeSnapshots', () =>
    collect(paginateDescribeSnapshots({ client, pageSize: SNAPSHOT_PAGE_SIZE }, {}), (page) => page.Snapshots),
  );
  const serverlessSnapshots = options.includeServerlessCaches
    ? await callingAws('elasticache:DescribeServerlessCacheSnapshots', () =>
        collect(
          paginateDescribeServerlessCacheSnapshots({ client, pageSize: SNAPSHOT_PAGE_SIZE }, {}),
          (page) => page.ServerlessCacheSnapshots,
        ),
      )
    : [];
  return normalizeSnapshots(snapshots as Snapshot[], serverlessSnapshots as ServerlessCacheSnapshot[], caches);
}

export const SNAPSHOT_INVENTORY: Inventory<SnapshotResource> = {
  name: 'snapshots',
  resourceTypes: [SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT],
  iamActions: [...CACHE_INVENTORY.iamActions, 'elasticache:DescribeSnapshots', 'elasticache:DescribeServerlessCacheSnapshots'],
  list: listSnapshotResources,
};
