"""Replication groups that own their member clusters, as in AWS, and the ModifyReplicationGroup fields
moto ignores.

moto names members in MemberClusters / NodeGroups but creates no cache clusters for them, ignores
NumCacheClusters (it counts ReplicasPerNodeGroup + 1) and keeps deleted groups' members. Every member
AWS creates is a cache cluster carrying the group's settings, which is where DescribeCacheClusters
readers (engine version, security groups, subnet group, notifications) find them.
"""

import inspect
from typing import Any

from moto.core.responses import ActionResult
from moto.elasticache.exceptions import ReplicationGroupNotFound
from moto.elasticache.models import CacheCluster, ElastiCacheBackend, ReplicationGroup
from moto.elasticache.responses import ElastiCacheResponse

from .cache_clusters import subnet_group_zones
from .log_delivery import apply_log_delivery_changes, as_enabling, check_log_delivery_change, created_deliveries
from .errors import UserGroupNotFound
from .modify_rules import (apply_auth_change, apply_transit_change, check_auth_change, check_engine_change,
                           check_failover_change, check_transit_change, check_user_groups)

_original_create = ElastiCacheBackend.create_replication_group
_original_modify = ElastiCacheBackend.modify_replication_group
_original_delete = ElastiCacheBackend.delete_replication_group
_CREATE_CACHE_CLUSTER_PARAMETERS = [
    name for name in inspect.signature(ElastiCacheBackend.create_cache_cluster).parameters if name != "self"
]


