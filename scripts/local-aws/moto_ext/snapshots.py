"""Snapshots as AWS keeps them: node snapshots with their create times, the source's key, automatic
snapshots, final snapshots on delete, Marker paging of DescribeSnapshots at most 50 a page, and
serverless cache snapshots (Create/Describe/DeleteServerlessCacheSnapshot, NextToken paging).

moto 5.2.5 keeps manual snapshots after their cache is deleted (as AWS does) but records no create
time (no NodeSnapshots), ignores MaxRecords and Marker, never takes automatic snapshots, ignores
FinalSnapshotIdentifier and has no serverless snapshots.

The emulator has no backup window: a cache created with SnapshotRetentionLimit > 0 gets its first
automatic snapshot at once, and automatic snapshots are deleted with their cache (manual ones stay).
"""

from datetime import timedelta
from typing import Any

from moto.core.common_models import BaseModel
from moto.core.responses import ActionContext, ActionResult, PaginatedResult
from moto.core.utils import get_pagination_model, utcnow
from moto.elasticache.exceptions import ElastiCacheException, InvalidParameterValueException
from moto.elasticache.models import CacheCluster, ElastiCacheBackend, ReplicationGroup, Snapshot
from moto.elasticache.responses import ElastiCacheResponse
from moto.utilities.utils import get_partition

# DescribeSnapshots: MaxRecords 20-50, default 50; DescribeServerlessCacheSnapshots: MaxResults up to 50, default 50.
SNAPSHOT_PAGE_LIMITS = {"DescribeSnapshots": (20, 50), "DescribeServerlessCacheSnapshots": (1, 50)}


class ServerlessCacheNotFound(ElastiCacheException):
    code = "ServerlessCacheNotFoundFault"

    def __init__(self, name: str):
        super().__init__(f"Serverless cache {name} not found.")


class ServerlessCacheSnapshotNotFound(ElastiCacheException):
    code = "ServerlessCacheSnapshotNotFoundFault"

    def __init__(self, name: str):
        super().__init__(f"Serverless cache snapshot {name} not found.")


class ServerlessCacheSnapshotAlreadyExists(ElastiCacheException):
    code = "ServerlessCacheSnapshotAlreadyExistsFault"

    def __init__(self, name: str):
        super().__init__(f"Serverless cache snapshot {name} already exists.")


# moto finds an exception's service model from its module path (see errors.py).
for _error in (ServerlessCacheNotFound, ServerlessCacheSnapshotNotFound, ServerlessCacheSnapshotAlreadyExists):
    _error.__module__ = "moto.elasticache.exceptions"


class SnapshotPage(PaginatedResult):
    """Pages as AWS does for snapshots: 50 by default, MaxRecords / MaxResults outside the limits refused."""

    def __init__(self, result: dict[str, Any], unique_attribute: str, operation: str, requested: int | None):
        low, high = SNAPSHOT_PAGE_LIMITS[operation]
        if requested is not None and not low <= requested <= high:
            raise InvalidParameterValueException(f"The page size of {operation} must be between {low} and {high}, got {requested}.")
        super().__init__(result)
        self._unique_attribute = unique_attribute
        self._high = high

    def execute_result(self, context: ActionContext) -> Any:
        operation = str(context.operation_model.name)
        high = self._high
        model = get_pagination_model(str(context.service_model.service_name))[operation]
        model["unique_attribute"] = self._unique_attribute
        model["limit_default"] = high
        return super().execute_result(context)


# --- node-based snapshots ------------------------------------------------------------------------

def _node_snapshots(backend: ElastiCacheBackend, source: Any, taken: Any) -> list[dict[str, Any]]:
    """One node snapshot per shard (its first member), or the cluster's own node; times as AWS records them."""
    if isinstance(source, ReplicationGroup):
        nodes = []
        for node_group in source.node_groups:
            members = node_group.get("node_group_members") or []
            cluster = backend.cache_clusters.get(members[0]["cache_cluster_id"]) if members else None
            nodes.append({
                "CacheClusterId": members[0]["cache_cluster_id"] if members else None,
                "NodeGroupId": node_group.get("node_group_id"),
                "CacheNodeId": "0001",
                "CacheSize": "0 MB",
                "CacheNodeCreateTime": getattr(cluster, "cache_node_create_time", taken),
                "SnapshotCreateTime": taken,
            })
        return nodes
    return [{
        "CacheClusterId": source.cache_cluster_id,
        "CacheNodeId": "0001",
        "CacheSize": "0 MB",
        "CacheNodeCreateTime": getattr(source, "cache_node_create_time", taken),
        "SnapshotCreateTime": taken,
    }]


