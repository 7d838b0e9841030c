"""The technician screen's controller: PIN, status, sync, printer, settings, logs, exit.

QML (``ui/qml/Kiosk/admin/``) reaches it as the singleton ``Technician`` of the module
``Kiosk.admin``. Every setting goes through :func:`kiosk.configedit.set_value`
(validated, atomic); slow work (sync, printing) runs off the GUI thread. The
screen locks and leaves by itself after a short idle time, so a technician who
walks away never leaves it open to residents.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton, QQmlEngine

from kiosk.config import KEYS, Config, load_config_safe
from kiosk.errors import KnownError
from kiosk.ops.clock import boot_clock
from kiosk.ops.logs import recent_lines
from ui.context import AppContext

if TYPE_CHECKING:
    from kiosk.ops.pin import PinGate

log = logging.getLogger("ui.backends.admin")

QML_IMPORT_NAME = "Kiosk.admin"
QML_IMPORT_MAJOR_VERSION = 1

#: Seconds without a touch before the PIN pad / the unlocked pages close.
PIN_IDLE_S = 30.0
PAGES_IDLE_S = 120.0
TICK_MS = 1000
LOG_LINES = 200

#: What the technician may change from the screen (the rest needs ``kiosk config``).
EDITABLE = (
    "kiosk.id", "kiosk.location", "idle.timeout_seconds", "idle.countdown_seconds",
    "idle.attract_seconds", "display.font_scale", "display.elder_mode", "display.high_contrast",
    "display.cursor", "printer.kind", "printer.name", "printer.paper",
    "help.desk_location", "help.desk_phone",
)

def touches(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A slot the technician triggered: counts as activity; a bug is logged, never raised."""

    @functools.wraps(fn)
    def wrapper(self: AdminController, *args: Any) -> Any:
        self._last_touch = self._monotonic()
        try:
            return fn(self, *args)
        except Exception:  # a slot must never take the kiosk down
            log.exception("unexpected error in technician action %s", fn.__name__)
            self._say(False, "操作失败，详情见运行日志")
            return None

    return wrapper


def _technician_exit() -> None:
    """退出到桌面 (ui.window loads PySide6's Qt namespace: only when it is used)."""
    from ui.window import technician_exit

    technician_exit()


