"""QML's ``HelpDesk``: the 帮助 / 呼叫工作人员 overlay, over ``kiosk.ops.helpdesk``.

Opening the overlay records a help request (time and screen only) in state.json on a
short-lived thread, so a slow disk never stalls a tap; the overlay closes on every way
out of the session (Setting.HELP in kiosk.session.navigation.RESETS).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton, QQmlEngine

from kiosk.ops.helpdesk import HelpDesk, HelpRequest, record_help_request
from kiosk.session.navigation import Exit, Setting

if TYPE_CHECKING:
    from ui.backends.resident import Controller

log = logging.getLogger("ui.backends.helpdesk")

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlNamedElement("HelpDesk")
@QmlSingleton
class HelpDeskBackend(QObject):  # type: ignore[operator]  # PySide6 6.11 stub: QmlNamedElement has no __call__
    """The help overlay's state and the configured help desk.

    Signals:
        changed: ``open``, ``location``, ``phone`` or ``configured`` changed.
        recorded: a help request was written to state.json (tests wait for it).
    """

    changed = Signal()
    recorded = Signal()

    def __init__(self, controller: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._writers: list[threading.Thread] = []
        controller.session.leave_listeners.append(self._on_session_leave)
        controller.shutting_down.connect(self.shutdown)

    @staticmethod
    def create(engine: QQmlEngine) -> HelpDeskBackend | None:
        """QML's ``HelpDesk``, next to the engine's ``Resident``."""
        from ui.backends.resident import companion

        return companion(engine, HelpDeskBackend)

    def _desk(self) -> HelpDesk:
        return HelpDesk.from_config(self._controller.config)

    def _get_open(self) -> bool:
        return self._controller.session.nav.help_open

    def _get_location(self) -> str:
        return self._desk().location

    def _get_phone(self) -> str:
        return self._desk().phone

    def _get_configured(self) -> bool:
        return self._desk().configured

    def _get_kiosk_location(self) -> str:
        return self._controller.config["kiosk.location"]

    open = Property(bool, _get_open, notify=changed)
    location = Property(str, _get_location, notify=changed)
    phone = Property(str, _get_phone, notify=changed)
    configured = Property(bool, _get_configured, notify=changed)
    kioskLocation = Property(str, _get_kiosk_location, notify=changed)

    @Slot()
    def openHelp(self) -> None:  # 帮助 on any screen
        try:
            request = self._controller.session.open_help()
        except Exception:  # a slot must never take the kiosk down
            log.exception("could not open the help overlay")
            return
        if request is None:
            return  # a debounced double tap
        self.changed.emit()
        self._record(request)

    @Slot()
    def close(self) -> None:  # 关闭
        self._controller.session.close_help()
        self.changed.emit()

    def _record(self, request: HelpRequest) -> None:
        layout = self._controller.context().layout

        def write() -> None:
            record_help_request(layout, request)
            self.recorded.emit()  # queued to the GUI thread

        self._writers = [t for t in self._writers if t.is_alive()]
        t = threading.Thread(target=write, name="kiosk-help-record", daemon=True)
        self._writers.append(t)
        t.start()

    def _on_session_leave(self, way: Exit, resets: frozenset[Setting]) -> None:
        if Setting.HELP in resets:
            self.changed.emit()

    @Slot()
    def shutdown(self) -> None:
        """Let the request being written finish (a help request is never lost to a shutdown)."""
        for t in self._writers:
            t.join(10)
        self._writers = []
