"""Global datastores: CreateGlobalReplicationGroup, DescribeGlobalReplicationGroups (ShowMemberInfo,
Marker paging), DisassociateGlobalReplicationGroup, DeleteGlobalReplicationGroup, a secondary joining
from another Region (CreateReplicationGroup with GlobalReplicationGroupId), and
GlobalReplicationGroupInfo on every member group. moto 5.2.5 has none of them.

A global datastore spans Regions, so it is kept in the account's primary Region backend and looked
up across the account's Region backends. The emulator has no replication delay: a member is
`associated` as soon as its group exists, and drops out when its group is deleted.
"""

import hashlib
from typing import Any

from moto.core.common_models import BaseModel
from moto.core.responses import ActionResult
from moto.elasticache.exceptions import ElastiCacheException, ReplicationGroupNotFound
from moto.elasticache.models import ElastiCacheBackend, ReplicationGroup, elasticache_backends
from moto.elasticache.responses import ElastiCacheResponse
from moto.utilities.utils import get_partition

from .paging import PagedResult
from .views import response_view


class GlobalReplicationGroupNotFound(ElastiCacheException):
    code = "GlobalReplicationGroupNotFoundFault"

    def __init__(self, global_id: str):
        super().__init__(f"Global replication group {global_id} not found.")


class GlobalReplicationGroupAlreadyExists(ElastiCacheException):
    code = "GlobalReplicationGroupAlreadyExistsFault"

    def __init__(self, global_id: str):
        super().__init__(f"Global replication group {global_id} already exists.")


class InvalidReplicationGroupState(ElastiCacheException):
    code = "InvalidReplicationGroupState"


for _error in (GlobalReplicationGroupNotFound, GlobalReplicationGroupAlreadyExists, InvalidReplicationGroupState):
    _error.__module__ = "moto.elasticache.exceptions"


def region_prefix(region: str) -> str:
    """AWS prefixes a global datastore's id with a code of the primary's Region; the emulator derives its own."""
    return "".join(chr(ord("a") + b % 26) for b in hashlib.sha256(region.encode()).digest()[:5])


class GlobalDatastore(BaseModel):
    def __init__(self, backend: ElastiCacheBackend, global_id: str, description: str | None, primary: ReplicationGroup):
        self.global_replication_group_id = global_id
        self.global_replication_group_description = description
        self.status = "available"
        self.cache_node_type = primary.cache_node_type
        self.engine = primary.engine
        self.engine_version = primary.engine_version
        self.cluster_enabled = bool(getattr(primary, "cluster_enabled", False))
        self.auth_token_enabled = bool(primary.auth_token_enabled)
        self.transit_encryption_enabled = bool(primary.transit_encryption_enabled)
        self.at_rest_encryption_enabled = bool(primary.at_rest_encryption_enabled)
        self.arn = f"arn:{get_partition(backend.region_name)}:elasticache::{backend.account_id}:globalreplicationgroup:{global_id}"
        self.account_id = backend.account_id
        # (region, replication group id, role)
        self.member_refs: list[tuple[str, str, str]] = [(backend.region_name, primary.replication_group_id, "primary")]
        self._show_members = False

    @property
    def members(self) -> list[dict[str, Any]] | None:
        if not self._show_members:
            return None
        shown = []
        for region, group_id, role in self.member_refs:
            group = _group_in(self.account_id, region, group_id)
            if group is None or group.status == "deleting":
                continue
            shown.append({
                "ReplicationGroupId": group_id,
                "ReplicationGroupRegion": region,
                "Role": role,
                "AutomaticFailover": group.automatic_failover or "disabled",
                "Status": "associating" if group.status == "creating" else "associated",
            })
        return shown

    def view(self, show_members: bool) -> "GlobalDatastore":
        return response_view(self, _show_members=show_members)


def _group_in(account_id: str, region: str, group_id: str) -> ReplicationGroup | None:
    backend = elasticache_backends[account_id].get(region)
    return backend.replication_groups.get(group_id) if backend is not None else None


def all_datastores(account_id: str) -> list[GlobalDatastore]:
    return [d for backend in elasticache_backends[account_id].values() for d in backend.global_datastores.values()]


def find_datastore(account_id: str, global_id: str) -> GlobalDatastore:
    for datastore in all_datastores(account_id):
        if datastore.global_replication_group_id == global_id:
            return datastore
    raise GlobalReplicationGroupNotFound(global_id)


def datastore_of(account_id: str, region: str, group_id: str) -> tuple[GlobalDatastore, str] | None:
    for datastore in all_datastores(account_id):
        for member_region, member_id, role in datastore.member_refs:
            if (member_region, member_id) == (region, group_id):
                return datastore, role
    return None