def _source_of(backend: ElastiCacheBackend, replication_group_id: str | None, cache_cluster_id: str | None) -> Any:
    if replication_group_id:
        return backend.replication_groups.get(replication_group_id)
    return backend.cache_clusters.get(cache_cluster_id) if cache_cluster_id else None


_original_create_snapshot = ElastiCacheBackend.create_snapshot


def _create_snapshot(self: ElastiCacheBackend, snapshot_name: str, replication_group_id: str | None,
                     cache_cluster_id: str | None, kms_key_id: str | None, tags: list[dict[str, str]] | None) -> Snapshot:
    source = _source_of(self, replication_group_id, cache_cluster_id)
    if source is not None and getattr(source, "engine", None) == "memcached":
        raise SnapshotFeatureNotSupported(cache_cluster_id or replication_group_id or "")
    # A snapshot of a group encrypted with a customer managed key carries that key unless another is named.
    kms_key_id = kms_key_id or getattr(source, "kms_key_id", None)
    snapshot = _original_create_snapshot(self, snapshot_name, replication_group_id, cache_cluster_id, kms_key_id, tags)
    snapshot.node_snapshots = _node_snapshots(self, source, utcnow()) if source is not None else []
    return snapshot


class SnapshotFeatureNotSupported(ElastiCacheException):
    code = "SnapshotFeatureNotSupportedFault"

    def __init__(self, source: str):
        super().__init__(f"Snapshots are not supported for {source}: Memcached clusters keep no snapshots.")


SnapshotFeatureNotSupported.__module__ = "moto.elasticache.exceptions"


def take_automatic_snapshot(backend: ElastiCacheBackend, source: Any) -> None:
    if not (getattr(source, "snapshot_retention_limit", 0) or 0) > 0:
        return
    source_id = getattr(source, "replication_group_id", None) if isinstance(source, ReplicationGroup) else source.cache_cluster_id
    name = f"automatic.{source_id}-{utcnow():%Y-%m-%d-%H-%M}"
    if name in backend.snapshots:
        return
    if isinstance(source, ReplicationGroup):
        snapshot = backend.create_snapshot(name, source_id, None, None, None)
    else:
        snapshot = backend.create_snapshot(name, None, source_id, None, None)
    snapshot.snapshot_source = "automated"


def delete_automatic_snapshots(backend: ElastiCacheBackend, source_id: str) -> None:
    for name, snapshot in list(backend.snapshots.items()):
        if snapshot.snapshot_source == "automated" and source_id in (snapshot.replication_group_id, snapshot.cache_cluster_id):
            del backend.snapshots[name]


# --- serverless snapshots ------------------------------------------------------------------------

class ServerlessCacheSnapshot(BaseModel):
    def __init__(self, backend: ElastiCacheBackend, name: str, cache: Any, kms_key_id: str | None, snapshot_type: str):
        self.serverless_cache_snapshot_name = name
        self.arn = (f"arn:{get_partition(backend.region_name)}:elasticache:{backend.region_name}:{backend.account_id}"
                    f":serverlesscachesnapshot:{name}")
        # Serverless snapshots are always encrypted: with the named key, the cache's key, else an AWS owned key.
        self.kms_key_id = kms_key_id or cache.kms_key_id
        self.snapshot_type = snapshot_type
        self.status = "available"
        self.create_time = utcnow()
        retention = getattr(cache, "snapshot_retention_limit", None) or 0
        self.expiry_time = self.create_time + timedelta(days=retention) if snapshot_type == "automated" and retention else None
        self.bytes_used_for_cache = "0"
        self.serverless_cache_configuration = {
            "ServerlessCacheName": cache.serverless_cache_name,
            "Engine": cache.engine,
            "MajorEngineVersion": cache.major_engine_version,
        }


