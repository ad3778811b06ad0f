/**
 * The verification Lambda's judgement of one resource, with ElastiCache mocked at `send`.
 *
 * Scenarios
 * - Given a replication group and its members, then the control's verdict on the group is returned,
 *   computed from the group and its members fetched by id (never the whole estate).
 * - Given a standalone cluster or a serverless cache, then it is judged as that type.
 * - Given an id naming nothing, or naming two kinds of cache, or a member cluster, then the
 *   verification throws naming the id, never a verdict.
 * - Given an unknown control, an unknown rule parameter or a value out of range, then it throws
 *   naming it, before any AWS call.
 * - Given rule parameters, then they decide the verdict as in the rule (minimumRetentionDays).
 * - Given rule parameters as Automation passes them (left out, empty, typed numbers, booleans and
 *   string lists), then they are read as Config's strings; anything else is refused naming it.
 * - Given Describe answers without their list, or a group without members, then the verdict is
 *   computed from what ElastiCache answered, and an id found nowhere is refused.
 * - Given a snapshot control and a snapshot name, then the snapshot (or serverless cache snapshot) is
 *   judged joined with its source cache, fetched by id (a member cluster's group; none when gone).
 * - Given a snapshot control and a name that names no snapshot, then the outcome is `deleted`, with
 *   no compliance; a name naming both kinds is refused; a cache control on a missing cache still throws.
 */
import type {} from 'aws-sdk-client-mock-jest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeServerlessCachesCommand,
  DescribeSnapshotsCommand,
  ElastiCacheClient,
  ElastiCacheServiceException,
  type CacheCluster,
  type ReplicationGroup,
  type ServerlessCache,
  type ServerlessCacheSnapshot,
  type Snapshot,
} from '@aws-sdk/client-elasticache';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { createAwsSession } from '#shared/aws/session.ts';
import { InvalidParameterError } from '#shared/engine/errors.ts';
import { createVerifierHandler } from '#shared/engine/remediation-verifier.ts';
import { InvalidVerificationRequestError, ResourceNotIdentifiedError, parseVerificationRequest, verifyResource } from '#shared/engine/verify-resource.ts';
import { cacheClusterFixture, memberClusterFixture, replicationGroupFixture, serverlessCacheFixture } from '../../support/fixtures.ts';

const elasticache = mockClient(ElastiCacheClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);

const notFound = (code: string) =>
  new ElastiCacheServiceException({ name: code, $fault: 'client', $metadata: { httpStatusCode: 404 }, message: `${code}` });

/** Serves exactly these resources by id, answering NotFound for any other id, as ElastiCache does. */
function givenCaches({ groups = [], clusters = [], serverless = [] }: { groups?: ReplicationGroup[]; clusters?: CacheCluster[]; serverless?: ServerlessCache[] }): void {
  elasticache.on(DescribeReplicationGroupsCommand).callsFake(({ ReplicationGroupId }) => {
    const found = groups.filter((g) => g.ReplicationGroupId === ReplicationGroupId);
    if (!ReplicationGroupId || found.length === 0) throw notFound('ReplicationGroupNotFoundFault');
    return { ReplicationGroups: found };
  });
  elasticache.on(DescribeCacheClustersCommand).callsFake(({ CacheClusterId }) => {
    const found = clusters.filter((c) => c.CacheClusterId === CacheClusterId);
    if (!CacheClusterId || found.length === 0) throw notFound('CacheClusterNotFound');
    return { CacheClusters: found };
  });
  elasticache.on(DescribeServerlessCachesCommand).callsFake(({ ServerlessCacheName }) => {
    const found = serverless.filter((c) => c.ServerlessCacheName === ServerlessCacheName);
    if (!ServerlessCacheName || found.length === 0) throw notFound('ServerlessCacheNotFoundFault');
    return { ServerlessCaches: found };
  });
}

const verify = (event: unknown) => createVerifierHandler(createAwsSession())(event);

beforeEach(() => {
  elasticache.reset();
  tagging.reset();
});
afterAll(() => {
  elasticache.restore();
  tagging.restore();
});

