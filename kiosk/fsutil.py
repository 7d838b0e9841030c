"""Writing files so that a power cut or a killed process never leaves half of one.

The one copy of the kiosk's atomic write (temporary file, fsync, ``os.replace``, fsync of
the directory), its directory fsync and its file lock.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def file_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_path`` (released even if the process dies).

    A lock file is made if missing; an existing directory is locked itself (no file is
    left in it).
    """
    if lock_path.is_dir():
        fd = os.open(lock_path, os.O_RDONLY | os.O_DIRECTORY)
    else:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_bytes_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``path`` via a temporary file, fsync, ``os.replace``, then fsync the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # imports random and hashlib: only when something is written

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON to ``path`` atomically (see :func:`write_bytes_atomic`)."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    write_bytes_atomic(path, text.encode("utf-8"))


def fsync_path(path: Path) -> None:
    """fsync a file, or a directory so that a rename inside it survives a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


fsync_dir = fsync_path
