"""Serverless caches: CreateServerlessCache, DescribeServerlessCaches (NextToken paging, name filter),
DeleteServerlessCache. moto 5.2.5 has none of them.

A serverless cache is always encrypted in transit and at rest (KmsKeyId absent means an AWS owned
key); it has a primary endpoint and a reader endpoint on the next port.
"""

import random
import string
from typing import Any

from moto.core.common_models import BaseModel
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.elasticache.exceptions import InvalidParameterValueException
from moto.elasticache.models import ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse
from moto.utilities.utils import get_partition

from .paging import PagedResult
from .errors import ServerlessCacheAlreadyExists, ServerlessCacheNotFound, UserGroupNotFound

# Engine → (default major version, {major: full version}) used when the request names no version.
_VERSIONS = {
    "redis": ("7", {"7": "7.1"}),
    "valkey": ("8", {"7": "7.2", "8": "8.0"}),
    "memcached": ("1.6", {"1.6": "1.6.22"}),
}
_PORTS = {"memcached": 11211}


class ServerlessCache(BaseModel):
    def __init__(self, account_id: str, region: str, request: dict[str, Any]):
        engine = request["Engine"]
        default_major, full_versions = _VERSIONS[engine]
        self.serverless_cache_name = request["ServerlessCacheName"]
        self.description = request.get("Description")
        self.create_time = utcnow()
        self.status = "available"
        self.engine = engine
        self.major_engine_version = request.get("MajorEngineVersion") or default_major
        self.full_engine_version = full_versions.get(self.major_engine_version, self.major_engine_version)
        self.cache_usage_limits = request.get("CacheUsageLimits")
        self.kms_key_id = request.get("KmsKeyId")
        self.security_group_ids = list(request.get("SecurityGroupIds") or [])
        self.subnet_ids = list(request.get("SubnetIds") or [])
        self.user_group_id = request.get("UserGroupId")
        self.snapshot_retention_limit = request.get("SnapshotRetentionLimit")
        self.daily_snapshot_time = request.get("DailySnapshotTime")
        label = "".join(random.choices(string.ascii_lowercase + string.digits, k=6))
        address = f"{self.serverless_cache_name}-{label}.serverless.{_short(region)}.cache.amazonaws.com"
        port = _PORTS.get(engine, 6379)
        self.endpoint = {"Address": address, "Port": port}
        self.reader_endpoint = {"Address": address, "Port": port + 1}
        self.arn = f"arn:{get_partition(region)}:elasticache:{region}:{account_id}:serverlesscache:{self.serverless_cache_name}"


def _short(region: str) -> str:
    parts = region.split("-")
    return parts[0] + parts[1][0] + parts[-1] if len(parts) == 3 else region


def create_serverless_cache(backend: ElastiCacheBackend, request: dict[str, Any]) -> ServerlessCache:
    name = request.get("ServerlessCacheName")
    engine = (request.get("Engine") or "").lower()
    if engine not in _VERSIONS:
        raise InvalidParameterValueException(f"Unknown parameter for Engine: {engine!r}, must be one of: redis, valkey, memcached")
    if name in backend.serverless_caches:
        raise ServerlessCacheAlreadyExists(name)
    user_group_id = request.get("UserGroupId")
    if user_group_id and user_group_id not in backend.user_groups:
        raise UserGroupNotFound(user_group_id)
    cache = ServerlessCache(backend.account_id, backend.region_name, {**request, "Engine": engine})
    if request.get("Tags"):
        backend.tagging_service.tag_resource(cache.arn, request["Tags"])
    backend.serverless_caches[name] = cache
    return cache


def describe_serverless_caches(backend: ElastiCacheBackend, name: str | None) -> list[ServerlessCache]:
    if name:
        if name not in backend.serverless_caches:
            raise ServerlessCacheNotFound(name)
        return [backend.serverless_caches[name]]
    return list(backend.serverless_caches.values())


def delete_serverless_cache(backend: ElastiCacheBackend, name: str) -> ServerlessCache:
    cache = backend.serverless_caches.pop(name, None)
    if cache is None:
        raise ServerlessCacheNotFound(name)
    cache.status = "deleting"
    return cache


_CREATE_KEYS = ["ServerlessCacheName", "Description", "Engine", "MajorEngineVersion", "CacheUsageLimits", "KmsKeyId",
                "SecurityGroupIds", "UserGroupId", "SubnetIds", "DailySnapshotTime", "Tags"]


def _create_serverless_cache(self: ElastiCacheResponse) -> ActionResult:
    request = {key: self._get_param(key) for key in _CREATE_KEYS}
    request["SnapshotRetentionLimit"] = self._get_int_param("SnapshotRetentionLimit")
    return ActionResult({"ServerlessCache": create_serverless_cache(self.elasticache_backend, request)})


def _describe_serverless_caches(self: ElastiCacheResponse) -> ActionResult:
    caches = describe_serverless_caches(self.elasticache_backend, self._get_param("ServerlessCacheName"))
    return PagedResult({"ServerlessCaches": caches}, "serverless_cache_name")


def _delete_serverless_cache(self: ElastiCacheResponse) -> ActionResult:
    cache = delete_serverless_cache(self.elasticache_backend, self._get_param("ServerlessCacheName"))
    return ActionResult({"ServerlessCache": cache})


def _add_to_backend(self: ElastiCacheBackend) -> None:
    self.serverless_caches: dict[str, ServerlessCache] = {}
    # moto's tag calls accept only the ARN kinds it knows; user groups and serverless caches are taggable too.
    self.arn_regex = __import__("re").compile(
        r"^arn:aws:elasticache:.*:[0-9]*:(cluster|snapshot|subnetgroup|replicationgroup|user|usergroup|serverlesscache):.*$")


def install() -> None:
    # Wrapped at install time so each module's additions chain (moto's reset re-runs __init__).
    wrapped = ElastiCacheBackend.__init__

    def init(self: ElastiCacheBackend, region_name: str, account_id: str) -> None:
        wrapped(self, region_name, account_id)
        _add_to_backend(self)

    ElastiCacheBackend.__init__ = init
    ElastiCacheResponse.create_serverless_cache = _create_serverless_cache
    ElastiCacheResponse.describe_serverless_caches = _describe_serverless_caches
    ElastiCacheResponse.delete_serverless_cache = _delete_serverless_cache