describe('remediation verifier', () => {
  it('judges a replication group with its members, each fetched by id', async () => {
    // Prepare
    const group = replicationGroupFixture({ ReplicationGroupId: 'orders', SnapshotRetentionLimit: 0 });
    givenCaches({ groups: [group], clusters: [memberClusterFixture('orders', 'orders-001'), memberClusterFixture('orders', 'orders-002')] });
    // Act
    const result = await verify({ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: {} });
    // Assess
    expect(result).toMatchObject({ compliance: 'NON_COMPLIANT', resourceType: 'AWS::ElastiCache::ReplicationGroup', resourceId: 'orders' });
    const asked = elasticache.commandCalls(DescribeCacheClustersCommand).map((c) => c.args[0].input.CacheClusterId).sort();
    expect(asked).toEqual(['orders', 'orders-001', 'orders-002']);
    expect(elasticache.commandCalls(DescribeReplicationGroupsCommand).map((c) => c.args[0].input)).toEqual([{ ReplicationGroupId: 'orders' }]);
  });

  it('applies the rule parameters as the rule does', async () => {
    // Prepare
    givenCaches({ groups: [replicationGroupFixture({ ReplicationGroupId: 'orders', SnapshotRetentionLimit: 7 })] });
    // Act
    const seven = await verify({ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: { minimumRetentionDays: '7' } });
    const fourteen = await verify({ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: '{"minimumRetentionDays":"14"}' });
    // Assess
    expect([seven, fourteen].map((result) => (result.outcome === 'judged' ? result.compliance : result.outcome))).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
  });

  it('judges a standalone cluster and a serverless cache as their own types', async () => {
    // Prepare
    givenCaches({ clusters: [cacheClusterFixture({ CacheClusterId: 'reports', SnapshotRetentionLimit: 0 })], serverless: [serverlessCacheFixture({ ServerlessCacheName: 'sessions' })] });
    // Act
    const cluster = await verify({ controlId: 'automatic-backup', resourceId: 'reports', ruleParameters: {} });
    const serverless = await verify({ controlId: 'automatic-backup', resourceId: 'sessions', ruleParameters: {} });
    // Assess
    expect(cluster).toMatchObject({ compliance: 'NON_COMPLIANT', resourceType: 'AWS::ElastiCache::CacheCluster' });
    expect(serverless).toMatchObject({ compliance: 'COMPLIANT', resourceType: 'AWS::ElastiCache::ServerlessCache' });
  });

  it('refuses an id that names no cache', async () => {
    givenCaches({});
    await expect(verify({ controlId: 'automatic-backup', resourceId: 'gone', ruleParameters: {} })).rejects.toThrow(
      new ResourceNotIdentifiedError('No replication group, cache cluster or serverless cache is named gone.'),
    );
  });

  it('refuses an id that names both a replication group and a serverless cache', async () => {
    givenCaches({ groups: [replicationGroupFixture({ ReplicationGroupId: 'twin' })], serverless: [serverlessCacheFixture({ ServerlessCacheName: 'twin' })] });
    await expect(verify({ controlId: 'automatic-backup', resourceId: 'twin', ruleParameters: {} })).rejects.toThrow(/twin is ambiguous/);
  });

  it('refuses a member cluster, which Config judges through its group', async () => {
    givenCaches({ clusters: [memberClusterFixture('orders', 'orders-001')] });
    await expect(verify({ controlId: 'automatic-backup', resourceId: 'orders-001', ruleParameters: {} })).rejects.toThrow(/member of replication group orders/);
  });

  it('fails, naming the action, when a Describe fails for another reason than not found', async () => {
    elasticache.on(DescribeReplicationGroupsCommand).rejects(notFound('Throttling'));
    elasticache.on(DescribeCacheClustersCommand).rejects(notFound('CacheClusterNotFound'));
    elasticache.on(DescribeServerlessCachesCommand).rejects(notFound('ServerlessCacheNotFoundFault'));
    await expect(verify({ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: {} })).rejects.toThrow(/elasticache:DescribeReplicationGroups/);
  });

  it.each([
    [{ controlId: 'no-such-control', resourceId: 'orders', ruleParameters: {} }, InvalidVerificationRequestError, /no-such-control/],
    [{ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: { minimumRetentionDay: '7' } }, InvalidParameterError, /minimumRetentionDay.*accepted: minimumRetentionDays/],
    [{ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: { minimumRetentionDays: '99' } }, InvalidParameterError, /minimumRetentionDays/],
    [{ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: { minimumRetentionDays: { days: 7 } } }, InvalidVerificationRequestError, /ruleParameters.minimumRetentionDays must be a string/],
    [{ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: { minimumRetentionDays: 36 } }, InvalidParameterError, /minimumRetentionDays/],
    [{ controlId: 'automatic-backup', resourceId: 'orders;drop', ruleParameters: {} }, InvalidVerificationRequestError, /orders;drop/],
    [{ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: {}, resourceType: 'x' }, InvalidVerificationRequestError, /resourceType/],
    ['orders', InvalidVerificationRequestError, /must be an object/],
  ])('refuses %j before any AWS call', async (event, errorType, message) => {
    // Act
    const outcome = verify(event);
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(errorType);
    await expect(outcome).rejects.toThrow(message);
    expect(elasticache.calls()).toHaveLength(0);
  });
});

