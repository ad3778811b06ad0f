/**
 * The inventory loaders: every list call pages through everything (100 a page, never one call per
 * resource), and a failure anywhere names the IAM action instead of passing for an empty estate.
 *
 * Scenarios
 * - Given 250 replication groups and 510 cache clusters, then each Describe call runs ⌈N/100⌉ times
 *   with MaxRecords 100, following the Marker of the page before.
 * - Given member clusters, then they are folded into their group, not listed as resources of their own.
 * - Given page 3 of the replication groups fails, then ListingFailedError; given AccessDenied, then
 *   MissingPermissionError naming the action.
 * - Given 50 caches sharing one KMS key, then one DescribeKey; a deleted key, or one key denied among
 *   readable ones, is recorded with the reason; every key denied means the role lacks kms:DescribeKey,
 *   so MissingPermissionError; any other KMS error fails the listing.
 * - Given any number of caches, then subnet groups and route tables are each read once per page; given
 *   none, neither ElastiCache nor EC2 is asked.
 */
import {
  DescribeCacheClustersCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheServiceException,
  type CacheSubnetGroupMessage,
  type DescribeCacheSubnetGroupsCommandInput,
} from '@aws-sdk/client-elasticache';
import { DescribeRouteTablesCommand, type DescribeRouteTablesCommandInput, type DescribeRouteTablesResult } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, KMSInternalException, NotFoundException, type DescribeKeyCommandInput } from '@aws-sdk/client-kms';
import { createAwsSession } from '#shared/aws/session.ts';
import { ListingFailedError, MissingPermissionError } from '#shared/engine/errors.ts';
import { listCacheResources } from '#shared/inventory/elasticache.ts';
import { describeKmsKeys } from '#shared/inventory/kms.ts';
import { loadNetworkTopology } from '#shared/inventory/network.ts';
import { accessDenied, ec2Unauthorized, kmsAccessDenied } from '../../support/aws-errors.ts';
import {
  KEY_ARN,
  KEY_ID,
  VPC_ID,
  cacheClusterFixture,
  cacheResource,
  cacheSubnetGroupFixture,
  kmsKeyMetadataFixture,
  memberClusterFixture,
  memcachedClusterFixture,
  replicationGroupFixture,
  routeTableFixture,
  subnetAssociation,
  subnetsOf,
} from '../../support/fixtures.ts';
import {
  ec2,
  elasticache,
  givenEstate,
  givenThirdGroupPageFails,
  kms,
  range,
  replicationGroup,
  servePages,
  standaloneCluster,
  useMockedAws,
} from '../../support/run-rule-harness.ts';

useMockedAws();

