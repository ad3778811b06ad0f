/**
 * The control catalog: the one list of controls. The build, the SAM template, the docs and the
 * demo all read it; a control exists exactly when it is listed here.
 *
 * It lists definitions, which hold no AWS code, so that what reads only the catalog (the generators,
 * the change detector, the CloudFormation hook) bundles no AWS client. What runs controls against
 * the account (scan, the remediation verifier) takes them from context/catalog.ts, which binds the
 * controls that read the account to their readers in this order.
 */
import type { ControlDefinition } from '../engine/control.ts';
import { autoMinorVersionUpgrade } from './auto-minor-version-upgrade.ts';
import { authenticationDefinition } from './authentication.ts';
import { automaticBackup } from './automatic-backup.ts';
import { defaultSubnetGroupDefinition } from './default-subnet-group.ts';
import { encryptionAtRestDefinition } from './encryption-at-rest.ts';
import { encryptionInTransit } from './encryption-in-transit.ts';
import { engineVersion } from './engine-version.ts';
import { highAvailability } from './high-availability.ts';
import { eventNotifications } from './event-notifications.ts';
import { logDelivery } from './log-delivery.ts';
import { RULE_NAME_PREFIX } from './rule-names.ts';
import { inventoryKindOf } from '../inventory/inventory-kinds.ts';
import { securityGroupExposureDefinition } from './security-group-exposure.ts';
import { subnetPrivacyDefinition } from './subnet-privacy.ts';
import { snapshotEncryptionDefinition } from './snapshot-encryption.ts';
import { snapshotRetentionDefinition } from './snapshot-retention.ts';
import { crossRegionRecoveryDefinition } from './cross-region-recovery.ts';

const catalog: readonly ControlDefinition<any, any, any>[] = [
  encryptionInTransit,
  encryptionAtRestDefinition,
  automaticBackup,
  subnetPrivacyDefinition,
  authenticationDefinition,
  securityGroupExposureDefinition,
  defaultSubnetGroupDefinition,
  highAvailability,
  autoMinorVersionUpgrade,
  engineVersion,
  logDelivery,
  eventNotifications,
  snapshotEncryptionDefinition,
  snapshotRetentionDefinition,
  crossRegionRecoveryDefinition,
];

/**
 * A control reports what its inventory lists, so its resource types are its inventory's (all of
 * them, or fewer): one naming a type the inventory never lists is a mistake caught here, at load.
 */
export function checkedResourceTypes(control: ControlDefinition<any, any, any>): ControlDefinition<any, any, any> {
  const listed: readonly string[] = inventoryKindOf(control).resourceTypes;
  const foreign = (control.resourceTypes as readonly string[]).filter((type) => !listed.includes(type));
  if (control.resourceTypes.length === 0 || foreign.length > 0) {
    throw new Error(
      `Control ${control.id} declares resource types ${foreign.length > 0 ? foreign.join(', ') : '(none)'} that its inventory (${inventoryKindOf(control).name}) does not list: take them from the inventory's resourceTypes`,
    );
  }
  return control;
}

export const controls: readonly ControlDefinition<any, any, any>[] = catalog.map(checkedResourceTypes);

export { ORGANIZATION_RULE_PREFIX, RULE_NAME_PREFIX } from './rule-names.ts';

export function ruleNameOf(control: ControlDefinition<any, any>): string {
  return `${RULE_NAME_PREFIX}${control.id}`;
}

/** What the engine itself calls for every control, on top of the control's own actions. */
export function iamActionsOf(control: ControlDefinition<any, any>): string[] {
  return [
    ...inventoryKindOf(control).iamActions,
    'config:PutEvaluations',
    'config:GetComplianceDetailsByConfigRule',
    ...(control.changeTriggers.length > 0 ? ['config:GetResourceConfigHistory'] : []),
    ...control.iamActions,
  ];
}