def create_serverless_cache_snapshot(backend: ElastiCacheBackend, name: str, cache_name: str, kms_key_id: str | None,
                                     tags: list[dict[str, str]] | None, snapshot_type: str = "manual") -> ServerlessCacheSnapshot:
    cache = backend.serverless_caches.get(cache_name)
    if cache is None:
        raise ServerlessCacheNotFound(cache_name)
    if name in backend.serverless_cache_snapshots:
        raise ServerlessCacheSnapshotAlreadyExists(name)
    snapshot = ServerlessCacheSnapshot(backend, name, cache, kms_key_id, snapshot_type)
    if tags:
        backend.tagging_service.tag_resource(snapshot.arn, tags)
    backend.serverless_cache_snapshots[name] = snapshot
    return snapshot


def describe_serverless_cache_snapshots(backend: ElastiCacheBackend, cache_name: str | None, name: str | None,
                                        snapshot_type: str | None) -> list[ServerlessCacheSnapshot]:
    if name:
        if name not in backend.serverless_cache_snapshots:
            raise ServerlessCacheSnapshotNotFound(name)
        found = [backend.serverless_cache_snapshots[name]]
    else:
        found = list(backend.serverless_cache_snapshots.values())
    if cache_name:
        found = [s for s in found if s.serverless_cache_configuration["ServerlessCacheName"] == cache_name]
    if snapshot_type:
        found = [s for s in found if s.snapshot_type == snapshot_type]
    return found


def delete_serverless_cache_snapshot(backend: ElastiCacheBackend, name: str) -> ServerlessCacheSnapshot:
    snapshot = backend.serverless_cache_snapshots.pop(name, None)
    if snapshot is None:
        raise ServerlessCacheSnapshotNotFound(name)
    snapshot.status = "deleting"
    return snapshot


def _take_automatic_serverless_snapshot(backend: ElastiCacheBackend, cache_name: str) -> None:
    cache = backend.serverless_caches.get(cache_name)
    if cache is not None and (cache.snapshot_retention_limit or 0) > 0:
        create_serverless_cache_snapshot(backend, f"automatic.{cache_name}-{utcnow():%Y-%m-%d-%H-%M}", cache_name, None, None, "automated")


# --- responses -----------------------------------------------------------------------------------

def _describe_snapshots(self: ElastiCacheResponse) -> ActionResult:
    snapshots = self.elasticache_backend.describe_snapshots(
        snapshot_name=self._get_param("SnapshotName"), snapshot_source=self._get_param("SnapshotSource"),
        replication_group_id=self._get_param("ReplicationGroupId"), cache_cluster_id=self._get_param("CacheClusterId"))
    return SnapshotPage({"Snapshots": snapshots}, "snapshot_name", "DescribeSnapshots", self._get_int_param("MaxRecords"))


def _create_serverless_cache_snapshot(self: ElastiCacheResponse) -> ActionResult:
    snapshot = create_serverless_cache_snapshot(
        self.elasticache_backend, self._get_param("ServerlessCacheSnapshotName"), self._get_param("ServerlessCacheName"),
        self._get_param("KmsKeyId"), self._get_param("Tags", []) or [])
    return ActionResult({"ServerlessCacheSnapshot": snapshot})


def _describe_serverless_cache_snapshots(self: ElastiCacheResponse) -> ActionResult:
    snapshots = describe_serverless_cache_snapshots(
        self.elasticache_backend, self._get_param("ServerlessCacheName"), self._get_param("ServerlessCacheSnapshotName"),
        self._get_param("SnapshotType"))
    return SnapshotPage({"ServerlessCacheSnapshots": snapshots}, "serverless_cache_snapshot_name", "DescribeServerlessCacheSnapshots",
                        self._get_int_param("MaxResults"))


def _delete_serverless_cache_snapshot(self: ElastiCacheResponse) -> ActionResult:
    snapshot = delete_serverless_cache_snapshot(self.elasticache_backend, self._get_param("ServerlessCacheSnapshotName"))
    return ActionResult({"ServerlessCacheSnapshot": snapshot})


