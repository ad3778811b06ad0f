/**
 * The control catalog: the one list of controls. The build, the SAM template, the docs and the
 * demo all read it; a control exists exactly when it is listed here.
 */
import type { Control } from '../engine/control.ts';
import { autoMinorVersionUpgrade } from './auto-minor-version-upgrade.ts';
import { authentication } from './authentication.ts';
import { automaticBackup } from './automatic-backup.ts';
import { defaultSubnetGroup } from './default-subnet-group.ts';
import { encryptionAtRest } from './encryption-at-rest.ts';
import { encryptionInTransit } from './encryption-in-transit.ts';
import { engineVersion } from './engine-version.ts';
import { highAvailability } from './high-availability.ts';
import { eventNotifications } from './event-notifications.ts';
import { logDelivery } from './log-delivery.ts';
import { RULE_NAME_PREFIX } from './rule-names.ts';
import { inventoryOf } from '../inventory/inventories.ts';
import { securityGroupExposure } from './security-group-exposure.ts';
import { subnetPrivacy } from './subnet-privacy.ts';
import { snapshotEncryption } from './snapshot-encryption.ts';
import { snapshotRetention } from './snapshot-retention.ts';
import { crossRegionRecovery } from './cross-region-recovery.ts';

const catalog: readonly Control<any, any, any>[] = [
  encryptionInTransit,
  encryptionAtRest,
  automaticBackup,
  subnetPrivacy,
  authentication,
  securityGroupExposure,
  defaultSubnetGroup,
  highAvailability,
  autoMinorVersionUpgrade,
  engineVersion,
  logDelivery,
  eventNotifications,
  snapshotEncryption,
  snapshotRetention,
  crossRegionRecovery,
];

/**
 * A control reports what its inventory lists, so its resource types are its inventory's (all of
 * them, or fewer): one naming a type the inventory never lists is a mistake caught here, at load.
 */
export function checkedResourceTypes(control: Control<any, any, any>): Control<any, any, any> {
  const listed: readonly string[] = inventoryOf(control).resourceTypes;
  const foreign = (control.resourceTypes as readonly string[]).filter((type) => !listed.includes(type));
  if (control.resourceTypes.length === 0 || foreign.length > 0) {
    throw new Error(
      `Control ${control.id} declares resource types ${foreign.length > 0 ? foreign.join(', ') : '(none)'} that its inventory (${inventoryOf(control).name}) does not list: take them from the inventory's resourceTypes`,
    );
  }
  return control;
}

export const controls: readonly Control<any, any, any>[] = catalog.map(checkedResourceTypes);

export { ORGANIZATION_RULE_PREFIX, RULE_NAME_PREFIX } from './rule-names.ts';

export function ruleNameOf(control: Control<any, any>): string {
  return `${RULE_NAME_PREFIX}${control.id}`;
}

/** What the engine itself calls for every control, on top of the control's own actions. */
export function iamActionsOf(control: Control<any, any>): string[] {
  return [
    ...inventoryOf(control).iamActions,
    'config:PutEvaluations',
    'config:GetComplianceDetailsByConfigRule',
    ...(control.changeTriggers.length > 0 ? ['config:GetResourceConfigHistory'] : []),
    ...control.iamActions,
  ];
}
