/**
 * Lists every snapshot of the Region (DescribeSnapshots, manual and automatic) and, unless switched
 * off, every serverless cache snapshot (DescribeServerlessCacheSnapshots), each with one paginated
 * call sequence per run, and joins them with the caches they were taken from.
 */
import {
  ElastiCacheClient,
  paginateDescribeServerlessCacheSnapshots,
  paginateDescribeSnapshots,
} from '@aws-sdk/client-elasticache';
import { forEachPage } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import type { Inventory, ListingOf, ListingOptions } from '../engine/control.ts';
import { callingAws } from '../engine/errors.ts';
import { CACHE_INVENTORY } from './inventories.ts';
import { SnapshotJoin } from './normalize-snapshots.ts';
import type { SnapshotResource } from './snapshot-resource.ts';
import { SNAPSHOTS } from './inventory-kinds.ts';

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
  const join = new SnapshotJoin(await listingOf(CACHE_INVENTORY));
  const client = session.client(ElastiCacheClient);
  // Page by page (SnapshotJoin): a page of raw snapshots is garbage once read.
  await callingAws('elasticache:DescribeSnapshots', () =>
    forEachPage(
      paginateDescribeSnapshots({ client, pageSize: SNAPSHOT_PAGE_SIZE }, {}),
      (page) => page.Snapshots,
      (snapshots) => join.addSnapshots(snapshots),
    ),
  );
  if (options.includeServerlessCaches) {
    await callingAws('elasticache:DescribeServerlessCacheSnapshots', () =>
      forEachPage(
        paginateDescribeServerlessCacheSnapshots({ client, pageSize: SNAPSHOT_PAGE_SIZE }, {}),
        (page) => page.ServerlessCacheSnapshots,
        (snapshots) => join.addServerlessSnapshots(snapshots),
      ),
    );
  }
  return join.resources();
}

export const SNAPSHOT_INVENTORY: Inventory<SnapshotResource> = { ...SNAPSHOTS, list: listSnapshotResources };
