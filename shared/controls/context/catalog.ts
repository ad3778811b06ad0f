/**
 * The catalog's controls ready to run against the account, in the catalog's order: a control that
 * reads the account is bound to its reader (shared/controls/context/<id>.ts); any other control's
 * definition already runs as it is. For scan and the remediation verifier, which run every control.
 */
import type { Control } from '../../engine/control.ts';
import { controls as definitions } from '../catalog.ts';
import { authentication } from './authentication.ts';
import { crossRegionRecovery } from './cross-region-recovery.ts';
import { defaultSubnetGroup } from './default-subnet-group.ts';
import { encryptionAtRest } from './encryption-at-rest.ts';
import { securityGroupExposure } from './security-group-exposure.ts';
import { snapshotEncryption } from './snapshot-encryption.ts';
import { snapshotRetention } from './snapshot-retention.ts';
import { subnetPrivacy } from './subnet-privacy.ts';

const READING_THE_ACCOUNT: readonly Control<any, any, any>[] = [
  encryptionAtRest,
  subnetPrivacy,
  authentication,
  securityGroupExposure,
  defaultSubnetGroup,
  snapshotEncryption,
  snapshotRetention,
  crossRegionRecovery,
];

export const controls: readonly Control<any, any, any>[] = definitions.map((definition) => {
  const bound = READING_THE_ACCOUNT.find((control) => control.id === definition.id);
  if (bound) return bound;
  if (!definition.loadContext) {
    throw new Error(`Control ${definition.id} has no loadContext: bind its reader in shared/controls/context/${definition.id}.ts and list it in shared/controls/context/catalog.ts.`);
  }
  return definition as Control<any, any, any>;
});

export { ORGANIZATION_RULE_PREFIX, RULE_NAME_PREFIX, iamActionsOf, ruleNameOf } from '../catalog.ts';
