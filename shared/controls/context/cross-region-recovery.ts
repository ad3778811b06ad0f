import { withContext } from '../../engine/control.ts';
import { listGlobalDatastores } from '../../inventory/global-datastores.ts';
import { listTags } from '../../inventory/tags.ts';
import { crossRegionRecoveryDefinition } from '../cross-region-recovery.ts';

export const crossRegionRecovery = withContext(crossRegionRecoveryDefinition, {
  loadContext: async (_caches, session) => ({
    tags: await listTags(session),
    datastores: await listGlobalDatastores(session),
  }),
});