describe('listCacheResources', () => {
  it('reads every page of replication groups and cache clusters, 100 records a page', async () => {
    // Prepare: 250 groups of two members each, and 10 standalone Memcached clusters.
    const listing = givenEstate(
      ...range(250).map((i) => replicationGroup(`orders-${i}`)),
      ...range(10).map((i) => standaloneCluster(memcachedClusterFixture({ CacheClusterId: `catalog-${i}` }))),
    );

    // Act
    const resources = await listCacheResources(createAwsSession(), { includeServerlessCaches: true });

    // Assess: ⌈250/100⌉ = 3 and ⌈510/100⌉ = 6 calls, each asking for a full page after the last.
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 3);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeCacheClustersCommand, 6);
    expect(listing.groupRequests).toEqual([
      { MaxRecords: 100, Marker: undefined },
      { MaxRecords: 100, Marker: 'marker-100' },
      { MaxRecords: 100, Marker: 'marker-200' },
    ]);
    expect(listing.clusterRequests.map((r) => r.MaxRecords)).toEqual([100, 100, 100, 100, 100, 100]);
    expect(resources).toHaveLength(260);
  });

  it.each([
    { groups: 1, calls: 1 },
    { groups: 100, calls: 1 },
    { groups: 101, calls: 2 },
  ])('calls DescribeReplicationGroups $calls time(s) for $groups group(s)', async ({ groups, calls }) => {
    // Prepare: the groups alone, no cache cluster listed.
    givenEstate({
      replicationGroups: range(groups).map((i) => replicationGroupFixture({ ReplicationGroupId: `orders-${i}` })),
      cacheClusters: [],
    });

    // Act
    const resources = await listCacheResources(createAwsSession(), { includeServerlessCaches: true });

    // Assess
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, calls);
    expect(resources).toHaveLength(groups);
  });

  it('reads a reply without a list (ElastiCache omits empty lists) as no resources', async () => {
    // Prepare
    elasticache.on(DescribeReplicationGroupsCommand).resolves({}).on(DescribeCacheClustersCommand).resolves({});

    // Act
    const resources = await listCacheResources(createAwsSession(), { includeServerlessCaches: true });

    // Assess
    expect(resources).toEqual([]);
  });

  it('lists a replication group and a standalone cluster, folding member clusters into their group', async () => {
    // Prepare: during an upgrade the members run different versions.
    const group = replicationGroupFixture();
    elasticache
      .on(DescribeReplicationGroupsCommand)
      .resolves({ ReplicationGroups: [group] })
      .on(DescribeCacheClustersCommand)
      .resolves({
        CacheClusters: [
          memberClusterFixture('orders-cache', 'orders-cache-001', { EngineVersion: '7.1.0' }),
          memberClusterFixture('orders-cache', 'orders-cache-002', { EngineVersion: '6.2.6' }),
          cacheClusterFixture(),
        ],
      });

    // Act
    const resources = await listCacheResources(createAwsSession(), { includeServerlessCaches: true });

    // Assess
    expect(resources.map((r) => [r.resourceType, r.resourceId])).toEqual([
      ['AWS::ElastiCache::ReplicationGroup', 'orders-cache'],
      ['AWS::ElastiCache::CacheCluster', 'reports-cache'],
    ]);
    expect(resources[0]).toEqual(cacheResource({ engineVersion: '6.2.6' }));
  });

  it('fails with ListingFailedError when the third page of replication groups fails', async () => {
    // Prepare
    givenThirdGroupPageFails(
      new ElastiCacheServiceException({
        name: 'ServiceUnavailable',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
        message: 'Service is unavailable',
      }),
    );

    // Act
    const listing = listCacheResources(createAwsSession(), { includeServerlessCaches: true });

    // Assess
    await expect(listing).rejects.toThrow(ListingFailedError);
    await expect(listing).rejects.toThrow(/^elasticache:DescribeReplicationGroups failed.*ServiceUnavailable: Service is unavailable$/);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 3);
    // The clusters are listed first (their pages are read down to what the groups need); nothing
    // after the failed page is asked for.
    expect(elasticache).toHaveReceivedCommandTimes(DescribeCacheClustersCommand, 1);
    expect(elasticache).not.toHaveReceivedCommand(DescribeServerlessCachesCommand);
  });

  it('names elasticache:DescribeCacheClusters when access to it is denied', async () => {
    // Prepare
    elasticache
      .on(DescribeReplicationGroupsCommand)
      .resolves({ ReplicationGroups: [replicationGroupFixture()] })
      .on(DescribeCacheClustersCommand)
      .rejects(accessDenied('elasticache:DescribeCacheClusters'));

    // Act
    const listing = listCacheResources(createAwsSession(), { includeServerlessCaches: true });

    // Assess
    await expect(listing).rejects.toThrow(MissingPermissionError);
    await expect(listing).rejects.toMatchObject({ iamAction: 'elasticache:DescribeCacheClusters' });
  });
});

