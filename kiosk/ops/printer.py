"""Is a CUPS queue ready to print? Asked through ``lpstat``, with no Qt.

Used by ``kiosk doctor`` and by the print service before it sends a slip, so
that "out of paper" or "offline" becomes a clear message instead of a job
stuck in a queue.
"""

from __future__ import annotations

import enum
import logging
import os
import shutil
import subprocess

log = logging.getLogger("print")

LPSTAT_TIMEOUT = 5.0


class PrinterState(enum.Enum):
    READY = "ready"
    MISSING = "missing"  # no such queue
    OFFLINE = "offline"  # disabled, paused, unreachable
    NO_PAPER = "no_paper"
    NO_CUPS = "no_cups"  # scheduler not running / lpstat missing
    ERROR = "error"  # another printer fault (jam, cover open, …)


_NO_PAPER = ("media-empty", "media-needed", "media-low-error")
_OFFLINE = ("offline", "paused", "shutdown", "connecting-to-device", "timed-out")
_ERROR = ("media-jam", "door-open", "cover-open", "marker-supply-empty", "toner-empty")


def parse_lpstat(name: str, output: str) -> tuple[PrinterState, str]:
    """Judge ``lpstat -l -p NAME`` output (C locale) for printer ``name``."""
    lines = output.splitlines()
    head = next((ln for ln in lines if ln.startswith(f"printer {name} ")), "")
    if not head:
        return PrinterState.MISSING, f"no CUPS queue named {name!r}"
    alerts = ""
    for ln in lines:
        if ln.strip().startswith("Alerts:"):
            alerts = ln.split(":", 1)[1].strip()
    reasons = [r for r in alerts.replace(",", " ").split() if r != "none"]
    detail = head.strip() + (f" (alerts: {' '.join(reasons)})" if reasons else "")
    if any(r.startswith(_NO_PAPER) for r in reasons):
        return PrinterState.NO_PAPER, detail
    if " disabled " in f" {head} " or any(r.startswith(_OFFLINE) for r in reasons):
        return PrinterState.OFFLINE, detail
    if any(r.startswith(_ERROR) or r.endswith("-error") for r in reasons):
        return PrinterState.ERROR, detail
    return PrinterState.READY, detail


def _lpstat(lpstat: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LC_ALL="C", LANG="C")  # parse the English messages
    return subprocess.run([lpstat, *args], capture_output=True, text=True,
                          timeout=LPSTAT_TIMEOUT, env=env, check=False)


def cups_printer_state(name: str) -> tuple[PrinterState, str]:
    """Ask CUPS about queue ``name``; returns the state and a one-line detail."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return PrinterState.NO_CUPS, "lpstat not found (install the cups-client package)"
    if not name:
        return PrinterState.MISSING, "printer.name is empty"
    try:
        proc = _lpstat(lpstat, "-l", "-p", name)
        if proc.returncode == 0:
            return parse_lpstat(name, proc.stdout)
        # With the scheduler down, lpstat may only say the name is invalid: ask it directly.
        running = _lpstat(lpstat, "-r")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return PrinterState.NO_CUPS, f"lpstat failed: {exc}"
    if "not running" in running.stdout + running.stderr + proc.stderr:
        return PrinterState.NO_CUPS, "the CUPS scheduler is not running"
    return PrinterState.MISSING, proc.stderr.strip() or f"no CUPS queue named {name!r}"
