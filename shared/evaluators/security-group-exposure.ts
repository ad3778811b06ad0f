/**
 * Security group exposure: the cache port must not be open to every address.
 *
 * Scenarios
 * - Given security groups whose inbound rules admit only other security groups or narrower CIDRs, then COMPLIANT.
 * - Given an inbound rule from 0.0.0.0/0 or ::/0 whose port range covers the cache port, then NON_COMPLIANT naming the group, the rule and the source.
 * - Given an inbound rule that allows all traffic (protocol -1) from the world, then NON_COMPLIANT.
 * - Given a rule from a managed prefix list that holds 0.0.0.0/0 or ::/0, then NON_COMPLIANT naming the prefix list.
 * - Given a world rule on another port or protocol only, then COMPLIANT.
 * - Given no port reported, then the engine's default port (6379 for Redis OSS and Valkey, 11211 for Memcached) is judged.
 * - Given no security group reported, a security group that no longer exists or a prefix list that could not be read, then NON_COMPLIANT.
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import { compliant, nonCompliant, type Verdict } from '../engine/control.ts';
import type { CacheResource } from '../inventory/cache-resource.ts';
import { isWorldCidr, type SecurityGroupDirectory } from '../inventory/security-group-directory.ts';
import { kindLabel } from './describe-resource.ts';

const DEFAULT_PORTS: Record<string, number> = { redis: 6379, valkey: 6379, memcached: 11211 };

export function evaluateSecurityGroupExposure(resource: CacheResource, directory: SecurityGroupDirectory): Verdict {
  const kind = kindLabel(resource);
  if (resource.securityGroupIds.length === 0) {
    return nonCompliant(`No security group was reported for this ${kind}, so exposure of its port cannot be ruled out: attach a security group that admits only the application.`);
  }
  const defaultPort = DEFAULT_PORTS[resource.engine];
  // An unknown engine with no endpoint has no known port: then a world rule on any TCP port counts.
  const ports = resource.ports.length > 0 ? resource.ports : defaultPort !== undefined ? [defaultPort] : undefined;
  const portText = ports ? `port ${ports.join(', ')}` : 'any port';
  const problems: string[] = [];
  for (const groupId of resource.securityGroupIds) {
    if (directory.missingGroupIds.has(groupId)) {
      problems.push(`security group ${groupId} no longer exists`);
      continue;
    }
    const rules = directory.inboundRules.get(groupId);
    if (!rules) {
      problems.push(`security group ${groupId} was not described`);
      continue;
    }
    for (const rule of rules) {
      if (!coversPort(rule, ports)) continue;
      const finding = worldSource(rule, directory);
      if (finding?.exposed) {
        return nonCompliant(
          `Security group ${groupId} rule ${ruleLabel(rule)} admits ${finding.source} to ${portText}: narrow it to the application's security group.`,
        );
      }
      if (finding) problems.push(finding.source);
    }
  }
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return nonCompliant(`Exposure cannot be ruled out: ${problems[0]}${more}; remove the reference or replace the group.`);
  }
  const count = resource.securityGroupIds.length;
  return compliant(`No inbound rule of the ${count} security group${count === 1 ? '' : 's'} admits 0.0.0.0/0 or ::/0 to ${portText}.`);
}

/** Whether a rule's protocol and port range reach the cache port (all traffic always does). */
function coversPort(rule: IpPermission, ports: readonly number[] | undefined): boolean {
  const protocol = (rule.IpProtocol ?? '').toLowerCase();
  if (protocol === '-1' || protocol === 'all') return true;
  // ElastiCache speaks TCP only; protocol 6 is TCP by number.
  if (protocol !== 'tcp' && protocol !== '6') return false;
  if (!ports) return true;
  // A TCP rule always carries its range; one reported without a range is read as all ports.
  const from = rule.FromPort ?? 0;
  const to = rule.ToPort ?? 65535;
  return ports.some((port) => (from === -1 || from <= port) && (to === -1 || port <= to));
}

/** The world source of a rule, or a problem that prevents ruling one out; undefined when none. */
function worldSource(rule: IpPermission, directory: SecurityGroupDirectory): { exposed: boolean; source: string } | undefined {
  const direct = [...(rule.IpRanges ?? []).map((r) => r.CidrIp), ...(rule.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)].find(
    (cidr) => cidr !== undefined && isWorldCidr(cidr),
  );
  if (direct) return { exposed: true, source: direct };
  let unreadable: string | undefined;
  for (const { PrefixListId: id } of rule.PrefixListIds ?? []) {
    if (!id) continue;
    const cidrs = directory.prefixListCidrs.get(id);
    if (cidrs === undefined) {
      unreadable ??= `prefix list ${id} could not be read`;
      continue;
    }
    const world = cidrs.find(isWorldCidr);
    if (world) return { exposed: true, source: `${world} through prefix list ${id}` };
  }
  return unreadable ? { exposed: false, source: unreadable } : undefined;
}

function ruleLabel(rule: IpPermission): string {
  const protocol = (rule.IpProtocol ?? '?').toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  if (rule.FromPort === undefined || rule.FromPort === rule.ToPort) return `${protocol} ${rule.FromPort ?? 'all'}`;
  return `${protocol} ${rule.FromPort}-${rule.ToPort}`;
}
