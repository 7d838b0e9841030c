"""One row of ``kiosk doctor``'s table (:class:`CheckResult`) and its three statuses.

Shared by the runner (:mod:`kiosk.ops.doctor`) and the modules whose checks it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PASS, WARN, FAIL = "pass", "warn", "fail"
Clock = Callable[[], float]


@dataclass(frozen=True)
class CheckResult:
    """One row of the doctor's table."""

    check: str
    status: str  # pass | warn | fail
    detail: str
    hint: str = ""

    @property
    def ok(self) -> bool:
        return self.status != FAIL
