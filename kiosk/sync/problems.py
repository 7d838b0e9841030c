"""What a failed sync step means: :class:`SyncProblem`, TUF errors classified, rejections remembered.

Every step of a run (:mod:`kiosk.sync.client`) reports a failure as a :class:`SyncProblem`
carrying its :class:`~kiosk.sync.outcome.SyncOutcome` and a message a technician can act on.
A rejected file is remembered in ``state.json`` with the settings it was judged under, so the
next run does not download it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from tuf.api import exceptions as tuf_exc

from kiosk.paths import HomeLayout
from kiosk.state import read_state, update_state
from kiosk.sync.fetcher import KIOSK_VERSION, UnsafeFileError
from kiosk.sync.outcome import SyncOutcome


class SyncProblem(Exception):
    """Carries an outcome and a message out of the sync steps."""

    def __init__(self, outcome: SyncOutcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message


def known_rejection(layout: HomeLayout, sha256: str, allow_hosts: Sequence[str]) -> str | None:
    """A file already rejected with the same settings is not downloaded again."""
    seen = read_state(layout).get("sync_rejected")
    if (
        isinstance(seen, dict)
        and seen.get("sha256") == sha256
        and seen.get("allow_hosts") == list(allow_hosts)
        and seen.get("kiosk_version") == KIOSK_VERSION
    ):
        return str(seen.get("message", "rejected earlier"))
    return None


def remember_rejection(
    layout: HomeLayout, sha256: str, allow_hosts: Sequence[str], message: str
) -> SyncProblem:
    """A rejection, remembered so the same file is not downloaded again (see above)."""
    update_state(
        layout,
        sync_rejected={
            "sha256": sha256,
            "allow_hosts": list(allow_hosts),
            "kiosk_version": KIOSK_VERSION,
            "message": message,
        },
    )
    return SyncProblem(SyncOutcome.REJECTED, message)


def classify(exc: Exception) -> SyncProblem:
    """Turn a TUF exception into an outcome and a message a technician can act on."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, tuf_exc.DownloadLengthMismatchError):
        return SyncProblem(SyncOutcome.REJECTED, f"download larger than its signed length: {text}")
    if isinstance(exc, UnsafeFileError):
        return SyncProblem(SyncOutcome.REJECTED, f"unsafe file on the sync source: {text}")
    if isinstance(exc, tuf_exc.DownloadHTTPError):
        if 400 <= getattr(exc, "status_code", 0) < 500:  # the source answered: nothing is there
            return SyncProblem(SyncOutcome.ERROR, f"no catalogue repository at the sync source "
                               f"({text}): check sync.source")
        return SyncProblem(SyncOutcome.OFFLINE, f"repository unavailable: {text}")
    if isinstance(exc, tuf_exc.SlowRetrievalError):
        return SyncProblem(SyncOutcome.OFFLINE, f"repository too slow or not answering: {text}")
    if isinstance(exc, tuf_exc.DownloadError):
        cause = exc.__cause__ or exc.__context__
        return SyncProblem(
            SyncOutcome.OFFLINE, f"cannot reach the repository: {text}" + (f" ({cause})" if cause else "")
        )
    if isinstance(exc, tuf_exc.ExpiredMetadataError):
        # Expired by this kiosk's clock: a clock days fast makes a fresh repository look
        # expired, and the technician must not be sent to the publisher for that.
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return SyncProblem(
            SyncOutcome.REJECTED,
            f"signed metadata has expired: {text}; the publisher must "
            f"re-sign it ('kiosk publish --refresh-timestamp'), unless this kiosk's clock is "
            f"wrong: it says {now} (see kiosk doctor's clock check; fix it with timedatectl)",
        )
    if isinstance(exc, tuf_exc.LengthOrHashMismatchError):
        return SyncProblem(
            SyncOutcome.REJECTED,
            f"download does not match its signed hash/length (tampered or corrupted): {text}",
        )
    if isinstance(exc, tuf_exc.BadVersionNumberError):
        return SyncProblem(
            SyncOutcome.REJECTED,
            f"repository metadata is older than what this kiosk has "
            f"seen (rollback or replay): {text}",
        )
    if isinstance(exc, tuf_exc.UnsignedMetadataError):
        return SyncProblem(
            SyncOutcome.REJECTED,
            f"bad signature on repository metadata (tampered, or signed "
            f"with a key this kiosk does not trust): {text}",
        )
    if isinstance(exc, tuf_exc.RepositoryError):
        return SyncProblem(SyncOutcome.REJECTED, f"repository metadata failed verification: {text}")
    return SyncProblem(SyncOutcome.ERROR, f"trust root or metadata cache unusable: {text}")

