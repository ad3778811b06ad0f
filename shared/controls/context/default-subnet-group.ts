import { withContext } from '../../engine/control.ts';
import { loadDefaultNetwork } from '../../inventory/default-network.ts';
import { defaultSubnetGroupDefinition } from '../default-subnet-group.ts';

export const defaultSubnetGroup = withContext(defaultSubnetGroupDefinition, {
  loadContext: loadDefaultNetwork,
});
