"""ElastiCache resources in the Resource Groups Tagging API (tag:GetResources), as AWS lists them.

moto 5.2.5 lists ElastiCache resources there under its own type names ("elasticache:cache_clusters",
"elasticache:replication-group"), so a ResourceTypeFilters entry such as "elasticache:replicationgroup"
matches nothing; it also lists untagged resources and leaves out serverless caches, serverless
snapshots and user groups. AWS names the type after the ARN's resource part and lists only resources
that carry (or carried) tags.
"""

from collections.abc import Iterator
from typing import Any

from moto.core.resource_tagging import TaggedResource
from moto.elasticache.models import ElastiCacheBackend


def _resources(backend: ElastiCacheBackend) -> Iterator[Any]:
    yield from backend.cache_clusters.values()
    yield from backend.replication_groups.values()
    yield from backend.cache_subnet_groups.values()
    yield from backend.snapshots.values()
    yield from (u for u in backend.users.values() if u.id != "default")
    for name in ("user_groups", "serverless_caches", "serverless_cache_snapshots"):
        yield from getattr(backend, name, {}).values()


def _iter_tagged_resources(self: ElastiCacheBackend) -> Iterator[TaggedResource]:
    for resource in _resources(self):
        if getattr(resource, "status", None) == "deleting" or getattr(resource, "cache_cluster_status", None) == "deleting":
            continue
        tags = self.tagging_service.get_tag_dict_for_resource(resource.arn)
        if not tags:
            continue
        # arn:aws:elasticache:<region>:<account>:<type>:<name> → elasticache:<type>
        kind = resource.arn.split(":")[5]
        yield TaggedResource(arn=resource.arn, tags=tags, resource_type=f"elasticache:{kind}")


def install() -> None:
    ElastiCacheBackend.iter_tagged_resources = _iter_tagged_resources
    wrapped_init = ElastiCacheBackend.__init__

    def init(self: ElastiCacheBackend, region_name: str, account_id: str) -> None:
        wrapped_init(self, region_name, account_id)
        # moto's tag calls accept only the ARN kinds it knows; serverless snapshots are taggable too.
        self.arn_regex = __import__("re").compile(
            r"^arn:aws:elasticache:.*:[0-9]*:(cluster|snapshot|subnetgroup|replicationgroup|user|usergroup"
            r"|serverlesscache|serverlesscachesnapshot):.*$")

    ElastiCacheBackend.__init__ = init
