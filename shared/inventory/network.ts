/**
 * Fetches the network facts the subnet-privacy control needs: every cache subnet group and every
 * route table of the region, and (when a serverless cache names its subnets directly) every subnet,
 * each with one paginated call sequence per run.
 */
import { EC2Client, paginateDescribeRouteTables, paginateDescribeSubnets } from '@aws-sdk/client-ec2';
import { ElastiCacheClient, paginateDescribeCacheSubnetGroups } from '@aws-sdk/client-elasticache';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';
import type { CacheResource } from './cache-resource.ts';
import { buildNetworkTopology, type NetworkTopology } from './network-topology.ts';

export async function loadNetworkTopology(
  resources: readonly CacheResource[],
  session: AwsSession,
): Promise<NetworkTopology> {
  // Nothing to judge means nothing to fetch (and no EC2 permissions exercised).
  if (resources.length === 0) return buildNetworkTopology([], []);
  const elasticache = session.client(ElastiCacheClient);
  const ec2 = session.client(EC2Client);
  const subnetGroups = await callingAws('elasticache:DescribeCacheSubnetGroups', () =>
    collect(paginateDescribeCacheSubnetGroups({ client: elasticache, pageSize: PAGE_SIZE }, {}), (p) => p.CacheSubnetGroups),
  );
  const routeTables = await callingAws('ec2:DescribeRouteTables', () =>
    collect(paginateDescribeRouteTables({ client: ec2, pageSize: PAGE_SIZE }, {}), (p) => p.RouteTables),
  );
  // A serverless cache names subnets, not a subnet group: their VPCs (for the main route table) come
  // from DescribeSubnets, asked only when such a cache exists.
  const subnets = resources.some((r) => r.subnetIds.length > 0)
    ? await callingAws('ec2:DescribeSubnets', () =>
        collect(paginateDescribeSubnets({ client: ec2, pageSize: PAGE_SIZE }, {}), (p) => p.Subnets),
      )
    : [];
  return buildNetworkTopology(subnetGroups, routeTables, subnets);
}
