/**
 * Fetches what the default-subnet-group control needs: every cache subnet group (with its VPC), the
 * region's default VPC, and (only when a serverless cache names subnets directly) every subnet, each
 * with one paginated call sequence per run.
 */
import { EC2Client, paginateDescribeSubnets, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import { ElastiCacheClient, paginateDescribeCacheSubnetGroups } from '@aws-sdk/client-elasticache';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';
import type { DefaultNetwork } from '../evaluators/default-subnet-group.ts';
import type { CacheResource } from './cache-resource.ts';
import { buildNetworkTopology } from './network-topology.ts';

export async function loadDefaultNetwork(resources: readonly CacheResource[], session: AwsSession): Promise<DefaultNetwork> {
  if (resources.length === 0) return { network: buildNetworkTopology([], []), defaultVpcIds: new Set() };
  const elasticache = session.client(ElastiCacheClient);
  const ec2 = session.client(EC2Client);
  const subnetGroups = resources.some((r) => r.cacheSubnetGroupNames.length > 0)
    ? await callingAws('elasticache:DescribeCacheSubnetGroups', () =>
        collect(paginateDescribeCacheSubnetGroups({ client: elasticache, pageSize: PAGE_SIZE }, {}), (p) => p.CacheSubnetGroups),
      )
    : [];
  // The filter asks EC2 for the default VPC alone, so a region of many VPCs still costs one call.
  const defaultVpcs = await callingAws('ec2:DescribeVpcs', () =>
    collect(paginateDescribeVpcs({ client: ec2, pageSize: PAGE_SIZE }, { Filters: [{ Name: 'is-default', Values: ['true'] }] }), (p) => p.Vpcs),
  );
  const subnets = resources.some((r) => r.subnetIds.length > 0)
    ? await callingAws('ec2:DescribeSubnets', () => collect(paginateDescribeSubnets({ client: ec2, pageSize: PAGE_SIZE }, {}), (p) => p.Subnets))
    : [];
  return {
    network: buildNetworkTopology(subnetGroups, [], subnets),
    // IsDefault is checked again: the filter is the emulator's to honour, the flag is the fact.
    defaultVpcIds: new Set(defaultVpcs.flatMap((vpc) => (vpc.IsDefault && vpc.VpcId ? [vpc.VpcId] : []))),
  };
}
