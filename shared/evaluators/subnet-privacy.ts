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
 */
import type { CacheResource } from '../inventory/cache-resource.ts';
import type { NetworkTopology } from '../inventory/network-topology.ts';
import { compliant, nonCompliant, type Verdict } from '../engine/control.ts';
import { MAX_ANNOTATION_LENGTH } from '../engine/report.ts';
import { kindLabel } from './describe-resource.ts';

export function evaluateSubnetPrivacy(resource: CacheResource, network: NetworkTopology): Verdict {
  const kind = kindLabel(resource);
  if (resource.cacheSubnetGroupNames.length === 0) {
    return nonCompliant(`No cache subnet group was reported for this ${kind}, so it cannot be shown to sit in private subnets.`);
  }
  const publicSubnets: string[] = [];
  const unknown: string[] = [];
  let subnetCount = 0;
  for (const groupName of resource.cacheSubnetGroupNames) {
    const group = network.subnetGroups.get(groupName);
    if (!group) {
      unknown.push(`subnet group ${groupName} was not found`);
      continue;
    }
    if (group.subnetIds.length === 0) unknown.push(`subnet group ${groupName} lists no subnets`);
    for (const subnetId of group.subnetIds) {
      subnetCount++;
      const table = network.routeTableFor(subnetId, group.vpcId);
      if (!table) {
        unknown.push(`no route table governs ${subnetId}`);
        continue;
      }
      const route = table.internetRoutes[0];
      if (route) publicSubnets.push(`${subnetId} (${table.routeTableId}: ${route.destination} → ${route.gatewayId})`);
    }
  }
  const groups = resource.cacheSubnetGroupNames.join(', ');
  if (publicSubnets.length > 0) {
    // Name the first public subnet and count the rest, and shorten a long subnet group name (up to 255
    // characters), so that the subnet and its route always fit in Config's 256-character annotation.
    const more = publicSubnets.length > 1 ? ` and ${publicSubnets.length - 1} more` : '';
    const finding = ` has a public subnet: ${publicSubnets[0]}${more}. Move the cache to a subnet group whose subnets have no internet gateway route.`;
    const prefix = 'Subnet group ';
    return nonCompliant(`${prefix}${shorten(groups, MAX_ANNOTATION_LENGTH - prefix.length - finding.length)}${finding}`);
  }
  if (unknown.length > 0) {
    const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more problem${unknown.length > 2 ? 's' : ''})` : '';
    return nonCompliant(`Subnet privacy cannot be verified: ${unknown[0]}${more}; fix the subnet group or its routing.`);
  }
  return compliant(`All ${subnetCount} subnet${subnetCount === 1 ? '' : 's'} of subnet group ${groups} route no traffic to an internet gateway.`);
}

/** Cuts text to at most `room` characters, marking the cut. */
function shorten(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, Math.max(room - 1, 0))}…`;
}
