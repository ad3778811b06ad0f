/**
 * Which route table governs each subnet, and which of its routes lead to an internet gateway.
 * Built once per run from DescribeCacheSubnetGroups and DescribeRouteTables and joined in memory.
 * Pure, so the routing rules are tested without AWS.
 */
import type { CacheSubnetGroup } from '@aws-sdk/client-elasticache';
import type { RouteTable, Subnet } from '@aws-sdk/client-ec2';

export interface InternetRoute {
  destination: string;
  gatewayId: string;
}

export interface GoverningRouteTable {
  routeTableId: string;
  /** How the subnet came to use it: its own association, or its VPC's main route table. */
  association: 'explicit' | 'main';
  internetRoutes: InternetRoute[];
}

export interface CacheSubnetGroupFacts {
  vpcId: string | undefined;
  subnetIds: string[];
}

export interface NetworkTopology {
  subnetGroups: ReadonlyMap<string, CacheSubnetGroupFacts>;
  /** The VPC of each subnet listed (read only when a serverless cache names subnets directly). */
  vpcOfSubnet: ReadonlyMap<string, string>;
  /** The route table governing a subnet of the given VPC, or undefined when none does. */
  routeTableFor(subnetId: string, vpcId: string | undefined): GoverningRouteTable | undefined;
}

export function buildNetworkTopology(
  subnetGroups: readonly CacheSubnetGroup[],
  routeTables: readonly RouteTable[],
  subnets: readonly Subnet[] = [],
): NetworkTopology {
  const groups = new Map<string, CacheSubnetGroupFacts>();
  for (const group of subnetGroups) {
    if (!group.CacheSubnetGroupName) continue;
    groups.set(group.CacheSubnetGroupName, {
      vpcId: group.VpcId,
      subnetIds: (group.Subnets ?? []).flatMap((s) => (s.SubnetIdentifier ? [s.SubnetIdentifier] : [])),
    });
  }
  const bySubnet = new Map<string, GoverningRouteTable>();
  const mainByVpc = new Map<string, GoverningRouteTable>();
  for (const table of routeTables) {
    if (!table.RouteTableId) continue;
    const internetRoutes = internetRoutesOf(table);
    for (const association of table.Associations ?? []) {
      // A disassociated (or failed) association no longer governs the subnet.
      const state = association.AssociationState?.State;
      if (state && state !== 'associated') continue;
      if (association.SubnetId) {
        bySubnet.set(association.SubnetId, { routeTableId: table.RouteTableId, association: 'explicit', internetRoutes });
      }
      // The main route table governs the subnets of its own VPC only, never another VPC's.
      if (association.Main && table.VpcId) {
        mainByVpc.set(table.VpcId, { routeTableId: table.RouteTableId, association: 'main', internetRoutes });
      }
    }
  }
  const vpcOfSubnet = new Map<string, string>();
  for (const subnet of subnets) if (subnet.SubnetId && subnet.VpcId) vpcOfSubnet.set(subnet.SubnetId, subnet.VpcId);
  return {
    subnetGroups: groups,
    vpcOfSubnet,
    routeTableFor: (subnetId, vpcId) => bySubnet.get(subnetId) ?? (vpcId ? mainByVpc.get(vpcId) : undefined),
  };
}

/**
 * Routes that make a subnet public: an active route whose target is an internet gateway (igw-),
 * whatever its destination (AWS's definition of a public subnet; a split 0.0.0.0/1 + 128.0.0.0/1
 * pair is as public as a default route). NAT gateways, egress-only internet gateways, peering,
 * transit gateways and endpoints do not admit inbound internet traffic.
 */
function internetRoutesOf(table: RouteTable): InternetRoute[] {
  const routes: InternetRoute[] = [];
  for (const route of table.Routes ?? []) {
    if (!route.GatewayId?.startsWith('igw-')) continue;
    if (route.State && route.State !== 'active') continue;
    routes.push({
      destination: route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId ?? '?',
      gatewayId: route.GatewayId,
    });
  }
  return routes;
}
