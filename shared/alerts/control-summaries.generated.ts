// Generated from the control catalog (shared/controls/catalog.ts) by `npm run generate`. Do not edit.
import type { ControlSummary } from './alert-message.ts';

export const controlSummaries: readonly ControlSummary[] = [
  {
    "id": "encryption-in-transit",
    "title": "ElastiCache encrypts traffic in transit (TLS required)",
    "severity": "HIGH",
    "ruleName": "elasticache-encryption-in-transit",
    "automatedRemediation": "Moves a replication group whose TLS is on in preferred mode to required mode in place; clients still using plaintext are cut off.",
    "automatedRemediationResourceTypes": [
      "AWS::ElastiCache::ReplicationGroup"
    ],
    "runbook": [
      "Redis OSS 7+ / Valkey replication groups: modify the group with TransitEncryptionEnabled=true and TransitEncryptionMode=preferred, move every client to TLS, then modify again with TransitEncryptionMode=required.",
      "TLS on in preferred mode: once no client connects in plaintext, modify the group with TransitEncryptionMode=required.",
      "Older Redis OSS versions, standalone clusters and Memcached: create a replacement with in-transit encryption (from a snapshot where the engine has them) and move clients to it."
    ]
  },
  {
    "id": "encryption-at-rest",
    "title": "ElastiCache encrypts data at rest with a healthy, trusted KMS key",
    "severity": "HIGH",
    "ruleName": "elasticache-encryption-at-rest",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "At-rest encryption and the KMS key are fixed at creation: take a snapshot, restore it into a new replication group with AtRestEncryptionEnabled=true and the approved customer managed key, move clients, delete the old group.",
      "A disabled key: re-enable it (kms:EnableKey). A key pending deletion: cancel the deletion (kms:CancelKeyDeletion) and re-enable it."
    ]
  },
  {
    "id": "automatic-backup",
    "title": "ElastiCache keeps automatic backups long enough",
    "severity": "HIGH",
    "ruleName": "elasticache-automatic-backup",
    "automatedRemediation": "Raises SnapshotRetentionLimit to minimumRetentionDays in place (no downtime).",
    "automatedRemediationResourceTypes": [
      "AWS::ElastiCache::ReplicationGroup"
    ],
    "runbook": [
      "Modify the replication group (or standalone cluster) with SnapshotRetentionLimit set to at least minimumRetentionDays and a SnapshotWindow outside peak hours; this applies in place without downtime.",
      "cache.t1.micro: migrate to a current node type first; it cannot take snapshots."
    ]
  },
  {
    "id": "subnet-privacy",
    "title": "ElastiCache runs only in private subnets",
    "severity": "HIGH",
    "ruleName": "elasticache-subnet-privacy",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets (no route to an internet gateway), restore a snapshot into a new cache in it, move clients, delete the old cache.",
      "Alternatively, if the subnet should never have been public, remove its internet gateway route or associate it with a private route table; the rule re-evaluates on the route table change."
    ]
  },
  {
    "id": "authentication",
    "title": "ElastiCache admits no client without a password",
    "severity": "HIGH",
    "ruleName": "elasticache-authentication",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "Create a user named \"default\" that is switched off (access string \"off ~* -@all\") or has a password, and users with passwords or IAM authentication for each application.",
      "Create a user group holding that replacement default user and the application users; a user group must contain a user named default.",
      "Redis OSS 6.0+ / Valkey replication group: ModifyReplicationGroup with UserGroupIdsToAdd (TLS must be on); serverless cache: ModifyServerlessCache with UserGroupId. Move clients to their own users.",
      "Redis OSS below 6.0 or a standalone cluster: set an AUTH token (ModifyReplicationGroup AuthToken with AuthTokenUpdateStrategy SET, then ROTATE to renew), or upgrade to 6.0+ and move to RBAC."
    ]
  },
  {
    "id": "security-group-exposure",
    "title": "ElastiCache ports are not open to every address",
    "severity": "HIGH",
    "ruleName": "elasticache-security-group-exposure",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "Replace the world-open inbound rule with one whose source is the application's security group (or the narrowest CIDRs that need the cache), on the cache port only.",
      "If the rule comes from a managed prefix list, remove 0.0.0.0/0 and ::/0 from the list or stop referencing it from the cache's security group.",
      "A security group that no longer exists: ModifyReplicationGroup (or ModifyServerlessCache) with SecurityGroupIds naming existing groups."
    ]
  },
  {
    "id": "default-subnet-group",
    "title": "ElastiCache stays out of the default subnet group and the default VPC",
    "severity": "HIGH",
    "ruleName": "elasticache-default-subnet-group",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets in a dedicated VPC, restore a snapshot into a new cache in it, move clients, delete the old cache.",
      "Serverless cache: create a new serverless cache in subnets of a dedicated VPC (restoring a snapshot), move clients, delete the old one."
    ]
  }
];
