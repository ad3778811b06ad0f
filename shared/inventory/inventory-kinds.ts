/**
 * The kinds of resource controls judge, as the catalog and the docs know them (names, resource
 * types, the IAM actions their listing needs). No AWS code: inventories.ts and snapshots.ts add the
 * listing to these, so a reader of the catalog alone bundles no client.
 */
import type { ControlDefinition, EvaluatedResource, InventoryKind } from '../engine/control.ts';
import { CACHE_RESOURCE_TYPES, type CacheResource } from './cache-resource.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT, type SnapshotResource } from './snapshot-resource.ts';

export const CACHES: InventoryKind<CacheResource> = {
  name: 'caches',
  resourceTypes: CACHE_RESOURCE_TYPES,
  iamActions: ['elasticache:DescribeReplicationGroups', 'elasticache:DescribeCacheClusters', 'elasticache:DescribeServerlessCaches'],
};

export const SNAPSHOTS: InventoryKind<SnapshotResource> = {
  name: 'snapshots',
  resourceTypes: [SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT],
  // The caches are listed first, to join each snapshot with the cache it was taken from.
  iamActions: [...CACHES.iamActions, 'elasticache:DescribeSnapshots', 'elasticache:DescribeServerlessCacheSnapshots'],
};

/** What a control judges: the caches unless it names another kind. */
export function inventoryKindOf<R extends EvaluatedResource>(control: ControlDefinition<any, any, R>): InventoryKind<R> {
  return control.inventory ?? (CACHES as unknown as InventoryKind<R>);
}
