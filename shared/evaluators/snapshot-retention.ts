/**
 * No forgotten copies of the data: manual snapshots are kept only as long as needed.
 *
 * Scenarios
 * - Given a snapshot being deleted, then NOT_APPLICABLE.
 * - Given an automatic snapshot, then NOT_APPLICABLE (ElastiCache expires it after the retention limit).
 * - Given a snapshot ElastiCache did not report as manual or automatic, then NON_COMPLIANT (it cannot be
 *   shown to expire).
 * - Given a manual snapshot tagged with retentionExemptTagKey (any value), then COMPLIANT, naming the
 *   tag; a blank retentionExemptTagKey exempts nothing.
 * - Given a manual snapshot whose create time was not reported, then NON_COMPLIANT (its age cannot be
 *   shown).
 * - Given a manual snapshot older than maximumManualSnapshotAgeDays, then NON_COMPLIANT.
 * - Given a manual snapshot whose source cache no longer exists (or is being deleted), then it is
 *   orphaned, and NON_COMPLIANT when older than maximumOrphanedSnapshotAgeDays.
 * - Otherwise COMPLIANT, stating its age. Age is the evaluation time minus the earliest node snapshot's
 *   create time (serverless: CreateTime), exact: "older than N days" means more than N × 24 hours.
 */
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';
import type { SnapshotResource } from '../inventory/snapshot-resource.ts';
import type { TagDirectory } from '../inventory/tags.ts';

export interface SnapshotRetentionParameters {
  retentionExemptTagKey: string;
  maximumManualSnapshotAgeDays: number;
  maximumOrphanedSnapshotAgeDays: number;
}

export interface SnapshotRetentionContext {
  /** The time the run judges against (the event's notification time; a scan's start). */
  evaluationTime: Date;
  /** The tags of every tagged snapshot, by ARN. */
  tags: TagDirectory;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function evaluateSnapshotRetention(
  snapshot: SnapshotResource,
  parameters: SnapshotRetentionParameters,
  context: SnapshotRetentionContext,
): Verdict {
  if (snapshot.status === 'deleting') return notApplicable('The snapshot is being deleted.');
  if (snapshot.origin === 'automated') {
    return notApplicable('An automatic snapshot: ElastiCache deletes it when its retention limit passes (and with its cache).');
  }
  if (snapshot.origin !== 'manual') {
    return nonCompliant('ElastiCache did not report whether this snapshot is manual or automatic, so it cannot be shown to expire; review it and delete it if it is no longer needed.');
  }
  const tag = parameters.retentionExemptTagKey;
  if (tag && snapshot.arn && context.tags.get(snapshot.arn)?.[tag] !== undefined) {
    return compliant(`Exempt from the retention limits: the snapshot is tagged "${tag}".`);
  }
  if (!snapshot.createdAt) {
    return nonCompliant('ElastiCache reported no create time for this manual snapshot, so its age cannot be shown; review it and delete it if it is no longer needed.');
  }
  const ageMs = context.evaluationTime.getTime() - snapshot.createdAt.getTime();
  const age = `${(ageMs / DAY_MS).toFixed(1)} days old`;
  const source = snapshot.source;
  const orphaned = !source?.cache || source.cache.status?.toLowerCase() === 'deleting';
  const tooOld = ageMs > parameters.maximumManualSnapshotAgeDays * DAY_MS;
  const orphanTooOld = orphaned && ageMs > parameters.maximumOrphanedSnapshotAgeDays * DAY_MS;
  const gone = source ? `its source ${source.resourceId} no longer exists` : 'it names no source cache';
  const fix = `delete it (DeleteSnapshot) or tag it "${tag || 'an exemption tag'}" if it must be kept`;

  if (orphanTooOld) {
    return nonCompliant(
      `Orphaned manual snapshot ${age}: ${gone}, and orphaned snapshots may be kept ${parameters.maximumOrphanedSnapshotAgeDays} days${tooOld ? ` (manual ones ${parameters.maximumManualSnapshotAgeDays})` : ''}; ${fix}.`,
    );
  }
  if (tooOld) {
    return nonCompliant(`Manual snapshot ${age}, over the ${parameters.maximumManualSnapshotAgeDays}-day limit for manual snapshots; ${fix}.`);
  }
  return compliant(
    orphaned
      ? `Manual snapshot ${age}; ${gone}, and it is within the ${parameters.maximumOrphanedSnapshotAgeDays}-day limit for orphaned snapshots.`
      : `Manual snapshot ${age}, within the ${parameters.maximumManualSnapshotAgeDays}-day limit.`,
  );
}
