"""StartConfigRulesEvaluation, which moto 5.2.5 lacks (the change detector calls it).

Driven by botocore's model of the operation: the request's rule-name list is checked against the
shape's min/max, and every error raised is one the model lists for the operation (checked at
install). Config's documented refusal is modelled: a rule started less than a minute ago is refused
with LimitExceededException. The emulator never runs an evaluation, so a rule is never EVALUATING;
each accepted start is kept, in order, for tests to read back (`started_evaluations`).
"""

import json
import time
from typing import Any

import botocore.session
from moto.config.exceptions import NoSuchConfigRuleException
from moto.config.models import ConfigBackend
from moto.config.responses import ConfigResponse
from moto.core.exceptions import JsonRESTError

_OPERATION = botocore.session.get_session().get_service_model("config").operation_model("StartConfigRulesEvaluation")
_NAMES = _OPERATION.input_shape.members["ConfigRuleNames"]
_ERRORS = {shape.name for shape in _OPERATION.error_shapes}

# Config refuses a second start of a rule within a minute (API reference, LimitExceededException).
START_INTERVAL_SECONDS = 60.0


class LimitExceededException(JsonRESTError):
    code = 400

    def __init__(self, rule_name: str):
        super().__init__(
            "LimitExceededException",
            f"An evaluation of the ConfigRule '{rule_name}' is in progress or was started less than a minute ago.",
        )


class InvalidParameterValueException(JsonRESTError):
    code = 400

    def __init__(self, message: str):
        super().__init__("InvalidParameterValueException", message)


# moto finds an exception's service model from its module path (`moto.<service>.…`).
for _error in (LimitExceededException, InvalidParameterValueException):
    _error.__module__ = "moto.config.exceptions"


def _start_config_rules_evaluation(self: ConfigBackend, rule_names: list[str] | None) -> None:
    names = list(rule_names or [])
    low, high = _NAMES.metadata.get("min", 0), _NAMES.metadata.get("max", len(names))
    if not low <= len(names) <= high:
        raise InvalidParameterValueException(f"ConfigRuleNames must name {low} to {high} rules; it names {len(names)}.")
    now = time.time()
    for name in names:
        if name not in self.config_rules:
            raise NoSuchConfigRuleException(name)
        last = self.last_evaluation_starts.get(name)
        if last is not None and now - last < START_INTERVAL_SECONDS:
            raise LimitExceededException(name)
    for name in names:
        self.last_evaluation_starts[name] = now
        self.started_evaluations.append({"ConfigRuleName": name, "StartedAt": now})


def _response(self: ConfigResponse) -> str:
    self.config_backend.start_config_rules_evaluation(self._get_param("ConfigRuleNames"))
    # The output shape has no members: an empty JSON object.
    return json.dumps({})


def install() -> None:
    raised = {"NoSuchConfigRuleException", "LimitExceededException", "InvalidParameterValueException"}
    if not raised <= _ERRORS:
        raise RuntimeError(f"botocore's StartConfigRulesEvaluation lists errors {sorted(_ERRORS)}; the extension raises {sorted(raised)}")
    wrapped = ConfigBackend.__init__

    def init(self: ConfigBackend, *args: Any, **kwargs: Any) -> None:
        wrapped(self, *args, **kwargs)
        self.last_evaluation_starts = {}
        self.started_evaluations = []

    ConfigBackend.__init__ = init
    ConfigBackend.start_config_rules_evaluation = _start_config_rules_evaluation
    ConfigResponse.start_config_rules_evaluation = _response
