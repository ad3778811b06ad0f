/**
 * A control's resource types come from its inventory: the catalog refuses a control that names a
 * type its inventory never lists, or none at all, so the README, decisions and verdicts agree.
 *
 * Scenarios
 * - Given every control of the catalog, then its types are its inventory's (the cache controls all
 *   three cache types, the snapshot controls the two snapshot types).
 * - Given a cache control declaring a snapshot type, or no type, then loading it fails naming it.
 */
import { checkedResourceTypes } from '#shared/controls/catalog.ts';
import { controls } from '#shared/controls/context/catalog.ts';
import { CACHE_RESOURCE_TYPES } from '#shared/inventory/cache-resource.ts';
import { CACHE_INVENTORY, inventoryOf } from '#shared/inventory/inventories.ts';
import { SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT } from '#shared/inventory/snapshot-resource.ts';
import { SNAPSHOT_INVENTORY } from '#shared/inventory/snapshots.ts';

describe('resource types', () => {
  it.each(controls.map((c) => [c.id, c] as const))('%s declares its inventory\'s types', (_id, control) => {
    expect([...control.resourceTypes].sort()).toEqual([...inventoryOf(control).resourceTypes].sort());
  });

  it('gives the snapshot controls the two snapshot types and the rest the three cache types', () => {
    const byInventory = (inventory: unknown) => controls.filter((c) => inventoryOf(c) === inventory).map((c) => c.id);
    expect(byInventory(SNAPSHOT_INVENTORY).sort()).toEqual(['snapshot-encryption', 'snapshot-retention']);
    expect(SNAPSHOT_INVENTORY.resourceTypes).toEqual([SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT]);
    expect(CACHE_INVENTORY.resourceTypes).toBe(CACHE_RESOURCE_TYPES);
    expect(byInventory(CACHE_INVENTORY)).toHaveLength(controls.length - 2);
  });

  it('refuses a type the inventory does not list, naming it', () => {
    const cacheControl = controls.find((c) => c.id === 'encryption-at-rest')!;
    expect(() => checkedResourceTypes({ ...cacheControl, resourceTypes: [...CACHE_RESOURCE_TYPES, SNAPSHOT] })).toThrow(
      /encryption-at-rest declares resource types AWS::ElastiCache::Snapshot that its inventory \(caches\) does not list/,
    );
  });

  it('refuses a control that declares no type', () => {
    const cacheControl = controls.find((c) => c.id === 'automatic-backup')!;
    expect(() => checkedResourceTypes({ ...cacheControl, resourceTypes: [] })).toThrow(/automatic-backup declares resource types \(none\)/);
  });
});
