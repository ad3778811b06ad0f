"""Cache cluster fields as AWS returns them, ShowCacheNodeInfo / ShowCacheClustersNotInReplicationGroups,
and ModifyCacheCluster.

moto stores SecurityGroupIds and NotificationTopicArn but its CacheCluster has no `security_groups`,
`notification_configuration` or `cache_nodes` attribute, so the serialiser never writes them; it also
keeps ReplicationGroupId and NumCacheNodes only for Engine exactly "redis".
"""

import random
import string
from typing import Any

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.elasticache.exceptions import (CacheClusterNotFound, InvalidParameterCombinationException,
                                         InvalidParameterValueException)
from moto.elasticache.models import CacheCluster, ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse

from .log_delivery import apply_log_delivery_changes, as_enabling, check_log_delivery_change, created_deliveries
from .modify_rules import apply_auth_change, check_auth_change, check_engine_change
from .paging import PagedResult
from .views import response_view

MEMCACHED_PORT = 11211


def _random_label() -> str:
    return "".join(random.choices(string.ascii_lowercase + string.digits, k=6))


_original_init = CacheCluster.__init__


def _init(self: CacheCluster, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    engine = kwargs.get("engine") or "redis"
    self.region_name = kwargs["region_name"]
    if engine != "memcached":
        # moto keeps these only for Engine "redis"; AWS keeps them for Valkey too.
        self.num_cache_nodes = 1
        self.replication_group_id = kwargs.get("replication_group_id")
        self.snapshot_arns = kwargs.get("snapshot_arns") or []
        self.snapshot_name = kwargs.get("snapshot_name")
        self.snapshot_window = kwargs.get("snapshot_window")
    else:
        # Memcached has no snapshots, so AWS reports no retention for it.
        self.snapshot_retention_limit = None
        if kwargs.get("port") is None:
            self.port = MEMCACHED_PORT
    if self.auto_minor_version_upgrade is None:
        self.auto_minor_version_upgrade = True
    self.auth_token_count = 1 if self.auth_token_enabled else 0
    if not self.auth_token_enabled:
        # moto dates a token that was never set; AWS reports no date then.
        self.auth_token_last_modified_date = None
    self.transit_encryption_enabled = bool(self.transit_encryption_enabled)
    # A standalone cluster cannot be encrypted at rest; members inherit their group's setting.
    self.at_rest_encryption_enabled = False
    self.replication_group_log_delivery_enabled = False
    self.notification_topic_status = "active" if self.notification_topic_arn else None
    self.log_delivery_configurations = created_deliveries(kwargs["account_id"], self.region_name, self.log_delivery_configurations)
    self.endpoint_label = _random_label()
    self.cache_node_create_time = utcnow()
    self._show_cache_node_info = False
    self.requested_availability_zone = kwargs.get("preferred_availability_zone")
    place_nodes(self, [])


def place_nodes(cluster: CacheCluster, fallback_zones: list[str]) -> None:
    """Zones of the nodes: those asked for, else the subnet group's, else the region's first ones."""
    region = cluster.region_name
    zones = list(cluster.preferred_availability_zones or [])
    if cluster.requested_availability_zone:
        zones = [cluster.requested_availability_zone]
    if not zones:
        zones = list(fallback_zones)
    if not zones:
        zones = [f"{region}a", f"{region}b", f"{region}c"]
    if cluster.az_mode != "cross-az":
        zones = zones[:1]
    cluster.node_availability_zones = zones
    if cluster.engine == "memcached" and cluster.az_mode == "cross-az":
        cluster.preferred_availability_zone = "Multiple"
    else:
        cluster.preferred_availability_zone = zones[0]


def _security_groups(self: CacheCluster) -> list[dict[str, str]] | None:
    if not self.security_group_ids:
        return None
    return [{"SecurityGroupId": group_id, "Status": "active"} for group_id in self.security_group_ids]


def _notification_configuration(self: CacheCluster) -> dict[str, str] | None:
    if not self.notification_topic_arn:
        return None
    # Notifications turned off (NotificationTopicStatus inactive) or to a topic that does not exist
    # are inactive; otherwise ElastiCache publishes to the topic.
    status = "inactive"
    if self.notification_topic_status != "inactive" and _topic_exists(self.notification_topic_arn):
        status = "active"
    return {"TopicArn": self.notification_topic_arn, "TopicStatus": status}


def _topic_exists(topic_arn: str) -> bool:
    from moto.sns.models import sns_backends

    parts = topic_arn.split(":")
    if len(parts) != 6 or parts[2] != "sns":
        return False
    region, account_id = parts[3], parts[4]
    return topic_arn in sns_backends[account_id][region].topics


def _region_short(region: str) -> str:
    parts = region.split("-")
    return parts[0] + parts[1][0] + parts[-1] if len(parts) == 3 else region


def _cache_nodes(self: CacheCluster) -> list[dict[str, Any]] | None:
    # AWS lists nodes only when asked (ShowCacheNodeInfo=true).
    if not self._show_cache_node_info:
        return None
    nodes = []
    zones = self.node_availability_zones
    for index in range(self.num_cache_nodes or 1):
        node_id = f"{index + 1:04}"
        nodes.append({
            "CacheNodeId": node_id,
            "CacheNodeStatus": "available",
            "CacheNodeCreateTime": self.cache_node_create_time,
            "Endpoint": {
                "Address": f"{self.cache_cluster_id}.{self.endpoint_label}.{node_id}.{_region_short(self.region_name)}.cache.amazonaws.com",
                "Port": self.port,
            },
            "ParameterGroupStatus": "in-sync",
            "CustomerAvailabilityZone": zones[index % len(zones)],
        })
    return nodes


def _configuration_endpoint(self: CacheCluster) -> dict[str, Any] | None:
    # Only Memcached clusters have a discovery endpoint of their own.
    if self.engine != "memcached":
        return None
    return {
        "Address": f"{self.cache_cluster_id}.{self.endpoint_label}.cfg.{_region_short(self.region_name)}.cache.amazonaws.com",
        "Port": self.port,
    }


def with_node_info(cluster: CacheCluster, show: bool) -> CacheCluster:
    return response_view(cluster, _show_cache_node_info=show)


# --- backend -------------------------------------------------------------------------------------

_original_create = ElastiCacheBackend.create_cache_cluster


def _create_cache_cluster(self: ElastiCacheBackend, **kwargs: Any) -> CacheCluster:
    cluster = _original_create(self, **kwargs)
    # AWS places nodes in the subnet group's zones when no zone is asked for.
    place_nodes(cluster, subnet_group_zones(self, kwargs.get("cache_subnet_group_name")))
    return cluster


def subnet_group_zones(backend: ElastiCacheBackend, name: str | None) -> list[str]:
    group = backend.cache_subnet_groups.get(name) if name else None
    if group is None:
        return []
    zones: list[str] = []
    for subnet in group.subnets:
        zone = subnet.get("subnet_availability_zone")
        if isinstance(zone, str) and zone not in zones:
            zones.append(zone)
    return sorted(zones)


def modify_cache_cluster(backend: ElastiCacheBackend, cache_cluster_id: str, changes: dict[str, Any]) -> tuple[CacheCluster, set[str]]:
    """The cluster after the change, and the log types whose delivery the change is enabling."""
    cluster = backend.cache_clusters.get(cache_cluster_id)
    if cluster is None:
        raise CacheClusterNotFound(cache_cluster_id)
    label = f"cache cluster {cache_cluster_id}"
    if getattr(cluster, "replication_group_id", None):
        # A member follows its group: these change through ModifyReplicationGroup only.
        for key in ("EngineVersion", "AuthToken", "AuthTokenUpdateStrategy"):
            if changes.get(key) is not None:
                raise InvalidParameterCombinationException(
                    f"{key} cannot be modified on {label}, a member of replication group {cluster.replication_group_id}: "
                    "modify the replication group.")
    if changes.get("NumCacheNodes") is not None and cluster.engine != "memcached":
        raise InvalidParameterValueException("NumCacheNodes can only be modified on Memcached clusters.")
    check_engine_change(label, cluster.engine, cluster.engine_version, {"EngineVersion": changes.get("EngineVersion")})
    check_log_delivery_change(label, cluster.engine, changes.get("EngineVersion") or cluster.engine_version,
                              changes.get("LogDeliveryConfigurations"), changes.get("ApplyImmediately"))
    if changes.get("AuthToken") or changes.get("AuthTokenUpdateStrategy"):
        if cluster.engine == "memcached":
            raise InvalidParameterCombinationException("AUTH is available for Valkey and Redis OSS clusters only.")
        # A standalone cluster cannot hold a user group, so it can never move to RBAC (DELETE is refused).
        check_auth_change(label, cluster, changes, adds_user_group=False, has_user_group=False, removes_user_groups=False)
    simple = {
        "AutoMinorVersionUpgrade": "auto_minor_version_upgrade",
        "SnapshotRetentionLimit": "snapshot_retention_limit",
        "SnapshotWindow": "snapshot_window",
        "PreferredMaintenanceWindow": "preferred_maintenance_window",
        "EngineVersion": "engine_version",
        "CacheNodeType": "cache_node_type",
        "CacheParameterGroupName": "cache_parameter_group_name",
        "NotificationTopicStatus": "notification_topic_status",
        "IpDiscovery": "ip_discovery",
    }
    for key, attribute in simple.items():
        if changes.get(key) is not None:
            setattr(cluster, attribute, changes[key])
    if changes.get("NotificationTopicArn") is not None:
        cluster.notification_topic_arn = changes["NotificationTopicArn"]
        cluster.notification_topic_status = changes.get("NotificationTopicStatus") or "active"
    if changes.get("SecurityGroupIds") is not None:
        cluster.security_group_ids = list(changes["SecurityGroupIds"])
    enabling: set[str] = set()
    if changes.get("LogDeliveryConfigurations") is not None:
        cluster.log_delivery_configurations, enabling = apply_log_delivery_changes(
            backend.account_id, backend.region_name, cluster.log_delivery_configurations, changes["LogDeliveryConfigurations"])
    apply_auth_change(cluster, changes)
    if changes.get("NumCacheNodes") is not None:
        cluster.num_cache_nodes = changes["NumCacheNodes"]
    return cluster, enabling


# --- responses -----------------------------------------------------------------------------------

def _describe_cache_clusters(self: ElastiCacheResponse) -> ActionResult:
    clusters = self.elasticache_backend.describe_cache_clusters(cache_cluster_id=self._get_param("CacheClusterId"))
    if self._get_bool_param("ShowCacheClustersNotInReplicationGroups"):
        clusters = [c for c in clusters if not getattr(c, "replication_group_id", None)]
    show = bool(self._get_bool_param("ShowCacheNodeInfo"))
    return PagedResult({"CacheClusters": [with_node_info(c, show) for c in clusters]}, "cache_cluster_id")


_MODIFY_CACHE_CLUSTER_KEYS = [
    "AutoMinorVersionUpgrade", "SnapshotRetentionLimit", "SnapshotWindow", "PreferredMaintenanceWindow",
    "EngineVersion", "CacheNodeType", "CacheParameterGroupName", "NotificationTopicArn",
    "NotificationTopicStatus", "SecurityGroupIds", "LogDeliveryConfigurations", "AuthToken",
    "NumCacheNodes", "IpDiscovery", "AuthTokenUpdateStrategy",
]


def _modify_cache_cluster(self: ElastiCacheResponse) -> ActionResult:
    changes = {key: self._get_param(key) for key in _MODIFY_CACHE_CLUSTER_KEYS}
    changes["AutoMinorVersionUpgrade"] = self._get_bool_param("AutoMinorVersionUpgrade")
    changes["SnapshotRetentionLimit"] = self._get_int_param("SnapshotRetentionLimit")
    changes["NumCacheNodes"] = self._get_int_param("NumCacheNodes")
    changes["ApplyImmediately"] = self._get_bool_param("ApplyImmediately")
    cluster, enabling = modify_cache_cluster(self.elasticache_backend, self._get_param("CacheClusterId"), changes)
    return ActionResult({"CacheCluster": as_enabling(with_node_info(cluster, False), enabling)})


def install() -> None:
    CacheCluster.__init__ = _init
    CacheCluster.security_groups = property(_security_groups)
    CacheCluster.notification_configuration = property(_notification_configuration)
    CacheCluster.cache_nodes = property(_cache_nodes)
    CacheCluster.configuration_endpoint = property(_configuration_endpoint)
    ElastiCacheBackend.create_cache_cluster = _create_cache_cluster
    ElastiCacheResponse.describe_cache_clusters = _describe_cache_clusters
    ElastiCacheResponse.modify_cache_cluster = _modify_cache_cluster
