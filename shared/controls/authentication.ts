import { declareControl } from '../engine/control.ts';
import { booleanParameter, integerParameter, listParameter } from '../engine/parameters.ts';
import { evaluateAuthentication } from '../evaluators/authentication.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

/** ElastiCache user group ids: 1–40 characters, a letter first, letters, digits and hyphens (CreateUserGroup). */
const USER_GROUP_ID = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;

export const authenticationDefinition = declareControl({
  id: 'authentication',
  title: 'ElastiCache admits no client without a password',
  description:
    'Redis OSS below 6.0 and standalone clusters must require an AUTH token; Redis OSS 6.0+ and Valkey replication groups and serverless caches must use a user group (RBAC), ' +
    'and no user of that group may be switched on without a password, as the built-in default user ships. Memcached has no authentication and is left to the network controls.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: [
    'Security Hub ElastiCache.6',
    'ELASTICACHE_REPL_GRP_REDIS_AUTH_ENABLED',
    'ELASTICACHE_RBAC_AUTH_ENABLED',
    'Prowler elasticache_redis_replication_group_auth_enabled',
  ],
  frameworks: frameworkMappingOf('authentication'),
  remediation: [
    'Create a user named "default" that is switched off (access string "off ~* -@all") or has a password, and users with passwords or IAM authentication for each application.',
    'Create a user group holding that replacement default user and the application users; a user group must contain a user named default.',
    'Redis OSS 6.0+ / Valkey replication group: ModifyReplicationGroup with UserGroupIdsToAdd (TLS must be on); serverless cache: ModifyServerlessCache with UserGroupId. Move clients to their own users.',
    'Redis OSS below 6.0 or a standalone cluster: set an AUTH token (ModifyReplicationGroup AuthToken with AuthTokenUpdateStrategy SET, then ROTATE to renew), or upgrade to 6.0+ and move to RBAC.',
  ],
  remediationDecisions: {
    [REPLICATION_GROUP]: [
      {
        kind: 'manual',
        document: 'elasticache-authentication.yaml',
        summary:
          'Attaches an approved user group (Redis OSS 6.0+ / Valkey) or sets and rotates an AUTH token (AuthTokenUpdateStrategy ROTATE); a person moves clients to the new credentials.',
      },
    ],
    [CACHE_CLUSTER]: [
      {
        kind: 'manual',
        document: 'elasticache-authentication.yaml',
        summary: 'Sets or rotates the AUTH token of the standalone cluster (AuthTokenUpdateStrategy ROTATE); a person moves clients to the new token.',
      },
    ],
    [SERVERLESS_CACHE]: [
      {
        kind: 'manual',
        document: 'elasticache-authentication.yaml',
        summary: 'Attaches an approved user group to the serverless cache (ModifyServerlessCache UserGroupId); a person moves clients to its users.',
      },
    ],
  },
  beforeDeployment:
    'The AUTH token\'s presence, the user groups and the users (access string, password, IAM or none) declared in the same template or plan, and the built-in default user; a user group defined elsewhere needs the account. Token age is not judged (a new token is new).',
  limitations: [
    'Access strings are read for on, off and reset only; the keys and commands a user may reach are not judged.',
    'A user that is being deleted is not counted; any other user status still admits clients and is judged.',
    'The AUTH token age is judged against the time of Config\'s notification, from AuthTokenLastModifiedDate as ElastiCache reports it.',
    'Memcached (clusters and serverless caches) is NOT_APPLICABLE: it has no authentication.',
  ],
  parameters: {
    allowAuthToken: booleanParameter({
      description: 'When "true", a Redis OSS 6.0+ or Valkey replication group with an AUTH token but no user group is COMPLIANT (default: RBAC required).',
      default: false,
    }),
    allowedUserGroupIds: listParameter({
      description: 'Comma-separated user group ids; when set, a cache with any other user group is NON_COMPLIANT.',
      default: [],
      validateItem: (item) => (USER_GROUP_ID.test(item) ? undefined : 'is not a user group id (a letter, then up to 39 letters, digits or hyphens)'),
    }),
    authTokenMaxAgeDays: integerParameter({
      description: 'Most days since an AUTH token was last rotated (0–3650; 0 = not checked).',
      default: 0,
      min: 0,
      max: 3650,
    }),
  },
  changeTriggers: [],
  // AUTH tokens and user groups change in place on groups, clusters and serverless caches, and a
  // user group's members and a user's passwords or access string change without touching the cache.
  triggeringCalls: {
    elasticache: [
      ...CACHE_LIFECYCLE_CALLS,
      'ModifyReplicationGroup',
      'ModifyCacheCluster',
      'ModifyServerlessCache',
      'ModifyUserGroup',
      'DeleteUserGroup',
      'ModifyUser',
      'DeleteUser',
    ],
  },
  iamActions: ['elasticache:DescribeUserGroups', 'elasticache:DescribeUsers'],
  evaluate: evaluateAuthentication,
});