describe('verification requests as Automation passes them', () => {
  it.each<[string, unknown, Record<string, string>]>([
    ['left out', undefined, {}],
    ['an empty string', '  ', {}],
    ['typed numbers and booleans', { minimumRetentionDays: 7, requireCustomerManagedKey: true }, { minimumRetentionDays: '7', requireCustomerManagedKey: 'true' }],
    ['a StringList document parameter', { approvedKmsKeyIds: ['key-1', 'key-2'] }, { approvedKmsKeyIds: 'key-1,key-2' }],
  ])('reads ruleParameters %s as Config would pass them', (_what, ruleParameters, expected) => {
    // Act
    const request = parseVerificationRequest({ controlId: 'encryption-at-rest', resourceId: 'orders', ruleParameters });
    // Assess
    expect(request).toEqual({ controlId: 'encryption-at-rest', resourceId: 'orders', ruleParameters: expected });
  });

  it.each<[string, unknown, RegExp]>([
    ['a string that is not JSON', '{minimumRetentionDays: 7', /ruleParameters is a string but not JSON/],
    ['a JSON list', '["7"]', /ruleParameters must be an object of string values/],
    ['a number', 7, /ruleParameters must be an object of string values/],
    ['null inside', { minimumRetentionDays: null }, /ruleParameters\.minimumRetentionDays must be a string, as Config passes it; got object/],
    ['a list of numbers', { approvedKmsKeyIds: [1, 2] }, /ruleParameters\.approvedKmsKeyIds must be a string/],
  ])('refuses ruleParameters that are %s, naming what is wrong', (_what, ruleParameters, message) => {
    const parse = () => parseVerificationRequest({ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters });
    expect(parse).toThrow(InvalidVerificationRequestError);
    expect(parse).toThrow(message);
  });

  it('refuses a controlId that is not text, and a null request', () => {
    expect(() => parseVerificationRequest({ controlId: 7, resourceId: 'orders' })).toThrow(/controlId 7 is not a control of the catalog; accepted: .*automatic-backup/);
    expect(() => parseVerificationRequest(null)).toThrow(/must be an object/);
    expect(() => parseVerificationRequest({ controlId: 'automatic-backup', resourceId: '' })).toThrow(/resourceId "" is not a cache id/);
  });

  it('refuses an unknown control given to verifyResource directly, before any AWS call', async () => {
    await expect(verifyResource({ controlId: 'retired-control', resourceId: 'orders', ruleParameters: {} }, createAwsSession())).rejects.toThrow(
      new InvalidVerificationRequestError('controlId "retired-control" is not a control of the catalog.'),
    );
    expect(elasticache.calls()).toHaveLength(0);
  });
});

