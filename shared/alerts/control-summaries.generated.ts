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
  },
  {
    "id": "high-availability",
    "title": "ElastiCache survives the loss of a node or an Availability Zone",
    "severity": "MEDIUM",
    "ruleName": "elasticache-high-availability",
    "automatedRemediation": "Enables automatic failover and Multi-AZ in place on a replication group that already has a replica in every shard; a group without replicas is refused.",
    "automatedRemediationResourceTypes": [
      "AWS::ElastiCache::ReplicationGroup"
    ],
    "runbook": [
      "A shard without enough replicas: add replicas with IncreaseReplicaCount (in place, no downtime), in an Availability Zone other than the primary's.",
      "Once every shard has a replica: modify the replication group with AutomaticFailoverEnabled=true and MultiAZEnabled=true; this applies in place.",
      "A standalone Redis OSS or Valkey cluster: create a replication group from it (CreateReplicationGroup with PrimaryClusterId) and add a replica in another Availability Zone.",
      "A Memcached cluster in one Availability Zone: add nodes in another zone (ModifyCacheCluster with NewAvailabilityZones) and spread clients over them."
    ]
  },
  {
    "id": "auto-minor-version-upgrade",
    "title": "ElastiCache applies minor engine versions automatically",
    "severity": "HIGH",
    "ruleName": "elasticache-auto-minor-version-upgrade",
    "automatedRemediation": "Sets AutoMinorVersionUpgrade to true in place (no downtime).",
    "automatedRemediationResourceTypes": [
      "AWS::ElastiCache::ReplicationGroup"
    ],
    "runbook": [
      "Modify the replication group (or standalone cluster) with AutoMinorVersionUpgrade=true; this applies in place without downtime.",
      "Redis OSS below 6.0: the flag is disabled there; upgrade the engine to Valkey or Redis OSS 6.0 or later first (see the engine-version control)."
    ]
  },
  {
    "id": "engine-version",
    "title": "ElastiCache runs a supported engine version",
    "severity": "HIGH",
    "ruleName": "elasticache-engine-version",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "Plan an engine upgrade (ModifyReplicationGroup or ModifyCacheCluster with a newer EngineVersion, or Engine=valkey for a cross-engine upgrade from Redis OSS); test clients against the new version first.",
      "Redis OSS 4 and 5 on Extended Support: upgrade to Valkey or Redis OSS 6 or later before Extended Support ends, when AWS upgrades remaining caches to Valkey itself."
    ]
  },
  {
    "id": "log-delivery",
    "title": "ElastiCache delivers its slow and engine logs",
    "severity": "MEDIUM",
    "ruleName": "elasticache-log-delivery",
    "automatedRemediation": "Delivers the slow log of a replication group to an existing CloudWatch Logs group (stack parameter SlowLogGroupName) in place, creating nothing.",
    "automatedRemediationResourceTypes": [
      "AWS::ElastiCache::ReplicationGroup"
    ],
    "runbook": [
      "Create (or choose) a CloudWatch Logs group or Firehose stream, then modify the replication group (or standalone cluster) with LogDeliveryConfigurations for each required log type, ApplyImmediately=true; this applies in place.",
      "Status error: read the entry's Message (usually the log group's resource policy or a deleted destination), fix it, then modify the configuration again.",
      "Redis OSS below 6.0 (slow log) or 6.2 (engine log): upgrade the engine first, or move to Valkey."
    ]
  },
  {
    "id": "event-notifications",
    "title": "ElastiCache sends its events to an active SNS topic",
    "severity": "LOW",
    "ruleName": "elasticache-event-notifications",
    "automatedRemediation": "Sets the notification topic of a replication group to the stack operations topic (or NotificationTopicArn), active, in place.",
    "automatedRemediationResourceTypes": [
      "AWS::ElastiCache::ReplicationGroup"
    ],
    "runbook": [
      "Modify the replication group (or standalone cluster) with NotificationTopicArn set to the operations SNS topic and NotificationTopicStatus active; the change applies in place.",
      "A topic in another account or encrypted with a customer managed key must allow ElastiCache to publish to it."
    ]
  },
  {
    "id": "snapshot-encryption",
    "title": "ElastiCache snapshots are encrypted with a healthy, trusted KMS key",
    "severity": "HIGH",
    "ruleName": "elasticache-snapshot-encryption",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "A snapshot cannot be re-encrypted in place: copy it with CopySnapshot (serverless: CopyServerlessCacheSnapshot) and KmsKeyId set to an approved customer managed key, then delete the old snapshot (DeleteSnapshot / DeleteServerlessCacheSnapshot).",
      "A disabled key: re-enable it (kms:EnableKey). A key pending deletion: cancel the deletion (kms:CancelKeyDeletion) and re-enable it, or every snapshot under it becomes unrestorable.",
      "Stop new unencrypted snapshots at the source: move the data of an unencrypted cache into a replication group encrypted at rest (see encryption-at-rest)."
    ]
  },
  {
    "id": "snapshot-retention",
    "title": "ElastiCache keeps no forgotten manual snapshots",
    "severity": "MEDIUM",
    "ruleName": "elasticache-snapshot-retention",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "Delete a snapshot that is no longer needed (DeleteSnapshot; serverless: DeleteServerlessCacheSnapshot).",
      "A snapshot that must be kept (a legal hold, an audit copy): tag it with retentionExemptTagKey (AddTagsToResource) and record why."
    ]
  },
  {
    "id": "cross-region-recovery",
    "title": "Critical ElastiCache data survives the loss of a Region",
    "severity": "HIGH",
    "ruleName": "elasticache-cross-region-recovery",
    "automatedRemediation": null,
    "automatedRemediationResourceTypes": [],
    "runbook": [
      "Create a global datastore with the replication group as primary (CreateGlobalReplicationGroup), then add a secondary in another Region (CreateReplicationGroup with GlobalReplicationGroupId); it is not fixable in place by this package.",
      "A standalone Redis OSS / Valkey cluster or a serverless cache cannot join one: move its data into a replication group (snapshot and restore), then do the above.",
      "A member still associating: wait for it to become associated, and check the datastore again."
    ]
  }
];
