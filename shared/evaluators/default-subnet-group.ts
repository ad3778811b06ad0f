/**
 * Default subnet group: a cache must not sit in the default subnet group or the default VPC.
 *
 * Scenarios
 * - Given a subnet group of a VPC that is not the default VPC, then COMPLIANT.
 * - Given the subnet group named default, then NON_COMPLIANT.
 * - Given a subnet group whose VPC is the account's default VPC, then NON_COMPLIANT naming the VPC.
 * - Given no subnet group reported, or a subnet group that was not found or reports no VPC, then NON_COMPLIANT.
 * - Given a serverless cache, then its own subnets are judged: any in the default VPC, or not found, is NON_COMPLIANT.
 */
import { compliant, nonCompliant, type Verdict } from '../engine/control.ts';
import { SERVERLESS_CACHE, type CacheResource } from '../inventory/cache-resource.ts';
import type { NetworkTopology } from '../inventory/network-topology.ts';
import { kindLabel } from './describe-resource.ts';

export interface DefaultNetwork {
  network: NetworkTopology;
  /** The region's default VPC: at most one, and none when it was deleted. */
  defaultVpcIds: ReadonlySet<string>;
}

const DEFAULT_SUBNET_GROUP = 'default';
const MOVE = 'restore a snapshot into a cache in a private subnet group of a dedicated VPC';

export function evaluateDefaultSubnetGroup(resource: CacheResource, { network, defaultVpcIds }: DefaultNetwork): Verdict {
  if (resource.resourceType === SERVERLESS_CACHE) return judgeServerlessSubnets(resource, network, defaultVpcIds);
  const kind = kindLabel(resource);
  if (resource.cacheSubnetGroupNames.length === 0) {
    return nonCompliant(`No cache subnet group was reported for this ${kind}, so it cannot be shown to stay out of the default network: ${MOVE}.`);
  }
  for (const name of resource.cacheSubnetGroupNames) {
    // ElastiCache stores subnet group names in lower case.
    if (name.toLowerCase() === DEFAULT_SUBNET_GROUP) {
      return nonCompliant(`This ${kind} uses the subnet group named default (subnets of the default VPC): ${MOVE}.`);
    }
    const group = network.subnetGroups.get(name);
    if (!group) return nonCompliant(`Subnet group ${name} was not found by DescribeCacheSubnetGroups, so its VPC cannot be shown: ${MOVE}.`);
    if (!group.vpcId) return nonCompliant(`Subnet group ${name} reports no VPC, so it cannot be shown to be outside the default VPC: ${MOVE}.`);
    if (defaultVpcIds.has(group.vpcId)) {
      return nonCompliant(`Subnet group ${name} lies in the account's default VPC ${group.vpcId}: ${MOVE}.`);
    }
  }
  const names = resource.cacheSubnetGroupNames;
  return compliant(
    names.length === 1
      ? `Subnet group ${names[0]} is not the default one and lies outside the default VPC.`
      : `Subnet groups ${names.join(', ')} are neither the default subnet group nor in the default VPC.`,
  );
}

function judgeServerlessSubnets(resource: CacheResource, network: NetworkTopology, defaultVpcIds: ReadonlySet<string>): Verdict {
  const fix = 'create a serverless cache in subnets of a dedicated VPC and move clients to it';
  if (resource.subnetIds.length === 0) {
    return nonCompliant(`No subnet was reported for this serverless cache, so it cannot be shown to stay out of the default VPC: ${fix}.`);
  }
  for (const subnetId of resource.subnetIds) {
    const vpcId = network.vpcOfSubnet.get(subnetId);
    if (!vpcId) return nonCompliant(`Subnet ${subnetId} of this serverless cache was not found, so its VPC cannot be shown: ${fix}.`);
    if (defaultVpcIds.has(vpcId)) return nonCompliant(`Subnet ${subnetId} of this serverless cache lies in the account's default VPC ${vpcId}: ${fix}.`);
  }
  const [only, ...others] = resource.subnetIds;
  return compliant(
    others.length === 0
      ? `Subnet ${only} of this serverless cache lies outside the default VPC.`
      : `All ${resource.subnetIds.length} subnets of this serverless cache lie outside the default VPC.`,
  );
}