describe('describeKmsKeys', () => {
  const OTHER_KEY_ID = '0987dcba-09fe-87dc-65ba-ab0987654321';
  const OTHER_KEY_ARN = KEY_ARN.replace(KEY_ID, OTHER_KEY_ID);

  it('looks up each distinct key once, however many caches share it', async () => {
    // Prepare: 50 caches on one key, 3 on another.
    kms.on(DescribeKeyCommand).callsFake((input: DescribeKeyCommandInput) => ({
      KeyMetadata: kmsKeyMetadataFixture({ KeyId: input.KeyId?.split('/').pop() }),
    }));
    const references = [...Array<string>(50).fill(KEY_ARN), ...Array<string>(3).fill(OTHER_KEY_ARN)];

    // Act
    const keys = await describeKmsKeys(createAwsSession(), references);

    // Assess
    expect(kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 2);
    expect(kms).toHaveReceivedCommandWith(DescribeKeyCommand, { KeyId: KEY_ARN });
    expect(kms).toHaveReceivedCommandWith(DescribeKeyCommand, { KeyId: OTHER_KEY_ARN });
    expect(keys.get(KEY_ARN)).toEqual({ found: true, keyId: KEY_ID, arn: KEY_ARN, keyState: 'Enabled', keyManager: 'CUSTOMER' });
  });

  it('asks KMS nothing when no cache uses a KMS key', async () => {
    // Act
    const keys = await describeKmsKeys(createAwsSession(), []);

    // Assess
    expect(keys.size).toBe(0);
    expect(kms).not.toHaveReceivedCommand(DescribeKeyCommand);
  });

  it('records a deleted key with the reason and still looks up the others', async () => {
    // Prepare
    kms
      .on(DescribeKeyCommand, { KeyId: KEY_ARN })
      .rejects(new NotFoundException({ message: `Key '${KEY_ARN}' does not exist`, $metadata: { httpStatusCode: 400 } }))
      .on(DescribeKeyCommand, { KeyId: OTHER_KEY_ARN })
      .resolves({ KeyMetadata: kmsKeyMetadataFixture({ KeyId: OTHER_KEY_ID }) });

    // Act
    const keys = await describeKmsKeys(createAwsSession(), [KEY_ARN, OTHER_KEY_ARN]);

    // Assess
    expect(keys.get(KEY_ARN)).toEqual({ found: false, reason: 'the key does not exist (deleted)' });
    expect(keys.get(OTHER_KEY_ARN)).toMatchObject({ found: true, keyId: OTHER_KEY_ID, keyState: 'Enabled' });
  });

  it('records a key whose policy denies access, naming kms:DescribeKey, while the others are readable', async () => {
    // Prepare: a cross-account key whose key policy leaves this account's role out.
    kms
      .on(DescribeKeyCommand, { KeyId: KEY_ARN })
      .rejects(kmsAccessDenied(KEY_ARN))
      .on(DescribeKeyCommand, { KeyId: OTHER_KEY_ARN })
      .resolves({ KeyMetadata: kmsKeyMetadataFixture({ KeyId: OTHER_KEY_ID }) });

    // Act
    const keys = await describeKmsKeys(createAwsSession(), [KEY_ARN, OTHER_KEY_ARN]);

    // Assess
    expect(keys.get(KEY_ARN)).toEqual({ found: false, reason: 'access denied to kms:DescribeKey (grant it in the key policy)' });
    expect(keys.get(OTHER_KEY_ARN)).toMatchObject({ found: true, keyId: OTHER_KEY_ID });
  });

  it.each([
    ['both keys', [KEY_ARN, OTHER_KEY_ARN]],
    ['the only key', [KEY_ARN]],
  ])('fails naming kms:DescribeKey when access to %s is denied: the role itself lacks the permission', async (_case, references) => {
    // Prepare: an IAM policy without kms:DescribeKey is refused on every key alike.
    kms.on(DescribeKeyCommand).callsFake((input: DescribeKeyCommandInput) => {
      throw kmsAccessDenied(input.KeyId ?? '');
    });

    // Act
    const lookup = describeKmsKeys(createAwsSession(), references);

    // Assess
    await expect(lookup).rejects.toThrow(MissingPermissionError);
    await expect(lookup).rejects.toMatchObject({ iamAction: 'kms:DescribeKey', stage: 'listing' });
    await expect(lookup).rejects.toThrow(/^Access denied for kms:DescribeKey: grant this action to the rule's execution role\. KMS refuses alike when the key policies leave this role out.*Nothing was reported/);
    expect(kms).toHaveReceivedCommandTimes(DescribeKeyCommand, references.length);
  });

  it('records a denied key and a deleted key each with its reason when no key is readable but not every one was denied', async () => {
    // Prepare
    kms
      .on(DescribeKeyCommand, { KeyId: KEY_ARN })
      .rejects(kmsAccessDenied(KEY_ARN))
      .on(DescribeKeyCommand, { KeyId: OTHER_KEY_ARN })
      .rejects(new NotFoundException({ message: `Key '${OTHER_KEY_ARN}' does not exist`, $metadata: { httpStatusCode: 400 } }));

    // Act
    const keys = await describeKmsKeys(createAwsSession(), [KEY_ARN, OTHER_KEY_ARN]);

    // Assess
    expect(keys.get(KEY_ARN)).toEqual({ found: false, reason: 'access denied to kms:DescribeKey (grant it in the key policy)' });
    expect(keys.get(OTHER_KEY_ARN)).toEqual({ found: false, reason: 'the key does not exist (deleted)' });
  });

  it('records a reply without key metadata as not found', async () => {
    // Prepare
    kms.on(DescribeKeyCommand).resolves({});

    // Act
    const keys = await describeKmsKeys(createAwsSession(), [KEY_ARN]);

    // Assess
    expect(keys.get(KEY_ARN)).toEqual({ found: false, reason: 'KMS returned no key metadata' });
  });

  it('fails the listing on any other KMS error, naming kms:DescribeKey', async () => {
    // Prepare
    kms.on(DescribeKeyCommand).rejects(new KMSInternalException({ message: 'Internal failure', $metadata: { httpStatusCode: 500 } }));

    // Act
    const lookup = describeKmsKeys(createAwsSession(), [KEY_ARN, OTHER_KEY_ARN]);

    // Assess
    await expect(lookup).rejects.toThrow(ListingFailedError);
    await expect(lookup).rejects.toThrow(/^kms:DescribeKey failed.*KMSInternalException: Internal failure$/);
  });
});

describe('loadNetworkTopology', () => {
  it('reads subnet groups and route tables once per page, whatever the number of caches', async () => {
    // Prepare: 150 caches over 130 subnet groups of one subnet each, each subnet on its own route table.
    const subnetId = (i: number) => `subnet-${hex(i)}`;
    const subnetGroups = range(130).map((i) => cacheSubnetGroupFixture({ CacheSubnetGroupName: `group-${i}`, Subnets: subnetsOf(subnetId(i)) }));
    const routeTables = range(130).map((i) =>
      routeTableFixture({ RouteTableId: `rtb-${hex(i)}`, Associations: [subnetAssociation(`rtb-${hex(i)}`, subnetId(i))] }),
    );
    const caches = range(150).map((i) => cacheResource({ resourceId: `orders-${i}`, cacheSubnetGroupNames: [`group-${i % 130}`] }));
    const groupPages = servePages(subnetGroups);
    elasticache.on(DescribeCacheSubnetGroupsCommand).callsFake((input: DescribeCacheSubnetGroupsCommandInput) => {
      const { items, Marker } = groupPages.serve(input);
      return { CacheSubnetGroups: items, Marker } satisfies CacheSubnetGroupMessage;
    });
    // EC2 pages with MaxResults and NextToken.
    const tableRequests: DescribeRouteTablesCommandInput[] = [];
    ec2.on(DescribeRouteTablesCommand).callsFake((input: DescribeRouteTablesCommandInput) => {
      tableRequests.push({ ...input });
      const start = Number(input.NextToken ?? 0);
      const end = start + (input.MaxResults ?? 1000);
      return {
        RouteTables: routeTables.slice(start, end),
        NextToken: end < routeTables.length ? String(end) : undefined,
      } satisfies DescribeRouteTablesResult;
    });

    // Act
    const network = await loadNetworkTopology(caches, createAwsSession());

    // Assess
    expect(elasticache).toHaveReceivedCommandTimes(DescribeCacheSubnetGroupsCommand, 2);
    expect(ec2).toHaveReceivedCommandTimes(DescribeRouteTablesCommand, 2);
    expect(groupPages.requests).toEqual([
      { MaxRecords: 100, Marker: undefined },
      { MaxRecords: 100, Marker: 'marker-100' },
    ]);
    expect(tableRequests).toEqual([
      { MaxResults: 100, NextToken: undefined },
      { MaxResults: 100, NextToken: '100' },
    ]);
    expect(network.subnetGroups.size).toBe(130);
    expect(network.routeTableFor(subnetId(129), VPC_ID)?.routeTableId).toBe(`rtb-${hex(129)}`);
  });

  it('asks neither ElastiCache nor EC2 when there is no cache', async () => {
    // Act
    const network = await loadNetworkTopology([], createAwsSession());

    // Assess
    expect(network.subnetGroups.size).toBe(0);
    expect(elasticache.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('names ec2:DescribeRouteTables when EC2 refuses it', async () => {
    // Prepare
    elasticache.on(DescribeCacheSubnetGroupsCommand).resolves({ CacheSubnetGroups: [cacheSubnetGroupFixture()] });
    ec2.on(DescribeRouteTablesCommand).rejects(ec2Unauthorized());

    // Act
    const loading = loadNetworkTopology([cacheResource()], createAwsSession());

    // Assess
    await expect(loading).rejects.toThrow(MissingPermissionError);
    await expect(loading).rejects.toMatchObject({ iamAction: 'ec2:DescribeRouteTables' });
  });

  it('names elasticache:DescribeCacheSubnetGroups when access to it is denied, before asking EC2', async () => {
    // Prepare
    elasticache.on(DescribeCacheSubnetGroupsCommand).rejects(accessDenied('elasticache:DescribeCacheSubnetGroups'));

    // Act
    const loading = loadNetworkTopology([cacheResource()], createAwsSession());

    // Assess
    await expect(loading).rejects.toMatchObject({ name: 'MissingPermissionError', iamAction: 'elasticache:DescribeCacheSubnetGroups' });
    expect(ec2.calls()).toHaveLength(0);
  });
});

// ---- helpers ----

/** A 17-digit hex suffix, the length of current EC2 ids. */
function hex(i: number): string {
  return i.toString(16).padStart(17, '0');
}