def install() -> None:
    ElastiCacheBackend.create_snapshot = _create_snapshot
    ElastiCacheResponse.describe_snapshots = _describe_snapshots
    ElastiCacheResponse.create_serverless_cache_snapshot = _create_serverless_cache_snapshot
    ElastiCacheResponse.describe_serverless_cache_snapshots = _describe_serverless_cache_snapshots
    ElastiCacheResponse.delete_serverless_cache_snapshot = _delete_serverless_cache_snapshot
    # Wrapped at install time, after the other modules, so that their additions chain.
    wrapped_init = ElastiCacheBackend.__init__

    def init(self: ElastiCacheBackend, region_name: str, account_id: str) -> None:
        wrapped_init(self, region_name, account_id)
        self.serverless_cache_snapshots: dict[str, ServerlessCacheSnapshot] = {}

    ElastiCacheBackend.__init__ = init

    create_group = ElastiCacheBackend.create_replication_group

    def create_replication_group(self: ElastiCacheBackend, **kwargs: Any) -> ReplicationGroup:
        group = create_group(self, **kwargs)
        take_automatic_snapshot(self, group)
        return group

    create_cluster = ElastiCacheBackend.create_cache_cluster

    def create_cache_cluster(self: ElastiCacheBackend, **kwargs: Any) -> CacheCluster:
        cluster = create_cluster(self, **kwargs)
        # A group's members are snapshotted through their group; Memcached keeps no snapshots.
        if not getattr(cluster, "replication_group_id", None) and cluster.engine != "memcached":
            take_automatic_snapshot(self, cluster)
        return cluster

    ElastiCacheBackend.create_replication_group = create_replication_group
    ElastiCacheBackend.create_cache_cluster = create_cache_cluster

    delete_group_response = ElastiCacheResponse.delete_replication_group
    delete_cluster_response = ElastiCacheResponse.delete_cache_cluster
    delete_serverless_response = ElastiCacheResponse.delete_serverless_cache
    create_serverless_response = ElastiCacheResponse.create_serverless_cache

    def delete_replication_group(self: ElastiCacheResponse) -> ActionResult:
        group_id = self._get_param("ReplicationGroupId")
        final = self._get_param("FinalSnapshotIdentifier")
        if final and group_id in self.elasticache_backend.replication_groups:
            self.elasticache_backend.create_snapshot(final, group_id, None, None, None)
        result = delete_group_response(self)
        delete_automatic_snapshots(self.elasticache_backend, group_id)
        return result

    def delete_cache_cluster(self: ElastiCacheResponse) -> ActionResult:
        cluster_id = self._get_param("CacheClusterId")
        final = self._get_param("FinalSnapshotIdentifier")
        if final and cluster_id in self.elasticache_backend.cache_clusters:
            self.elasticache_backend.create_snapshot(final, None, cluster_id, None, None)
        result = delete_cluster_response(self)
        delete_automatic_snapshots(self.elasticache_backend, cluster_id)
        return result

    def create_serverless_cache(self: ElastiCacheResponse) -> ActionResult:
        result = create_serverless_response(self)
        _take_automatic_serverless_snapshot(self.elasticache_backend, self._get_param("ServerlessCacheName"))
        return result

    def delete_serverless_cache(self: ElastiCacheResponse) -> ActionResult:
        backend = self.elasticache_backend
        name = self._get_param("ServerlessCacheName")
        final = self._get_param("FinalSnapshotName")
        if final and name in backend.serverless_caches:
            create_serverless_cache_snapshot(backend, final, name, None, None)
        result = delete_serverless_response(self)
        for snapshot_name, snapshot in list(backend.serverless_cache_snapshots.items()):
            if snapshot.snapshot_type == "automated" and snapshot.serverless_cache_configuration["ServerlessCacheName"] == name:
                del backend.serverless_cache_snapshots[snapshot_name]
        return result

    ElastiCacheResponse.delete_replication_group = delete_replication_group
    ElastiCacheResponse.delete_cache_cluster = delete_cache_cluster
    ElastiCacheResponse.create_serverless_cache = create_serverless_cache
    ElastiCacheResponse.delete_serverless_cache = delete_serverless_cache
