"""Serverless caches: CreateServerlessCache, DescribeServerlessCaches (NextToken paging, name filter),
ModifyServerlessCache, DeleteServerlessCache. moto 5.2.5 has none of them.

A modified cache answers `modifying` (as AWS does while it applies the change) until the next
DescribeServerlessCaches, which finds it `available` again: a caller that modifies twice without
waiting gets InvalidServerlessCacheStateFault, as from AWS.

A serverless cache is always encrypted in transit and at rest (KmsKeyId absent means an AWS owned
key); it has a primary endpoint and a reader endpoint on the next port.
"""

import random
import re
import string
from typing import Any

from moto.core.common_models import BaseModel
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.elasticache.exceptions import InvalidParameterCombinationException, InvalidParameterValueException
from moto.elasticache.models import ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse
from moto.utilities.utils import get_partition

from .paging import PagedResult
from .errors import (InvalidServerlessCacheState, InvalidUserGroupState, ServerlessCacheAlreadyExists,
                     ServerlessCacheNotFound, UserGroupNotFound)

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
        caches = [backend.serverless_caches[name]]
    else:
        caches = list(backend.serverless_caches.values())
    for cache in caches:
        # A modification completes by the time anyone looks again.
        if cache.status == "modifying":
            cache.status = "available"
    return caches


_DAILY_SNAPSHOT_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_MAX_SNAPSHOT_RETENTION_DAYS = 35


def modify_serverless_cache(backend: ElastiCacheBackend, name: str, changes: dict[str, Any]) -> ServerlessCache:
    cache = backend.serverless_caches.get(name)
    if cache is None:
        raise ServerlessCacheNotFound(name)
    if cache.status != "available":
        raise InvalidServerlessCacheState(name, cache.status)
    user_group_id = changes.get("UserGroupId")
    remove_user_group = bool(changes.get("RemoveUserGroup"))
    if user_group_id and remove_user_group:
        raise InvalidParameterCombinationException("Cannot specify both UserGroupId and RemoveUserGroup.")
    engine = (changes.get("Engine") or cache.engine).lower()
    if (user_group_id or remove_user_group) and engine == "memcached":
        raise InvalidParameterCombinationException("User groups are available for Valkey and Redis OSS serverless caches only.")
    if user_group_id:
        group = backend.user_groups.get(user_group_id)
        if group is None:
            raise UserGroupNotFound(user_group_id)
        if group.status != "active":
            raise InvalidUserGroupState(f"User group {user_group_id} is not in active state.")
    retention = changes.get("SnapshotRetentionLimit")
    if retention is not None and not 0 <= retention <= _MAX_SNAPSHOT_RETENTION_DAYS:
        raise InvalidParameterValueException(
            f"SnapshotRetentionLimit must be between 0 and {_MAX_SNAPSHOT_RETENTION_DAYS} days, not {retention}.")
    daily_time = changes.get("DailySnapshotTime")
    if daily_time is not None and not _DAILY_SNAPSHOT_TIME.match(daily_time):
        raise InvalidParameterValueException(f"DailySnapshotTime {daily_time!r} is not a time of day in the format HH:MM.")
    major = changes.get("MajorEngineVersion")
    if changes.get("Engine") or major:
        _change_engine(cache, engine, major)
    if changes.get("Description") is not None:
        cache.description = changes["Description"]
    if changes.get("CacheUsageLimits") is not None:
        cache.cache_usage_limits = changes["CacheUsageLimits"]
    if changes.get("SecurityGroupIds") is not None:
        cache.security_group_ids = list(changes["SecurityGroupIds"])
    if retention is not None:
        cache.snapshot_retention_limit = retention
    if daily_time is not None:
        cache.daily_snapshot_time = daily_time
    if user_group_id:
        cache.user_group_id = user_group_id
    if remove_user_group:
        cache.user_group_id = None
    cache.status = "modifying"
    return cache


def _change_engine(cache: ServerlessCache, engine: str, major: str | None) -> None:
    # AWS upgrades in place only forward, and across engines only from Redis OSS to Valkey.
    if engine not in _VERSIONS or (engine != cache.engine and (cache.engine, engine) != ("redis", "valkey")):
        raise InvalidParameterCombinationException(f"Cannot change the engine of a serverless cache from {cache.engine} to {engine}.")
    default_major, full_versions = _VERSIONS[engine]
    major = major or default_major
    if major not in full_versions:
        raise InvalidParameterValueException(f"MajorEngineVersion {major} is not available for {engine}.")
    if engine == cache.engine and float(major) < float(cache.major_engine_version):
        raise InvalidParameterCombinationException(
            f"Cannot downgrade serverless cache {cache.serverless_cache_name} from {cache.major_engine_version} to {major}.")
    cache.engine = engine
    cache.major_engine_version = major
    cache.full_engine_version = full_versions[major]


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


_MODIFY_KEYS = ["Description", "CacheUsageLimits", "UserGroupId", "SecurityGroupIds", "DailySnapshotTime", "Engine",
                "MajorEngineVersion"]


def _modify_serverless_cache(self: ElastiCacheResponse) -> ActionResult:
    changes = {key: self._get_param(key) for key in _MODIFY_KEYS}
    changes["SnapshotRetentionLimit"] = self._get_int_param("SnapshotRetentionLimit")
    changes["RemoveUserGroup"] = self._get_bool_param("RemoveUserGroup")
    cache = modify_serverless_cache(self.elasticache_backend, self._get_param("ServerlessCacheName"), changes)
    return ActionResult({"ServerlessCache": cache})


def _delete_serverless_cache(self: ElastiCacheResponse) -> ActionResult:
    cache = delete_serverless_cache(self.elasticache_backend, self._get_param("ServerlessCacheName"))
    return ActionResult({"ServerlessCache": cache})


def _add_to_backend(self: ElastiCacheBackend) -> None:
    self.serverless_caches: dict[str, ServerlessCache] = {}
    # moto's tag calls accept only the ARN kinds it knows; user groups and serverless caches are taggable too.
    self.arn_regex = re.compile(
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
    ElastiCacheResponse.modify_serverless_cache = _modify_serverless_cache
    ElastiCacheResponse.delete_serverless_cache = _delete_serverless_cache
