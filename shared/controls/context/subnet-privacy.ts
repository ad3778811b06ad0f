import { withContext } from '../../engine/control.ts';
import { loadNetworkTopology } from '../../inventory/network.ts';
import { subnetPrivacyDefinition } from '../subnet-privacy.ts';

export const subnetPrivacy = withContext(subnetPrivacyDefinition, {
  loadContext: loadNetworkTopology,
});
