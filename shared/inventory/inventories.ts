/**
 * The kinds of resource controls judge, and which one a control lists. The caches are the default,
 * so the controls written before snapshots existed declare nothing.
 */
import type { Control, EvaluatedResource, Inventory } from '../engine/control.ts';
import type { CacheResource } from './cache-resource.ts';
import { listCacheResources } from './elasticache.ts';
import { CACHES } from './inventory-kinds.ts';

export const CACHE_INVENTORY: Inventory<CacheResource> = { ...CACHES, list: listCacheResources };

export function inventoryOf<R extends EvaluatedResource>(control: Control<any, any, R>): Inventory<R> {
  return control.inventory ?? (CACHE_INVENTORY as unknown as Inventory<R>);
}
