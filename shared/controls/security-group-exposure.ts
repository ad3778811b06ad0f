import { decisionsFor, declareControl } from '../engine/control.ts';
import { evaluateSecurityGroupExposure } from '../evaluators/security-group-exposure.ts';
import type { SecurityGroupDirectory } from '../inventory/security-group-directory.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const securityGroupExposureDefinition = declareControl({
  id: 'security-group-exposure',
  title: 'ElastiCache ports are not open to every address',
  description:
    'No security group of a cache may admit 0.0.0.0/0 or ::/0, directly or through a managed prefix list, on the cache port or for all traffic. ' +
    'Such a rule lets anything that can route into the VPC (peering, transit gateway, VPN) reach the cache. Security group changes trigger a re-evaluation at once.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['Cloud Custodian aws.cache-cluster security-group filter (related)'],
  frameworks: frameworkMappingOf('security-group-exposure'),
  remediation: [
    'Replace the world-open inbound rule with one whose source is the application\'s security group (or the narrowest CIDRs that need the cache), on the cache port only.',
    'If the rule comes from a managed prefix list, remove 0.0.0.0/0 and ::/0 from the list or stop referencing it from the cache\'s security group.',
    'A security group that no longer exists: ModifyReplicationGroup (or ModifyServerlessCache) with SecurityGroupIds naming existing groups.',
  ],
  remediationDecisions: decisionsFor(
    [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    {
      kind: 'manual',
      document: 'elasticache-security-group-exposure.yaml',
      summary:
        'Revokes exactly the world-open ingress rules a person names (their security group rule ids), after checking they still admit 0.0.0.0/0 or ::/0 to the cache.',
    },
  ),
  beforeDeployment:
    'When the cache\'s security groups and their inbound rules are declared in the same template or plan; a group defined elsewhere, a managed prefix list, or a cache that leaves its security groups out (and so gets its VPC\'s default group) needs the account.',
  limitations: [
    'Only 0.0.0.0/0 and ::/0 count as the world; wide but narrower CIDRs (say 10.0.0.0/8) are not flagged.',
    'Network ACLs and routing are not judged here (see subnet-privacy).',
    'The port is taken from the cache endpoints; when none is reported, the engine default (6379, or 11211 for Memcached) is judged.',
  ],
  parameters: {},
  changeTriggers: ['AWS::EC2::SecurityGroup'],
  // A cache's security groups change in place (Modify*); their inbound rules and the managed prefix
  // lists they reference change through EC2.
  triggeringCalls: {
    elasticache: [...CACHE_LIFECYCLE_CALLS, 'ModifyReplicationGroup', 'ModifyCacheCluster', 'ModifyServerlessCache'],
    ec2: ['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'ModifySecurityGroupRules', 'ModifyManagedPrefixList'],
  },
  iamActions: ['ec2:DescribeSecurityGroups', 'ec2:GetManagedPrefixListEntries'],
  evaluate: (resource, _parameters, directory: SecurityGroupDirectory) => evaluateSecurityGroupExposure(resource, directory),
});
