import { decisionsFor, declareControl } from '../engine/control.ts';
import { integerParameter, textParameter } from '../engine/parameters.ts';
import { evaluateSnapshotRetention } from '../evaluators/snapshot-retention.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT } from '../inventory/snapshot-resource.ts';
import { SNAPSHOTS } from '../inventory/inventory-kinds.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { SNAPSHOT_CALLS, TAGGING_CALLS } from './recovery-calls.ts';

export const snapshotRetentionDefinition = declareControl({
  id: 'snapshot-retention',
  title: 'ElastiCache keeps no forgotten manual snapshots',
  description:
    'Manual snapshots (and the final snapshot taken on delete) stay until someone deletes them, even after their cache is gone. ' +
    'Every manual snapshot must be younger than maximumManualSnapshotAgeDays, and one whose cache no longer exists younger than maximumOrphanedSnapshotAgeDays, ' +
    'unless tagged as exempt, so that no copy of the data is kept longer than needed (PCI DSS 3.2.1).',
  severity: 'MEDIUM',
  resourceTypes: SNAPSHOTS.resourceTypes,
  references: [],
  frameworks: frameworkMappingOf('snapshot-retention'),
  remediation: [
    'Delete a snapshot that is no longer needed (DeleteSnapshot; serverless: DeleteServerlessCacheSnapshot).',
    'A snapshot that must be kept (a legal hold, an audit copy): tag it with retentionExemptTagKey (AddTagsToResource) and record why.',
  ],
  // Deleting a snapshot cannot be undone, so the rule's remediation stays manual (an operator starts it
  // from the Config console) unless its AutomaticRemediation switch is turned on.
  remediationDecisions: decisionsFor([SNAPSHOT, SERVERLESS_CACHE_SNAPSHOT], {
    kind: 'automated',
    document: 'elasticache-snapshot-retention.yaml',
    summary:
      'Deletes the one named snapshot (DeleteSnapshot; serverless: DeleteServerlessCacheSnapshot) after re-checking that it is still manual, not tagged retentionExemptTagKey and past a limit; a snapshot that must be kept must carry the tag first.',
  }),
  beforeDeployment:
    'Nothing: a template declares no snapshot, and a snapshot\'s age and whether its cache still exists are facts of the account, so every snapshot is judged after deployment only and each declared cache is UNDETERMINED for this control.',
  limitations: [
    'A source that exists in another Region or account (a snapshot imported from S3) is not seen, so such a snapshot counts as orphaned.',
    'Config refuses a blank rule parameter, so a deployed rule always has an exemption tag key; to exempt nothing there, set retentionExemptTagKey to a key nobody uses. A blank key exempts nothing where it can be passed (the scan).',
    'With includeServerlessCaches set to "false", serverless snapshots are not listed either.',
  ],
  parameters: {
    retentionExemptTagKey: textParameter({
      description: 'A manual snapshot tagged with this key (any value) is exempt. Blank: no exemption.',
      default: 'retention-exempt',
      pattern: '[A-Za-z0-9 _.:/=+@-]{1,128}',
      accepted: 'a tag key (1-128 of letters, digits, spaces and _.:/=+-@), or blank for no exemption',
      blankMeansNone: true,
    }),
    maximumManualSnapshotAgeDays: integerParameter({
      description: 'A manual snapshot older than this many days (of 24 hours) is NON_COMPLIANT.',
      default: 365,
      min: 1,
      max: 3650,
    }),
    maximumOrphanedSnapshotAgeDays: integerParameter({
      description: 'A manual snapshot whose cache no longer exists is NON_COMPLIANT once older than this many days (0: at once).',
      default: 30,
      min: 0,
      max: 3650,
    }),
  },
  inventory: SNAPSHOTS,
  changeTriggers: [],
  // A deleted cache orphans its snapshots; tagging exempts one.
  triggeringCalls: { elasticache: [...CACHE_LIFECYCLE_CALLS, ...SNAPSHOT_CALLS, ...TAGGING_CALLS] },
  iamActions: ['tag:GetResources'],
  evaluate: evaluateSnapshotRetention,
});
