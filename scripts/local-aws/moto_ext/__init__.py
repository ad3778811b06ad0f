"""An extension of moto 5.2.5's ElastiCache emulation, patched into moto's own backend and responses.

moto serialises every ElastiCache response from botocore's service model: an element is written iff
the model object has the snake_case attribute (or dict key) the shape names. The patches below only
add or correct such attributes and add backend methods, so every shape still comes from botocore.

`install()` must run before moto's server handles a request; `python -m moto_ext` does that and
then runs moto's server with the same arguments.
"""

from .compat import MotoInternalsChanged, check_moto_internals


def install() -> None:
    check_moto_internals()
    # Imported here so a changed moto fails in check_moto_internals, naming what changed, rather
    # than with an AttributeError from the middle of a patch.
    from . import (cache_clusters, config_rules, replica_count, replication_groups, runbook_services, security_hub,
                   serverless_caches, user_groups)
    from . import global_datastores, snapshots, tagging

    cache_clusters.install()
    replication_groups.install()
    replica_count.install()
    user_groups.install()
    serverless_caches.install()
    config_rules.install()
    runbook_services.install()
    security_hub.install()
    # After the modules above: these wrap what those installed (cache creation and deletion).
    snapshots.install()
    global_datastores.install()
    tagging.install()


__all__ = ["MotoInternalsChanged", "install"]
