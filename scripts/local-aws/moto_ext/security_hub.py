"""Throttling for moto's Security Hub BatchImportFindings, injected on request, so that the scan's
import can be tested against the way Security Hub pushes back.

moto 5.2.5 imports every finding it is given. With MOTO_EXT_SECURITYHUB_FAULTS set in the server's
environment (for example "request=3,entry=4"), every 3rd BatchImportFindings request is refused
whole with LimitExceededException (HTTP 429, the error botocore's securityhub model lists for the
operation's throttling and limits), and every 4th finding of the accepted requests is returned in
FailedFindings with ErrorCode "LimitExceeded" instead of being imported. Counts run over the
server's life; without the variable nothing changes.
"""

import os

from moto.securityhub.exceptions import SecurityHubClientError
from moto.securityhub.models import SecurityHubBackend

FAULTS_VARIABLE = "MOTO_EXT_SECURITYHUB_FAULTS"


class LimitExceededException(SecurityHubClientError):
    code = "LimitExceededException"

    def __init__(self) -> None:
        super().__init__("LimitExceededException", "Rate exceeded (injected by moto_ext for tests).")


def _faults() -> dict[str, int]:
    faults: dict[str, int] = {}
    for part in os.environ.get(FAULTS_VARIABLE, "").split(","):
        name, _, every = part.partition("=")
        if name.strip() in ("request", "entry") and every.strip().isdigit() and int(every) > 0:
            faults[name.strip()] = int(every)
    return faults


_counts = {"request": 0, "entry": 0}


def install() -> None:
    original = SecurityHubBackend.batch_import_findings

    def batch_import_findings(self, findings):  # type: ignore[no-untyped-def]
        faults = _faults()
        if not faults:
            return original(self, findings)
        _counts["request"] += 1
        if "request" in faults and _counts["request"] % faults["request"] == 0:
            raise LimitExceededException()
        throttled = []
        admitted = []
        for finding in findings:
            _counts["entry"] += 1
            if "entry" in faults and _counts["entry"] % faults["entry"] == 0:
                throttled.append({"Id": finding.get("Id", ""), "ErrorCode": "LimitExceeded", "ErrorMessage": "Rate exceeded (injected by moto_ext for tests)."})
            else:
                admitted.append(finding)
        failed_count, success_count, failed = original(self, admitted)
        return failed_count + len(throttled), success_count, failed + throttled

    SecurityHubBackend.batch_import_findings = batch_import_findings
