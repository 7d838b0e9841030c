"""Small runtime state shared between kiosk processes: ``$KIOSK_HOME/state.json``.

The sync job records its last result here (``last_sync``, ``last_success_at``) and
the UI reads it to show when the catalogue was last refreshed. Writes are
read-modify-write under an exclusive lock and replace the file atomically, so a
reader never sees half a file and two writers never lose each other's fields.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from kiosk.fsutil import file_lock, write_json_atomic
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


def modify_state(layout: HomeLayout, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Let ``change`` edit the state in place under the lock (counters); return the new state."""
    with file_lock(layout.state_file.with_name(layout.state_file.name + ".lock")):
        state = read_state(layout)
        change(state)
        write_json_atomic(layout.state_file, state)
    return state
