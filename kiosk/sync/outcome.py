"""The outcome of a sync run: one closed set shared by sync, state.json, status, doctor, UI and CLI."""

from __future__ import annotations

from enum import StrEnum

from kiosk.errors import ExitCode


class SyncOutcome(StrEnum):
    """What one sync run did. The value is what ``state.json`` and ``--json`` carry."""

    UPDATED = "updated"  # a new catalogue was verified and installed
    UNCHANGED = "unchanged"  # the repository offers what is installed
    OFFLINE = "offline"  # the source could not be reached (or answered with no repository)
    REJECTED = "rejected"  # the source answered, but what it sent failed verification
    ERROR = "error"  # a local problem: configuration, trust root, disk, another run

    @property
    def exit_code(self) -> int:
        return int(_EXIT[self])

    @property
    def succeeded(self) -> bool:
        """True when the kiosk now holds the repository's newest catalogue."""
        return self in (SyncOutcome.UPDATED, SyncOutcome.UNCHANGED)


_EXIT = {
    SyncOutcome.UPDATED: ExitCode.OK,
    SyncOutcome.UNCHANGED: ExitCode.SYNC_UNCHANGED,
    SyncOutcome.OFFLINE: ExitCode.SYNC_OFFLINE,
    SyncOutcome.REJECTED: ExitCode.SYNC_REJECTED,
    SyncOutcome.ERROR: ExitCode.SYNC_ERROR,
}
