"""帮助 / 呼叫工作人员: where the hall's staff are (from config) and the help requests residents made.

A request records only when it was made and on which screen: nothing the resident typed
or opened. Requests are kept in ``state.json`` (a count and the last few), so
``kiosk status --json`` and the technician status page can show them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.config import Config
from kiosk.paths import HomeLayout
from kiosk.state import modify_state

log = logging.getLogger("kiosk.ops.helpdesk")

#: The state.json key, and how many recent requests it keeps.
STATE_KEY = "help_requests"
KEEP_RECENT = 20
#: Screen names a request may carry (anything else is recorded as "other").
SCREENS = frozenset({"home", "search", "browse", "item", "outofservice"})


@dataclass(frozen=True)
class HelpDesk:
    """Where staff are, as configured; empty strings when a technician has not said."""

    location: str = ""
    phone: str = ""

    @classmethod
    def from_config(cls, cfg: Config) -> HelpDesk:
        return cls(location=cfg["help.desk_location"].strip(), phone=cfg["help.desk_phone"].strip())

    @property
    def configured(self) -> bool:
        return bool(self.location or self.phone)


@dataclass(frozen=True)
class HelpRequest:
    """One press on 帮助: wall-clock time (seconds since the epoch) and the screen it was made on."""

    at: float
    screen: str

    def as_json(self) -> dict[str, str]:
        return {"at": datetime.fromtimestamp(self.at, UTC).isoformat(timespec="seconds"),
                "screen": self.screen if self.screen in SCREENS else "other"}


def record_help_request(layout: HomeLayout, request: HelpRequest) -> None:
    """Count the request and keep it among the recent ones (under the state file's lock)."""
    entry = request.as_json()

    def change(state: dict[str, Any]) -> None:
        old = state.get(STATE_KEY)
        old = old if isinstance(old, dict) else {}
        count = old.get("count")
        recent = old.get("recent")
        recent = [r for r in recent if isinstance(r, dict)] if isinstance(recent, list) else []
        state[STATE_KEY] = {
            "count": (count if isinstance(count, int) and count >= 0 else 0) + 1,
            "last_at": entry["at"],
            "recent": [*recent, entry][-KEEP_RECENT:],
        }

    try:
        modify_state(layout, change)
    except (OSError, ValueError) as exc:  # a full disk must not take the help overlay down
        log.warning("could not record a help request: %s", exc)
    else:
        log.info("help requested on the %s screen", entry["screen"])


def help_summary(state: dict[str, Any]) -> dict[str, Any]:
    """What ``kiosk status`` shows: ``count``, ``last_at`` (None when never) and ``recent`` (newest last)."""
    table = state.get(STATE_KEY)
    table = table if isinstance(table, dict) else {}
    count = table.get("count")
    recent = table.get("recent")
    recent = [{"at": str(r.get("at", "")), "screen": str(r.get("screen", ""))}
              for r in recent if isinstance(r, dict)] if isinstance(recent, list) else []
    last = table.get("last_at")
    return {"count": count if isinstance(count, int) and count >= 0 else 0,
            "last_at": last if isinstance(last, str) else None,
            "recent": recent[-5:]}
