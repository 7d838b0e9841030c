"""The watchdog pings and the heartbeat come from the GUI event loop (a real notify socket)."""

from __future__ import annotations

import socket

import pytest

pytestmark = pytest.mark.qt


def test_watchdog_and_heartbeat(qapp, qtbot, kiosk_home, tmp_path, monkeypatch):
    from PySide6.QtQuick import QQuickWindow

    from kiosk.ops.metrics import read_heartbeat
    from kiosk.ops.status import collect_status
    from ui.systemd import Monitor

    path = tmp_path / "notify.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # a ping every 100 ms
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    win = QQuickWindow()
    monitor = Monitor(qapp, win, kiosk_home, lambda: "outofservice", lambda: None)
    monitor.heartbeat.setInterval(100)
    monitor.start()
    try:
        qtbot.waitUntil(lambda: monitor.pings >= 3, timeout=5000)
        assert server.recv(64) == b"WATCHDOG=1"
        qtbot.waitUntil(lambda: read_heartbeat(kiosk_home)["alive"], timeout=5000)
        beat = read_heartbeat(kiosk_home)
        assert beat["screen"] == "outofservice" and beat["out_of_service"] is True
        assert beat["uptime_seconds"] is not None and beat["uptime_seconds"] >= 0
        ui = collect_status(kiosk_home)["ui"]
        assert ui["alive"] and ui["out_of_service"]
        # A hung event loop: no more pings, and the heartbeat goes stale.
        monitor.watchdog.stop()
        monitor.heartbeat.stop()
        before = monitor.pings
        qtbot.wait(300)
        assert monitor.pings == before
    finally:
        monitor.stop()
        server.close()
        win.destroy()
    from kiosk.ops.metrics import counters
    from kiosk.state import read_state

    qtbot.waitUntil(lambda: counters(read_state(kiosk_home))["ui_starts"] == 1, timeout=5000)


def test_metrics_describe_the_catalogue_the_ui_shows(qapp, qtbot, kiosk_home):
    """The heartbeat's metrics file takes the UI's own catalogue: the child writing it opens no
    second copy (it would report the installed snapshot's version, not the one passed)."""
    from PySide6.QtQuick import QQuickWindow

    from kiosk.catalogue.store import in_use_summary
    from ui.systemd import Monitor

    shown = in_use_summary(None, None, ["shown by the UI"])
    shown.update(origin="current", version=424242, item_count=3, sample=False)
    win = QQuickWindow()
    monitor = Monitor(qapp, win, kiosk_home, lambda: "home", lambda: shown)
    monitor.heartbeat.setInterval(50)
    monitor.start()
    from kiosk.ops.metrics import textfile_path

    prom = textfile_path(kiosk_home, "")
    try:
        qtbot.waitUntil(lambda: prom.exists() and "424242" in prom.read_text(), timeout=15000)
    finally:
        monitor.stop()
        win.destroy()
    text = prom.read_text()
    assert "kiosk_catalogue_items 3" in text


FRESH_MONITOR = """
import sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickWindow
from kiosk.paths import home_layout
from kiosk.ops.metrics import textfile_path
from ui.systemd import refresh_textfile_in_child
from pathlib import Path
app = QGuiApplication(sys.argv[:1])
layout = home_layout(Path(sys.argv[1]))
code = refresh_textfile_in_child(layout, {"origin": "current", "version": 7, "item_count": 1,
                                         "sample": True, "published_at": None, "problems": []})
assert code == 0, code
assert "kiosk_catalogue_items 1" in textfile_path(layout, "").read_text()
held = sorted(m for m in ("psutil", "kiosk.ops.status", "kiosk.ops.printer") if m in sys.modules)
assert not held, held
print("ok")
"""


def test_the_metrics_child_keeps_the_status_modules_out_of_the_ui(kiosk_home, tmp_path):
    """psutil, CUPS and the status (~2.5 MiB of modules) load in the child, never in the UI."""
    from uihelpers import run_fresh_process

    proc = run_fresh_process(FRESH_MONITOR, kiosk_home, tmp_path)
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr[-3000:]


def test_a_hung_metrics_child_is_killed(kiosk_home, tmp_path, monkeypatch):
    """A child that never ends (CUPS not answering) is killed after its time-out; one that
    fails is reported by its exit code. Either way the heartbeat thread goes on."""
    import sys
    import time

    from ui import systemd

    hung = tmp_path / "hung-python"
    hung.write_text("#!/bin/sh\nexec sleep 60\n")
    hung.chmod(0o755)
    failing = tmp_path / "failing-python"
    failing.write_text("#!/bin/sh\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(failing))
    assert systemd.refresh_textfile_in_child(kiosk_home, None, timeout_s=5) == 3
    monkeypatch.setattr(sys, "executable", str(hung))
    started = time.monotonic()
    assert systemd.refresh_textfile_in_child(kiosk_home, None, timeout_s=0.5) is None
    assert time.monotonic() - started < 5


def test_a_full_disk_is_one_warning_not_a_trace_every_beat(qapp, qtbot, tmp_path, caplog):
    """On a full disk the heartbeat wrote an ERROR with a traceback every 5 s into the journal."""
    import logging

    from fullfs import fill, small_tmpfs
    from PySide6.QtQuick import QQuickWindow

    from kiosk.paths import HomeLayout
    from ui.systemd import Monitor

    with small_tmpfs(tmp_path / "small") as mnt:
        home = HomeLayout(mnt / "home").ensure()
        fill(mnt)
        win = QQuickWindow()
        monitor = Monitor(qapp, win, home, lambda: "home", lambda: None)
        monitor.heartbeat.setInterval(50)
        caplog.set_level(logging.INFO, logger="ui.systemd")
        monitor.start()
        try:
            qtbot.waitUntil(lambda: monitor._beats >= 6, timeout=10000)
        finally:
            monitor.stop()
            win.destroy()
        records = [r for r in caplog.records if r.name == "ui.systemd"]
        warnings = [r for r in records if "not written" in r.getMessage()]
        assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
        assert "disk full" in warnings[0].getMessage() and warnings[0].exc_info is None
        (mnt / "filler").unlink()  # room again: said once, and the heartbeat is written
        monitor._write("home", None, False, False)
        assert sum("written again" in r.getMessage() for r in caplog.records) == 1
        from kiosk.ops.metrics import heartbeat_file

        assert heartbeat_file(home).exists()
