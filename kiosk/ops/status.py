"""``kiosk status``: the cheap health snapshot for monitoring and the technician screen.

No network and no full catalogue scan; one CUPS question when a CUPS printer is
configured (call it off the GUI thread). Never a credential: ``sync.source`` is
shown without its user name and password. The same figures go to the Prometheus
text file (:mod:`kiosk.ops.metrics`).
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from kiosk import __version__
from kiosk.catalogue.store import SnapshotStore, in_use_summary
from kiosk.config import load_config_safe, redact_url
from kiosk.errors import KnownError
from kiosk.ops.helpdesk import help_summary
from kiosk.ops.metrics import counters, read_heartbeat, write_textfile
from kiosk.ops.printer import PrinterState, cups_printer_state, stuck_jobs
from kiosk.paths import HomeLayout, home_layout
from kiosk.state import read_state

Clock = Callable[[], float]

log = logging.getLogger("kiosk.ops.status")


def _catalogue_in_use(layout: HomeLayout, allow_hosts: list[str]) -> dict[str, Any]:
    """What the UI would show now: current, previous or factory (built if missing)."""
    try:
        cat, origin, problems = SnapshotStore(layout).open_best(allow_hosts)
    except KnownError as exc:
        return in_use_summary(None, None, [str(exc)])
    with cat:
        return in_use_summary(cat.meta, origin, problems)


def printer_status(printer: dict[str, Any], now: float) -> dict[str, Any]:
    """``printer`` with CUPS's answer added: ``state``, ``detail``, ``stuck_jobs`` (seconds of CUPS)."""
    out = dict(printer)
    state, out["detail"] = cups_printer_state(printer["name"])
    out["state"] = state.value
    if state is not PrinterState.NO_CUPS:
        out["stuck_jobs"] = len(stuck_jobs(printer["name"], now, state))
    return out


def collect_status(layout: HomeLayout, *, clock: Clock = time.time, cups: bool = True,
                   catalogue: dict[str, Any] | None = None) -> dict[str, Any]:
    """A JSON-able snapshot of the kiosk's health; ``cups=False`` skips asking CUPS (GUI thread).

    ``catalogue`` is what a running UI already knows of the catalogue it shows
    (:func:`kiosk.catalogue.store.in_use_summary`); without it the best snapshot is opened
    here, which builds its whole search index (seconds at 100,000 items).
    """
    cfg, err = load_config_safe(layout)
    state = read_state(layout)
    where = layout.root if layout.root.exists() else Path("/")
    usage = shutil.disk_usage(where)
    now = clock()
    printer: dict[str, Any] = {"kind": cfg["printer.kind"], "name": cfg["printer.name"],
                               "paper": cfg["printer.paper"]}
    if cfg["printer.kind"] == "cups" and cups:
        printer = printer_status(printer, now)
    up = sorted(name for name, s in psutil.net_if_stats().items() if s.isup and name != "lo")
    if catalogue is None:
        catalogue = _catalogue_in_use(layout, cfg["catalogue.url_allow_hosts"])
    ui = read_heartbeat(layout)
    return {
        "software_version": __version__,
        "kiosk_id": cfg["kiosk.id"],
        "location": cfg["kiosk.location"],
        "time": datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds"),
        "ui": {k: ui[k] for k in ("alive", "screen", "out_of_service", "last_frame_age_seconds",
                                  "uptime_seconds")},
        "catalogue": catalogue,
        "data_version": catalogue["version"],
        "last_sync": state.get("last_sync"),
        "last_success_at": state.get("last_success_at"),
        "sync_source": redact_url(cfg["sync.source"]),
        "network_interfaces_up": up,
        "printer": printer,
        "disk": {"free_mb": usage.free // 2**20, "total_mb": usage.total // 2**20},
        "uptime_seconds": ui["uptime_seconds"],
        "counters": counters(state),
        "help_requests": help_summary(state),
        "config_error": str(err) if err else None,
    }


def refresh_textfile(layout: HomeLayout, catalogue: dict[str, Any] | None = None) -> Path | None:
    """Collect the status and write it as the Prometheus text file (UI and sync jobs call this).

    ``catalogue``: as for :func:`collect_status` (the UI passes the one it shows).
    """
    cfg, _err = load_config_safe(layout)
    try:
        return write_textfile(layout, collect_status(layout, catalogue=catalogue), cfg["monitoring.textfile"])
    except (OSError, sqlite3.DatabaseError, KnownError) as exc:  # never fail the job feeding it
        log.warning("metrics file not written: %s", exc)
        return None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kiosk.ops.status HOME [CATALOGUE]``: write the Prometheus text file once.

    The resident UI runs this in a child process once a minute (ui.systemd): the status
    needs psutil, CUPS and the store, ~2.5 MiB of modules that a UI importing them would
    hold for life. CATALOGUE is the JSON of what the UI shows (in_use_summary), so the
    child never opens a second copy of the catalogue.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if not 1 <= len(args) <= 2:
        sys.stderr.write("usage: python -m kiosk.ops.status HOME [CATALOGUE_JSON]\n")
        return 2
    logging.basicConfig(level=logging.WARNING, format="kiosk.ops.status: %(message)s")
    try:
        catalogue = json.loads(args[1]) if len(args) == 2 else None
    except ValueError as exc:
        sys.stderr.write(f"kiosk.ops.status: CATALOGUE is not JSON: {exc}\n")
        return 2
    if catalogue is not None and not isinstance(catalogue, dict):
        sys.stderr.write("kiosk.ops.status: CATALOGUE must be a JSON object\n")
        return 2
    return 0 if refresh_textfile(home_layout(Path(args[0])), catalogue) is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
