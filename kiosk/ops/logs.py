"""Rotating, greppable log files under ``$KIOSK_HOME/logs``.

One file per process (``ui.log``, ``sync.log``, ``cli.log``), one line per
record: ``2026-11-26 10:00:00,123 WARNING ui[4242] print: printer offline``.
A traceback is folded onto the same line (`` ⏎ `` between its lines) so that
``grep ERROR *.log`` shows the whole story.

Never log what a resident typed or viewed: log counts and codes, or pass text
through :func:`redact`.
"""

from __future__ import annotations

import heapq
import logging
import os
import sys
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from kiosk.fsutil import file_lock
from kiosk.paths import HomeLayout

MAX_BYTES = 1_000_000
#: A record longer than this is cut (a 1 MB bad value must not fill every line).
MAX_LINE = 8000
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s {proc}[%(process)d] %(name)s: %(message)s"
_MARK = "_kiosk_log_file"


class OneLineFormatter(logging.Formatter):
    """Keeps every record, traceback included, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record).replace("\r", "").replace("\n", " ⏎ ")
        if len(line) > MAX_LINE:
            line = f"{line[:MAX_LINE]} … (cut, {len(line)} chars)"
        return line


def redact(text: str) -> str:
    """What may be logged about resident input: its length, never its content."""
    return f"<{len(text)} chars>"


def log_file(layout: HomeLayout, process_name: str) -> Path:
    return layout.logs_dir / f"{process_name}.log"


def setup_logging(
    layout: HomeLayout, process_name: str, level: int = logging.INFO
) -> Path | None:
    """Send the root logger to ``$KIOSK_HOME/logs/<process_name>.log`` (rotating).

    Calling it again (tests, a reloaded config) replaces the earlier file handler
    rather than adding a second one. Returns the file, or None when the log
    directory cannot be written (a read-only home must not stop the kiosk).
    """
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _MARK, False):
            root.removeHandler(h)
            h.close()
    path = log_file(layout, process_name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _file_handler(path)
    except OSError as exc:
        logging.getLogger("kiosk.ops.logs").warning("cannot write logs to %s: %s", path, exc)
        return None
    setattr(handler, _MARK, True)
    handler.setFormatter(OneLineFormatter(_FORMAT.format(proc=process_name)))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path


def _file_handler(path: Path) -> logging.Handler:
    """A rotating log file, safe to share between processes, that drops lines quietly when the
    disk is full or read-only.

    logging's own handleError prints a traceback to stderr for every record it could not
    write: on a full disk that buries the one line a technician needs under dozens.
    (logging.handlers is imported here: with socket, pickle and queue it is ~6 ms of a start.)
    """
    from logging.handlers import RotatingFileHandler

    class DiskTolerantHandler(RotatingFileHandler):
        told = False

        def handleError(self, record: logging.LogRecord) -> None:
            exc = sys.exc_info()[1]
            if not isinstance(exc, OSError):
                super().handleError(record)
                return
            if not self.told:
                self.told = True
                sys.stderr.write(f"log file {self.baseFilename}: cannot be written "
                                 f"({exc.strerror}); further log lines are dropped\n")

        def emit(self, record: logging.LogRecord) -> None:
            """Write under the file's lock, to the file now at ``path``, rotating when it is full.

            Two processes may write one file (the sync daemon and a ``kiosk sync`` run):
            RotatingFileHandler alone judges the size by its own writes and rotates a file the
            other has already rotated, so records land in a renamed backup or are deleted with
            it. The logging cookbook's answer is a single writer or a lock; here the lock.
            """
            try:
                msg = self.format(record) + self.terminator
                with file_lock(lock):
                    stream = self._follow()
                    size = os.fstat(stream.fileno()).st_size
                    if self.maxBytes > 0 and size and size + len(msg.encode("utf-8")) > self.maxBytes:
                        self.doRollover()
                        stream = self._follow()
                    stream.write(msg)
                    stream.flush()
            except RecursionError:  # as logging's own handlers do
                raise
            except Exception:  # noqa: BLE001 - emit never raises: handleError reports
                self.handleError(record)

        def _follow(self) -> TextIO:
            """Reopen ``path`` when another process has rotated (renamed) the file this has open."""
            if self.stream is not None:
                try:
                    now = os.stat(self.baseFilename)
                except FileNotFoundError:
                    now = None
                ours = os.fstat(self.stream.fileno())
                if now is not None and (now.st_dev, now.st_ino) == (ours.st_dev, ours.st_ino):
                    return self.stream
                self.stream.close()
            self.stream = stream = self._open()
            return stream

    lock = path.with_name(f".{path.name}.lock")
    return DiskTolerantHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")


class _Held(logging.Handler):
    """Keeps records in memory until the log file is opened (see setup_logging_later)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def setup_logging_later(
    layout: HomeLayout, process_name: str, level: int = logging.INFO
) -> Callable[[], Path | None]:
    """Hold records in memory now; the returned function opens the log file and writes them.

    For the resident UI, whose first frame need not wait for the rotating file handler's
    imports. Call the function once the UI is up, and also on the way out (a second call
    does nothing), so that nothing logged before a failed start is lost.
    """
    root = logging.getLogger()
    held = _Held()
    root.addHandler(held)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    done: list[Path | None] = []

    def finish() -> Path | None:
        if done:
            return done[0]
        root.removeHandler(held)
        path = setup_logging(layout, process_name, level)
        done.append(path)
        handlers = [h for h in root.handlers if getattr(h, _MARK, False)]
        for record in held.records:
            for h in handlers:
                if record.levelno >= h.level:
                    h.handle(record)
        held.records.clear()
        return path

    return finish


def recent_lines(layout: HomeLayout, limit: int = 200) -> list[str]:
    """The last ``limit`` lines over all current log files, oldest first.

    Lines start with their timestamp: the processes' files are merged by it, each file kept
    in the order it was written. (Sorted whole, lines logged while the clock ran fast, before
    NTP put it right, stayed "newest" and pushed what happened since off the technician's page.)
    """
    files: list[list[str]] = []
    for path in sorted(layout.logs_dir.glob("*.log")):
        try:
            with path.open(encoding="utf-8", errors="replace") as fh:
                files.append([ln.rstrip("\n") for ln in deque(fh, maxlen=limit) if ln.strip()])
        except OSError:
            continue
    return list(deque(heapq.merge(*files, key=lambda ln: ln[:23]), maxlen=limit))
