"""What the Automation dry run (automation-dry-run.ts) hands to Python, because Automation runs it
in Python: the API actions call boto3, and aws:executeScript runs a python3.11 handler with boto3.

One process serves a whole dry run: it reads one JSON request a line on stdin and answers one JSON
line on stdout. boto3 finds the emulator through the environment the parent passes
(AWS_ENDPOINT_URL, AWS_REGION, credentials), as a script in Automation finds the real endpoints.

Requests:
  {"kind": "api", "service": "elasticache", "api": "DescribeReplicationGroups", "input": {...}}
  {"kind": "script", "script": "...", "handler": "handler", "payload": {...}}
Answers:
  {"ok": true, "result": ...}  or  {"ok": false, "error": {"type": "...", "message": "..."}}
"""

import base64
import datetime
import io
import json
import sys
import traceback
from contextlib import redirect_stdout

import boto3
from botocore import xform_name
from botocore.exceptions import ClientError


def plain(value):
    """A boto3 response as JSON, as Automation passes it on: timestamps as ISO text, blobs as base64."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key != "ResponseMetadata"}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if hasattr(value, "read"):
        return plain(value.read())
    return value


def call_api(service, api, parameters):
    client = boto3.client(service)
    return plain(getattr(client, xform_name(api))(**parameters))


def run_script(script, handler, payload):
    """Runs the script in a fresh namespace, as each executeScript step runs in its own environment.
    What the script prints goes to stderr (Automation keeps it as the step's log), not to the answer."""
    namespace = {"__name__": "__automation_script__"}
    log = io.StringIO()
    with redirect_stdout(log):
        exec(compile(script, "<executeScript>", "exec"), namespace)
        result = namespace[handler](payload, None)
    sys.stderr.write(log.getvalue())
    return plain(result)


def answer(request):
    try:
        if request["kind"] == "api":
            result = call_api(request["service"], request["api"], request.get("input") or {})
        elif request["kind"] == "script":
            result = run_script(request["script"], request["handler"], request.get("payload") or {})
        else:
            raise ValueError(f"unknown request kind {request['kind']!r}")
        return {"ok": True, "result": result}
    except ClientError as error:
        details = error.response.get("Error", {})
        return {"ok": False, "error": {"type": details.get("Code", "ClientError"), "message": str(error)}}
    except Exception as error:  # noqa: BLE001 - every failure of a step is reported, like Automation does
        sys.stderr.write(traceback.format_exc())
        return {"ok": False, "error": {"type": type(error).__name__, "message": str(error)}}


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(answer(json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
