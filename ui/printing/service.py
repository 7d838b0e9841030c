"""The print service the resident UI and the technician screen call.

:class:`PrintService` checks the printer, renders and sends on a worker thread, follows
a CUPS job to its end, and reports ``finished(ok, message)`` with a message a resident
can act on. It never raises into QML and never calls CUPS on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.catalogue.model import Item, SnapshotMeta
from kiosk.config import Config
from kiosk.ops.metrics import count_print
from kiosk.ops.printer import (
    DeviceTimeout,
    JobOutcome,
    PrinterState,
    SubmitError,
    cancel,
    cups_printer_state,
    follow_job,
    left_by_backend,
)
from kiosk.paths import HomeLayout
from ui.printing.devices import PrinterNotReady, print_escpos, print_pdf, print_queue
from ui.printing.layout import SlipInfo, slip_info

log = logging.getLogger("print")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; returns it untouched (PySide6's own is typed ``object``)."""
    return text


# Each message is one literal, marked for pyside6-lupdate (context "PrintService"): the resident
# backend (ui/backends/slips.py) translates it into the session's language as it shows it.
# MSG_SCAN's sentence is repeated in the others, not concatenated, so lupdate sees whole strings.
MSG_PRINTED = QT_TRANSLATE_NOOP("PrintService", "已打印，请在出纸口取走办事指南。")
MSG_DONE_ESCPOS = QT_TRANSLATE_NOOP("PrintService", "已发送到打印机，请在出纸口取走办事指南。")  # a device file says no more
MSG_DONE_PDF = QT_TRANSLATE_NOOP("PrintService", "办事指南已保存。")
MSG_SCAN = QT_TRANSLATE_NOOP("PrintService", "您也可以用手机扫描屏幕上的二维码保存办事指南。")
MSG_NO_PRINTER = QT_TRANSLATE_NOOP("PrintService", "本机暂不提供打印。您也可以用手机扫描屏幕上的二维码保存办事指南。")
MSG_BUSY = QT_TRANSLATE_NOOP("PrintService", "正在打印上一份，请稍候。")
MSG_STATE = {
    PrinterState.MISSING: QT_TRANSLATE_NOOP("PrintService", "打印机未找到，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
    PrinterState.OFFLINE: QT_TRANSLATE_NOOP("PrintService", "打印机未连接或已暂停，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
    PrinterState.REJECTING: QT_TRANSLATE_NOOP("PrintService", "打印机暂停接收打印任务，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
    PrinterState.NO_PAPER: QT_TRANSLATE_NOOP("PrintService", "打印机缺纸，请联系工作人员加纸。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
    PrinterState.NO_CUPS: QT_TRANSLATE_NOOP("PrintService", "打印服务未启动，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
    PrinterState.ERROR: QT_TRANSLATE_NOOP("PrintService", "打印机故障，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
}
MSG_OUTCOME = {
    JobOutcome.STOPPED: QT_TRANSLATE_NOOP("PrintService", "打印机已暂停，未能打印，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
    JobOutcome.TIMED_OUT: QT_TRANSLATE_NOOP("PrintService", "打印机长时间没有响应，未能打印，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
    JobOutcome.CANCELED: QT_TRANSLATE_NOOP("PrintService", "打印已被取消，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
    JobOutcome.ABORTED: QT_TRANSLATE_NOOP("PrintService", "打印机未能完成打印，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。"),
}
MSG_FAILED = QT_TRANSLATE_NOOP("PrintService", "打印失败，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。")
#: The translation context of the messages above.
CONTEXT = "PrintService"


class JobFailed(Exception):
    """CUPS accepted the job but did not print it; ``outcome`` picks the message, unless
    the printer is now in a state that says why (``printer``: out of paper, offline, a jam)."""

    def __init__(self, outcome: JobOutcome, printer: PrinterState | None = None) -> None:
        super().__init__(outcome.value if printer is None else f"{outcome.value} ({printer.value})")
        self.outcome = outcome
        self.printer = printer

    @property
    def message(self) -> str:
        if self.printer is not None and self.printer in MSG_STATE and self.printer is not PrinterState.REJECTING:
            return MSG_STATE[self.printer]
        return MSG_OUTCOME[self.outcome]


def send_to_queue(queue: str, item: Item, info: SlipInfo, paper: str, timeout: float) -> int:
    """Check the queue, send the slip, follow the job to its end; return its id when printed.

    Raises PrinterNotReady (nothing sent), SubmitError (CUPS gave no job id) or JobFailed
    (the job stopped, was cancelled or timed out; it is cancelled so it cannot print later).
    """
    state, detail = cups_printer_state(queue)
    if state is not PrinterState.READY:
        if not left_by_backend(state, detail):
            raise PrinterNotReady(state, detail)
        log.info("queue %s is enabled with an alert a backend left (%s): sending, the job will tell",
                 queue, detail)
    job_id = print_queue(queue, item, info, paper)
    log.info("slip accepted by queue %s as job %d", queue, job_id)
    outcome = follow_job(job_id, queue, timeout)
    if outcome is not JobOutcome.COMPLETED:
        if outcome in (JobOutcome.STOPPED, JobOutcome.TIMED_OUT):
            cancel(job_id)
        # A backend that finds no paper stops the queue with media-empty: say that, not 已暂停.
        printer, detail = cups_printer_state(queue)
        log.info("job %d not printed (%s); queue %s now %s: %s", job_id, outcome.value, queue,
                 printer.value, detail)
        raise JobFailed(outcome, None if printer is PrinterState.READY else printer)
    return job_id


class PrintService(QObject):
    """Prints slips for the resident UI; the slip is rendered on a worker thread.

    Signals:
        finished(bool ok, str message): one per ``print_item`` call; ``message``
            is Chinese text to show the resident (translate it in CONTEXT).
    Attributes:
        busy: True while a slip is being rendered or sent.
    """

    finished = Signal(bool, str)
    _done = Signal(bool, str)

    def __init__(
        self, layout: HomeLayout, config_getter: Callable[[], Config], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.layout = layout
        self.config_getter = config_getter
        self.busy = False
        self._thread: threading.Thread | None = None
        # The print font (slip_family) is prepared by the first job on the worker thread:
        # QFontDatabase is thread-safe in Qt 6, and the 0.7 s never stalls the screen.
        self._done.connect(self._on_worker_done, Qt.ConnectionType.QueuedConnection)

    def pdf_dir(self, cfg: Config) -> Path:
        return Path(cfg["printer.pdf_dir"]) if cfg["printer.pdf_dir"] else self.layout.root / "prints"

    def print_item(self, code: str, item: Item, meta: SnapshotMeta | None, language: str = "zh_CN") -> None:
        """Start printing ``item`` worded in ``language`` (a Qt locale name); ``finished`` reports the outcome."""
        if self.busy:
            self.finished.emit(False, MSG_BUSY)
            return
        cfg = self.config_getter()
        kind = cfg["printer.kind"]
        if kind not in ("cups", "pdf", "escpos"):
            log.info("print refused: printer.kind is %s", kind)
            self.finished.emit(False, MSG_NO_PRINTER)
            return
        self.busy = True
        info = slip_info(cfg, meta, language=language)
        paper = cfg["printer.paper"]
        if kind == "pdf":
            target = self.pdf_dir(cfg) / f"{code}-{info.printed_at:%Y%m%d-%H%M%S}.pdf"
            job: Callable[[], str] = lambda: self._job_pdf(target, item, info, paper)  # noqa: E731
        elif kind == "escpos":
            device, timeout = cfg["printer.name"], float(cfg["printer.job_timeout_seconds"])
            job = lambda: self._job_escpos(device, item, info, paper, timeout)  # noqa: E731
        else:
            queue, timeout = cfg["printer.name"], float(cfg["printer.job_timeout_seconds"])
            job = lambda: self._job_queue(queue, item, info, paper, timeout)  # noqa: E731
        self._thread = threading.Thread(target=self._run, args=(job,), name="print-slip",
                                        daemon=True)
        self._thread.start()

    def _job_pdf(self, target: Path, item: Item, info: SlipInfo, paper: str) -> str:
        target.parent.mkdir(parents=True, exist_ok=True)
        print_pdf(target, item, info, paper)
        log.info("slip written to a PDF file in %s", target.parent)
        return MSG_DONE_PDF

    def _job_queue(self, queue: str, item: Item, info: SlipInfo, paper: str, timeout: float) -> str:
        job_id = send_to_queue(queue, item, info, paper, timeout)
        log.info("job %d printed on queue %s", job_id, queue)
        return MSG_PRINTED

    def _job_escpos(self, device: str, item: Item, info: SlipInfo, paper: str, timeout: float) -> str:
        print_escpos(device, item, info, paper, timeout)
        log.info("slip sent to ESC/POS printer %s", device)
        return MSG_DONE_ESCPOS

    def _run(self, job: Callable[[], str]) -> None:
        """Worker thread: run the job; every outcome, good or bad, is counted and reported."""
        ok, message = False, MSG_FAILED
        try:
            ok, message = True, job()
        except PrinterNotReady as exc:
            log.warning("print: printer not ready: %s (%s)", exc.state.value, exc.detail)
            message = MSG_STATE[exc.state]
        except SubmitError as exc:
            log.warning("print: CUPS did not accept the job: %s", exc)
            state, _detail = cups_printer_state(self.config_getter()["printer.name"])
            message = MSG_STATE.get(state, MSG_FAILED)
        except JobFailed as exc:
            log.warning("print: job not printed: %s", exc)
            message = exc.message
        except DeviceTimeout as exc:
            log.warning("print: the printer stopped taking the slip: %s", exc)
            message = MSG_OUTCOME[JobOutcome.TIMED_OUT]
        except Exception:  # a bug or an OS error: the resident gets a message, we get a trace
            log.exception("print failed")
        count_print(self.layout, ok)
        self._done.emit(ok, message)

    def _on_worker_done(self, ok: bool, message: str) -> None:
        self.busy = False
        self.finished.emit(ok, message)

    def wait(self, seconds: float = 30.0) -> bool:
        """Block until the worker has finished (shutdown and tests); False on time-out."""
        if self._thread is not None:
            self._thread.join(seconds)
            return not self._thread.is_alive()
        return True
