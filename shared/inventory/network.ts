/**
 * Fetches the network facts the subnet-privacy control needs: every cache subnet group and every
 * route table of the region, each with one paginated call sequence per run.
 */
import { EC2Client, paginateDescribeRouteTables } from '@aws-sdk/client-ec2';
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
  return buildNetworkTopology(subnetGroups, routeTables);
}
