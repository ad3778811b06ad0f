"""What the Automation dry run (automation-dry-run.ts) hands to Python, because Automation runs it
in Python: the API actions call boto3, and aws:executeScript runs a python3.11 handler with boto3.

One process serves a whole dry run: it reads one JSON request a line on stdin and answers one JSON
line on stdout. boto3 finds the emulator through the environment the parent passes
(AWS_ENDPOINT_URL, AWS_REGION, credentials), as a script in Automation finds the real endpoints.

Requests:
  {"kind": "api", "service": "elasticache", "api": "DescribeReplicationGroups", "input": {...}}
  {"kind": "script", "script": "...", "handler": "handler", "payload": {...}}
  {"kind": "clock", "now": "2027-12-07T06:00:00+00:00"}  (or "now": null for the real clock)

A test that judges ages (a snapshot older than N days) fixes the clock the scripts read: with "now"
set, a script's `datetime.now()` / `datetime.utcnow()` answer that instant, as if the run happened
then; the emulator and boto3 keep the real clock.
Answers:
  {"ok": true, "result": ...}  or  {"ok": false, "error": {"type": "...", "message": "..."}}
"""

import base64
import datetime
import io
import json
import sys
import traceback
import types
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


_clock = None


class _FixedDateTime(datetime.datetime):
    """datetime whose now() and utcnow() answer the fixed clock."""

    @classmethod
    def now(cls, tz=None):
        return _clock.astimezone(tz) if tz else _clock.astimezone(datetime.timezone.utc).replace(tzinfo=None)

    @classmethod
    def utcnow(cls):
        return _clock.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _fixed_datetime_module():
    module = types.ModuleType("datetime")
    module.__dict__.update({key: value for key, value in vars(datetime).items() if not key.startswith("__")})
    module.datetime = _FixedDateTime
    return module


def set_clock(now):
    global _clock
    _clock = datetime.datetime.fromisoformat(now) if now else None
    return {"now": _clock.isoformat() if _clock else None}


def run_script(script, handler, payload):
    """Runs the script in a fresh namespace, as each executeScript step runs in its own environment.
    What the script prints goes to stderr (Automation keeps it as the step's log), not to the answer.
    With a fixed clock, the script's own `import datetime` gets a module whose now() is that clock."""
    namespace = {"__name__": "__automation_script__"}
    log = io.StringIO()
    real = sys.modules["datetime"]
    if _clock is not None:
        sys.modules["datetime"] = _fixed_datetime_module()
    try:
        with redirect_stdout(log):
            exec(compile(script, "<executeScript>", "exec"), namespace)
            sys.modules["datetime"] = real
            result = namespace[handler](payload, None)
    finally:
        sys.modules["datetime"] = real
    sys.stderr.write(log.getvalue())
    return plain(result)


def answer(request):
    try:
        if request["kind"] == "api":
            result = call_api(request["service"], request["api"], request.get("input") or {})
        elif request["kind"] == "script":
            result = run_script(request["script"], request["handler"], request.get("payload") or {})
        elif request["kind"] == "clock":
            result = set_clock(request.get("now"))
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
