import { withContext } from '../../engine/control.ts';
import { loadSecurityGroups } from '../../inventory/security-groups.ts';
import { securityGroupExposureDefinition } from '../security-group-exposure.ts';

export const securityGroupExposure = withContext(securityGroupExposureDefinition, {
  loadContext: loadSecurityGroups,
});
