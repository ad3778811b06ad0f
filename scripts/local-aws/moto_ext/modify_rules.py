"""The rules ModifyReplicationGroup and ModifyCacheCluster apply to in-transit encryption, AUTH tokens,
user groups and engine versions, as the API reference states them (botocore's documentation of each
member). Every check runs before anything changes, so a refused request changes nothing.

- TLS on an existing group (TransitEncryptionEnabled): Redis OSS 7.0+ or Valkey only, and enabling
  takes TransitEncryptionMode `preferred` in the same request; `required` only from `preferred`;
  turning TLS off only from `preferred`.
- AUTH (AuthToken + AuthTokenUpdateStrategy): only with TLS on; 16–128 printable ASCII characters
  without / " @ %; ROTATE (the default) adds a token next to the current one (AWS keeps at most two),
  SET only right after a ROTATE (it leaves the new token alone), DELETE only when moving to RBAC (a user
  group added in the same request); a group holding a user group takes a token only with
  RemoveUserGroups. AuthTokenLastModifiedDate follows every change.
- User groups (RBAC): the user group must exist and be active, the group must have TLS on and run
  Redis OSS 6.0+ or Valkey, holds at most one user group, and drops an AUTH token only by DELETE.
- EngineVersion: upgrades only; Engine only from redis to valkey (Valkey 7.2+).
- AutomaticFailoverEnabled needs a replica in every shard; MultiAZEnabled needs automatic failover.
"""

import re
from typing import Any

from moto.core.utils import utcnow
from moto.elasticache.exceptions import InvalidParameterCombinationException, InvalidParameterValueException

from .errors import InvalidUserGroupState, UserGroupNotFound

_AUTH_TOKEN = re.compile(r'^[\x21-\x7e]{16,128}$')
_AUTH_TOKEN_FORBIDDEN = set('/"@%')
MAX_AUTH_TOKENS = 2


def version_key(version: str | None) -> tuple[int, ...]:
    parts = []
    for part in (version or "0").split("."):
        digits = re.match(r"\d+", part)
        parts.append(int(digits.group()) if digits else 0)
    return tuple(parts)


def check_engine_change(label: str, engine: str, version: str | None, changes: dict[str, Any]) -> None:
    new_engine = (changes.get("Engine") or engine or "redis").lower()
    new_version = changes.get("EngineVersion")
    if new_engine != engine:
        if (engine, new_engine) != ("redis", "valkey"):
            raise InvalidParameterCombinationException(f"Cannot change the engine of {label} from {engine} to {new_engine}.")
        if new_version is None or version_key(new_version) < (7, 2):
            raise InvalidParameterCombinationException(
                f"Moving {label} to Valkey needs an EngineVersion of 7.2 or later.")
        return
    if new_version is not None and version and version_key(new_version) < version_key(version):
        raise InvalidParameterCombinationException(
            f"Cannot downgrade {label} from engine version {version} to {new_version}: only upgrades are allowed.")


def _tls_capable_in_place(engine: str, version: str | None) -> bool:
    # A group created without EngineVersion runs the default, the latest version.
    return engine == "valkey" or (engine == "redis" and (version is None or version_key(version) >= (7,)))


def check_transit_change(label: str, resource: Any, changes: dict[str, Any]) -> None:
    enabled = changes.get("TransitEncryptionEnabled")
    mode = changes.get("TransitEncryptionMode")
    currently = bool(resource.transit_encryption_enabled)
    current_mode = resource.transit_encryption_mode or ("required" if currently else None)
    engine = (changes.get("Engine") or resource.engine or "redis").lower()
    version = changes.get("EngineVersion") or resource.engine_version
    if enabled is True and not currently:
        if not _tls_capable_in_place(engine, version):
            raise InvalidParameterValueException(
                f"In-transit encryption can be enabled on existing {label} only with Redis OSS 7.0 or later, or Valkey.")
        if mode != "preferred":
            raise InvalidParameterCombinationException(
                "To enable in-transit encryption on an existing cluster, set TransitEncryptionMode to preferred in the same request.")
        return
    if enabled is False and currently:
        if current_mode != "preferred" or mode is not None:
            raise InvalidParameterCombinationException(
                "In-transit encryption can be disabled only when TransitEncryptionMode is preferred.")
        if resource.auth_token_enabled:
            raise InvalidParameterCombinationException("In-transit encryption cannot be disabled while an AUTH token is set.")
        return
    if mode is not None and not currently:
        raise InvalidParameterCombinationException("TransitEncryptionMode needs TransitEncryptionEnabled to be true.")


def apply_transit_change(resource: Any, changes: dict[str, Any]) -> None:
    enabled = changes.get("TransitEncryptionEnabled")
    mode = changes.get("TransitEncryptionMode")
    if enabled is False:
        resource.transit_encryption_enabled = False
        resource.transit_encryption_mode = None
        return
    if enabled is True:
        resource.transit_encryption_enabled = True
    if mode is not None:
        resource.transit_encryption_mode = mode


