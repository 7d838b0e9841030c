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


def test_metrics_describe_the_catalogue_the_ui_shows(qapp, qtbot, kiosk_home, monkeypatch):
    """The heartbeat's metrics file takes the UI's own catalogue: it never opens a second copy."""
    from PySide6.QtQuick import QQuickWindow

    from kiosk.catalogue import reader
    from kiosk.catalogue.store import in_use_summary
    from ui.systemd import Monitor

    opened: list[object] = []
    real_open = reader.Catalogue.open
    monkeypatch.setattr(reader.Catalogue, "open", classmethod(lambda cls, *a, **k: opened.append(a) or real_open(*a, **k)))
    shown = in_use_summary(None, None, ["shown by the UI"])
    shown.update(origin="current", version=424242, item_count=3, sample=False)
    win = QQuickWindow()
    monitor = Monitor(qapp, win, kiosk_home, lambda: "home", lambda: shown)
    monitor.heartbeat.setInterval(50)
    monitor.start()
    from kiosk.ops.metrics import textfile_path

    prom = textfile_path(kiosk_home, "")
    try:
        qtbot.waitUntil(lambda: prom.exists() and "424242" in prom.read_text(), timeout=5000)
    finally:
        monitor.stop()
        win.destroy()
    text = prom.read_text()
    assert "kiosk_catalogue_items 3" in text
    assert opened == []


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
