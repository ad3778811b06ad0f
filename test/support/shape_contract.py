"""Checks raw ElastiCache query-protocol responses against botocore's output shape of their operation.

Reads JSON `[{"operation": "DescribeCacheClusters", "body": "<xml…>"}, …]` on stdin and prints JSON
`[{"operation": …, "problems": ["…", …]}, …]`: every element must be a member of the shape at its
place, and every value of the member's type (string, enum member, integer, boolean, timestamp, list,
structure). An SDK would silently drop an unknown element, so the raw XML is what is checked.
"""

import json
import re
import sys
import xml.etree.ElementTree as ElementTree
from datetime import datetime

import botocore.session

MODEL = botocore.session.get_session().get_service_model("elasticache")
INTEGER = re.compile(r"^-?\d+$")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def check(element: ElementTree.Element, shape, path: str, problems: list[str]) -> None:
    kind = shape.type_name
    text = (element.text or "").strip()
    if kind == "structure":
        if text:
            problems.append(f"{path}: text {text!r} inside a structure")
        by_name = {member.serialization.get("name", name): member for name, member in shape.members.items()}
        for child in element:
            name = local(child.tag)
            member = by_name.get(name)
            if member is None:
                problems.append(f"{path}.{name}: not in shape {shape.name}")
                continue
            check(child, member, f"{path}.{name}", problems)
    elif kind == "list":
        if text:
            problems.append(f"{path}: text {text!r} inside a list")
        item_name = shape.member.serialization.get("name", "member")
        for index, child in enumerate(element):
            if local(child.tag) != item_name:
                problems.append(f"{path}[{index}]: element {local(child.tag)} where the list holds {item_name}")
                continue
            check(child, shape.member, f"{path}[{index}]", problems)
    else:
        if len(element):
            problems.append(f"{path}: child elements inside a {kind}")
        if kind == "string" and shape.enum and text not in shape.enum:
            problems.append(f"{path}: {text!r} is not one of {shape.name} {shape.enum}")
        elif kind in ("integer", "long") and not INTEGER.match(text):
            problems.append(f"{path}: {text!r} is not an integer")
        elif kind == "boolean" and text not in ("true", "false"):
            problems.append(f"{path}: {text!r} is not a boolean")
        elif kind in ("double", "float"):
            try:
                float(text)
            except ValueError:
                problems.append(f"{path}: {text!r} is not a number")
        elif kind == "timestamp":
            try:
                datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                problems.append(f"{path}: {text!r} is not an ISO 8601 timestamp")


def check_response(operation: str, body: str) -> list[str]:
    problems: list[str] = []
    output = MODEL.operation_model(operation).output_shape
    root = ElementTree.fromstring(body)
    if local(root.tag) != f"{operation}Response":
        return [f"root element {local(root.tag)}, expected {operation}Response"]
    wrapper = output.serialization.get("resultWrapper") if output is not None else None
    for child in root:
        name = local(child.tag)
        if name == "ResponseMetadata":
            continue
        if output is None or name != wrapper:
            problems.append(f"{name}: unexpected element in {operation}Response")
            continue
        check(child, output, name, problems)
    return problems


if __name__ == "__main__":
    calls = json.load(sys.stdin)
    json.dump([{"operation": c["operation"], "problems": check_response(c["operation"], c["body"])} for c in calls], sys.stdout)
