/**
 * Binding a control definition to how it reads the account (shared/controls/context/).
 *
 * Scenarios
 * - Given a definition and its reader, then the control runs with the definition's fields and the
 *   reader's loadContext and inventory.
 * - Given a cache control bound to the snapshot inventory, or a snapshot control bound to none,
 *   then binding fails naming the control.
 */
import { withContext } from '#shared/engine/control.ts';
import { encryptionAtRestDefinition } from '#shared/controls/encryption-at-rest.ts';
import { snapshotRetentionDefinition } from '#shared/controls/snapshot-retention.ts';
import { SNAPSHOT_INVENTORY } from '#shared/inventory/snapshots.ts';

const NO_READ = async (): Promise<never> => {
  throw new Error('not called');
};

describe('binding a control definition to its reader', () => {
  it('keeps the definition and adds the reader', () => {
    // Act
    const control = withContext(snapshotRetentionDefinition, { inventory: SNAPSHOT_INVENTORY, loadContext: NO_READ });
    // Assess
    expect(control.id).toBe('snapshot-retention');
    expect(control.evaluate).toBe(snapshotRetentionDefinition.evaluate);
    expect(control.inventory).toBe(SNAPSHOT_INVENTORY);
    expect(control.loadContext).toBe(NO_READ);
  });

  it('refuses an inventory the definition does not judge, naming the control', () => {
    // Act
    const bind = () => withContext(encryptionAtRestDefinition as never, { inventory: SNAPSHOT_INVENTORY, loadContext: NO_READ } as never);
    // Assess
    expect(bind).toThrow(/encryption-at-rest is bound to the snapshots inventory but its definition lists caches/);
  });

  it('refuses a snapshot control bound without the inventory that lists snapshots', () => {
    // Act
    const bind = () => withContext(snapshotRetentionDefinition, { loadContext: NO_READ });
    // Assess
    expect(bind).toThrow(/snapshot-retention judges snapshots: bind the inventory that lists them/);
  });
});