@QmlNamedElement("Technician")
@QmlSingleton
class AdminController(QObject):  # type: ignore[operator]  # PySide6 6.11 stub: QmlNamedElement has no __call__
    """State and actions of the technician screen.

    Signals:
        state_changed: unlocked / lockSeconds / pinMessage changed.
        status_changed, logs_changed, settings_changed, sync_changed, message_changed.
        leave_requested: the scene should close (idle, or the technician left).
    """

    state_changed = Signal()
    status_changed = Signal()
    logs_changed = Signal()
    settings_changed = Signal()
    sync_changed = Signal()
    message_changed = Signal()
    leave_requested = Signal()
    _sync_done = Signal(str, str)
    _status_done = Signal(object)  # the status dict, from the worker thread
    _queues_done = Signal()

    def __init__(
        self,
        context: AppContext,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = boot_clock,
        quit_app: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._layout = context.layout
        self._monotonic = monotonic
        self._quit = quit_app or _technician_exit
        # Imported on the first gesture, not with this module (which ui.app imports at start-up
        # to register QML's Technician): PIN hashing maps libcrypto, about 0.7 MiB (2026-12).
        from kiosk.ops.pin import PinGate

        self._gate: PinGate = PinGate(self._layout, monotonic)
        self._clock = clock
        self._unlocked = False
        self._open = False
        self._pin_message = ""
        self._message, self._message_ok = "", True
        self._status: list[dict[str, Any]] = []
        self._logs: list[str] = []
        self._sync_running = False
        self._sync_message = ""
        self._sync_thread: threading.Thread | None = None
        self._printer: Any = None
        self._last_touch = monotonic()
        self._timer = QTimer(self)
        self._timer.setObjectName("adminIdleTimer")
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._sync_done.connect(self._on_sync_done)
        self._status_done.connect(self._on_status_done)
        self._status_thread: threading.Thread | None = None
        self._queues: list[str] = []
        self._queues_thread: threading.Thread | None = None
        self._queues_done.connect(self.settings_changed)

    @staticmethod
    def create(engine: QQmlEngine) -> AdminController | None:
        """QML's ``Technician`` in ``engine``: the one ui.app.Ui.ensure_admin parented to it."""
        return engine.findChild(AdminController)

    # ------------------------------------------------------------- helpers

    def _config(self) -> Config:
        return load_config_safe(self._layout)[0]

    def _say(self, ok: bool, message: str) -> None:
        self._message, self._message_ok = message, ok
        self.message_changed.emit()

    # ------------------------------------------------------------- opening, PIN, leaving

    @Slot()
    @touches
    def open(self) -> None:
        """The scene appeared: show the PIN pad, start the idle watch."""
        self._open, self._unlocked = True, False
        self._pin_message = ""
        self._say(True, "")
        self._timer.start()
        log.info("technician screen opened")
        self.state_changed.emit()

    @Slot(str, result=bool)
    @touches
    def enterPin(self, pin: str) -> bool:
        result = self._gate.attempt(pin, self._config()["admin.pin_hash"])
        self._unlocked = result.ok
        self._pin_message = result.message
        if result.ok:
            self.refreshStatus()
            self.refreshLogs()
            self.settings_changed.emit()
        self.state_changed.emit()
        return result.ok

    @Slot()
    def leave(self) -> None:
        """Lock and close the screen (the technician's 退出维护, or idle)."""
        was_open = self._open
        self.close()
        if was_open:
            log.info("technician screen closed")
            self.leave_requested.emit()

    @Slot()
    def close(self) -> None:
        """Lock and stop the idle watch without asking the scene to close (it is closing)."""
        self._open = self._unlocked = False
        self._timer.stop()
        self.state_changed.emit()

    @Slot()
    def touch(self) -> None:
        self._last_touch = self._monotonic()

    def _on_timer_timeout(self) -> None:
        idle = self._monotonic() - self._last_touch
        if idle >= (PAGES_IDLE_S if self._unlocked else PIN_IDLE_S):
            log.info("technician screen idle for %.0f s, leaving", idle)
            self.leave()
        elif not self._unlocked:
            self.state_changed.emit()  # the lock-out countdown

    @Slot()
    @touches
    def exitToDesktop(self) -> None:
        """The only way out of the kiosk: quit the application (systemd does not restart a clean exit)."""
        if not self._unlocked:
            return
        log.warning("technician exit to desktop")
        self.leave()  # unload the scene first, then quit from the event loop
        QTimer.singleShot(0, self._quit)

    # ------------------------------------------------------------- status and logs

    @Slot()
    @touches
    def refreshStatus(self) -> None:
        """The status rows now; a CUPS printer's state follows from a worker thread (CUPS may hang)."""
        from kiosk.ops.status import collect_status  # psutil: only when a technician asks

        s = collect_status(self._layout, clock=self._clock, cups=False)
        self._show_status(s)
        if s["printer"]["kind"] == "cups" and not (self._status_thread and self._status_thread.is_alive()):
            self._status_thread = threading.Thread(target=self._printer_worker, args=(s,),
                                                   name="admin-status", daemon=True)
            self._status_thread.start()

    def _printer_worker(self, s: dict[str, Any]) -> None:
        from kiosk.ops.status import printer_status

        try:
            s["printer"] = printer_status(s["printer"], self._clock())
            self._status_done.emit(s)
        except Exception:  # the technician screen must stay usable
            log.exception("printer status failed")

    def _on_status_done(self, s: dict[str, Any]) -> None:
        if self._open:
            self._show_status(s)

    def _show_status(self, s: dict[str, Any]) -> None:
        # Like kiosk.ops.status: loaded when a technician asks, not with this module at start-up.
        from kiosk.ops.statusrows import status_rows

        cat = self._ctx.catalogue()
        self._status = status_rows(s, None if cat is None else cat.meta, self._clock())
        self.status_changed.emit()

    @Slot()
    @touches
    def refreshLogs(self) -> None:
        self._logs = recent_lines(self._layout, LOG_LINES)[::-1]  # newest first
        self.logs_changed.emit()

    # ------------------------------------------------------------- settings

    @Slot(str, str, result=bool)
    @touches
    def setSetting(self, key: str, text: str) -> bool:
        """Validate and save one setting; the message names the key on a bad value."""
        if not self._unlocked or key not in EDITABLE:
            self._say(False, f"不能在此修改 {key}")
            return False
        # Imported on the first change, like PinGate above: this module loads at start-up.
        from kiosk.configedit import parse_cli_value, set_value

        try:
            value = parse_cli_value(key, text)
            set_value(self._layout, key, value)
        except KnownError as exc:
            self._say(False, f"未保存：{exc}")
            return False
        log.info("technician set %s", key)
        self._say(True, "已保存（返回首页后生效）")
        self.settings_changed.emit()
        return True

    @Slot(str, int, result=bool)
    @touches
    def stepSetting(self, key: str, steps: int) -> bool:
        """The +/- buttons: move a number by its step, kept inside its allowed range."""
        step = {"display.font_scale": 0.1, "idle.timeout_seconds": 10, "idle.countdown_seconds": 5,
                "idle.attract_seconds": 30}.get(key)
        if step is None:
            return False
        value = self._config()[key] + step * steps
        text = f"{value:.1f}" if isinstance(value, float) else str(value)
        return self.setSetting(key, text)

    # ------------------------------------------------------------- sync

    @Slot()
    @touches
    def syncNow(self) -> None:
        if not self._unlocked or self._sync_running:
            return
        self._sync_running, self._sync_message = True, "正在同步…"
        self.sync_changed.emit()
        self._sync_thread = threading.Thread(target=self._sync_worker, name="admin-sync", daemon=True)
        self._sync_thread.start()

    def _sync_worker(self) -> None:
        try:
            from kiosk.sync.client import run_sync

            result = run_sync(self._layout)
            self._sync_done.emit(result.outcome, result.message)
        except Exception as exc:  # reported on the screen and in the log, never raised
            log.exception("sync from the technician screen failed")
            self._sync_done.emit("error", str(exc))

    @Slot(str, str)
    def _on_sync_done(self, outcome: str, message: str) -> None:
        from kiosk.ops.statusrows import SYNC_TEXT

        self._sync_running = False
        self._sync_message = f"{SYNC_TEXT.get(outcome, outcome)}：{message}"
        self.sync_changed.emit()
        if self._unlocked:
            self.refreshStatus()

    def wait(self, seconds: float = 60.0) -> bool:
        """Block until background work has finished (tests, shutdown)."""
        ok = True
        if self._sync_thread is not None:
            self._sync_thread.join(seconds)
            ok = not self._sync_thread.is_alive()
        for thread in (self._status_thread, self._queues_thread):
            if thread is not None:
                thread.join(seconds)
                ok = not thread.is_alive() and ok
        if self._printer is not None:
            ok = self._printer.wait(seconds) and ok
        return ok

    # ------------------------------------------------------------- printer

    def _get_queues(self) -> list[str]:
        """What printer.name can be for the chosen printer.kind: CUPS queues or ESC/POS devices."""
        kind = self._config()["printer.kind"]
        if kind == "escpos":
            return sorted(str(p) for p in Path("/dev/usb").glob("lp*"))
        if kind != "cups":
            return []
        # Asking CUPS may hang for seconds: the list comes from a worker thread, and the
        # property is re-read (settings_changed) when it has changed.
        if self._queues_thread is None or not self._queues_thread.is_alive():
            self._queues_thread = threading.Thread(target=self._queues_worker, name="admin-queues",
                                                   daemon=True)
            self._queues_thread.start()
        return list(self._queues)

    def _queues_worker(self) -> None:
        from kiosk.ops.printer import queue_names

        names = queue_names()
        if names != self._queues:
            self._queues = names
            self._queues_done.emit()

    @Slot()
    @touches
    def testPrint(self) -> None:
        if not self._unlocked:
            return
        cat = self._ctx.catalogue()
        if cat is None:
            self._say(False, "没有可用目录，无法测试打印")
            return
        if self._printer is None:
            from ui.printing.service import PrintService

            self._printer = PrintService(self._layout, self._config, self)
            self._printer.finished.connect(self._on_printer_finished)
        summary = (cat.hot(1) or cat.browse())[0]
        self._say(True, "正在测试打印…")
        self._printer.print_item(summary.code, cat.item(summary.code), cat.meta)

    @Slot(bool, str)
    def _on_printer_finished(self, ok: bool, message: str) -> None:
        self._say(ok, f"测试打印：{message}")
        if self._unlocked:
            self.refreshStatus()

    # ------------------------------------------------------------- properties

    def _get_unlocked(self) -> bool:
        return self._unlocked

    def _get_lock_seconds(self) -> int:
        return self._gate.remaining()

    def _get_pin_message(self) -> str:
        return self._pin_message

    def _get_status(self) -> list[dict[str, Any]]:
        return self._status

    def _get_logs(self) -> list[str]:
        return self._logs

    def _get_settings(self) -> dict[str, Any]:
        cfg = self._config()
        return {k: cfg[k] for k in EDITABLE} | {"expected": {k: KEYS[k].expected for k in EDITABLE}}

    def _get_sync_running(self) -> bool:
        return self._sync_running

    def _get_sync_message(self) -> str:
        return self._sync_message

    def _get_message(self) -> str:
        return self._message

    def _get_message_ok(self) -> bool:
        return self._message_ok

    unlocked = Property(bool, _get_unlocked, notify=state_changed)
    lockSeconds = Property(int, _get_lock_seconds, notify=state_changed)
    pinMessage = Property(str, _get_pin_message, notify=state_changed)
    statusRows = Property(list, _get_status, notify=status_changed)
    logLines = Property(list, _get_logs, notify=logs_changed)
    settings = Property(dict, _get_settings, notify=settings_changed)
    printerQueues = Property(list, _get_queues, notify=settings_changed)
    syncRunning = Property(bool, _get_sync_running, notify=sync_changed)
    syncMessage = Property(str, _get_sync_message, notify=sync_changed)
    message = Property(str, _get_message, notify=message_changed)
    messageOk = Property(bool, _get_message_ok, notify=message_changed)
