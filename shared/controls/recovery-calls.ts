/** The CloudTrail calls the backup and recovery controls share (see Control.triggeringCalls). */

/** Calls that create, copy, tag or delete a snapshot (node-based and serverless). */
export const SNAPSHOT_CALLS = [
  'CreateSnapshot',
  'CopySnapshot',
  'DeleteSnapshot',
  'CreateServerlessCacheSnapshot',
  'CopyServerlessCacheSnapshot',
  'DeleteServerlessCacheSnapshot',
] as const;

/** ElastiCache's own tagging calls (the Resource Groups Tagging API calls them on a caller's behalf). */
export const TAGGING_CALLS = ['AddTagsToResource', 'RemoveTagsFromResource'] as const;

/** Calls that change whether data under a KMS key can be read. */
export const KMS_KEY_STATE_CALLS = ['DisableKey', 'EnableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion', 'ImportKeyMaterial', 'DeleteImportedKeyMaterial'] as const;
