"""Known failures versus bugs (qutebrowser's KnownError/BugError split).

A :class:`KnownError` is something a resident or technician can act on: its
message says what was wrong and where. Anything else is a bug: it is logged
with a trace and the UI returns to a safe screen.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The one table of the ``kiosk`` command's exit codes (scripts and systemd units read them)."""

    OK = 0  # also: sync installed a new catalogue (updated)
    FAILED = 1  # a known failure with no code of its own
    USAGE = 2  # argparse: bad arguments
    CONFIG = 3
    SNAPSHOT = 4
    IMPORT_FILE = 5
    ITEM_NOT_FOUND = 6
    UI_MISSING = 7
    PUBLISH = 14  # kiosk publish: keys, repository or version refused
    PRINT = 15  # kiosk print: the slip did not print (refused, stopped, timed out, no printer)
    DISK = 8  # disk full, read-only or not writable home (sync reports these as SYNC_ERROR)
    TECHNICIAN_EXIT = 9  # kiosk-ui: the technician's 退出到桌面 (the unit does not restart it)
    SYNC_UNCHANGED = 10
    SYNC_OFFLINE = 11
    SYNC_REJECTED = 12
    SYNC_ERROR = 13
    HANDWRITING_MISSING = 20  # Zinnia or its Simplified Chinese model is not installed
    STROKES_FILE = 21  # a handwriting strokes file is unreadable or malformed
    VOICE_MISSING = 22  # espeak-ng or the chosen voice is not installed
    INTERRUPTED = 130


class KnownError(Exception):
    """A failure with a message a person can act on."""

    #: Exit code the CLI uses for this kind of failure.
    exit_code: int = ExitCode.FAILED


class ConfigError(KnownError):
    """A configuration value is invalid; the message names the key."""

    exit_code: int = ExitCode.CONFIG


class SnapshotError(KnownError):
    """A catalogue snapshot is missing, corrupt or fails its checks."""

    exit_code: int = ExitCode.SNAPSHOT


class ImportFileError(KnownError):
    """An official list file (CSV/XLSX/JSONL) could not be imported.

    Attributes:
        path: the file.
        row: 1-based row number in the file (header is row 1), or None.
        column: the column header, or None.
    """

    exit_code: int = ExitCode.IMPORT_FILE

    def __init__(
        self, message: str, *, path: str, row: int | None = None, column: str | None = None
    ) -> None:
        where = path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.row = row
        self.column = column
        self.reason = message


class ItemNotFound(KnownError):
    """No item with that code in the live catalogue."""

    exit_code: int = ExitCode.ITEM_NOT_FOUND


class UiMissing(KnownError):
    """A command needs the resident UI (the ``ui`` extra: PySide6), which is not installed."""

    exit_code: int = ExitCode.UI_MISSING


class HandwritingMissing(KnownError):
    """Handwriting recognition needs Zinnia and the tegaki model; the message says what is missing."""

    exit_code: int = ExitCode.HANDWRITING_MISSING


class StrokesError(KnownError):
    """A handwriting strokes file is unreadable or malformed; the message names the file and part."""

    exit_code: int = ExitCode.STROKES_FILE


class VoiceMissing(KnownError):
    """Read-aloud needs espeak-ng and the chosen voice; the message says what is missing."""

    exit_code: int = ExitCode.VOICE_MISSING


def disk_message(exc: OSError) -> str:
    """One line a technician can act on for a disk problem (full, read-only, permissions)."""
    import errno

    where = exc.filename or "a file"
    if exc.errno == errno.ENOSPC:
        return f"disk full: no space left to write {where}; free space on that file system"
    if exc.errno == errno.EROFS:
        return f"read-only file system: cannot write {where}; KIOSK_HOME must be writable"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied: {where}; check who owns KIOSK_HOME"
    return f"file problem: {exc.strerror or exc} ({where})"
