"""IncreaseReplicaCount, which moto 5.2.5 lacks: new replicas join every shard named (NewReplicaCount for
all of them, or ReplicaConfiguration shard by shard) as member clusters carrying the group's settings,
named as AWS names them (`<group>-00N`, or `<group>-<shard>-00N` with cluster mode on), listed in the
shard's NodeGroupMembers and the group's MemberClusters.

The API's limits: at most 5 replicas a shard, ApplyImmediately=true only, a count below the current one
refused, a request that changes no shard answered with NoOperationFault. The group stays `available`
(the emulator has no delay).
"""

from typing import Any

from moto.core.responses import ActionResult
from moto.elasticache.exceptions import InvalidParameterValueException, ReplicationGroupNotFound
from moto.elasticache.models import ElastiCacheBackend, ReplicationGroup
from moto.elasticache.responses import ElastiCacheResponse

from .cache_clusters import subnet_group_zones
from .errors import InvalidReplicationGroupState, NoOperation
from .replication_groups import materialise_members

MAX_REPLICAS_PER_SHARD = 5


def _wanted_counts(group: ReplicationGroup, new_replica_count: int | None,
                   configuration: list[dict[str, Any]]) -> dict[str, tuple[int, list[str]]]:
    """Shard id → (replicas wanted, preferred zones, primary first)."""
    shard_ids = [shard["node_group_id"] for shard in group.node_groups]
    if configuration:
        wanted: dict[str, tuple[int, list[str]]] = {}
        for shard in configuration:
            shard_id = shard.get("NodeGroupId")
            if shard_id not in shard_ids:
                raise InvalidParameterValueException(
                    f"Node group {shard_id} does not exist in replication group {group.replication_group_id}.")
            wanted[shard_id] = (int(shard["NewReplicaCount"]), list(shard.get("PreferredAvailabilityZones") or []))
        return wanted
    if new_replica_count is None:
        raise InvalidParameterValueException("Either NewReplicaCount or ReplicaConfiguration must be specified.")
    return {shard_id: (new_replica_count, []) for shard_id in shard_ids}


def increase_replica_count(backend: ElastiCacheBackend, replication_group_id: str, new_replica_count: int | None,
                           configuration: list[dict[str, Any]], apply_immediately: bool | None) -> ReplicationGroup:
    group = backend.replication_groups.get(replication_group_id)
    if group is None:
        raise ReplicationGroupNotFound(replication_group_id)
    if not apply_immediately:
        raise InvalidParameterValueException("ApplyImmediately=false is not supported: set ApplyImmediately to true.")
    if group.status != "available":
        raise InvalidReplicationGroupState(f"Replication group {replication_group_id} is not in available state.")
    wanted = _wanted_counts(group, new_replica_count, configuration)
    region_zones = subnet_group_zones(backend, group.cache_subnet_group_name) or [
        f"{backend.region_name}{z}" for z in "abc"]
    new_nodes: list[tuple[dict[str, Any], int, str]] = []
    for shard in group.node_groups:
        if shard["node_group_id"] not in wanted:
            continue
        count, zones = wanted[shard["node_group_id"]]
        members = shard["node_group_members"]
        current = len(members) - 1
        if not 0 <= count <= MAX_REPLICAS_PER_SHARD:
            raise InvalidParameterValueException(f"NewReplicaCount must be between 0 and {MAX_REPLICAS_PER_SHARD}, not {count}.")
        if count < current:
            raise InvalidParameterValueException(
                f"NewReplicaCount {count} is below the {current} replicas of node group {shard['node_group_id']}: "
                "use DecreaseReplicaCount.")
        for position in range(current + 1, count + 1):
            new_nodes.append((shard, position, zones[position] if position < len(zones) else region_zones[position % len(region_zones)]))
    if not new_nodes:
        raise NoOperation(f"Replication group {replication_group_id} already has the replicas asked for.")
    created = []
    for shard, position, zone in new_nodes:
        node = _replica_node(group, shard, position, zone)
        shard["node_group_members"].append(node)
        created.append(node)
    group.member_clusters = [n["cache_cluster_id"] for shard in group.node_groups for n in shard["node_group_members"]]
    materialise_members(backend, group, created)
    return group


def _replica_node(group: ReplicationGroup, shard: dict[str, Any], position: int, zone: str) -> dict[str, Any]:
    group_id = group.replication_group_id
    if group.cluster_mode == "enabled":
        return {
            "cache_cluster_id": f"{group_id}-{shard['node_group_id']}-{position + 1:03}",
            "cache_node_id": shard["node_group_id"],
            "preferred_availability_zone": zone,
        }
    primary = shard["node_group_members"][0]
    domain = primary["read_endpoint"]["address"].split(".", 1)[1]
    cluster_id = f"{group_id}-{position + 1:03}"
    return {
        "cache_cluster_id": cluster_id,
        "cache_node_id": shard["node_group_id"],
        "read_endpoint": {"address": f"{cluster_id}.{domain}", "port": group.port},
        "preferred_availability_zone": zone,
        "current_role": "replica",
    }


def _increase_replica_count(self: ElastiCacheResponse) -> ActionResult:
    group = increase_replica_count(
        self.elasticache_backend, self._get_param("ReplicationGroupId"), self._get_int_param("NewReplicaCount"),
        self._get_param("ReplicaConfiguration") or [], self._get_bool_param("ApplyImmediately"))
    return ActionResult({"ReplicationGroup": group})


def install() -> None:
    ElastiCacheResponse.increase_replica_count = _increase_replica_count
