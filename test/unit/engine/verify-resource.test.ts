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
 */
import type {} from 'aws-sdk-client-mock-jest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
  ElastiCacheServiceException,
  type CacheCluster,
  type ReplicationGroup,
  type ServerlessCache,
} from '@aws-sdk/client-elasticache';
import { createAwsSession } from '#shared/aws/session.ts';
import { InvalidParameterError } from '#shared/engine/errors.ts';
import { createVerifierHandler } from '#shared/engine/remediation-verifier.ts';
import { InvalidVerificationRequestError, ResourceNotIdentifiedError } from '#shared/engine/verify-resource.ts';
import { cacheClusterFixture, memberClusterFixture, replicationGroupFixture, serverlessCacheFixture } from '../../support/fixtures.ts';

const elasticache = mockClient(ElastiCacheClient);

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

beforeEach(() => elasticache.reset());
afterAll(() => elasticache.restore());

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
    expect([seven.compliance, fourteen.compliance]).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
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