describe('remediation verifier on sparse Describe answers', () => {
  it('refuses an id when every Describe answers without its list', async () => {
    // Prepare: answers with no ReplicationGroups, CacheClusters or ServerlessCaches member at all.
    elasticache.on(DescribeReplicationGroupsCommand).resolves({});
    elasticache.on(DescribeCacheClustersCommand).resolves({});
    elasticache.on(DescribeServerlessCachesCommand).resolves({});
    // Act / Assess
    await expect(verify({ controlId: 'automatic-backup', resourceId: 'orders', ruleParameters: {} })).rejects.toThrow(ResourceNotIdentifiedError);
  });

  it('judges a group whose member list is missing or whose member answers without clusters on the group alone', async () => {
    // Prepare: a group being created reports no MemberClusters yet; a member of another is answered empty.
    const creating = replicationGroupFixture({ ReplicationGroupId: 'creating', SnapshotRetentionLimit: 1, MemberClusters: undefined });
    const replacing = replicationGroupFixture({ ReplicationGroupId: 'replacing', SnapshotRetentionLimit: 0, MemberClusters: ['replacing-001'] });
    elasticache.on(DescribeReplicationGroupsCommand).callsFake(({ ReplicationGroupId }) => ({ ReplicationGroups: [creating, replacing].filter((g) => g.ReplicationGroupId === ReplicationGroupId) }));
    elasticache.on(DescribeCacheClustersCommand).resolves({});
    elasticache.on(DescribeServerlessCachesCommand).rejects(notFound('ServerlessCacheNotFoundFault'));
    // Act
    const first = await verify({ controlId: 'automatic-backup', resourceId: 'creating', ruleParameters: {} });
    const second = await verify({ controlId: 'automatic-backup', resourceId: 'replacing', ruleParameters: {} });
    // Assess
    expect(first).toMatchObject({ compliance: 'COMPLIANT', resourceId: 'creating' });
    expect(second).toMatchObject({ compliance: 'NON_COMPLIANT', resourceId: 'replacing' });
    expect(elasticache.commandCalls(DescribeCacheClustersCommand).map((c) => c.args[0].input.CacheClusterId)).toEqual(['creating', 'replacing', 'replacing-001']);
  });
});

