/**
 * Describes the security groups the caches use, by id in batches (never one call per cache), and
 * reads each managed prefix list their inbound rules name once, all pages.
 */
import { DescribeSecurityGroupsCommand, EC2Client, paginateGetManagedPrefixListEntries, type SecurityGroup } from '@aws-sdk/client-ec2';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';
import type { CacheResource } from './cache-resource.ts';
import { buildSecurityGroupDirectory, prefixListIdsOf, type SecurityGroupDirectory } from './security-group-directory.ts';

/** Group ids per DescribeSecurityGroups call: one call per hundred groups, like every other list of a run. */
export const SECURITY_GROUP_BATCH = 100;

export async function loadSecurityGroups(resources: readonly CacheResource[], session: AwsSession): Promise<SecurityGroupDirectory> {
  const groupIds = [...new Set(resources.flatMap((r) => r.securityGroupIds))];
  if (groupIds.length === 0) return buildSecurityGroupDirectory([], [], new Map());
  const ec2 = session.client(EC2Client);
  const groups: SecurityGroup[] = [];
  const missing: string[] = [];
  for (let start = 0; start < groupIds.length; start += SECURITY_GROUP_BATCH) {
    const batch = await describeBatch(ec2, groupIds.slice(start, start + SECURITY_GROUP_BATCH));
    groups.push(...batch.groups);
    missing.push(...batch.missing);
  }
  const prefixListCidrs = new Map<string, readonly string[] | undefined>();
  for (const prefixListId of prefixListIdsOf(groups)) {
    prefixListCidrs.set(prefixListId, await readPrefixList(ec2, prefixListId));
  }
  return buildSecurityGroupDirectory(groups, missing, prefixListCidrs);
}

/**
 * One DescribeSecurityGroups call for a batch of ids. EC2 refuses MaxResults together with GroupIds
 * and then returns every named group in one reply, so no paging is needed. A deleted group fails
 * the whole call (InvalidGroup.NotFound, naming it): it is set aside and the rest asked again, so one
 * stale reference cannot hide every other cache's verdict.
 */
async function describeBatch(ec2: EC2Client, ids: string[]): Promise<{ groups: SecurityGroup[]; missing: string[] }> {
  const missing: string[] = [];
  let pending = ids;
  while (pending.length > 0) {
    try {
      const asked = pending;
      const reply = await callingAws('ec2:DescribeSecurityGroups', () => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: asked })));
      return { groups: reply.SecurityGroups ?? [], missing };
    } catch (error) {
      const named = notFoundIds((error as Error).cause, pending);
      if (named.length === 0) throw error;
      missing.push(...named);
      pending = pending.filter((id) => !named.includes(id));
    }
  }
  return { groups: [], missing };
}

/** The ids of `asked` that an InvalidGroup.NotFound error names ("The security group 'sg-…' does not exist"). */
function notFoundIds(error: unknown, asked: readonly string[]): string[] {
  if (!(error instanceof Error) || error.name !== 'InvalidGroup.NotFound') return [];
  return asked.filter((id) => error.message.includes(id));
}

async function readPrefixList(ec2: EC2Client, prefixListId: string): Promise<string[] | undefined> {
  try {
    const entries = await callingAws('ec2:GetManagedPrefixListEntries', () =>
      collect(paginateGetManagedPrefixListEntries({ client: ec2, pageSize: PAGE_SIZE }, { PrefixListId: prefixListId }), (p) => p.Entries),
    );
    return entries.flatMap((e) => (e.Cidr ? [e.Cidr] : []));
  } catch (error) {
    // A list deleted since the rule was written: its caches cannot be cleared, but the run goes on.
    const cause = (error as Error).cause;
    if (cause instanceof Error && cause.name === 'InvalidPrefixListID.NotFound') return undefined;
    throw error;
  }
}
