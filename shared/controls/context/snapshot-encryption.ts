import { withContext } from '../../engine/control.ts';
import { describeKmsKeys } from '../../inventory/kms.ts';
import { SNAPSHOT_INVENTORY } from '../../inventory/snapshots.ts';
import { snapshotEncryptionDefinition } from '../snapshot-encryption.ts';

export const snapshotEncryption = withContext(snapshotEncryptionDefinition, {
  inventory: SNAPSHOT_INVENTORY,
  loadContext: (snapshots, session) =>
    describeKmsKeys(
      session,
      snapshots.flatMap((s) => (s.status !== 'deleting' && s.kmsKeyId ? [s.kmsKeyId] : [])),
    ),
});