describe('remediation verifier on the snapshot controls', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const NOW = new Date('2027-12-07T06:00:00Z');
  const RULE = { retentionExemptTagKey: 'retention-exempt', maximumManualSnapshotAgeDays: '365', maximumOrphanedSnapshotAgeDays: '30' };
  const snapshotOf = (name: string, source: Partial<Snapshot>, daysOld: number): Snapshot => ({
    SnapshotName: name,
    ARN: `arn:aws:elasticache:us-east-1:123456789012:snapshot:${name}`,
    SnapshotStatus: 'available',
    SnapshotSource: 'manual',
    Engine: 'redis',
    NodeSnapshots: [{ CacheNodeId: '0001', SnapshotCreateTime: new Date(NOW.getTime() - daysOld * DAY) }],
    ...source,
  });
  const serverlessSnapshotOf = (name: string, cacheName: string, daysOld: number): ServerlessCacheSnapshot => ({
    ServerlessCacheSnapshotName: name,
    ARN: `arn:aws:elasticache:us-east-1:123456789012:serverlesscachesnapshot:${name}`,
    Status: 'available',
    SnapshotType: 'manual',
    CreateTime: new Date(NOW.getTime() - daysOld * DAY),
    ServerlessCacheConfiguration: { ServerlessCacheName: cacheName, Engine: 'valkey', MajorEngineVersion: '8' },
  });

  /** Serves these snapshots by name (NotFound for any other, as ElastiCache does) and no tags. */
  function givenSnapshots(snapshots: Snapshot[], serverless: ServerlessCacheSnapshot[] = []): void {
    elasticache.on(DescribeSnapshotsCommand).callsFake(({ SnapshotName }) => {
      const found = snapshots.filter((s) => s.SnapshotName === SnapshotName);
      if (found.length === 0) throw notFound('SnapshotNotFoundFault');
      return { Snapshots: found };
    });
    elasticache.on(DescribeServerlessCacheSnapshotsCommand).callsFake(({ ServerlessCacheSnapshotName }) => {
      const found = serverless.filter((s) => s.ServerlessCacheSnapshotName === ServerlessCacheSnapshotName);
      if (found.length === 0) throw notFound('ServerlessCacheSnapshotNotFoundFault');
      return { ServerlessCacheSnapshots: found };
    });
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
  }

  const judge = (resourceId: string) =>
    verifyResource(parseVerificationRequest({ controlId: 'snapshot-retention', resourceId, ruleParameters: RULE }), createAwsSession(), NOW);

  it('judges a snapshot of a live group by the manual limit, fetching only the snapshot and its group', async () => {
    // Prepare
    givenCaches({ groups: [replicationGroupFixture({ ReplicationGroupId: 'orders', MemberClusters: [] })] });
    givenSnapshots([snapshotOf('orders-old', { ReplicationGroupId: 'orders' }, 400), snapshotOf('orders-new', { ReplicationGroupId: 'orders' }, 40)]);
    // Act
    const old = await judge('orders-old');
    const recent = await judge('orders-new');
    // Assess
    expect(old).toMatchObject({ outcome: 'judged', compliance: 'NON_COMPLIANT', resourceType: 'AWS::ElastiCache::Snapshot', resourceId: 'orders-old', controlId: 'snapshot-retention' });
    expect(recent).toMatchObject({ outcome: 'judged', compliance: 'COMPLIANT', annotation: expect.stringContaining('within the 365-day limit') });
    expect(elasticache.commandCalls(DescribeReplicationGroupsCommand).map((c) => c.args[0].input)).toEqual([{ ReplicationGroupId: 'orders' }, { ReplicationGroupId: 'orders' }]);
  });

  it('counts a snapshot whose source is gone as orphaned, and finds a member cluster\'s group', async () => {
    // Prepare
    givenCaches({ groups: [replicationGroupFixture({ ReplicationGroupId: 'orders', MemberClusters: ['orders-001'] })], clusters: [memberClusterFixture('orders', 'orders-001')] });
    givenSnapshots([snapshotOf('retired-final', { ReplicationGroupId: 'retired' }, 40), snapshotOf('member-copy', { CacheClusterId: 'orders-001' }, 40)]);
    // Act
    const orphaned = await judge('retired-final');
    const member = await judge('member-copy');
    // Assess
    expect(orphaned).toMatchObject({ compliance: 'NON_COMPLIANT', annotation: expect.stringMatching(/^Orphaned manual snapshot 40\.0 days old: its source retired no longer exists/) });
    expect(member).toMatchObject({ compliance: 'COMPLIANT', annotation: expect.stringContaining('within the 365-day limit') });
  });

  it('judges a serverless cache snapshot as its own type, with its cache', async () => {
    // Prepare
    givenCaches({ serverless: [serverlessCacheFixture({ ServerlessCacheName: 'search' })] });
    givenSnapshots([], [serverlessSnapshotOf('search-manual', 'search', 400)]);
    // Act
    const result = await judge('search-manual');
    // Assess
    expect(result).toMatchObject({ outcome: 'judged', compliance: 'NON_COMPLIANT', resourceType: 'AWS::ElastiCache::ServerlessCacheSnapshot', resourceId: 'search-manual' });
    expect(elasticache.commandCalls(DescribeServerlessCachesCommand).map((c) => c.args[0].input)).toEqual([{ ServerlessCacheName: 'search' }]);
  });

  it('reports a snapshot that no longer exists as deleted, with no compliance at all', async () => {
    // Prepare
    givenCaches({});
    givenSnapshots([]);
    // Act
    const result = await judge('orders-old');
    // Assess
    expect(result).toEqual({
      outcome: 'deleted',
      annotation: 'No snapshot or serverless cache snapshot named orders-old exists any more: it has been deleted, so snapshot-retention has nothing left to judge.',
      resourceId: 'orders-old',
      controlId: 'snapshot-retention',
    });
    expect(tagging.calls()).toHaveLength(0);
  });

  it('refuses a name given to a snapshot and a serverless cache snapshot alike', async () => {
    givenCaches({});
    givenSnapshots([snapshotOf('twin', { ReplicationGroupId: 'orders' }, 1)], [serverlessSnapshotOf('twin', 'search', 1)]);
    await expect(judge('twin')).rejects.toThrow(new ResourceNotIdentifiedError('twin is ambiguous: it names a snapshot and a serverless cache snapshot.'));
  });

  it('takes snapshot names with dots for a snapshot control, and still refuses them as cache ids', () => {
    expect(parseVerificationRequest({ controlId: 'snapshot-retention', resourceId: 'automatic.orders-2027-12-07-05-00', ruleParameters: {} }).resourceId).toBe('automatic.orders-2027-12-07-05-00');
    expect(() => parseVerificationRequest({ controlId: 'snapshot-retention', resourceId: 'snap;rm', ruleParameters: {} })).toThrow(/is not a snapshot name/);
    expect(() => parseVerificationRequest({ controlId: 'automatic-backup', resourceId: 'automatic.orders', ruleParameters: {} })).toThrow(/is not a cache id/);
  });
});
