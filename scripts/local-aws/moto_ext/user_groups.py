"""User groups (Create/Describe/Modify/DeleteUserGroup) and DescribeUsers with its filters and paging.

moto 5.2.5 has no user groups and its DescribeUsers ignores Engine, MaxRecords and Marker. The
validations are the ones AWS applies that the authentication control depends on: a group must hold
a user whose UserName (not UserId) is `default`, and a Valkey group cannot hold a no-password user.
"""

from typing import Any

from moto.core.common_models import BaseModel
from moto.core.responses import ActionResult
from moto.elasticache.exceptions import InvalidParameterValueException, UserNotFound
from moto.elasticache.models import ElastiCacheBackend, User
from moto.elasticache.responses import ElastiCacheResponse
from moto.utilities.utils import get_partition

from .paging import PagedResult
from .errors import DefaultUserRequired, DuplicateUserName, InvalidUserGroupState, UserGroupAlreadyExists, UserGroupNotFound

USER_GROUP_ENGINES = ("redis", "valkey")


class UserGroup(BaseModel):
    def __init__(self, account_id: str, region: str, user_group_id: str, engine: str, user_ids: list[str]):
        self.user_group_id = user_group_id
        self.engine = engine
        self.user_ids = list(user_ids)
        self.status = "active"
        # The lowest engine version RBAC works with, as for moto's users.
        self.minimum_engine_version = "6.0" if engine == "redis" else None
        self.replication_groups: list[str] = []
        self.serverless_caches: list[str] = []
        self.arn = f"arn:{get_partition(region)}:elasticache:{region}:{account_id}:usergroup:{user_group_id}"


def _check_members(backend: ElastiCacheBackend, engine: str, user_ids: list[str]) -> None:
    names: set[str] = set()
    for user_id in user_ids:
        user = backend.users.get(user_id)
        if user is None:
            raise UserNotFound(user_id)
        if user.name in names:
            raise DuplicateUserName(user.name)
        names.add(user.name)
        if engine == "valkey" and user.authentication.get("Type") == "no-password":
            raise InvalidParameterValueException(
                f"User {user_id} has no password: a Valkey user group cannot contain users without passwords.")
    if "default" not in names:
        raise DefaultUserRequired()


def refresh_memberships(backend: ElastiCacheBackend) -> None:
    """Users' UserGroupIds and groups' ReplicationGroups / ServerlessCaches follow from who references whom."""
    for user in backend.users.values():
        user.user_group_ids = [g.user_group_id for g in backend.user_groups.values() if user.id in g.user_ids]
    for group in backend.user_groups.values():
        group.replication_groups = [
            rg.replication_group_id for rg in backend.replication_groups.values()
            if group.user_group_id in (rg.user_group_ids or []) and rg.status != "deleting"
        ]
        group.serverless_caches = [
            cache.serverless_cache_name for cache in backend.serverless_caches.values()
            if cache.user_group_id == group.user_group_id
        ]


def create_user_group(backend: ElastiCacheBackend, user_group_id: str, engine: str, user_ids: list[str], tags: list[dict[str, str]]) -> UserGroup:
    engine = (engine or "").lower()
    if engine not in USER_GROUP_ENGINES:
        raise InvalidParameterValueException(f"Unknown parameter for Engine: {engine!r}, must be one of: redis, valkey")
    if user_group_id in backend.user_groups:
        raise UserGroupAlreadyExists(user_group_id)
    _check_members(backend, engine, user_ids)
    group = UserGroup(backend.account_id, backend.region_name, user_group_id, engine, user_ids)
    if tags:
        backend.tagging_service.tag_resource(group.arn, tags)
    backend.user_groups[user_group_id] = group
    refresh_memberships(backend)
    return group


def user_group(backend: ElastiCacheBackend, user_group_id: str) -> UserGroup:
    group = backend.user_groups.get(user_group_id)
    if group is None:
        raise UserGroupNotFound(user_group_id)
    return group


