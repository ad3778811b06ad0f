/**
 * Authentication: no client may connect without a password (or IAM).
 *
 * Scenarios
 * - Given a Memcached cache, then NOT_APPLICABLE, pointing to the network controls.
 * - Given Redis OSS below 6.0 with an AUTH token, then COMPLIANT; without one, NON_COMPLIANT.
 * - Given a Redis OSS 6.0+ or Valkey replication group with an active user group whose users all need a password or IAM, then COMPLIANT.
 * - Given a Redis OSS 6.0+ or Valkey replication group with no user group, then NON_COMPLIANT, unless it has an AUTH token and allowAuthToken is true.
 * - Given a user group holding an active, switched-on user that needs no password, then NON_COMPLIANT naming the user.
 * - Given a user group that is missing or not active, or a user of it that is missing, then NON_COMPLIANT.
 * - Given allowedUserGroupIds, then a cache whose user group is not listed is NON_COMPLIANT.
 * - Given authTokenMaxAgeDays, then an AUTH token last rotated longer ago, or with no rotation date, is NON_COMPLIANT.
 * - Given a standalone Redis OSS or Valkey cluster, then an AUTH token is required whatever allowAuthToken says.
 * - Given a serverless Valkey or Redis OSS cache, then it is judged by its user group, and without one it is NON_COMPLIANT.
 * - Given an unknown engine, an unreported AUTH flag or an unreported engine version where it decides, then NON_COMPLIANT.
 */
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';
import { MAX_ANNOTATION_LENGTH } from '../engine/report.ts';
import { accessStringSwitchesOn, type AccessDirectory, type UserFacts } from '../inventory/access-directory.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE, type CacheResource } from '../inventory/cache-resource.ts';
import { isAtLeast } from '../inventory/engine-version.ts';
import { engineLabel, isRedisFamily, kindLabel } from './describe-resource.ts';

export interface AuthenticationParameters {
  allowAuthToken: boolean;
  allowedUserGroupIds: readonly string[];
  authTokenMaxAgeDays: number;
}

export interface AuthenticationContext {
  directory: AccessDirectory;
  /** The run's time (from Config's event), against which AUTH token ages are judged. */
  evaluationTime: Date;
}

/** Redis OSS 6.0 introduced ACLs (RBAC user groups); below it only AUTH tokens exist. */
export const RBAC_MINIMUM_REDIS_VERSION = '6.0';

const DAY_MS = 24 * 60 * 60 * 1000;

export function evaluateAuthentication(
  resource: CacheResource,
  parameters: AuthenticationParameters,
  context: AuthenticationContext,
): Verdict {
  const kind = kindLabel(resource);
  if (resource.engine === 'memcached') {
    return notApplicable(
      'Memcached has no authentication: who can connect is decided by the network, judged by the security-group-exposure and subnet-privacy controls.',
    );
  }
  if (!isRedisFamily(resource)) {
    return nonCompliant(`Engine "${resource.engine}" is not recognised, so authentication cannot be verified; review this ${kind} manually.`);
  }
  if (resource.resourceType === SERVERLESS_CACHE) {
    if (resource.userGroupIds.length === 0) {
      return nonCompliant('This serverless cache has no user group, so any client that reaches it connects as the default user: attach a user group.');
    }
    return judgeUserGroups(resource, parameters, context.directory);
  }
  if (resource.resourceType === CACHE_CLUSTER) {
    // CreateCacheCluster takes no user group: an AUTH token is the only protection a standalone cluster can have.
    return judgeAuthToken(resource, parameters, context, 'a standalone cluster cannot take a user group');
  }
  if (resource.userGroupIds.length > 0) return judgeUserGroups(resource, parameters, context.directory);
  if (resource.engine === 'redis') {
    if (resource.engineVersion === undefined) {
      return nonCompliant(
        'No user group is attached and the engine version was not reported, so an AUTH token cannot be shown to suffice: attach a user group.',
      );
    }
    if (!isAtLeast(resource.engineVersion, RBAC_MINIMUM_REDIS_VERSION)) {
      return judgeAuthToken(resource, parameters, context, `${engineLabel(resource)} predates user groups`);
    }
  }
  if (!parameters.allowAuthToken) {
    return nonCompliant(
      `No user group is attached to this ${engineLabel(resource)} ${kind}: attach a user group whose default user is switched off or needs a password (RBAC).`,
    );
  }
  return judgeAuthToken(resource, parameters, context, 'allowAuthToken accepts a token instead of a user group');
}

