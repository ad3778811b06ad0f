/**
 * The RBAC facts the authentication control needs: every user group and every user of the region,
 * keyed by id, joined in memory. Built once per run from DescribeUserGroups and DescribeUsers. Pure,
 * so the judgement of users is tested without AWS.
 */
import type { User, UserGroup } from '@aws-sdk/client-elasticache';

export interface UserGroupFacts {
  userGroupId: string;
  /** Lower-cased: active | creating | modifying | deleting; undefined when not reported. */
  status: string | undefined;
  userIds: string[];
}

export interface UserFacts {
  userId: string;
  /** The name clients log in with; the user named `default` is the one unauthenticated clients get. */
  userName: string | undefined;
  status: string | undefined;
  accessString: string | undefined;
  /** password | no-password | iam, lower-cased; undefined when not reported. */
  authenticationType: string | undefined;
}

export interface AccessDirectory {
  userGroups: ReadonlyMap<string, UserGroupFacts>;
  users: ReadonlyMap<string, UserFacts>;
}

export function buildAccessDirectory(userGroups: readonly UserGroup[], users: readonly User[]): AccessDirectory {
  const groups = new Map<string, UserGroupFacts>();
  for (const group of userGroups) {
    if (!group.UserGroupId) continue;
    groups.set(group.UserGroupId, {
      userGroupId: group.UserGroupId,
      status: group.Status?.toLowerCase(),
      userIds: group.UserIds ?? [],
    });
  }
  const byId = new Map<string, UserFacts>();
  for (const user of users) {
    if (!user.UserId) continue;
    byId.set(user.UserId, {
      userId: user.UserId,
      userName: user.UserName,
      status: user.Status?.toLowerCase(),
      accessString: user.AccessString,
      authenticationType: user.Authentication?.Type?.toLowerCase(),
    });
  }
  return { userGroups: groups, users: byId };
}

/**
 * Whether an ACL rule string leaves the user switched on. Redis applies the rules left to right:
 * `on` enables, `off` disables, and `reset` returns the user to its initial, disabled state, so the
 * last of them wins (a user with none of them is off).
 */
export function accessStringSwitchesOn(accessString: string): boolean {
  let on = false;
  for (const token of accessString.trim().toLowerCase().split(/\s+/)) {
    if (token === 'on') on = true;
    else if (token === 'off' || token === 'reset') on = false;
  }
  return on;
}