def modify_user_group(backend: ElastiCacheBackend, user_group_id: str, to_add: list[str], to_remove: list[str], engine: str | None) -> UserGroup:
    group = user_group(backend, user_group_id)
    new_engine = (engine or group.engine).lower()
    for user_id in to_remove:
        if user_id not in group.user_ids:
            raise UserNotFound(user_id)
    user_ids = [u for u in group.user_ids if u not in to_remove] + [u for u in to_add if u not in group.user_ids]
    _check_members(backend, new_engine, user_ids)
    group.user_ids = user_ids
    group.engine = new_engine
    refresh_memberships(backend)
    return group


def delete_user_group(backend: ElastiCacheBackend, user_group_id: str) -> UserGroup:
    group = user_group(backend, user_group_id)
    refresh_memberships(backend)
    if group.replication_groups or group.serverless_caches:
        raise InvalidUserGroupState(f"User group {user_group_id} is in use by a cache and cannot be deleted.")
    del backend.user_groups[user_group_id]
    group.status = "deleting"
    refresh_memberships(backend)
    return group


def describe_users(backend: ElastiCacheBackend, user_id: str | None, engine: str | None) -> list[User]:
    users = _original_describe_users(backend, user_id=user_id)
    if engine:
        users = [u for u in users if u.engine == engine.lower()]
    refresh_memberships(backend)
    return users


_original_describe_users = ElastiCacheBackend.describe_users
_original_delete_user = ElastiCacheBackend.delete_user


def _delete_user(self: ElastiCacheBackend, user_id: str) -> User:
    # AWS refuses to delete a user a group still holds (InvalidUserState is not in moto; keep membership honest).
    user = _original_delete_user(self, user_id)
    for group in self.user_groups.values():
        if user_id in group.user_ids:
            group.user_ids.remove(user_id)
    return user


# --- responses -----------------------------------------------------------------------------------

def _create_user_group(self: ElastiCacheResponse) -> ActionResult:
    return ActionResult(create_user_group(
        self.elasticache_backend, self._get_param("UserGroupId"), self._get_param("Engine"),
        self._get_param("UserIds", []) or [], self._get_param("Tags", []) or []))


def _describe_user_groups(self: ElastiCacheResponse) -> ActionResult:
    backend = self.elasticache_backend
    refresh_memberships(backend)
    user_group_id = self._get_param("UserGroupId")
    groups = [user_group(backend, user_group_id)] if user_group_id else list(backend.user_groups.values())
    return PagedResult({"UserGroups": groups}, "user_group_id")


def _modify_user_group(self: ElastiCacheResponse) -> ActionResult:
    return ActionResult(modify_user_group(
        self.elasticache_backend, self._get_param("UserGroupId"), self._get_param("UserIdsToAdd", []) or [],
        self._get_param("UserIdsToRemove", []) or [], self._get_param("Engine")))


def _delete_user_group(self: ElastiCacheResponse) -> ActionResult:
    return ActionResult(delete_user_group(self.elasticache_backend, self._get_param("UserGroupId")))


def _describe_users(self: ElastiCacheResponse) -> ActionResult:
    users = describe_users(self.elasticache_backend, self._get_param("UserId"), self._get_param("Engine"))
    return PagedResult({"Users": users}, "id")


def _add_to_backend(self: ElastiCacheBackend) -> None:
    self.user_groups: dict[str, UserGroup] = {}


def install() -> None:
    # Wrapped at install time so each module's additions chain (moto's reset re-runs __init__).
    wrapped = ElastiCacheBackend.__init__

    def init(self: ElastiCacheBackend, region_name: str, account_id: str) -> None:
        wrapped(self, region_name, account_id)
        _add_to_backend(self)

    ElastiCacheBackend.__init__ = init
    ElastiCacheBackend.delete_user = _delete_user
    ElastiCacheResponse.create_user_group = _create_user_group
    ElastiCacheResponse.describe_user_groups = _describe_user_groups
    ElastiCacheResponse.modify_user_group = _modify_user_group
    ElastiCacheResponse.delete_user_group = _delete_user_group
    ElastiCacheResponse.describe_users = _describe_users
