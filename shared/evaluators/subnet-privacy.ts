/**
 * Subnet privacy: no subnet of the cache's subnet group may route to an internet gateway.
 *
 * Scenarios
 * - Given every subnet governed by a route table without internet-gateway routes, then COMPLIANT.
 * - Given a subnet whose explicit route table has an active route to an igw- (IPv4 or IPv6), then
 *   NON_COMPLIANT naming the subnet and the route.
 * - Given a subnet with no explicit association, then its own VPC's main route table decides.
 * - Given NAT, egress-only, peering or transit gateway routes only, then COMPLIANT.
 * - Given a blackhole route to an internet gateway, then it does not count.
 * - Given no subnet group, an unknown subnet group or a subnet no route table governs, then
 *   NON_COMPLIANT (privacy cannot be shown).
 * - Given a serverless cache, then its own subnets (SubnetIds, no subnet group) are judged the same
 *   way, each in its own VPC; a subnet that was not found is NON_COMPLIANT.
 */
import type { CacheResource } from '../inventory/cache-resource.ts';
import type { NetworkTopology } from '../inventory/network-topology.ts';
import { compliant, nonCompliant, type Verdict } from '../engine/control.ts';
import { MAX_ANNOTATION_LENGTH } from '../engine/report.ts';
import { kindLabel } from './describe-resource.ts';

export function evaluateSubnetPrivacy(resource: CacheResource, network: NetworkTopology): Verdict {
  const kind = kindLabel(resource);
  const placement = placementOf(resource, network);
  if (!placement) {
    return nonCompliant(`No cache subnet group or subnet was reported for this ${kind}, so it cannot be shown to sit in private subnets.`);
  }
  const publicSubnets: string[] = [];
  const unknown = [...placement.problems];
  for (const { subnetId, vpcId } of placement.subnets) {
    const table = network.routeTableFor(subnetId, vpcId);
    if (!table) {
      // A serverless cache's subnet without a VPC was not found at all, already one problem, not two.
      if (placement.what === 'subnet group' || vpcId !== undefined) unknown.push(`no route table governs ${subnetId}`);
      continue;
    }
    const route = table.internetRoutes[0];
    if (route) publicSubnets.push(`${subnetId} (${table.routeTableId}: ${route.destination} → ${route.gatewayId})`);
  }
  const subnetCount = placement.subnets.length;
  if (publicSubnets.length > 0) {
    // Name the first public subnet and count the rest, and shorten a long subnet group name (up to 255
    // characters), so that the subnet and its route always fit in Config's 256-character annotation.
    const more = publicSubnets.length > 1 ? ` and ${publicSubnets.length - 1} more` : '';
    if (placement.what === 'subnets') {
      return nonCompliant(
        `This serverless cache has a public subnet: ${publicSubnets[0]}${more}. Move it to subnets that have no internet gateway route.`,
      );
    }
    const groups = resource.cacheSubnetGroupNames.length;
    const finding = ` ${groups > 1 ? 'have' : 'has'} a public subnet: ${publicSubnets[0]}${more}. Move the cache to a subnet group whose subnets have no internet gateway route.`;
    const prefix = groups > 1 ? 'Subnet groups ' : 'Subnet group ';
    return nonCompliant(`${prefix}${shorten(placement.name, MAX_ANNOTATION_LENGTH - prefix.length - finding.length)}${finding}`);
  }
  if (unknown.length > 0) {
    const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more problem${unknown.length > 2 ? 's' : ''})` : '';
    const fix = placement.what === 'subnet group' ? 'the subnet group or its routing' : 'the subnets or their routing';
    return nonCompliant(`Subnet privacy cannot be verified: ${unknown[0]}${more}; fix ${fix}.`);
  }
  const subnets = `${subnetCount} subnet${subnetCount === 1 ? '' : 's'}`;
  return compliant(
    placement.what === 'subnet group'
      ? `All ${subnets} of subnet group ${placement.name} route no traffic to an internet gateway.`
      : `All ${subnets} of this serverless cache route no traffic to an internet gateway.`,
  );
}

/** Where a cache's nodes live: the subnets of its subnet groups, or a serverless cache's own subnets. */
interface Placement {
  what: 'subnet group' | 'subnets';
  name: string;
  subnets: { subnetId: string; vpcId: string | undefined }[];
  problems: string[];
}

function placementOf(resource: CacheResource, network: NetworkTopology): Placement | undefined {
  if (resource.cacheSubnetGroupNames.length > 0) {
    const placement: Placement = { what: 'subnet group', name: resource.cacheSubnetGroupNames.join(', '), subnets: [], problems: [] };
    for (const groupName of resource.cacheSubnetGroupNames) {
      const group = network.subnetGroups.get(groupName);
      if (!group) {
        placement.problems.push(`subnet group ${groupName} was not found`);
        continue;
      }
      if (group.subnetIds.length === 0) placement.problems.push(`subnet group ${groupName} lists no subnets`);
      for (const subnetId of group.subnetIds) placement.subnets.push({ subnetId, vpcId: group.vpcId });
    }
    return placement;
  }
  if (resource.subnetIds.length > 0) {
    const placement: Placement = { what: 'subnets', name: resource.subnetIds.join(', '), subnets: [], problems: [] };
    for (const subnetId of resource.subnetIds) {
      const vpcId = network.vpcOfSubnet.get(subnetId);
      // Without its VPC an unassociated subnet's main route table is unknown: not assumed private.
      if (!vpcId) placement.problems.push(`subnet ${subnetId} was not found`);
      placement.subnets.push({ subnetId, vpcId });
    }
    return placement;
  }
  return undefined;
}

/** Cuts text to at most `room` characters, marking the cut. */
function shorten(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, Math.max(room - 1, 0))}…`;
}
