/**
 * elasticache-snapshot-retention.yaml on the emulator, through the Automation dry run, with a fixed
 * clock: the emulator stamps snapshots with the real time, so the rule runs at, and the runbook's
 * scripts read, an instant N days after the snapshots were taken. Every NON_COMPLIANT fixture of the
 * snapshot-retention rule (an old manual snapshot, an orphaned one past the orphan limit, an old
 * serverless manual snapshot) is deleted and then gone from the rule's report; what the runbook must
 * refuse (an automatic snapshot, an exempt one, a young one, an unknown name) is left in place, and
 * the run fails naming why.
 */
import {
  AddTagsToResourceCommand,
  CreateServerlessCacheSnapshotCommand,
  CreateSnapshotCommand,
  DeleteReplicationGroupCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeSnapshotsCommand,
} from '@aws-sdk/client-elasticache';
import { createReplicationGroup, createServerlessCache } from '../../../scripts/local-aws/estate-builders.ts';
import { aws, group, runControl, server, verdicts } from '../../support/emulator.ts';
import { recordedChanges, remediate, useRemediationEmulator } from '../../support/remediation-harness.ts';

useRemediationEmulator();

const DOCUMENT = 'elasticache-snapshot-retention.yaml';
const DAY = 24 * 60 * 60 * 1000;
/** The rule's defaults, as the template passes them to both the rule and the runbook. */
const RULE_PARAMETERS = { retentionExemptTagKey: 'retention-exempt', maximumManualSnapshotAgeDays: '365', maximumOrphanedSnapshotAgeDays: '30' };
const RUNBOOK_PARAMETERS = { RetentionExemptTagKey: 'retention-exempt', MaximumManualSnapshotAgeDays: 365, MaximumOrphanedSnapshotAgeDays: 30 };

/** Runs are sequential here: the fixed clock belongs to the one Automation runtime of the file. */
const run = (name: string, clock: Date) => remediate(DOCUMENT, name, RUNBOOK_PARAMETERS, { clock });

/**
 * orders (a group with automatic backups) with a manual and an exempt snapshot; retired, deleted with
 * a final snapshot (orphaned); a serverless cache with a manual snapshot. Returns when they were taken.
 */
async function createEstate(): Promise<Date> {
  await createReplicationGroup(aws, group('orders', { retentionDays: 1 }));
  await createReplicationGroup(aws, group('retired', { retentionDays: 0 }));
  await createServerlessCache(aws, { name: 'search', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
  await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'orders-manual', ReplicationGroupId: 'orders' }));
  const exempt = await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'orders-legal-hold', ReplicationGroupId: 'orders' }));
  await aws.elasticache.send(new AddTagsToResourceCommand({ ResourceName: exempt.Snapshot!.ARN!, Tags: [{ Key: 'retention-exempt', Value: 'case 4711' }] }));
  await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-manual', ServerlessCacheName: 'search' }));
  await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'retired', FinalSnapshotIdentifier: 'retired-final' }));
  const { Snapshots } = await aws.elasticache.send(new DescribeSnapshotsCommand({ SnapshotName: 'retired-final' }));
  return Snapshots![0]!.NodeSnapshots![0]!.SnapshotCreateTime!;
}

/** Every snapshot name ElastiCache lists, of both kinds. */
async function snapshotNames(): Promise<string[]> {
  const [snapshots, serverless] = await Promise.all([
    aws.elasticache.send(new DescribeSnapshotsCommand({})),
    aws.elasticache.send(new DescribeServerlessCacheSnapshotsCommand({})),
  ]);
  return [...snapshots.Snapshots!.map((s) => s.SnapshotName!), ...serverless.ServerlessCacheSnapshots!.map((s) => s.ServerlessCacheSnapshotName!)].sort();
}

const automaticSnapshot = async (): Promise<string> =>
  (await aws.elasticache.send(new DescribeSnapshotsCommand({ SnapshotSource: 'system' }))).Snapshots!.map((s) => s.SnapshotName!)[0]!;

const flaggedBy = (byId: Record<string, string>): string[] => Object.entries(byId).filter(([, verdict]) => verdict === 'NON_COMPLIANT').map(([id]) => id).sort();