def create_global_replication_group(backend: ElastiCacheBackend, suffix: str, description: str | None, primary_id: str) -> GlobalDatastore:
    primary = backend.replication_groups.get(primary_id)
    if primary is None:
        raise ReplicationGroupNotFound(primary_id)
    if datastore_of(backend.account_id, backend.region_name, primary_id):
        raise InvalidReplicationGroupState(f"Replication group {primary_id} is already a member of a global datastore.")
    global_id = f"{region_prefix(backend.region_name)}-{suffix}"
    if any(d.global_replication_group_id == global_id for d in all_datastores(backend.account_id)):
        raise GlobalReplicationGroupAlreadyExists(global_id)
    datastore = GlobalDatastore(backend, global_id, description, primary)
    backend.global_datastores[global_id] = datastore
    return datastore


def join_as_secondary(backend: ElastiCacheBackend, global_id: str, group_id: str) -> None:
    datastore = find_datastore(backend.account_id, global_id)
    datastore.member_refs.append((backend.region_name, group_id, "secondary"))


def disassociate(backend: ElastiCacheBackend, global_id: str, group_id: str, region: str) -> GlobalDatastore:
    datastore = find_datastore(backend.account_id, global_id)
    refs = [r for r in datastore.member_refs if (r[0], r[1]) == (region, group_id)]
    if not refs or refs[0][2] == "primary":
        raise InvalidReplicationGroupState(f"Replication group {group_id} in {region} is not a secondary of {global_id}.")
    datastore.member_refs.remove(refs[0])
    return datastore


def delete_global_replication_group(backend: ElastiCacheBackend, global_id: str) -> GlobalDatastore:
    datastore = find_datastore(backend.account_id, global_id)
    if any(role == "secondary" for _, _, role in datastore.member_refs):
        raise InvalidReplicationGroupState(f"Global datastore {global_id} still has secondary members; disassociate them first.")
    for holder in elasticache_backends[backend.account_id].values():
        holder.global_datastores.pop(global_id, None)
    datastore.status = "deleting"
    return datastore


def _global_replication_group_info(self: ReplicationGroup) -> dict[str, str] | None:
    account_id, region = getattr(self, "account_id", None), getattr(self, "region_name", None)
    if account_id is None or region is None:
        return None
    found = datastore_of(account_id, region, self.replication_group_id)
    if found is None:
        return None
    datastore, role = found
    return {"GlobalReplicationGroupId": datastore.global_replication_group_id, "GlobalReplicationGroupMemberRole": role}


# --- responses -----------------------------------------------------------------------------------

def _create_global_replication_group(self: ElastiCacheResponse) -> ActionResult:
    datastore = create_global_replication_group(
        self.elasticache_backend, self._get_param("GlobalReplicationGroupIdSuffix"),
        self._get_param("GlobalReplicationGroupDescription"), self._get_param("PrimaryReplicationGroupId"))
    return ActionResult({"GlobalReplicationGroup": datastore.view(True)})


def _describe_global_replication_groups(self: ElastiCacheResponse) -> ActionResult:
    account_id = self.elasticache_backend.account_id
    global_id = self._get_param("GlobalReplicationGroupId")
    found = [find_datastore(account_id, global_id)] if global_id else all_datastores(account_id)
    show = bool(self._get_bool_param("ShowMemberInfo"))
    return PagedResult({"GlobalReplicationGroups": [d.view(show) for d in found]}, "global_replication_group_id")


def _disassociate_global_replication_group(self: ElastiCacheResponse) -> ActionResult:
    datastore = disassociate(self.elasticache_backend, self._get_param("GlobalReplicationGroupId"),
                             self._get_param("ReplicationGroupId"), self._get_param("ReplicationGroupRegion"))
    return ActionResult({"GlobalReplicationGroup": datastore.view(True)})


def _delete_global_replication_group(self: ElastiCacheResponse) -> ActionResult:
    datastore = delete_global_replication_group(self.elasticache_backend, self._get_param("GlobalReplicationGroupId"))
    return ActionResult({"GlobalReplicationGroup": datastore.view(False)})


def install() -> None:
    wrapped_init = ElastiCacheBackend.__init__

    def init(self: ElastiCacheBackend, region_name: str, account_id: str) -> None:
        wrapped_init(self, region_name, account_id)
        self.global_datastores: dict[str, GlobalDatastore] = {}

    ElastiCacheBackend.__init__ = init

    create_group = ElastiCacheBackend.create_replication_group

    def create_replication_group(self: ElastiCacheBackend, **kwargs: Any) -> ReplicationGroup:
        global_id = kwargs.get("global_replication_group_id")
        if global_id:
            find_datastore(self.account_id, global_id)  # refuse an unknown datastore before creating anything
        group = create_group(self, **kwargs)
        group.account_id = self.account_id
        group.region_name = self.region_name
        if global_id:
            join_as_secondary(self, global_id, group.replication_group_id)
        return group

    ElastiCacheBackend.create_replication_group = create_replication_group
    ReplicationGroup.global_replication_group_info = property(_global_replication_group_info)
    ElastiCacheResponse.create_global_replication_group = _create_global_replication_group
    ElastiCacheResponse.describe_global_replication_groups = _describe_global_replication_groups
    ElastiCacheResponse.disassociate_global_replication_group = _disassociate_global_replication_group
    ElastiCacheResponse.delete_global_replication_group = _delete_global_replication_group
