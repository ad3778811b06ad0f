/**
 * Lists every ElastiCache user group and every user of the region, each with one paginated call
 * sequence per run (never one call per cache or per group): users are shared across groups, and
 * groups across caches.
 */
import { ElastiCacheClient, paginateDescribeUserGroups, paginateDescribeUsers } from '@aws-sdk/client-elasticache';
import { PAGE_SIZE, collect } from '../aws/paginate.ts';
import type { AwsSession } from '../aws/session.ts';
import { callingAws } from '../engine/errors.ts';
import { buildAccessDirectory, type AccessDirectory } from './access-directory.ts';
import type { CacheResource } from './cache-resource.ts';

export async function loadAccessDirectory(resources: readonly CacheResource[], session: AwsSession): Promise<AccessDirectory> {
  // Only caches with a user group need the directory: without one, no RBAC call (nor permission) is needed.
  if (!resources.some((r) => r.userGroupIds.length > 0)) return buildAccessDirectory([], []);
  const elasticache = session.client(ElastiCacheClient);
  const userGroups = await callingAws('elasticache:DescribeUserGroups', () =>
    collect(paginateDescribeUserGroups({ client: elasticache, pageSize: PAGE_SIZE }, {}), (p) => p.UserGroups),
  );
  const users = await callingAws('elasticache:DescribeUsers', () =>
    collect(paginateDescribeUsers({ client: elasticache, pageSize: PAGE_SIZE }, {}), (p) => p.Users),
  );
  return buildAccessDirectory(userGroups, users);
}
