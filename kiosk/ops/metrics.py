"""Counters, the UI's heartbeat, and the Prometheus text file: what monitoring reads.

Counters live in ``state.json`` (syncs and prints, good and bad; UI starts). The resident
UI writes ``run/ui-heartbeat.json`` every few seconds from its event loop; a heartbeat
older than :data:`HEARTBEAT_STALE_S` (or from another boot) means the UI is not alive.
Times are on the boot clock, so moving the wall clock changes nothing.
:func:`write_textfile` writes the same figures as ``kiosk status --json`` in the
node_exporter textfile-collector format (atomically, as the collector requires).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from kiosk.fsutil import write_bytes_atomic, write_json_atomic
from kiosk.ops.clock import boot_clock, boot_id
from kiosk.paths import HomeLayout
from kiosk.state import modify_state, read_state

log = logging.getLogger("kiosk.ops.metrics")

HEARTBEAT_INTERVAL_S = 5.0
HEARTBEAT_STALE_S = 30.0


def heartbeat_file(layout: HomeLayout) -> Path:
    return layout.root / "run" / "ui-heartbeat.json"


def textfile_path(layout: HomeLayout, configured: str = "") -> Path:
    """Where the .prom file goes: ``monitoring.textfile`` or ``$KIOSK_HOME/metrics/kiosk.prom``."""
    return Path(configured) if configured else layout.root / "metrics" / "kiosk.prom"


# -- counters ---------------------------------------------------------------------------


def _bump(layout: HomeLayout, key: str, field: str) -> None:
    def change(state: dict[str, Any]) -> None:
        counts: dict[str, Any] = dict(state[key]) if isinstance(state.get(key), dict) else {}
        counts[field] = int(counts.get(field, 0) or 0) + 1
        state[key] = counts

    try:
        modify_state(layout, change)
    except (OSError, ValueError) as exc:  # counting must never break what it counts
        log.warning("could not count %s.%s: %s", key, field, exc)


def count_print(layout: HomeLayout, ok: bool) -> None:
    _bump(layout, "print_counts", "ok" if ok else "failed")


def count_ui_start(layout: HomeLayout) -> None:
    """One more UI start; ``restarts`` counts the starts after the first of this boot."""
    this_boot = boot_id()

    def change(state: dict[str, Any]) -> None:
        ui: dict[str, Any] = dict(state.get("ui_counts") or {}) if isinstance(state.get("ui_counts"), dict) else {}
        same = ui.get("boot") == this_boot
        ui["starts"] = int(ui.get("starts", 0) or 0) + 1
        ui["restarts"] = int(ui.get("restarts", 0) or 0) + (1 if same else 0)
        ui["boot"] = this_boot
        state["ui_counts"] = ui

    try:
        modify_state(layout, change)
    except (OSError, ValueError) as exc:
        log.warning("could not count the UI start: %s", exc)


def counters(state: dict[str, Any]) -> dict[str, int]:
    """The counters from a state dict, zero where nothing was counted yet."""
    def get(key: str, field: str) -> int:
        table = state.get(key)
        try:
            return int(table.get(field, 0)) if isinstance(table, dict) else 0
        except (TypeError, ValueError):
            return 0

    return {
        "syncs_ok": get("sync_counts", "ok"),
        "syncs_failed": get("sync_counts", "failed"),
        "syncs_failed_in_row": get("sync_counts", "failed_in_row"),
        "prints_ok": get("print_counts", "ok"),
        "prints_failed": get("print_counts", "failed"),
        "ui_starts": get("ui_counts", "starts"),
        "ui_restarts": get("ui_counts", "restarts"),
    }


# -- heartbeat ----------------------------------------------------------------------------


def write_heartbeat(layout: HomeLayout, *, started: float, screen: str, last_frame: float) -> None:
    """Record that the UI's event loop is turning (boot-clock times ``started``, ``last_frame``)."""
    beat = {"pid": os.getpid(), "boot": boot_id(), "beat": boot_clock(), "started": started,
            "last_frame": last_frame, "screen": screen}
    write_json_atomic(heartbeat_file(layout), beat)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_heartbeat(layout: HomeLayout) -> dict[str, Any]:
    """``alive``, ``screen``, ``out_of_service``, ``last_frame_age_seconds``, ``uptime_seconds``."""
    try:
        beat = json.loads(heartbeat_file(layout).read_text(encoding="utf-8"))
        now = boot_clock()
        age = now - float(beat["beat"])
        same_boot = beat.get("boot") == boot_id()
        alive = same_boot and 0 <= age < HEARTBEAT_STALE_S and _pid_alive(int(beat["pid"]))
        screen = str(beat.get("screen", ""))
        return {
            "alive": alive,
            "screen": screen if alive else None,
            "out_of_service": screen == "outofservice" if alive else None,
            "heartbeat_age_seconds": round(age, 1) if same_boot else None,
            "last_frame_age_seconds": round(now - float(beat["last_frame"]), 1)
            if alive and beat.get("last_frame") else None,
            "uptime_seconds": round(now - float(beat["started"])) if alive else None,
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {"alive": False, "screen": None, "out_of_service": None,
                "heartbeat_age_seconds": None, "last_frame_age_seconds": None,
                "uptime_seconds": None}


# -- Prometheus text file ---------------------------------------------------------------------


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")[:200]


def prometheus_text(status: dict[str, Any]) -> str:
    """The figures of ``collect_status`` in the Prometheus text exposition format."""
    ui, cat, counts = status["ui"], status["catalogue"], status["counters"]
    rows: list[tuple[str, str, str, float | None, str]] = [
        ("kiosk_ui_up", "gauge", "1 if the resident UI's heartbeat is fresh", float(ui["alive"]), ""),
        ("kiosk_ui_out_of_service", "gauge", "1 if the UI shows 本终端暂停服务",
         None if ui["out_of_service"] is None else float(ui["out_of_service"]), ""),
        ("kiosk_ui_last_frame_age_seconds", "gauge", "seconds since the UI drew a frame",
         ui["last_frame_age_seconds"], ""),
        ("kiosk_ui_uptime_seconds", "gauge", "seconds since the UI process started",
         ui["uptime_seconds"], ""),
        ("kiosk_catalogue_version", "gauge", "version of the catalogue in use",
         None if cat["version"] is None else float(cat["version"]),
         f'origin="{_label(str(cat["origin"]))}"'),
        ("kiosk_catalogue_items", "gauge", "items in the catalogue in use", cat["item_count"], ""),
        ("kiosk_disk_free_bytes", "gauge", "free space on the home's file system",
         status["disk"]["free_mb"] * 2**20, ""),
        ("kiosk_printer_stuck_jobs", "gauge", "print jobs waiting too long",
         status["printer"].get("stuck_jobs"), ""),
    ]
    for name, field in (("kiosk_syncs_total", "syncs"), ("kiosk_prints_total", "prints")):
        for result in ("ok", "failed"):
            rows.append((name, "counter", f"{field} by result", counts[f"{field}_{result}"],
                         f'result="{result}"'))
    rows.append(("kiosk_syncs_failed_in_row", "gauge", "sync runs failed since the last success",
                 counts["syncs_failed_in_row"], ""))
    rows.append(("kiosk_ui_restarts_total", "counter", "UI starts after the first of this boot",
                 counts["ui_restarts"], ""))
    if "help_requests" in status:
        rows.append(("kiosk_help_requests_total", "counter", "presses on 帮助 / 呼叫工作人员",
                     status["help_requests"]["count"], ""))
    out: list[str] = []
    described: set[str] = set()
    for name, kind, help_text, value, labels in rows:
        if value is None:
            continue
        if name not in described:
            out += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
            described.add(name)
        shown = str(int(value)) if float(value).is_integer() else f"{value:.3f}"
        out.append(f"{name}{{{labels}}} {shown}" if labels else f"{name} {shown}")
    return "\n".join(out) + "\n"


def write_textfile(layout: HomeLayout, status: dict[str, Any], configured: str = "") -> Path | None:
    """Write the .prom file atomically (mode 0644, for node_exporter); None if it cannot."""
    path = textfile_path(layout, configured)
    try:
        write_bytes_atomic(path, prometheus_text(status).encode("utf-8"), mode=0o644)
    except OSError as exc:
        log.warning("cannot write the metrics file %s: %s", path, exc)
        return None
    return path


def last_sync(layout: HomeLayout) -> dict[str, Any]:
    """The last sync as recorded by the sync job (empty if none)."""
    entry = read_state(layout).get("last_sync")
    return entry if isinstance(entry, dict) else {}