def _normalise_topology(backend: ElastiCacheBackend, kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs = dict(kwargs)
    configuration = [dict(c) for c in kwargs.get("node_group_configuration") or []]
    shards = kwargs.get("num_node_groups") or len(configuration) or 1
    if not kwargs.get("cluster_mode") and shards > 1:
        # More than one shard is only possible with cluster mode on.
        kwargs["cluster_mode"] = "enabled"
    if kwargs.get("cluster_mode") == "enabled":
        kwargs["num_node_groups"] = shards
        for index, config in enumerate(configuration):
            # moto matches a configuration to its shard only by NodeGroupId, which AWS makes optional.
            config.setdefault("NodeGroupId", f"{index + 1:04}")
        kwargs["node_group_configuration"] = configuration
        return kwargs
    azs = list(kwargs.get("preferred_cache_cluster_azs") or [])
    if kwargs.get("replicas_per_node_group") is None:
        if kwargs.get("num_cache_clusters"):
            kwargs["replicas_per_node_group"] = int(kwargs["num_cache_clusters"]) - 1
        elif configuration and configuration[0].get("ReplicaCount") is not None:
            kwargs["replicas_per_node_group"] = int(configuration[0]["ReplicaCount"])
    if not azs and configuration:
        first = configuration[0]
        azs = [z for z in [first.get("PrimaryAvailabilityZone"), *(first.get("ReplicaAvailabilityZones") or [])] if z]
    if not azs:
        zones = subnet_group_zones(backend, kwargs.get("cache_subnet_group_name"))
        count = (kwargs.get("replicas_per_node_group") or 0) + 1
        azs = [zones[i % len(zones)] for i in range(count)] if zones else []
    kwargs["preferred_cache_cluster_azs"] = azs
    return kwargs


def members_of(backend: ElastiCacheBackend, group: ReplicationGroup) -> list[CacheCluster]:
    return [backend.cache_clusters[i] for i in group.member_clusters if i in backend.cache_clusters]


def _inherit(member: CacheCluster, group: ReplicationGroup, *, notification: bool = True, security_groups: bool = True) -> None:
    """Copies the group's settings to a member. A member's own topic (ModifyCacheCluster on it) is kept
    unless the group's change sets one."""
    member.at_rest_encryption_enabled = bool(group.at_rest_encryption_enabled)
    member.transit_encryption_enabled = bool(group.transit_encryption_enabled)
    member.transit_encryption_mode = group.transit_encryption_mode
    member.auth_token_enabled = bool(group.auth_token_enabled)
    member.auth_token_last_modified_date = group.auth_token_last_modified_date
    member.auto_minor_version_upgrade = group.auto_minor_version_upgrade
    member.snapshot_retention_limit = group.snapshot_retention_limit
    member.replication_group_log_delivery_enabled = bool(group.log_delivery_configurations)
    if security_groups:
        member.security_group_ids = list(group.security_group_ids or [])
    if notification:
        member.notification_topic_arn = group.notification_topic_arn
        member.notification_topic_status = group.notification_topic_status
    member.engine = group.engine
    member.engine_version = group.engine_version
    member.cache_node_type = group.cache_node_type


def materialise_members(backend: ElastiCacheBackend, group: ReplicationGroup, nodes: list[dict[str, Any]]) -> None:
    """Creates the cache cluster of each node, carrying the group's settings."""
    for node in nodes:
        arguments: dict[str, Any] = {name: None for name in _CREATE_CACHE_CLUSTER_PARAMETERS}
        arguments.update(
            cache_cluster_id=node["cache_cluster_id"],
            replication_group_id=group.replication_group_id,
            preferred_availability_zone=node.get("preferred_availability_zone"),
            num_cache_nodes=1,
            cache_node_type=group.cache_node_type,
            engine=group.engine,
            engine_version=group.engine_version,
            cache_parameter_group_name=group.cache_parameter_group_name,
            cache_subnet_group_name=group.cache_subnet_group_name,
            security_group_ids=group.security_group_ids,
            preferred_maintenance_window=group.preferred_maintenance_window,
            port=group.port,
            notification_topic_arn=group.notification_topic_arn,
            auto_minor_version_upgrade=group.auto_minor_version_upgrade,
            snapshot_retention_limit=group.snapshot_retention_limit,
            snapshot_window=group.snapshot_window,
            transit_encryption_enabled=group.transit_encryption_enabled,
            network_type=group.network_type,
            ip_discovery=group.ip_discovery,
            tags=[],
            log_delivery_configurations=[],
            cache_node_ids_to_remove=[],
            cache_node_ids_to_reboot=[],
        )
        member = backend.create_cache_cluster(**arguments)
        _inherit(member, group)


def _create_replication_group(self: ElastiCacheBackend, **kwargs: Any) -> ReplicationGroup:
    kwargs = _normalise_topology(self, kwargs)
    for user_group_id in kwargs.get("user_group_ids") or []:
        if user_group_id not in self.user_groups:
            raise UserGroupNotFound(user_group_id)
    group = _original_create(self, **kwargs)
    if group.auto_minor_version_upgrade is None:
        group.auto_minor_version_upgrade = True
    group.security_group_ids = list(group.security_group_ids or [])
    group.notification_topic_status = "active" if group.notification_topic_arn else None
    group.auth_token_count = 1 if group.auth_token_enabled else 0
    group.log_delivery_configurations = created_deliveries(self.account_id, self.region_name, group.log_delivery_configurations)
    materialise_members(self, group, [node for shard in group.node_groups for node in shard["node_group_members"]])
    return group


def _delete_replication_group(self: ElastiCacheBackend, replication_group_id: str, retain_primary_cluster: bool | None) -> ReplicationGroup:
    members = list(self.replication_groups[replication_group_id].member_clusters) if replication_group_id in self.replication_groups else []
    primary = members[0] if members else None
    group = _original_delete(self, replication_group_id, retain_primary_cluster)
    for member_id in members:
        if retain_primary_cluster and member_id == primary and member_id in self.cache_clusters:
            self.cache_clusters[member_id].replication_group_id = None
        else:
            self.cache_clusters.pop(member_id, None)
    return group


def modify_replication_group(backend: ElastiCacheBackend, replication_group_id: str, changes: dict[str, Any]) -> tuple[ReplicationGroup, set[str]]:
    """The group after the change, and the log types whose delivery the change is enabling."""
    group = backend.replication_groups.get(replication_group_id)
    if group is None:
        raise ReplicationGroupNotFound(replication_group_id)
    label = f"replication group {replication_group_id}"
    # Every refusal before any change: a refused request changes nothing.
    user_group_ids = check_user_groups(backend, label, group, group.user_group_ids, changes)
    check_engine_change(label, group.engine, group.engine_version, changes)
    check_transit_change(label, group, changes)
    check_failover_change(label, group, changes)
    check_log_delivery_change(label, changes.get("Engine") or group.engine, changes.get("EngineVersion") or group.engine_version,
                              changes.get("LogDeliveryConfigurations"), changes.get("ApplyImmediately"))
    check_auth_change(label, group, changes, adds_user_group=bool(changes.get("UserGroupIdsToAdd")),
                      has_user_group=bool(group.user_group_ids), removes_user_groups=bool(changes.get("RemoveUserGroups")))
    group = _original_modify(
        backend,
        replication_group_id=replication_group_id,
        replication_group_description=changes.get("ReplicationGroupDescription"),
        engine=changes.get("Engine"),
        cache_node_type=changes.get("CacheNodeType"),
        automatic_failover_enabled=changes.get("AutomaticFailoverEnabled"),
        multi_az_enabled=changes.get("MultiAZEnabled"),
        snapshot_retention_limit=changes.get("SnapshotRetentionLimit"),
    )
    simple = {
        "AutoMinorVersionUpgrade": "auto_minor_version_upgrade",
        "EngineVersion": "engine_version",
        "SnapshotWindow": "snapshot_window",
        "PreferredMaintenanceWindow": "preferred_maintenance_window",
        "CacheParameterGroupName": "cache_parameter_group_name",
    }
    for key, attribute in simple.items():
        if changes.get(key) is not None:
            setattr(group, attribute, changes[key])
    apply_transit_change(group, changes)
    apply_auth_change(group, changes)
    if changes.get("NotificationTopicArn") is not None:
        group.notification_topic_arn = changes["NotificationTopicArn"]
        group.notification_topic_status = changes.get("NotificationTopicStatus") or "active"
    elif changes.get("NotificationTopicStatus") is not None:
        group.notification_topic_status = changes["NotificationTopicStatus"]
    if changes.get("SecurityGroupIds") is not None:
        group.security_group_ids = list(changes["SecurityGroupIds"])
    group.user_group_ids = user_group_ids
    enabling: set[str] = set()
    if changes.get("LogDeliveryConfigurations") is not None:
        group.log_delivery_configurations, enabling = apply_log_delivery_changes(
            backend.account_id, backend.region_name, group.log_delivery_configurations, changes["LogDeliveryConfigurations"])
    for member in members_of(backend, group):
        _inherit(member, group, security_groups=changes.get("SecurityGroupIds") is not None,
                 notification=changes.get("NotificationTopicArn") is not None or changes.get("NotificationTopicStatus") is not None)
    return group, enabling


_MODIFY_KEYS = [
    "ReplicationGroupDescription", "Engine", "EngineVersion", "CacheNodeType", "SnapshotWindow",
    "PreferredMaintenanceWindow", "NotificationTopicArn", "NotificationTopicStatus", "SecurityGroupIds",
    "UserGroupIdsToAdd", "UserGroupIdsToRemove", "LogDeliveryConfigurations", "TransitEncryptionMode",
    "AuthToken", "AuthTokenUpdateStrategy", "CacheParameterGroupName",
]
_MODIFY_BOOLEANS = ["AutomaticFailoverEnabled", "MultiAZEnabled", "AutoMinorVersionUpgrade",
                    "TransitEncryptionEnabled", "RemoveUserGroups", "ApplyImmediately"]


def _modify_replication_group_response(self: ElastiCacheResponse) -> ActionResult:
    changes: dict[str, Any] = {key: self._get_param(key) for key in _MODIFY_KEYS}
    changes.update({key: self._get_bool_param(key) for key in _MODIFY_BOOLEANS})
    changes["SnapshotRetentionLimit"] = self._get_int_param("SnapshotRetentionLimit")
    group, enabling = modify_replication_group(self.elasticache_backend, self._get_param("ReplicationGroupId"), changes)
    return ActionResult({"ReplicationGroup": as_enabling(group, enabling)})


def install() -> None:
    ElastiCacheBackend.create_replication_group = _create_replication_group
    ElastiCacheBackend.delete_replication_group = _delete_replication_group
    ElastiCacheResponse.modify_replication_group = _modify_replication_group_response
    # Statuses are settled in _create_replication_group, where the account and region are known.
    ReplicationGroup._get_log_delivery_configurations = lambda self, configurations: list(configurations or [])