describe(DOCUMENT, () => {
  it('deletes every NON_COMPLIANT fixture of the rule, which then no longer reports it', async () => {
    // Prepare
    const taken = await createEstate();
    const fortyDaysOn = new Date(taken.getTime() + 40 * DAY);
    const aYearOn = new Date(taken.getTime() + 400 * DAY);
    const orphanFlagged = flaggedBy(verdicts(await runControl('snapshot-retention', RULE_PARAMETERS, fortyDaysOn)));
    expect(orphanFlagged).toEqual(['retired-final']);
    // Act: forty days on, the orphaned final snapshot (past 30 days); a year on, the old manual ones.
    const orphaned = await run('retired-final', fortyDaysOn);
    const oldFlagged = flaggedBy(verdicts(await runControl('snapshot-retention', RULE_PARAMETERS, aYearOn)));
    const old: Record<string, Awaited<ReturnType<typeof run>>> = {};
    for (const name of oldFlagged) old[name] = await run(name, aYearOn);
    // Assess
    expect(oldFlagged).toEqual(['orders-manual', 'search-manual']);
    for (const [name, result] of Object.entries({ 'retired-final': orphaned, ...old })) {
      expect({ name, outcome: result.outcome, reason: result.reason }).toEqual({ name, outcome: 'succeeded', reason: undefined });
      expect(result.ran.slice(-2)).toEqual(['VerifyCompliance', 'AssertDeleted']);
    }
    expect(orphaned.ran).toContain('DeleteSnapshot');
    expect(old['orders-manual']!.ran).toContain('DeleteSnapshot');
    expect(old['search-manual']!.ran).toContain('DeleteServerlessCacheSnapshot');
    const automatic = await automaticSnapshot();
    expect(await snapshotNames()).toEqual([automatic, 'orders-legal-hold'].sort());
    expect(verdicts(await runControl('snapshot-retention', RULE_PARAMETERS, aYearOn))).toEqual({ [automatic]: 'NOT_APPLICABLE', 'orders-legal-hold': 'COMPLIANT' });
  }, 240_000);

  it('makes one change, the deletion, and touches no cache', async () => {
    // Prepare
    const taken = await createEstate();
    await server.startRecording();
    // Act
    const result = await run('retired-final', new Date(taken.getTime() + 40 * DAY));
    // Assess
    expect(result).toMatchObject({ outcome: 'succeeded' });
    expect(await recordedChanges()).toEqual(['DeleteSnapshot']);
  }, 60_000);

  it.each([
    ['an automatic snapshot', 'automatic', 400, 'is not a manual snapshot (ElastiCache reports automated)'],
    ['a snapshot tagged with the exemption key', 'orders-legal-hold', 400, 'orders-legal-hold is exempt: it is tagged "retention-exempt"'],
    ['a manual snapshot within both limits', 'orders-manual', 10, 'orders-manual is not old enough to delete: 10.0 days old, within the limit of 365 days'],
    ['an orphaned snapshot within the orphan limit', 'retired-final', 20, 'within the limit of 365 days, or 30 days as its source is gone'],
    ['a serverless snapshot within the limit', 'search-manual', 364, 'search-manual is not old enough to delete'],
    ['a name that names no snapshot', 'no-such-snapshot', 400, 'No snapshot or serverless cache snapshot is named no-such-snapshot'],
  ])('refuses %s, deleting nothing and naming why', async (_case, name, days, why) => {
    // Prepare
    const taken = await createEstate();
    const target = name === 'automatic' ? await automaticSnapshot() : name;
    const before = await snapshotNames();
    await server.startRecording();
    // Act
    const result = await run(target, new Date(taken.getTime() + days * DAY));
    // Assess
    expect(result).toMatchObject({ outcome: 'failed', at: 'IdentifyResource' });
    expect(result.reason).toContain(why);
    expect(result.reason).toMatch(/Nothing was deleted|nothing was deleted/);
    expect(result.ran).toEqual(['IdentifyResource']);
    expect(await recordedChanges()).toEqual([]);
    expect(await snapshotNames()).toEqual(before);
  }, 60_000);

  it('deletes a tagged snapshot when the key is blank: a blank key exempts nothing', async () => {
    // Prepare
    const taken = await createEstate();
    // Act
    const result = await remediate(DOCUMENT, 'orders-legal-hold', { ...RUNBOOK_PARAMETERS, RetentionExemptTagKey: '' }, { clock: new Date(taken.getTime() + 400 * DAY) });
    // Assess
    expect(result).toMatchObject({ outcome: 'succeeded' });
    expect(await snapshotNames()).not.toContain('orders-legal-hold');
  }, 60_000);
});
