"""Printing the open item's 办事指南 for the resident backend: one job per press.

The rule (a press while a job runs prints nothing) is the session's
(``kiosk.session.interaction``); this adapter starts ``ui.printing.service.PrintService``
jobs and reports their outcome as a message for the resident.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from kiosk.paths import HomeLayout
from kiosk.session.resident import PrintStart, ResidentSession

log = logging.getLogger("ui.backends.slips")


class SlipPrinter(QObject):
    """Signals: message(str): what to tell the resident (printed, busy, printer trouble);
    finished: a job ended (told or not)."""

    message = Signal(str)
    finished = Signal()

    def __init__(self, layout: HomeLayout, session: ResidentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layout = layout
        self._session = session
        self._service: Any = None  # ui.printing.service.PrintService, made on the first print

    def print_item(self, code: str) -> None:
        start = self._session.start_print()
        if start is PrintStart.IGNORED:
            return
        if start is PrintStart.BUSY:
            self.message.emit(self.tr("正在打印上一份，请稍候。"))
            return
        try:
            started = self._start(code)
        except BaseException:
            self._session.print_done()
            raise
        if not started:
            self._session.print_done()

    def _start(self, code: str) -> bool:
        if self._service is None:
            try:
                from ui.printing.service import PrintService
            except ImportError:
                log.warning("printing is not available in this build")
                self.message.emit(self.tr("本机暂不支持打印"))
                return False
            self._service = PrintService(self._layout, lambda: self._session.config, self)
            self._service.finished.connect(self._on_service_finished)
        cat = self._session.catalogue
        if cat is None:
            return False
        self._service.print_item(code, cat.item(code), cat.meta, self._session.display().language.qt_locale)
        return True

    @Slot(bool, str)
    def _on_service_finished(self, ok: bool, message: str) -> None:
        here = self._session.print_done()
        if not ok:
            log.warning("printing failed: %s", message)
        if not here:  # the resident who pressed has gone (a way out): tell nobody else
            log.info("a slip's outcome came after its resident left; not shown")
        else:
            # The service's messages are marked in its context (ui.printing.service.CONTEXT).
            self.message.emit(QCoreApplication.translate("PrintService", message))
        self.finished.emit()

    def wait(self) -> None:
        """Block until a slip being rendered is done (shutdown: it must not outlive the window)."""
        if self._service is not None:
            self._service.wait()
