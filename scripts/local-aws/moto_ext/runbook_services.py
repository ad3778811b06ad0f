"""What the runbooks call outside ElastiCache, where moto 5.2.5 lacks it or answers wrongly.

- CloudWatch Logs AssociateKmsKey / DisassociateKmsKey (moto has neither): the log group must exist
  (ResourceNotFoundException); the key must be a KMS key ARN of a key that exists and is enabled, else
  InvalidParameterException, as the API reference states. DescribeLogGroups then shows `kmsKeyId`.
- KMS EnableKey / DisableKey / CancelKeyDeletion / ScheduleKeyDeletion by key ARN: moto answers HTTP 500
  (it looks the ARN up as a key id); AWS takes a key id or a key ARN, and answers NotFoundException for
  a key that does not exist. (CancelKeyDeletion leaves the key Disabled, as in AWS: moto has that right.)
- EC2 AuthorizeSecurityGroupIngress / Egress: moto answers with the rules of the last permission of
  the request only; AWS lists every rule the request created (the ids DescribeSecurityGroupRules
  shows, which RevokeSecurityGroupIngress takes in SecurityGroupRuleIds).
"""

from typing import Any

from moto.core.responses import ActionResult
from moto.ec2.responses.security_groups import SecurityGroups
from moto.kms.exceptions import NotFoundException
from moto.kms.models import KmsBackend
from moto.logs.exceptions import InvalidParameterException, ResourceNotFoundException
from moto.logs.responses import LogsResponse


def _enabled_key_arn(key_arn: str) -> str:
    from moto.kms.models import kms_backends

    parts = key_arn.split(":")
    if len(parts) != 6 or parts[2] != "kms" or not parts[5].startswith("key/"):
        raise InvalidParameterException(f"Specified KMS key {key_arn} is not a KMS key ARN.")
    key = kms_backends[parts[4]][parts[3]].keys.get(parts[5][len("key/"):])
    if key is None or key.key_state != "Enabled":
        raise InvalidParameterException(f"Specified KMS key {key_arn} does not exist or is not enabled.")
    return key_arn


def _log_group(response: LogsResponse) -> Any:
    name = response._get_param("logGroupName")
    group = response.logs_backend.groups.get(name)
    if group is None:
        raise ResourceNotFoundException()
    return group


def _associate_kms_key(self: LogsResponse) -> str:
    group = _log_group(self)
    group.kms_key_id = _enabled_key_arn(self._get_param("kmsKeyId") or "")
    return ""


def _disassociate_kms_key(self: LogsResponse) -> str:
    _log_group(self).kms_key_id = None
    return ""


def _all_rules(direction: str):
    def handler(self: SecurityGroups) -> ActionResult:
        self.error_on_dryrun()
        authorize = getattr(self.ec2_backend, f"authorize_security_group_{direction}")
        rules: list[Any] = []
        for kwargs in self._process_rules_from_querystring():
            created, _ = authorize(**kwargs)
            rules.extend(created)
        return ActionResult({"Return": True, "SecurityGroupRules": rules})

    return handler


def _by_key_id_or_arn(method: Any) -> Any:
    def wrapped(self: KmsBackend, key_id: str, *args: Any, **kwargs: Any) -> Any:
        resolved = self.get_key_id(key_id)
        if resolved not in self.keys:
            raise NotFoundException(f"Key '{key_id}' does not exist")
        return method(self, resolved, *args, **kwargs)

    return wrapped


def install() -> None:
    for name in ("enable_key", "disable_key", "cancel_key_deletion", "schedule_key_deletion"):
        setattr(KmsBackend, name, _by_key_id_or_arn(getattr(KmsBackend, name)))
    LogsResponse.associate_kms_key = _associate_kms_key
    LogsResponse.disassociate_kms_key = _disassociate_kms_key
    SecurityGroups.authorize_security_group_ingress = _all_rules("ingress")
    SecurityGroups.authorize_security_group_egress = _all_rules("egress")
