"""systemd and monitoring from the GUI event loop: the watchdog, the heartbeat, the metrics.

``WATCHDOG=1`` goes to $NOTIFY_SOCKET from a timer on the GUI thread, every half of
$WATCHDOG_USEC: a hung event loop stops it and systemd kills and restarts the UI.
The heartbeat (screen, last frame, start) is taken on the GUI thread and written, with
the Prometheus text file, on a worker thread: file writes and the CUPS question of the
status never stall the screen. The text file is written by a child process
(``python -m kiosk.ops.status``): what the status imports stays out of the UI.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.ops.clock import boot_clock
from kiosk.paths import HomeLayout

if TYPE_CHECKING:
    from PySide6.QtQuick import QQuickWindow

log = logging.getLogger("ui.systemd")

#: The metrics file is refreshed every this many heartbeats (once a minute).
TEXTFILE_EVERY = 12
#: A child writing the metrics file that takes longer than this is killed (a hung CUPS).
TEXTFILE_TIMEOUT_S = 45.0


def sd_notify(address: str, message: bytes) -> bool:
    """One datagram to systemd's notify socket ("@" = abstract namespace); False if it failed."""
    if not address:
        return False
    target = "\0" + address[1:] if address.startswith("@") else address
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(target)
            sock.sendall(message)
    except OSError as exc:
        log.warning("sd_notify to %s failed: %s", address, exc)
        return False
    return True


def watchdog_interval_ms() -> int:
    """Half of $WATCHDOG_USEC in ms (0: no watchdog, or it is meant for another process)."""
    try:
        usec = int(os.environ.get("WATCHDOG_USEC", "0"))
        pid = int(os.environ.get("WATCHDOG_PID", str(os.getpid())))
    except ValueError:
        return 0
    return max(100, usec // 2000) if usec > 0 and pid == os.getpid() else 0


class Monitor(QObject):
    """Watchdog pings and heartbeats. Attributes: ``pings`` counts WATCHDOG=1 sent."""

    def __init__(self, app: QGuiApplication, window: QQuickWindow, layout: HomeLayout,
                 screen: Callable[[], str], catalogue: Callable[[], dict[str, Any] | None],
                 address: str | None = None) -> None:
        super().__init__(app)
        self.layout, self.screen, self.catalogue = layout, screen, catalogue
        self.started = boot_clock()
        self.last_frame = 0.0
        self.pings = 0
        self._beats = 0
        #: The disk problem last logged by the heartbeat (None: writing works).
        self._disk_problem: str | None = None
        # systemd's notify socket; ui.app reads it before READY=1 removes it from the environment.
        self._address = os.environ.get("NOTIFY_SOCKET", "") if address is None else address
        self._worker: threading.Thread | None = None
        # Queued to this (the GUI) thread when the render thread swaps: the time of the last
        # frame the event loop saw. (A direct connection would name Qt.ConnectionType, which
        # builds PySide6's whole Qt namespace: ~1 MiB held for life.)
        window.frameSwapped.connect(self._on_window_frame)
        self.watchdog = QTimer(self)
        interval = watchdog_interval_ms()
        if interval and self._address:
            self.watchdog.setInterval(interval)
            self.watchdog.timeout.connect(self._on_watchdog_timeout)
            self.watchdog.start()
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(5000)  # kiosk.ops.metrics.HEARTBEAT_INTERVAL_S
        self.heartbeat.timeout.connect(self._on_heartbeat_timeout)

    def start(self) -> None:
        """Start beating (after the first frame). The first beat comes one interval later."""
        self.heartbeat.start()

    def _on_window_frame(self) -> None:
        self.last_frame = boot_clock()

    def _on_watchdog_timeout(self) -> None:
        if sd_notify(self._address, b"WATCHDOG=1"):
            self.pings += 1

    def _on_heartbeat_timeout(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            return  # a slow disk: skip a beat rather than queue them
        try:
            screen, catalogue = self.screen(), self.catalogue()
        except Exception:  # the controller is being rebuilt: still a heartbeat
            log.exception("screen unknown")
            screen, catalogue = "", None
        self._beats += 1
        textfile = self._beats % TEXTFILE_EVERY == 1
        self._worker = threading.Thread(target=self._write, args=(screen, catalogue, textfile, self._beats == 1),
                                        name="ui-heartbeat", daemon=True)
        self._worker.start()

    def _write(self, screen: str, catalogue: dict[str, Any] | None, textfile: bool, first: bool) -> None:
        from kiosk.ops.metrics import count_ui_start, write_heartbeat

        try:
            if first:
                count_ui_start(self.layout)
            write_heartbeat(self.layout, started=self.started, screen=screen,
                            last_frame=self.last_frame)
            if textfile:
                # The catalogue this UI shows, not a second copy opened there (a whole search
                # index: seconds and tens of MiB at 100,000 items, every minute).
                refresh_textfile_in_child(self.layout, catalogue)
        except OSError as exc:  # a full or read-only disk: one line when it starts, not a trace a beat
            from kiosk.errors import disk_message

            problem = disk_message(exc)
            if problem != self._disk_problem:
                log.warning("heartbeat or metrics not written: %s", problem)
            self._disk_problem = problem
            return
        except Exception:  # monitoring must never take the UI down
            log.exception("heartbeat or metrics not written")
        else:
            if self._disk_problem is not None:
                log.info("heartbeat and metrics written again")
            self._disk_problem = None

    def stop(self) -> None:
        self.watchdog.stop()
        self.heartbeat.stop()
        if self._worker is not None:
            self._worker.join(10)


def refresh_textfile_in_child(layout: HomeLayout, catalogue: dict[str, Any] | None,
                              timeout_s: float = TEXTFILE_TIMEOUT_S) -> int | None:
    """Write the metrics file from a child process; its exit code, or None if it was killed.

    Called on the heartbeat's worker thread; waits for the child (polling, so that a child
    stuck on CUPS is killed after ``timeout_s`` rather than stopping the heartbeats).
    """
    argv = [sys.executable, "-m", "kiosk.ops.status", str(layout.root)]
    if catalogue is not None:
        argv.append(json.dumps(catalogue, ensure_ascii=False))
    try:
        pid = os.posix_spawn(sys.executable, argv, os.environ)
    except OSError as exc:
        log.warning("metrics file not written: cannot start %s: %s", sys.executable, exc)
        return None
    deadline = boot_clock() + timeout_s
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            if code:
                log.warning("metrics file not written: python -m kiosk.ops.status exited with %d", code)
            return code
        if boot_clock() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            log.warning("metrics file not written: python -m kiosk.ops.status took over %.0f s", timeout_s)
            return None
        time.sleep(0.1)


def start_monitoring(app: QGuiApplication, window: QQuickWindow, layout: HomeLayout,
                     screen: Callable[[], str], catalogue: Callable[[], dict[str, Any] | None],
                     address: str) -> Monitor:
    """Watchdog pings and heartbeats from now on (ui.app calls this just after READY=1).

    ``screen`` names the screen on show; ``catalogue`` says what catalogue it shows
    (``LiveCatalogue.in_use``; None before it opens: the status then opens one itself);
    ``address`` is $NOTIFY_SOCKET as it was at start.
    """
    monitor = Monitor(app, window, layout, screen, catalogue, address)
    monitor.start()
    return monitor