def auth_strategy(changes: dict[str, Any]) -> str | None:
    strategy = (changes.get("AuthTokenUpdateStrategy") or "").upper() or None
    if strategy is None and changes.get("AuthToken"):
        return "ROTATE"
    return strategy


def check_auth_change(label: str, resource: Any, changes: dict[str, Any], *, adds_user_group: bool,
                      has_user_group: bool, removes_user_groups: bool) -> None:
    strategy = auth_strategy(changes)
    token = changes.get("AuthToken")
    if strategy is None:
        if adds_user_group and resource.auth_token_enabled:
            raise InvalidParameterCombinationException(
                f"{label} uses an AUTH token: add a user group with AuthTokenUpdateStrategy DELETE to move it to RBAC.")
        return
    if strategy not in ("ROTATE", "SET", "DELETE"):
        raise InvalidParameterValueException(f"AuthTokenUpdateStrategy {strategy} is not one of SET, ROTATE, DELETE.")
    if strategy != "DELETE" and not token:
        raise InvalidParameterCombinationException(f"AuthTokenUpdateStrategy {strategy} must be specified with AuthToken.")
    if token is not None and (not _AUTH_TOKEN.match(token) or _AUTH_TOKEN_FORBIDDEN & set(token)):
        raise InvalidParameterValueException(
            "Invalid AuthToken: it must be 16 to 128 printable ASCII characters and cannot contain /, \", @ or %.")
    if not resource.transit_encryption_enabled:
        raise InvalidParameterCombinationException(f"AUTH can be set only on {label} with in-transit encryption enabled.")
    if strategy == "ROTATE" and has_user_group and not removes_user_groups:
        raise InvalidParameterCombinationException(
            f"{label} uses RBAC: remove its user groups (RemoveUserGroups) in the same request to set an AUTH token.")
    if strategy == "SET" and getattr(resource, "auth_token_last_strategy", None) != "ROTATE":
        raise InvalidParameterCombinationException("AuthTokenUpdateStrategy SET is allowed only after ROTATE.")
    if strategy == "DELETE":
        if not resource.auth_token_enabled:
            raise InvalidParameterCombinationException(f"{label} has no AUTH token to delete.")
        if not adds_user_group:
            raise InvalidParameterCombinationException(
                "AuthTokenUpdateStrategy DELETE is allowed only when moving to RBAC: add a user group in the same request.")


def apply_auth_change(resource: Any, changes: dict[str, Any]) -> None:
    strategy = auth_strategy(changes)
    if strategy is None:
        return
    count = getattr(resource, "auth_token_count", 1 if resource.auth_token_enabled else 0)
    resource.auth_token_count = {"ROTATE": min(count + 1, MAX_AUTH_TOKENS), "SET": 1, "DELETE": 0}[strategy]
    resource.auth_token_enabled = resource.auth_token_count > 0
    resource.auth_token_last_strategy = strategy
    resource.auth_token_last_modified_date = utcnow()


def check_user_groups(backend: Any, label: str, resource: Any, current: list[str], changes: dict[str, Any]) -> list[str]:
    """The group's user groups after the request, or the API's refusal."""
    to_add = list(changes.get("UserGroupIdsToAdd") or [])
    for user_group_id in to_add:
        user_group = backend.user_groups.get(user_group_id)
        if user_group is None:
            raise UserGroupNotFound(user_group_id)
        if user_group.status != "active":
            raise InvalidUserGroupState(f"User group {user_group_id} is not in active state.")
    after = [] if changes.get("RemoveUserGroups") else list(current)
    to_remove = set(changes.get("UserGroupIdsToRemove") or [])
    after = [u for u in after if u not in to_remove] + [u for u in to_add if u not in after]
    if to_add:
        engine = (resource.engine or "redis").lower()
        if engine == "redis" and resource.engine_version and version_key(resource.engine_version) < (6,):
            raise InvalidParameterCombinationException(f"User groups need Redis OSS 6.0 or later; {label} runs {resource.engine_version}.")
        if not resource.transit_encryption_enabled:
            raise InvalidParameterCombinationException(f"User groups need in-transit encryption enabled on {label}.")
        if len(after) > 1:
            raise InvalidParameterCombinationException(f"{label} can be associated with only one user group.")
    return after


def check_failover_change(label: str, group: Any, changes: dict[str, Any]) -> None:
    failover = changes.get("AutomaticFailoverEnabled")
    if failover is None:
        failover = group.automatic_failover == "enabled"
    elif failover and any(len(shard["node_group_members"]) < 2 for shard in group.node_groups):
        raise InvalidParameterCombinationException(
            f"Automatic failover needs at least one replica in every shard of {label}: add replicas first (IncreaseReplicaCount).")
    if changes.get("MultiAZEnabled") and not failover:
        raise InvalidParameterCombinationException(f"Multi-AZ needs automatic failover enabled on {label}.")
