"""Fails the emulator's start, naming what changed, when moto's internals differ from 5.2.5's.

The extension patches moto's classes in place; a moto upgrade that renames or removes one of them
would otherwise surface as wrong or missing fields in a test far from the cause.
"""

import inspect

EXPECTED_MOTO_VERSION = "5.2.5"


class MotoInternalsChanged(RuntimeError):
    pass


# (module, class, attributes the extension reads, wraps or relies on)
_REQUIRED = [
    ("moto.elasticache.models", "ElastiCacheBackend", [
        "__init__", "create_cache_cluster", "describe_cache_clusters", "delete_cache_cluster",
        "create_replication_group", "describe_replication_groups", "modify_replication_group",
        "delete_replication_group", "describe_users", "delete_user",
    ]),
    ("moto.elasticache.models", "CacheCluster", ["__init__"]),
    # snapshots.py, global_datastores.py, tagging.py
    ("moto.elasticache.models", "Snapshot", ["__init__"]),
    ("moto.elasticache.models", "ElastiCacheBackend", [
        "create_snapshot", "describe_snapshots", "delete_snapshot", "create_cache_cluster", "iter_tagged_resources",
    ]),
    ("moto.elasticache.responses", "ElastiCacheResponse", [
        "delete_replication_group", "delete_cache_cluster", "describe_snapshots", "_get_int_param",
    ]),
    ("moto.core.resource_tagging", "TaggedResource", []),
    ("moto.elasticache.models", "ReplicationGroup", ["__init__", "_get_log_delivery_configurations"]),
    ("moto.elasticache.models", "User", ["authentication"]),
    ("moto.elasticache.responses", "ElastiCacheResponse", [
        "_get_param", "_get_int_param", "_get_bool_param", "_get_params", "elasticache_backend",
    ]),
    ("moto.core.responses", "ActionResult", []),
    ("moto.core.responses", "PaginatedResult", []),
    ("moto.elasticache.exceptions", "ElastiCacheException", []),
    ("moto.config.models", "ConfigBackend", ["__init__", "put_config_rule", "describe_config_rules"]),
    ("moto.config.responses", "ConfigResponse", ["_get_param", "config_backend"]),
    ("moto.config.exceptions", "NoSuchConfigRuleException", []),
    ("moto.logs.responses", "LogsResponse", ["_get_param", "logs_backend"]),
    ("moto.logs.exceptions", "ResourceNotFoundException", []),
    ("moto.logs.exceptions", "InvalidParameterException", []),
    ("moto.logs.models", "LogsBackend", ["create_log_group"]),
    ("moto.firehose.models", "FirehoseBackend", ["create_delivery_stream"]),
    ("moto.sns.models", "SNSBackend", ["create_topic"]),
    ("moto.kms.models", "KmsBackend", [
        "create_key", "enable_key", "disable_key", "cancel_key_deletion", "schedule_key_deletion", "get_key_id",
    ]),
    ("moto.kms.exceptions", "NotFoundException", []),
    ("moto.ec2.responses.security_groups", "SecurityGroups", [
        "authorize_security_group_ingress", "authorize_security_group_egress", "_process_rules_from_querystring",
        "error_on_dryrun",
    ]),
    ("moto.securityhub.models", "SecurityHubBackend", ["batch_import_findings", "get_findings"]),
    ("moto.securityhub.exceptions", "SecurityHubClientError", []),
]

# Constructor parameters the extension passes or reads by name.
_REQUIRED_PARAMETERS = [
    ("moto.elasticache.models", "CacheCluster", "__init__", [
        "region_name", "cache_cluster_id", "replication_group_id", "engine", "port", "az_mode",
        "preferred_availability_zone", "preferred_availability_zones", "auto_minor_version_upgrade",
        "log_delivery_configurations", "transit_encryption_enabled",
    ]),
    ("moto.ec2.models.security_groups", "SecurityGroupBackend", "authorize_security_group_ingress", [
        "group_name_or_id", "ip_protocol", "from_port", "to_port", "ip_ranges",
    ]),
    ("moto.elasticache.models", "ElastiCacheBackend", "create_replication_group", [
        "replication_group_id", "num_cache_clusters", "num_node_groups", "replicas_per_node_group",
        "node_group_configuration", "cluster_mode", "user_group_ids",
    ]),
]


def check_moto_internals() -> None:
    import importlib

    problems: list[str] = []
    try:
        import moto
    except ImportError as error:
        raise MotoInternalsChanged(f"moto is not installed ({error}); run `make deps`") from error
    if getattr(moto, "__version__", None) != EXPECTED_MOTO_VERSION:
        problems.append(
            f"moto.__version__ is {getattr(moto, '__version__', None)!r}, the extension was written "
            f"against {EXPECTED_MOTO_VERSION!r} (requirements.txt pins it)"
        )
    for module_name, class_name, attributes in _REQUIRED:
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            problems.append(f"module {module_name} cannot be imported ({error})")
            continue
        cls = getattr(module, class_name, None)
        if cls is None:
            problems.append(f"{module_name}.{class_name} no longer exists")
            continue
        for attribute in attributes:
            if not hasattr(cls, attribute):
                problems.append(f"{module_name}.{class_name}.{attribute} no longer exists")
    for module_name, class_name, method, parameters in _REQUIRED_PARAMETERS:
        cls = getattr(importlib.import_module(module_name), class_name, None)
        if cls is None or not hasattr(cls, method):
            continue
        signature = inspect.signature(getattr(cls, method))
        missing = [p for p in parameters if p not in signature.parameters]
        if missing:
            problems.append(f"{module_name}.{class_name}.{method} lost parameters {missing}")
    if problems:
        raise MotoInternalsChanged(
            "moto_ext cannot patch this moto: " + "; ".join(problems)
            + ". Update scripts/local-aws/moto_ext/ for the new moto, or keep moto pinned."
        )
