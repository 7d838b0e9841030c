"""Small runtime state shared between kiosk processes: ``$KIOSK_HOME/state.json``.

The sync job records its last result here (``last_sync``, ``last_success_at``) and
the UI reads it to show when the catalogue was last refreshed. Writes are
read-modify-write under an exclusive lock and replace the file atomically, so a
reader never sees half a file and two writers never lose each other's fields.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.paths import HomeLayout

log = logging.getLogger("kiosk.state")


def read_state(layout: HomeLayout) -> dict[str, Any]:
    """Return the state as a dict; a missing or unreadable file counts as empty."""
    path = layout.state_file
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignoring unreadable state file %s: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("ignoring state file %s: not a JSON object", path)
        return {}
    return data


@contextmanager
def file_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_path`` (released even if the process dies)."""
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


def update_state(layout: HomeLayout, **fields: Any) -> dict[str, Any]:
    """Set the given top-level fields (None removes one); return the new state."""
    with file_lock(layout.state_file.with_name(layout.state_file.name + ".lock")):
        state = read_state(layout)
        for key, value in fields.items():
            if value is None:
                state.pop(key, None)
            else:
                state[key] = value
        write_json_atomic(layout.state_file, state)
    return state
