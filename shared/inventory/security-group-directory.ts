/**
 * The security groups of the caches and the managed prefix lists their inbound rules name, as the
 * security-group-exposure control judges them. Built once per run; pure, so rules are tested
 * without AWS.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';

export interface SecurityGroupDirectory {
  /** Inbound rules by security group id. */
  inboundRules: ReadonlyMap<string, readonly IpPermission[]>;
  /** Ids EC2 answered InvalidGroup.NotFound for: the cache still names a group that was deleted. */
  missingGroupIds: ReadonlySet<string>;
  /** The CIDRs of each prefix list read; undefined when the list could not be found. */
  prefixListCidrs: ReadonlyMap<string, readonly string[] | undefined>;
}

export function buildSecurityGroupDirectory(
  groups: readonly SecurityGroup[],
  missingGroupIds: Iterable<string>,
  prefixListCidrs: ReadonlyMap<string, readonly string[] | undefined>,
): SecurityGroupDirectory {
  const inboundRules = new Map<string, readonly IpPermission[]>();
  for (const group of groups) if (group.GroupId) inboundRules.set(group.GroupId, group.IpPermissions ?? []);
  return { inboundRules, missingGroupIds: new Set(missingGroupIds), prefixListCidrs };
}

/** The prefix lists the inbound rules of these groups name. */
export function prefixListIdsOf(groups: readonly SecurityGroup[]): string[] {
  const ids = groups.flatMap((g) => (g.IpPermissions ?? []).flatMap((p) => (p.PrefixListIds ?? []).flatMap((pl) => (pl.PrefixListId ? [pl.PrefixListId] : []))));
  return [...new Set(ids)];
}

/** A CIDR of prefix length 0 (0.0.0.0/0, ::/0 and their spellings) admits every address of its family. */
export function isWorldCidr(cidr: string): boolean {
  return /\/0+$/.test(cidr.trim());
}
