// Generated from the control catalog (shared/controls/catalog.ts) by `npm run generate`. Do not edit.
import type { ControlSummary } from './alert-message.ts';

export const controlSummaries: readonly ControlSummary[] = [
  {
    "id": "encryption-in-transit",
    "title": "ElastiCache encrypts traffic in transit (TLS required)",
    "severity": "HIGH",
    "ruleName": "elasticache-encryption-in-transit",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "automated",
          "when": "TLS on in preferred mode",
          "document": "elasticache-encryption-in-transit.yaml",
          "summary": "Moves the replication group to TransitEncryptionMode required in place; clients still using plaintext are cut off."
        },
        {
          "kind": "manual",
          "when": "TLS off on Redis OSS 7+ or Valkey",
          "document": "elasticache-encryption-in-transit-preferred.yaml",
          "summary": "Turns TLS on in preferred mode in place (plaintext still accepted); once every client uses TLS, the automated runbook moves the group to required."
        },
        {
          "kind": "not-fixable-in-place",
          "when": "TLS off on Redis OSS below 7",
          "steps": [
            "Upgrade the engine to Redis OSS 7+ or Valkey and use the preferred-mode runbook, or create a replacement replication group with TransitEncryptionEnabled=true from a snapshot, move clients, delete the old group."
          ]
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "ModifyCacheCluster has no TLS setting: create a replication group (Redis OSS, Valkey) or a Memcached 1.6.12+ cluster with in-transit encryption, from a snapshot where the engine has them, move clients, delete the old cluster."
          ]
        }
      ]
    },
    "runbook": [
      "Redis OSS 7+ / Valkey replication groups: modify the group with TransitEncryptionEnabled=true and TransitEncryptionMode=preferred, move every client to TLS, then modify again with TransitEncryptionMode=required.",
      "TLS on in preferred mode: once no client connects in plaintext, modify the group with TransitEncryptionMode=required.",
      "Older Redis OSS versions, standalone clusters and Memcached: create a replacement with in-transit encryption (from a snapshot where the engine has them) and move clients to it."
    ],
    "frameworks": {
      "fsbp": [
        "ElastiCache.5"
      ],
      "pci-dss-4.0.1": [
        "4.2.1",
        "2.2.7",
        "4.2.1.1",
        "8.3.2"
      ],
      "nist-800-53-r5": [
        "AC-17(2)",
        "AC-4",
        "IA-5(1)",
        "SC-12(3)",
        "SC-13",
        "SC-23",
        "SC-23(3)",
        "SC-7(4)",
        "SC-8",
        "SC-8(1)",
        "SC-8(2)",
        "SI-7(6)"
      ],
      "iso-27001-2022": [
        "A.8.11",
        "A.8.24"
      ],
      "soc2": [
        "CC6.7"
      ],
      "nist-csf-2.0": [
        "PR.DS-02"
      ],
      "dora": [
        "Article 9(2)",
        "Article 9(3)(a)"
      ]
    }
  },
  {
    "id": "encryption-at-rest",
    "title": "ElastiCache encrypts data at rest with a healthy, trusted KMS key",
    "severity": "HIGH",
    "ruleName": "elasticache-encryption-at-rest",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "manual",
          "when": "the KMS key is disabled or pending deletion",
          "document": "elasticache-encryption-at-rest-key.yaml",
          "summary": "Cancels the pending deletion of the cache's KMS key and re-enables it; a person confirms the key is meant to be kept."
        },
        {
          "kind": "not-fixable-in-place",
          "when": "encryption off, or a key that is not customer managed or not approved",
          "steps": [
            "At-rest encryption and the key are fixed at creation: take a snapshot, restore it into a new replication group with AtRestEncryptionEnabled=true and an approved customer managed key, move clients, delete the old group."
          ]
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "A standalone cluster cannot be encrypted at rest: take a snapshot, restore it into a new replication group with AtRestEncryptionEnabled=true and an approved key, move clients, delete the old cluster."
          ]
        }
      ],
      "AWS::ElastiCache::ServerlessCache": [
        {
          "kind": "manual",
          "when": "the KMS key is disabled or pending deletion",
          "document": "elasticache-encryption-at-rest-key.yaml",
          "summary": "Cancels the pending deletion of the cache's KMS key and re-enables it; a person confirms the key is meant to be kept."
        },
        {
          "kind": "not-fixable-in-place",
          "when": "a key that is not customer managed or not approved",
          "steps": [
            "A serverless cache's key is fixed at creation: take a snapshot, create a new serverless cache from it with an approved KmsKeyId, move clients, delete the old cache."
          ]
        }
      ]
    },
    "runbook": [
      "At-rest encryption and the KMS key are fixed at creation: take a snapshot, restore it into a new replication group with AtRestEncryptionEnabled=true and the approved customer managed key, move clients, delete the old group.",
      "A disabled key: re-enable it (kms:EnableKey). A key pending deletion: cancel the deletion (kms:CancelKeyDeletion) and re-enable it."
    ],
    "frameworks": {
      "fsbp": [
        "ElastiCache.4"
      ],
      "pci-dss-4.0.1": [
        "3.5.1",
        "8.3.2"
      ],
      "nist-800-53-r5": [
        "CA-9(1)",
        "CM-3(6)",
        "SC-13",
        "SC-28",
        "SC-28(1)",
        "SC-7(10)",
        "SI-7(6)"
      ],
      "iso-27001-2022": [
        "A.8.11",
        "A.8.24"
      ],
      "soc2": [
        "CC6.1"
      ],
      "nist-csf-2.0": [
        "PR.DS-01"
      ],
      "dora": [
        "Article 9(2)",
        "Article 9(4)(d)"
      ]
    }
  },
  {
    "id": "automatic-backup",
    "title": "ElastiCache keeps automatic backups long enough",
    "severity": "HIGH",
    "ruleName": "elasticache-automatic-backup",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "automated",
          "document": "elasticache-automatic-backup.yaml",
          "summary": "Raises SnapshotRetentionLimit to minimumRetentionDays in place (no downtime)."
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "automated",
          "document": "elasticache-automatic-backup.yaml",
          "summary": "Raises SnapshotRetentionLimit to minimumRetentionDays in place (no downtime)."
        }
      ],
      "AWS::ElastiCache::ServerlessCache": [
        {
          "kind": "automated",
          "document": "elasticache-automatic-backup.yaml",
          "summary": "Raises SnapshotRetentionLimit to minimumRetentionDays in place (no downtime)."
        }
      ]
    },
    "runbook": [
      "Modify the replication group (or standalone cluster) with SnapshotRetentionLimit set to at least minimumRetentionDays and a SnapshotWindow outside peak hours; this applies in place without downtime.",
      "cache.t1.micro: migrate to a current node type first; it cannot take snapshots."
    ],
    "frameworks": {
      "fsbp": [
        "ElastiCache.1"
      ],
      "pci-dss-4.0.1": [
        "10.3.3"
      ],
      "nist-800-53-r5": [
        "CP-10",
        "CP-6",
        "CP-6(1)",
        "CP-6(2)",
        "CP-9",
        "SC-5(2)",
        "SI-12",
        "SI-13(5)"
      ],
      "iso-27001-2022": [
        "A.8.13"
      ],
      "soc2": [
        "A1.2"
      ],
      "nist-csf-2.0": [
        "PR.DS-11"
      ],
      "dora": [
        "Article 12(1)(a)"
      ]
    }
  },
  {
    "id": "subnet-privacy",
    "title": "ElastiCache runs only in private subnets",
    "severity": "HIGH",
    "ruleName": "elasticache-subnet-privacy",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets, restore a snapshot into a new cache in it, move clients, delete the old cache.",
            "Or, if the subnet should never have been public, remove its internet gateway route or associate it with a private route table; the rule re-evaluates on the route table change."
          ]
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets, restore a snapshot into a new cache in it, move clients, delete the old cache.",
            "Or, if the subnet should never have been public, remove its internet gateway route or associate it with a private route table; the rule re-evaluates on the route table change."
          ]
        }
      ],
      "AWS::ElastiCache::ServerlessCache": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "A serverless cache's subnets are fixed at creation: take a snapshot, create a new serverless cache from it in private subnets, move clients, delete the old cache.",
            "Or, if the subnet should never have been public, remove its internet gateway route or associate it with a private route table."
          ]
        }
      ]
    },
    "runbook": [
      "The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets (no route to an internet gateway), restore a snapshot into a new cache in it, move clients, delete the old cache.",
      "Alternatively, if the subnet should never have been public, remove its internet gateway route or associate it with a private route table; the rule re-evaluates on the route table change."
    ],
    "frameworks": {
      "pci-dss-4.0.1": [
        "1.3.1",
        "1.3.2",
        "1.4.1",
        "1.4.4"
      ],
      "nist-800-53-r5": [
        "AC-4",
        "SC-7"
      ],
      "iso-27001-2022": [
        "A.8.20",
        "A.8.22"
      ],
      "soc2": [
        "CC6.6"
      ],
      "nist-csf-2.0": [
        "PR.IR-01"
      ],
      "dora": [
        "Article 9(4)(b)"
      ]
    }
  },
  {
    "id": "authentication",
    "title": "ElastiCache admits no client without a password",
    "severity": "HIGH",
    "ruleName": "elasticache-authentication",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "manual",
          "document": "elasticache-authentication.yaml",
          "summary": "Attaches an approved user group (Redis OSS 6.0+ / Valkey) or sets and rotates an AUTH token (AuthTokenUpdateStrategy ROTATE); a person moves clients to the new credentials."
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "manual",
          "document": "elasticache-authentication.yaml",
          "summary": "Sets or rotates the AUTH token of the standalone cluster (AuthTokenUpdateStrategy ROTATE); a person moves clients to the new token."
        }
      ],
      "AWS::ElastiCache::ServerlessCache": [
        {
          "kind": "manual",
          "document": "elasticache-authentication.yaml",
          "summary": "Attaches an approved user group to the serverless cache (ModifyServerlessCache UserGroupId); a person moves clients to its users."
        }
      ]
    },
    "runbook": [
      "Create a user named \"default\" that is switched off (access string \"off ~* -@all\") or has a password, and users with passwords or IAM authentication for each application.",
      "Create a user group holding that replacement default user and the application users; a user group must contain a user named default.",
      "Redis OSS 6.0+ / Valkey replication group: ModifyReplicationGroup with UserGroupIdsToAdd (TLS must be on); serverless cache: ModifyServerlessCache with UserGroupId. Move clients to their own users.",
      "Redis OSS below 6.0 or a standalone cluster: set an AUTH token (ModifyReplicationGroup AuthToken with AuthTokenUpdateStrategy SET, then ROTATE to renew), or upgrade to 6.0+ and move to RBAC."
    ],
    "frameworks": {
      "fsbp": [
        "ElastiCache.6"
      ],
      "pci-dss-4.0.1": [
        "8.3.1"
      ],
      "nist-800-53-r5": [
        "AC-2(1)",
        "AC-3",
        "AC-3(15)",
        "AC-3(7)",
        "AC-6"
      ],
      "iso-27001-2022": [
        "A.5.17",
        "A.8.5"
      ],
      "soc2": [
        "CC6.1"
      ],
      "nist-csf-2.0": [
        "PR.AA-03"
      ],
      "dora": [
        "Article 9(4)(c)",
        "Article 9(4)(d)"
      ]
    }
  },
  {
    "id": "security-group-exposure",
    "title": "ElastiCache ports are not open to every address",
    "severity": "HIGH",
    "ruleName": "elasticache-security-group-exposure",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "manual",
          "document": "elasticache-security-group-exposure.yaml",
          "summary": "Revokes exactly the world-open ingress rules a person names (their security group rule ids), after checking they still admit 0.0.0.0/0 or ::/0 to the cache."
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "manual",
          "document": "elasticache-security-group-exposure.yaml",
          "summary": "Revokes exactly the world-open ingress rules a person names (their security group rule ids), after checking they still admit 0.0.0.0/0 or ::/0 to the cache."
        }
      ],
      "AWS::ElastiCache::ServerlessCache": [
        {
          "kind": "manual",
          "document": "elasticache-security-group-exposure.yaml",
          "summary": "Revokes exactly the world-open ingress rules a person names (their security group rule ids), after checking they still admit 0.0.0.0/0 or ::/0 to the cache."
        }
      ]
    },
    "runbook": [
      "Replace the world-open inbound rule with one whose source is the application's security group (or the narrowest CIDRs that need the cache), on the cache port only.",
      "If the rule comes from a managed prefix list, remove 0.0.0.0/0 and ::/0 from the list or stop referencing it from the cache's security group.",
      "A security group that no longer exists: ModifyReplicationGroup (or ModifyServerlessCache) with SecurityGroupIds naming existing groups."
    ],
    "frameworks": {
      "pci-dss-4.0.1": [
        "1.3.1",
        "1.4.2"
      ],
      "nist-800-53-r5": [
        "AC-4",
        "AC-4(21)",
        "SC-7",
        "SC-7(11)",
        "SC-7(16)",
        "SC-7(21)",
        "SC-7(4)",
        "SC-7(5)"
      ],
      "iso-27001-2022": [
        "A.8.20",
        "A.8.21",
        "A.8.22"
      ],
      "soc2": [
        "CC6.6"
      ],
      "nist-csf-2.0": [
        "PR.IR-01"
      ],
      "dora": [
        "Article 9(4)(c)"
      ]
    }
  },
  {
    "id": "default-subnet-group",
    "title": "ElastiCache stays out of the default subnet group and the default VPC",
    "severity": "HIGH",
    "ruleName": "elasticache-default-subnet-group",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets in a dedicated VPC, restore a snapshot into a new cache in it, move clients, delete the old cache."
          ]
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets in a dedicated VPC, restore a snapshot into a new cache in it, move clients, delete the old cache."
          ]
        }
      ],
      "AWS::ElastiCache::ServerlessCache": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "A serverless cache's subnets are fixed at creation: take a snapshot, create a new serverless cache from it in subnets of a dedicated VPC, move clients, delete the old cache."
          ]
        }
      ]
    },
    "runbook": [
      "The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets in a dedicated VPC, restore a snapshot into a new cache in it, move clients, delete the old cache.",
      "Serverless cache: create a new serverless cache in subnets of a dedicated VPC (restoring a snapshot), move clients, delete the old one."
    ],
    "frameworks": {
      "fsbp": [
        "ElastiCache.7"
      ],
      "nist-800-53-r5": [
        "AC-4",
        "AC-4(21)",
        "SC-7",
        "SC-7(11)",
        "SC-7(16)",
        "SC-7(21)",
        "SC-7(4)",
        "SC-7(5)"
      ],
      "iso-27001-2022": [
        "A.8.22"
      ]
    }
  },
  {
    "id": "high-availability",
    "title": "ElastiCache survives the loss of a node or an Availability Zone",
    "severity": "MEDIUM",
    "ruleName": "elasticache-high-availability",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "automated",
          "document": "elasticache-high-availability.yaml",
          "summary": "Enables automatic failover and Multi-AZ in place once every shard has a replica (cluster mode too); with AddReplicas, a cost change asked for explicitly, it first adds one replica per shard."
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "not-fixable-in-place",
          "when": "a standalone Redis OSS or Valkey node",
          "steps": [
            "A standalone node cannot fail over: create a replication group from it (CreateReplicationGroup with PrimaryClusterId), add a replica in another Availability Zone and move clients to the group's endpoint."
          ]
        },
        {
          "kind": "in-place-by-hand",
          "when": "a Memcached cluster in one Availability Zone",
          "steps": [
            "Add nodes in another zone (ModifyCacheCluster with NumCacheNodes and NewAvailabilityZones), a cost change a person decides, and spread clients over them."
          ]
        }
      ]
    },
    "runbook": [
      "A shard without enough replicas: add replicas with IncreaseReplicaCount (in place, no downtime), in an Availability Zone other than the primary's.",
      "Once every shard has a replica: modify the replication group with AutomaticFailoverEnabled=true and MultiAZEnabled=true; this applies in place.",
      "A standalone Redis OSS or Valkey cluster: create a replication group from it (CreateReplicationGroup with PrimaryClusterId) and add a replica in another Availability Zone.",
      "A Memcached cluster in one Availability Zone: add nodes in another zone (ModifyCacheCluster with NewAvailabilityZones) and spread clients over them."
    ],
    "frameworks": {
      "fsbp": [
        "ElastiCache.3"
      ],
      "nist-800-53-r5": [
        "CP-10",
        "SC-36",
        "SC-5(2)",
        "SI-13(5)"
      ],
      "iso-27001-2022": [
        "A.8.14"
      ],
      "soc2": [
        "A1.2"
      ],
      "nist-csf-2.0": [
        "PR.IR-03"
      ],
      "dora": [
        "Article 9(2)"
      ]
    }
  },
  {
    "id": "auto-minor-version-upgrade",
    "title": "ElastiCache applies minor engine versions automatically",
    "severity": "HIGH",
    "ruleName": "elasticache-auto-minor-version-upgrade",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "automated",
          "document": "elasticache-auto-minor-version-upgrade.yaml",
          "summary": "Sets AutoMinorVersionUpgrade to true in place (no downtime)."
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "automated",
          "document": "elasticache-auto-minor-version-upgrade.yaml",
          "summary": "Sets AutoMinorVersionUpgrade to true in place (no downtime)."
        }
      ]
    },
    "runbook": [
      "Modify the replication group (or standalone cluster) with AutoMinorVersionUpgrade=true; this applies in place without downtime.",
      "Redis OSS below 6.0: the flag is disabled there; upgrade the engine to Valkey or Redis OSS 6.0 or later first (see the engine-version control)."
    ],
    "frameworks": {
      "fsbp": [
        "ElastiCache.2"
      ],
      "pci-dss-4.0.1": [
        "6.3.3"
      ],
      "nist-800-53-r5": [
        "SI-2",
        "SI-2(2)",
        "SI-2(4)",
        "SI-2(5)"
      ],
      "iso-27001-2022": [
        "A.8.8"
      ],
      "soc2": [
        "CC7.1"
      ],
      "nist-csf-2.0": [
        "PR.PS-02"
      ],
      "dora": [
        "Article 9(4)(f)"
      ]
    }
  },
  {
    "id": "engine-version",
    "title": "ElastiCache runs a supported engine version",
    "severity": "HIGH",
    "ruleName": "elasticache-engine-version",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "manual",
          "document": "elasticache-engine-version.yaml",
          "summary": "Upgrades the engine to the version a person names, after clients are tested against it; ElastiCache applies it in place, node by node."
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "manual",
          "document": "elasticache-engine-version.yaml",
          "summary": "Upgrades the engine to the version a person names, after clients are tested against it; ElastiCache applies it in place, node by node."
        }
      ],
      "AWS::ElastiCache::ServerlessCache": [
        {
          "kind": "manual",
          "document": "elasticache-engine-version.yaml",
          "summary": "Upgrades the engine to the version a person names, after clients are tested against it; ElastiCache applies it in place, node by node."
        }
      ]
    },
    "runbook": [
      "Plan an engine upgrade (ModifyReplicationGroup or ModifyCacheCluster with a newer EngineVersion, or Engine=valkey for a cross-engine upgrade from Redis OSS); test clients against the new version first.",
      "Redis OSS 4 and 5 on Extended Support: upgrade to Valkey or Redis OSS 6 or later before Extended Support ends, when AWS upgrades remaining caches to Valkey itself."
    ],
    "frameworks": {
      "pci-dss-4.0.1": [
        "6.3.3"
      ],
      "nist-800-53-r5": [
        "SI-2"
      ],
      "iso-27001-2022": [
        "A.8.8"
      ],
      "nist-csf-2.0": [
        "PR.PS-02"
      ],
      "dora": [
        "Article 9(4)(f)"
      ]
    }
  },
  {
    "id": "log-delivery",
    "title": "ElastiCache delivers its slow and engine logs",
    "severity": "MEDIUM",
    "ruleName": "elasticache-log-delivery",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "automated",
          "document": "elasticache-log-delivery.yaml",
          "summary": "Delivers each log type of requiredLogTypes to a CloudWatch Logs group (created when missing), never replacing a destination already set, and fails unless every delivery ends active."
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "automated",
          "document": "elasticache-log-delivery.yaml",
          "summary": "Delivers each log type of requiredLogTypes to a CloudWatch Logs group (created when missing), never replacing a destination already set, and fails unless every delivery ends active."
        }
      ]
    },
    "runbook": [
      "Create (or choose) a CloudWatch Logs group or Firehose stream, then modify the replication group (or standalone cluster) with LogDeliveryConfigurations for each required log type, ApplyImmediately=true; this applies in place.",
      "Status error: read the entry's Message (usually the log group's resource policy or a deleted destination), fix it, then modify the configuration again.",
      "Redis OSS below 6.0 (slow log) or 6.2 (engine log): upgrade the engine first, or move to Valkey."
    ],
    "frameworks": {
      "pci-dss-4.0.1": [
        "10.2.1"
      ],
      "nist-800-53-r5": [
        "AU-2",
        "AU-12"
      ],
      "iso-27001-2022": [
        "A.8.15"
      ],
      "soc2": [
        "CC7.2"
      ],
      "nist-csf-2.0": [
        "PR.PS-04"
      ],
      "dora": [
        "Article 10(1)"
      ]
    }
  },
  {
    "id": "event-notifications",
    "title": "ElastiCache sends its events to an active SNS topic",
    "severity": "LOW",
    "ruleName": "elasticache-event-notifications",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "automated",
          "document": "elasticache-event-notifications.yaml",
          "summary": "Sets an approved SNS topic (the stack operations topic, or NotificationTopicArn), active, on the cluster or every member of the group, in place."
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "automated",
          "document": "elasticache-event-notifications.yaml",
          "summary": "Sets an approved SNS topic (the stack operations topic, or NotificationTopicArn), active, on the cluster or every member of the group, in place."
        }
      ]
    },
    "runbook": [
      "Modify the replication group (or standalone cluster) with NotificationTopicArn set to the operations SNS topic and NotificationTopicStatus active; the change applies in place.",
      "A topic in another account or encrypted with a customer managed key must allow ElastiCache to publish to it."
    ],
    "frameworks": {
      "nist-800-53-r5": [
        "CA-7"
      ],
      "iso-27001-2022": [
        "A.8.16"
      ],
      "soc2": [
        "CC7.2"
      ],
      "nist-csf-2.0": [
        "DE.CM-09"
      ],
      "dora": [
        "Article 10(1)"
      ]
    }
  },
  {
    "id": "snapshot-encryption",
    "title": "ElastiCache snapshots are encrypted with a healthy, trusted KMS key",
    "severity": "HIGH",
    "ruleName": "elasticache-snapshot-encryption",
    "remediationDecisions": {
      "AWS::ElastiCache::Snapshot": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "A snapshot's encryption and key are fixed when it is taken: copy it with CopySnapshot and KmsKeyId set to an approved customer managed key, check the copy, then delete the old snapshot with DeleteSnapshot.",
            "A disabled key or one pending deletion: re-enable it (kms:EnableKey) or cancel the deletion (kms:CancelKeyDeletion) first, or neither the snapshot nor a copy of it can be restored."
          ]
        }
      ],
      "AWS::ElastiCache::ServerlessCacheSnapshot": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "A serverless snapshot's key is fixed when it is taken: copy it with CopyServerlessCacheSnapshot and KmsKeyId set to an approved customer managed key, check the copy, then delete the old one with DeleteServerlessCacheSnapshot.",
            "A disabled key or one pending deletion: re-enable it (kms:EnableKey) or cancel the deletion (kms:CancelKeyDeletion) first."
          ]
        }
      ]
    },
    "runbook": [
      "A snapshot cannot be re-encrypted in place: copy it with CopySnapshot (serverless: CopyServerlessCacheSnapshot) and KmsKeyId set to an approved customer managed key, then delete the old snapshot (DeleteSnapshot / DeleteServerlessCacheSnapshot).",
      "A disabled key: re-enable it (kms:EnableKey). A key pending deletion: cancel the deletion (kms:CancelKeyDeletion) and re-enable it, or every snapshot under it becomes unrestorable.",
      "Stop new unencrypted snapshots at the source: move the data of an unencrypted cache into a replication group encrypted at rest (see encryption-at-rest)."
    ],
    "frameworks": {
      "pci-dss-4.0.1": [
        "3.5.1"
      ],
      "nist-800-53-r5": [
        "SC-28",
        "SC-28(1)"
      ],
      "iso-27001-2022": [
        "A.8.24"
      ],
      "soc2": [
        "CC6.1"
      ],
      "nist-csf-2.0": [
        "PR.DS-11"
      ],
      "dora": [
        "Article 9(2)"
      ]
    }
  },
  {
    "id": "snapshot-retention",
    "title": "ElastiCache keeps no forgotten manual snapshots",
    "severity": "MEDIUM",
    "ruleName": "elasticache-snapshot-retention",
    "remediationDecisions": {
      "AWS::ElastiCache::Snapshot": [
        {
          "kind": "automated",
          "document": "elasticache-snapshot-retention.yaml",
          "summary": "Deletes the one named snapshot (DeleteSnapshot; serverless: DeleteServerlessCacheSnapshot) after re-checking that it is still manual, not tagged retentionExemptTagKey and past a limit; a snapshot that must be kept must carry the tag first."
        }
      ],
      "AWS::ElastiCache::ServerlessCacheSnapshot": [
        {
          "kind": "automated",
          "document": "elasticache-snapshot-retention.yaml",
          "summary": "Deletes the one named snapshot (DeleteSnapshot; serverless: DeleteServerlessCacheSnapshot) after re-checking that it is still manual, not tagged retentionExemptTagKey and past a limit; a snapshot that must be kept must carry the tag first."
        }
      ]
    },
    "runbook": [
      "Delete a snapshot that is no longer needed (DeleteSnapshot; serverless: DeleteServerlessCacheSnapshot).",
      "A snapshot that must be kept (a legal hold, an audit copy): tag it with retentionExemptTagKey (AddTagsToResource) and record why."
    ],
    "frameworks": {
      "pci-dss-4.0.1": [
        "3.2.1"
      ],
      "nist-800-53-r5": [
        "SI-12"
      ],
      "iso-27001-2022": [
        "A.8.10"
      ],
      "soc2": [
        "C1.2"
      ],
      "nist-csf-2.0": [
        "PR.DS-01"
      ]
    }
  },
  {
    "id": "cross-region-recovery",
    "title": "Critical ElastiCache data survives the loss of a Region",
    "severity": "HIGH",
    "ruleName": "elasticache-cross-region-recovery",
    "remediationDecisions": {
      "AWS::ElastiCache::ReplicationGroup": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "Create a global datastore with the replication group as primary (CreateGlobalReplicationGroup), then add a secondary in another Region (CreateReplicationGroup there with GlobalReplicationGroupId) and wait until it is associated; this adds clusters in another Region, a cost a person decides.",
            "A member still associating: wait until it is associated and check again."
          ]
        }
      ],
      "AWS::ElastiCache::CacheCluster": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "A standalone Redis OSS / Valkey cluster cannot join a global datastore: snapshot it, restore the snapshot into a replication group, move clients, then create a global datastore with a secondary in another Region."
          ]
        }
      ],
      "AWS::ElastiCache::ServerlessCache": [
        {
          "kind": "not-fixable-in-place",
          "steps": [
            "A serverless cache cannot join a global datastore: snapshot it, restore the snapshot into a node-based replication group, move clients, then create a global datastore with a secondary in another Region."
          ]
        }
      ]
    },
    "runbook": [
      "Create a global datastore with the replication group as primary (CreateGlobalReplicationGroup), then add a secondary in another Region (CreateReplicationGroup with GlobalReplicationGroupId); it is not fixable in place by this package.",
      "A standalone Redis OSS / Valkey cluster or a serverless cache cannot join one: move its data into a replication group (snapshot and restore), then do the above.",
      "A member still associating: wait for it to become associated, and check the datastore again."
    ],
    "frameworks": {
      "nist-800-53-r5": [
        "CP-6",
        "CP-6(1)",
        "CP-7"
      ],
      "iso-27001-2022": [
        "A.5.30",
        "A.8.14"
      ],
      "soc2": [
        "A1.2"
      ],
      "nist-csf-2.0": [
        "PR.IR-03"
      ],
      "dora": [
        "Article 12(4)"
      ]
    }
  }
];
