"""Checks ASFF findings against botocore's securityhub model (BatchImportFindings input).

Reads a JSON list of AwsSecurityFinding objects on stdin and prints a JSON list of problems (empty
when every finding fits): botocore's own parameter validation (required members, unknown members,
types, lengths), plus what it leaves out: enum values and the string patterns of the model.
"""

import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

MODEL = botocore.session.get_session().get_service_model("securityhub")
REQUEST = MODEL.operation_model("BatchImportFindings").input_shape


def check(value, shape, path, problems):
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                check(value[name], member, f"{path}.{name}", problems)
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            check(item, shape.member, f"{path}[{index}]", problems)
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            check(key, shape.key, f"{path} key {key!r}", problems)
            check(item, shape.value, f"{path}[{key!r}]", problems)
    elif kind == "string" and isinstance(value, str):
        if shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.name} {shape.enum}")
        pattern = shape.metadata.get("pattern")
        if pattern and not re.fullmatch(pattern, value, re.DOTALL):
            problems.append(f"{path}: {value!r} does not match {shape.name} pattern {pattern}")


def main():
    findings = json.load(sys.stdin)
    problems = []
    report = ParamValidator().validate({"Findings": findings}, REQUEST)
    if report.has_errors():
        problems.extend(report.generate_report().splitlines())
    check({"Findings": findings}, REQUEST, "", problems)
    print(json.dumps(problems))


main()