function judgeAuthToken(
  resource: CacheResource,
  { authTokenMaxAgeDays }: AuthenticationParameters,
  { evaluationTime }: AuthenticationContext,
  why: string,
): Verdict {
  const kind = kindLabel(resource);
  if (resource.authTokenEnabled === undefined) {
    return nonCompliant(`ElastiCache did not report whether this ${kind} has an AUTH token, so password protection cannot be shown.`);
  }
  if (!resource.authTokenEnabled) {
    return nonCompliant(`No AUTH token is set and ${why}, so clients connect without a password: set an AUTH token (TLS must be on).`);
  }
  if (authTokenMaxAgeDays > 0) {
    const changed = resource.authTokenLastModified;
    if (changed === undefined) {
      return nonCompliant(
        `An AUTH token is set but its last rotation date was not reported, so its age against ${authTokenMaxAgeDays} days cannot be shown: rotate it.`,
      );
    }
    const ageDays = Math.floor((evaluationTime.getTime() - changed.getTime()) / DAY_MS);
    if (ageDays > authTokenMaxAgeDays) {
      return nonCompliant(
        `The AUTH token was last rotated ${ageDays} days ago (${changed.toISOString().slice(0, 10)}), more than the ${authTokenMaxAgeDays} allowed: rotate it (AuthTokenUpdateStrategy ROTATE).`,
      );
    }
  }
  return compliant(`An AUTH token is set (${why}), so clients must send a password to connect.`);
}

function judgeUserGroups(resource: CacheResource, { allowedUserGroupIds }: AuthenticationParameters, directory: AccessDirectory): Verdict {
  for (const userGroupId of resource.userGroupIds) {
    if (allowedUserGroupIds.length > 0 && !allowedUserGroupIds.includes(userGroupId)) {
      return nonCompliant(`User group ${userGroupId} is not one of allowedUserGroupIds: attach an approved user group instead.`);
    }
    const group = directory.userGroups.get(userGroupId);
    if (!group) {
      return nonCompliant(`User group ${userGroupId} was not found by DescribeUserGroups, so who can connect cannot be shown: attach an existing user group.`);
    }
    if (group.status !== 'active') {
      return nonCompliant(`User group ${userGroupId} is ${group.status ?? 'of unreported status'}, not active: wait for it or attach an active user group.`);
    }
    for (const userId of group.userIds) {
      const user = directory.users.get(userId);
      if (!user) {
        return nonCompliant(`User ${userId} of user group ${userGroupId} was not found by DescribeUsers, so its password cannot be shown: check the group.`);
      }
      // The user id is named when it differs from the name and the sentence still fits Config's limit.
      const withId = passwordProblem(user, true);
      if (withId) {
        const annotation = `User group ${userGroupId}: ${withId}`;
        return nonCompliant(annotation.length <= MAX_ANNOTATION_LENGTH ? annotation : `User group ${userGroupId}: ${passwordProblem(user, false)}`);
      }
    }
  }
  const ids = resource.userGroupIds.join(', ');
  return compliant(`User group ${ids} is active and every enabled user in it needs a password or IAM authentication.`);
}

/** Why a user lets clients in without a password, or undefined when it does not. */
function passwordProblem(user: UserFacts, withId: boolean): string | undefined {
  const name = !user.userName ? user.userId : withId && user.userName !== user.userId ? `${user.userName} (id ${user.userId})` : user.userName;
  // A user being deleted can no longer log in; any other status (modifying included) still admits clients.
  if (user.status === 'deleting') return undefined;
  if (user.accessString === undefined || user.authenticationType === undefined) {
    return `user ${name} reports no access string or authentication type, so it cannot be shown to need a password.`;
  }
  if (!accessStringSwitchesOn(user.accessString)) return undefined;
  if (user.authenticationType !== 'no-password') return undefined;
  const fix =
    user.userName === 'default'
      ? 'replace it with a default user that is off or has a password'
      : 'give it a password or IAM authentication, or switch it off';
  return `user ${name} is switched on and needs no password, so anyone reaching the cache connects: ${fix}.`;
}
