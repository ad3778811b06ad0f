"""Log delivery statuses as ElastiCache reports them: a delivery ends `active` when its destination exists
(the CloudWatch Logs log group in moto's logs backend, or the Firehose delivery stream in moto's
firehose backend, same account and region) and `error`, with a Message naming the missing destination,
when it does not.

Create* answers with the final status. A Modify* answers `enabling` for the deliveries it changed
(AWS sets them up after answering); the next Describe* shows how they ended. So a caller waiting for
`active` must Describe again, as against AWS, and the status never depends on timing.
"""

from typing import Any

from moto.elasticache.exceptions import InvalidParameterCombinationException

from .modify_rules import version_key
from .views import response_view

ACTIVE_MESSAGE = "Log delivery configuration is active."


def _destination_missing(account_id: str, region: str, configuration: dict[str, Any]) -> str | None:
    """The Message of a delivery whose destination does not exist, or None when it exists."""
    details = configuration.get("DestinationDetails") or {}
    if configuration.get("DestinationType") == "kinesis-firehose":
        from moto.firehose.models import firehose_backends

        stream = (details.get("KinesisFirehoseDetails") or {}).get("DeliveryStream")
        if stream and stream in firehose_backends[account_id][region].delivery_streams:
            return None
        return f"Failed to deliver logs: the Kinesis Data Firehose delivery stream {stream} does not exist."
    from moto.logs.models import logs_backends

    log_group = (details.get("CloudWatchLogsDetails") or {}).get("LogGroup")
    if log_group and log_group in logs_backends[account_id][region].groups:
        return None
    return f"Failed to deliver logs: the CloudWatch Logs log group {log_group} does not exist."


# The lowest Redis OSS version each log type is delivered for (Valkey: every version); Memcached has none.
_REDIS_MINIMUM = {"slow-log": (6, 0), "engine-log": (6, 2)}


def check_log_delivery_change(label: str, engine: str | None, version: str | None, requested: list[dict[str, Any]] | None,
                              apply_immediately: bool | None) -> None:
    """The API's refusals of a Modify* LogDeliveryConfigurations request."""
    if requested is None:
        return
    if not apply_immediately:
        raise InvalidParameterCombinationException("Log delivery modifications must be applied immediately: set ApplyImmediately to true.")
    engine = (engine or "redis").lower()
    for change in requested:
        if not _enabled(change):
            continue
        log_type = change.get("LogType")
        if engine == "memcached":
            raise InvalidParameterCombinationException(f"Log delivery is not available for Memcached ({label}).")
        minimum = _REDIS_MINIMUM.get(log_type)
        if engine == "redis" and minimum and version and version_key(version)[:2] < minimum:
            raise InvalidParameterCombinationException(
                f"{log_type} delivery needs Redis OSS {minimum[0]}.{minimum[1]} or later; {label} runs {version}.")


def settled(account_id: str, region: str, configuration: dict[str, Any]) -> dict[str, Any]:
    delivery = {k: v for k, v in configuration.items() if k not in ("Enabled", "Status", "Message")}
    problem = _destination_missing(account_id, region, delivery)
    if problem:
        return {**delivery, "Status": "error", "Message": problem}
    return {**delivery, "Status": "active", "Message": ACTIVE_MESSAGE}


def _enabled(configuration: dict[str, Any]) -> bool:
    return configuration.get("Enabled") not in (False, "false")


def created_deliveries(account_id: str, region: str, configurations: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [settled(account_id, region, c) for c in configurations or [] if _enabled(c)]


def apply_log_delivery_changes(account_id: str, region: str, current: list[dict[str, Any]],
                               requested: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], set[str]]:
    """Modify semantics: one entry per LogType; `Enabled: false` removes that LogType's delivery.
    Returns the deliveries after the change and the LogTypes being enabled by it."""
    by_type = {c.get("LogType"): c for c in current}
    enabling: set[str] = set()
    for change in requested:
        log_type = change.get("LogType")
        if not _enabled(change):
            by_type.pop(log_type, None)
        else:
            merged = {**by_type.get(log_type, {}), **{k: v for k, v in change.items() if v is not None}}
            by_type[log_type] = settled(account_id, region, merged)
            enabling.add(log_type)
    return list(by_type.values()), enabling


def as_enabling(resource: Any, log_types: set[str]) -> Any:
    """A view of `resource` whose deliveries of `log_types` read `enabling`, for a Modify* response."""
    if not log_types:
        return resource
    return response_view(resource, log_delivery_configurations=[
        {**{k: v for k, v in c.items() if k != "Message"}, "Status": "enabling"} if c.get("LogType") in log_types else c
        for c in resource.log_delivery_configurations
    ])
