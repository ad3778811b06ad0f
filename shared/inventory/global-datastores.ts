/**
 * Lists the account's global datastores with their members (DescribeGlobalReplicationGroups with
 * ShowMemberInfo, one paginated call sequence per run) and normalizes them: a member answers
 * "which Region holds a copy, and is it in sync".
 */
import { ElastiCacheClient, paginateDescribeGlobalReplicationGroups, type GlobalReplicationGroup } from '@aws-sdk/client-elasticache';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';

export interface GlobalDatastoreMember {
  replicationGroupId: string;
  region: string | undefined;
  /** primary | secondary, lower-cased. */
  role: string | undefined;
  /** associating | associated | disassociating | … lower-cased. */
  status: string | undefined;
}

export interface GlobalDatastore {
  id: string;
  /** creating | available | modifying | primary-only | deleting | … lower-cased. */
  status: string | undefined;
  members: GlobalDatastoreMember[];
}

export async function listGlobalDatastores(session: AwsSession): Promise<GlobalDatastore[]> {
  const client = session.client(ElastiCacheClient);
  const groups = await callingAws('elasticache:DescribeGlobalReplicationGroups', () =>
    collect(
      paginateDescribeGlobalReplicationGroups({ client, pageSize: PAGE_SIZE }, { ShowMemberInfo: true }),
      (page) => page.GlobalReplicationGroups,
    ),
  );
  return normalizeGlobalDatastores(groups as GlobalReplicationGroup[]);
}

export function normalizeGlobalDatastores(groups: readonly GlobalReplicationGroup[]): GlobalDatastore[] {
  return groups
    .filter((g) => g.GlobalReplicationGroupId)
    .map((g) => ({
      id: g.GlobalReplicationGroupId!,
      status: g.Status?.toLowerCase(),
      members: (g.Members ?? [])
        .filter((m) => m.ReplicationGroupId)
        .map((m) => ({
          replicationGroupId: m.ReplicationGroupId!,
          region: m.ReplicationGroupRegion,
          role: m.Role?.toLowerCase(),
          status: m.Status?.toLowerCase(),
        })),
    }));
}
