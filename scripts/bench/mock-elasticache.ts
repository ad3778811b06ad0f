/** ElastiCache served from the estate: replication groups, their member clusters, no serverless caches, subnet groups. */
import {
  DescribeCacheClustersCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { mockClient } from 'aws-sdk-client-mock';
import { MEMBERS_PER_GROUP, SUBNET_GROUP_COUNT, cacheCluster, cacheSubnetGroup, replicationGroup } from './estate.ts';
import { createPager, type PageSizeRule } from './paging.ts';
import { refuseUnserved, serviceMock, timed, type ServiceMock } from './service-mock.ts';

// ElastiCache API reference: MaxRecords "Default: 100 Constraints: minimum 20; maximum 100".
const PAGE: PageSizeRule = { field: 'MaxRecords', min: 20, max: 100, default: 100 };

export function mockElastiCache(groups: number): ServiceMock {
  const stub = mockClient(ElastiCacheClient);
  refuseUnserved(stub);

  const replicationGroups = createPager('DescribeReplicationGroups', PAGE, 'InvalidParameterValue');
  stub.on(DescribeReplicationGroupsCommand).callsFake(
    timed(async (input) => {
      const page = replicationGroups({ count: groups, at: replicationGroup }, input.MaxRecords, input.Marker);
      return { ReplicationGroups: page.items, ...(page.token ? { Marker: page.token } : {}) };
    }),
  );
  const cacheClusters = createPager('DescribeCacheClusters', PAGE, 'InvalidParameterValue');
  stub.on(DescribeCacheClustersCommand).callsFake(
    timed(async (input) => {
      const page = cacheClusters({ count: groups * MEMBERS_PER_GROUP, at: cacheCluster }, input.MaxRecords, input.Marker);
      return { CacheClusters: page.items, ...(page.token ? { Marker: page.token } : {}) };
    }),
  );
  // Serverless caches are listed on every run (includeServerlessCaches is on by default); the bench
  // estate has none, which the API answers with one empty page.
  stub.on(DescribeServerlessCachesCommand).callsFake(timed(async () => ({ ServerlessCaches: [] })));
  const subnetGroups = createPager('DescribeCacheSubnetGroups', PAGE, 'InvalidParameterValue');
  stub.on(DescribeCacheSubnetGroupsCommand).callsFake(
    timed(async (input) => {
      const page = subnetGroups({ count: SUBNET_GROUP_COUNT, at: cacheSubnetGroup }, input.MaxRecords, input.Marker);
      return { CacheSubnetGroups: page.items, ...(page.token ? { Marker: page.token } : {}) };
    }),
  );

  return serviceMock(stub, {
    DescribeReplicationGroups: DescribeReplicationGroupsCommand,
    DescribeCacheClusters: DescribeCacheClustersCommand,
    DescribeServerlessCaches: DescribeServerlessCachesCommand,
    DescribeCacheSubnetGroups: DescribeCacheSubnetGroupsCommand,
  });
}
