// Generated from the control catalog (shared/controls/catalog.ts) by `npm run generate`. Do not edit.
import type { ControlTriggers } from './triggering-calls.ts';

export const controlTriggers: readonly ControlTriggers[] = [
  {
    "id": "encryption-in-transit",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup"
      ]
    }
  },
  {
    "id": "encryption-at-rest",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache"
      ],
      "kms": [
        "DisableKey",
        "EnableKey",
        "ScheduleKeyDeletion",
        "CancelKeyDeletion",
        "ImportKeyMaterial",
        "DeleteImportedKeyMaterial"
      ]
    }
  },
  {
    "id": "automatic-backup",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup",
        "ModifyCacheCluster",
        "ModifyServerlessCache"
      ]
    }
  },
  {
    "id": "subnet-privacy",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyCacheSubnetGroup"
      ],
      "ec2": [
        "CreateRoute",
        "ReplaceRoute",
        "DeleteRoute",
        "AssociateRouteTable",
        "DisassociateRouteTable",
        "ReplaceRouteTableAssociation",
        "AttachInternetGateway",
        "DetachInternetGateway"
      ]
    }
  },
  {
    "id": "authentication",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup",
        "ModifyCacheCluster",
        "ModifyServerlessCache",
        "ModifyUserGroup",
        "DeleteUserGroup",
        "ModifyUser",
        "DeleteUser"
      ]
    }
  },
  {
    "id": "security-group-exposure",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup",
        "ModifyCacheCluster",
        "ModifyServerlessCache"
      ],
      "ec2": [
        "AuthorizeSecurityGroupIngress",
        "RevokeSecurityGroupIngress",
        "ModifySecurityGroupRules",
        "ModifyManagedPrefixList"
      ]
    }
  },
  {
    "id": "default-subnet-group",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyCacheSubnetGroup"
      ]
    }
  },
  {
    "id": "high-availability",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup",
        "ModifyCacheCluster",
        "IncreaseReplicaCount",
        "DecreaseReplicaCount",
        "ModifyReplicationGroupShardConfiguration"
      ]
    }
  },
  {
    "id": "auto-minor-version-upgrade",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup",
        "ModifyCacheCluster"
      ]
    }
  },
  {
    "id": "engine-version",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup",
        "ModifyCacheCluster",
        "ModifyServerlessCache",
        "ModifyGlobalReplicationGroup",
        "BatchApplyUpdateAction"
      ]
    }
  },
  {
    "id": "log-delivery",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup",
        "ModifyCacheCluster"
      ]
    }
  },
  {
    "id": "event-notifications",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "ModifyReplicationGroup",
        "ModifyCacheCluster"
      ]
    }
  },
  {
    "id": "snapshot-encryption",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "CreateSnapshot",
        "CopySnapshot",
        "DeleteSnapshot",
        "CreateServerlessCacheSnapshot",
        "CopyServerlessCacheSnapshot",
        "DeleteServerlessCacheSnapshot"
      ],
      "kms": [
        "DisableKey",
        "EnableKey",
        "ScheduleKeyDeletion",
        "CancelKeyDeletion",
        "ImportKeyMaterial",
        "DeleteImportedKeyMaterial"
      ]
    }
  },
  {
    "id": "snapshot-retention",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "CreateSnapshot",
        "CopySnapshot",
        "DeleteSnapshot",
        "CreateServerlessCacheSnapshot",
        "CopyServerlessCacheSnapshot",
        "DeleteServerlessCacheSnapshot",
        "AddTagsToResource",
        "RemoveTagsFromResource"
      ]
    }
  },
  {
    "id": "cross-region-recovery",
    "triggeringCalls": {
      "elasticache": [
        "CreateReplicationGroup",
        "DeleteReplicationGroup",
        "CreateCacheCluster",
        "DeleteCacheCluster",
        "CreateServerlessCache",
        "DeleteServerlessCache",
        "CreateGlobalReplicationGroup",
        "DisassociateGlobalReplicationGroup",
        "DeleteGlobalReplicationGroup",
        "FailoverGlobalReplicationGroup",
        "AddTagsToResource",
        "RemoveTagsFromResource"
      ]
    }
  }
];
