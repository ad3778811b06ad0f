import { withContext } from '../../engine/control.ts';
import { listTags } from '../../inventory/tags.ts';
import { SNAPSHOT_INVENTORY } from '../../inventory/snapshots.ts';
import { snapshotRetentionDefinition } from '../snapshot-retention.ts';

export const snapshotRetention = withContext(snapshotRetentionDefinition, {
  inventory: SNAPSHOT_INVENTORY,
  loadContext: async (_snapshots, session, run) => ({
    evaluationTime: run.evaluationTime,
    tags: await listTags(session),
  }),
});
