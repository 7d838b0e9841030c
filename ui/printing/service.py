"""Printing the 办事指南 slip: QPainter onto QPrinter, to PDF or a CUPS queue.

Layouts for 58 mm and 80 mm receipt paper (one long page sized to the content)
and A4 (paginated). All coordinates are points (1/72 in): the painter is scaled
from the printer's resolution, and fonts are given in pixels of that unit so the
layout does not depend on the screen's DPI. The QR code is drawn as vector
rectangles, so it stays crisp at any printer resolution.

:class:`PrintService` is what the resident UI calls: it checks the printer,
renders on a pool thread and reports ``finished(ok, message)`` with a message a
resident can act on. It never raises into QML and never blocks the GUI thread
for more than a config read.
"""

from __future__ import annotations

import html
import itertools
import logging
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QObject, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.catalogue.model import Item, SnapshotMeta
from kiosk.config import Config
from kiosk.ops.fonts import FONT_ERRORS, PRINT_EXT_FAMILY, PRINT_FAMILY, print_font_bytes
from kiosk.ops.printer import PrinterState, cups_printer_state
from kiosk.ops.qr import qr_matrix
from kiosk.paths import EXT_FONT_MARK, FONTS_DIR, HomeLayout

log = logging.getLogger("print")

MM = 72 / 25.4  # points per millimetre
FALLBACK_FAMILY = "Noto Sans CJK SC"
ESCPOS_DPI = 203  # 8 dots per millimetre, the usual thermal print head
RECEIPT_PAPERS = ("58mm", "80mm")

MSG_DONE_PRINTER = "已发送到打印机，请在出纸口取走办事指南。"
MSG_DONE_PDF = "办事指南已保存。"
MSG_SCAN = "您也可以用手机扫描屏幕上的二维码保存办事指南。"
MSG_NO_PRINTER = "本机暂不提供打印。" + MSG_SCAN
MSG_BUSY = "正在打印上一份，请稍候。"
MSG_STATE = {
    PrinterState.MISSING: "打印机未找到，请联系工作人员。" + MSG_SCAN,
    PrinterState.OFFLINE: "打印机未连接或已暂停，请联系工作人员。" + MSG_SCAN,
    PrinterState.NO_PAPER: "打印机缺纸，请联系工作人员加纸。" + MSG_SCAN,
    PrinterState.NO_CUPS: "打印服务未启动，请联系工作人员。" + MSG_SCAN,
    PrinterState.ERROR: "打印机故障，请联系工作人员。" + MSG_SCAN,
}
MSG_FAILED = "打印失败，请联系工作人员。" + MSG_SCAN


class PrinterNotReady(Exception):
    """The printer cannot take a job now; ``state`` picks the resident's message."""

    def __init__(self, state: PrinterState, detail: str) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail


@dataclass(frozen=True)
class Paper:
    """One paper layout. Sizes in millimetres, fonts in points."""

    name: str
    width: float
    margin: float
    body_pt: float
    title_pt: float
    qr: float
    height: float = 0.0  # 0: a receipt roll, page as long as the content


PAPERS = {
    "58mm": Paper("58mm", 58, 5, 7.5, 11, 36),  # 48 mm printable: a 384-dot head
    "80mm": Paper("80mm", 80, 4, 8.5, 13, 44),
    "a4": Paper("a4", 210, 18, 11, 18, 50, height=297),
}

_family_lock = threading.Lock()
_family: str | None = None


def _cjk_font_files(fonts_dir: Path) -> list[tuple[Path, int, str]]:
    """(file, face index, print family) of the CJK fonts to print with.

    The bundled ones (regular and bold, each a main file and an extension file), else the
    system's Noto Sans CJK SC.
    """
    bundled = [(p, 0, PRINT_EXT_FAMILY if EXT_FONT_MARK in p.name else PRINT_FAMILY)
               for style in ("Regular", "Bold") for p in sorted(fonts_dir.glob(f"*CJK*-{style}.otf"))]
    if bundled:
        return bundled
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}:%{index}", f"{FALLBACK_FAMILY}:style=Regular"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout
        file, _, index = found.rpartition(":")
        return [(Path(file), int(index or 0), PRINT_FAMILY)] if file else []
    except (OSError, ValueError, subprocess.SubprocessError):
        return []


def slip_family(fonts_dir: Path = FONTS_DIR) -> str:
    """Register the print copies of the CJK fonts once; return their family (or the system one).

    The extension files' copies form a family of their own, PRINT_EXT_FAMILY, to which Qt
    falls back for the rarer characters, as on screen.
    """
    global _family
    with _family_lock:
        if _family is None:
            _family = FALLBACK_FAMILY
            sources = _cjk_font_files(fonts_dir)
            if not sources:
                log.warning("no CJK font in %s and none found by fc-match", fonts_dir)
            for path, index, family in sources:
                try:
                    data = print_font_bytes(path, index, family)
                except FONT_ERRORS as exc:
                    log.warning("print font %s unusable (%s)", path, exc)
                    continue
                font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
                if font_id >= 0 and family == PRINT_FAMILY:
                    _family = QFontDatabase.applicationFontFamilies(font_id)[0]
                    log.info("print font %s from %s", _family, path)
        return _family


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")


def slip_html(item: Item, paper: Paper) -> str:
    """The text part of the slip (everything above the QR code)."""
    g = item.guide
    small = paper.body_pt * 0.9
    parts = [
        f'<p style="font-size:{small:.1f}px">广州政务服务 · 办事指南</p>',
        f'<p style="font-size:{paper.title_pt:.1f}px; font-weight:bold">{_esc(item.name)}</p>',
        f"<p>实施部门：{_esc(item.department)}<br/>事项编码：{_esc(item.code)}</p>",
    ]
    facts = []
    if g.case_type:
        facts.append(f"办件类型：{_esc(g.case_type)}")
    if g.promise_days:
        facts.append(f"承诺办结：{g.promise_days} 个工作日")
    if g.visits or g.case_type:
        facts.append(f"到现场次数：{g.visits} 次")
    if g.fee:
        facts.append(f"收费：{_esc(g.fee)}")
    if facts:
        parts.append("<p>" + "<br/>".join(facts) + "</p>")

    def section(title: str, body: str) -> None:
        if body:
            parts.append(f"<p><b>【{title}】</b><br/>{body}</p>")

    section("受理条件", _esc(g.conditions))
    materials = []
    for i, m in enumerate(g.materials, 1):
        detail = "，".join(
            x for x in (m.form, f"{m.copies} 份", "必要" if m.required else "非必要") if x
        )
        line = f"{i}. {_esc(m.name)}（{_esc(detail)}）"
        if m.note:
            line += f"：{_esc(m.note)}"
        materials.append(line)
    section("申请材料", "<br/>".join(materials))
    section("办理流程", "<br/>".join(f"{i}. {_esc(s)}" for i, s in enumerate(g.steps, 1)))
    section("咨询电话", _esc(g.phone))
    section("办理地点", _esc(g.address))
    section("办理时间", _esc(g.hours))
    section("温馨提示", _esc(g.note))
    return "".join(parts)


def slip_font(family: str, size: float) -> QFont:
    font = QFont(family)
    font.setPixelSize(max(1, round(size)))
    # Noto CJK's 'locl' swaps Latin digits after letters ("RS-001") for glyphs with no
    # cmap entry, so the PDF's text layer would lose them; SC glyphs need no 'locl'.
    font.setFeature(QFont.Tag("locl"), 0)
    return font


def _document(item: Item, paper: Paper, family: str, width: float) -> QTextDocument:
    doc = QTextDocument()
    font = slip_font(family, paper.body_pt)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(f"p {{ margin-bottom: {paper.body_pt * 0.6:.1f}px; }}")
    doc.setHtml(f'<div style="font-size:{paper.body_pt:.1f}px">{slip_html(item, paper)}</div>')
    doc.setTextWidth(width)
    return doc


def _used_height(doc: QTextDocument) -> float:
    layout = doc.documentLayout()
    return layout.blockBoundingRect(doc.lastBlock()).bottom()


def draw_qr(painter: QPainter, matrix: list[list[bool]], rect: QRectF) -> None:
    """Fill the dark modules as rectangles (one per horizontal run), quiet zone included."""
    n = len(matrix)
    module = rect.width() / n
    painter.fillRect(rect, QColor("white"))
    for y, row in enumerate(matrix):
        x = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                painter.fillRect(
                    QRectF(rect.x() + x * module, rect.y() + y * module, length * module, module),
                    QColor("black"),
                )
            x += length


@dataclass(frozen=True)
class SlipInfo:
    """What goes on the slip besides the item."""

    kiosk_id: str
    data_version: str
    printed_at: datetime
    sample: bool = False


def _footer_lines(item: Item, info: SlipInfo) -> list[str]:
    lines = [
        f"终端编号：{info.kiosk_id}",
        f"打印时间：{info.printed_at:%Y-%m-%d %H:%M}",
        f"数据版本：{info.data_version}",
    ]
    if info.sample:
        lines.append("示例数据，非官方，仅供演示")
    return lines


class SlipRenderer:
    """Lays out and paints one slip for one paper size."""

    def __init__(self, item: Item, info: SlipInfo, paper: Paper, family: str) -> None:
        self.item, self.info, self.paper, self.family = item, info, paper, family
        self.width = (paper.width - 2 * paper.margin) * MM
        self.doc = _document(item, paper, family, self.width)
        self.url = item.online_url
        self.line_h = paper.body_pt * 1.45

    def _qr_block(self) -> float:
        return self.paper.qr * MM + 1.2 * self.line_h if self.url else 0.0

    def tail_height(self) -> float:
        """Height of the QR block and the footer, in points."""
        text = (2.2 if self.url else 1.5) * self.line_h
        text += (len(_footer_lines(self.item, self.info)) + 0.8) * self.line_h
        if self.paper.height:  # A4: QR on the left, text beside it
            return 0.6 * self.line_h + max(self._qr_block(), text + self.line_h)
        return 0.6 * self.line_h + self._qr_block() + text

    def page_size_mm(self) -> QSizeF:
        if self.paper.height:
            return QSizeF(self.paper.width, self.paper.height)
        content = _used_height(self.doc) + self.tail_height()
        return QSizeF(self.paper.width, 2 * self.paper.margin + content / MM)

    def configure(self, device: QPagedPaintDevice) -> None:
        size = self.page_size_mm()
        if self.paper.height:
            page = QPageSize(QPageSize.PageSizeId.A4)
        else:
            page = QPageSize(size, QPageSize.Unit.Millimeter, f"receipt {self.paper.name}",
                             QPageSize.SizeMatchPolicy.ExactMatch)
        device.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        title = f"办事指南 {self.item.code}"
        if isinstance(device, QPrinter):
            device.setFullPage(True)
            device.setDocName(title)
        elif isinstance(device, QPdfWriter):
            device.setTitle(title)

    def paint(self, device: QPagedPaintDevice) -> None:
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("the printer or file could not be opened")
        try:
            dpi = device.logicalDpiX()
            painter.scale(dpi / 72, dpi / 72)
            self.paint_on(painter, device)
        finally:
            if not painter.end():
                raise OSError("the slip could not be finished (printer or disk error)")

    def paint_on(self, painter: QPainter, printer: QPagedPaintDevice | None) -> None:
        """Paint the slip; ``printer`` turns pages (A4 only: a receipt is one long page)."""
        m = self.paper.margin * MM
        body_h = (self.page_size_mm().height() - 2 * self.paper.margin) * MM
        text_h = _used_height(self.doc)
        page_top = 0.0
        while True:  # one page per pass: the part of the document that fits
            painter.save()
            painter.translate(m, m - page_top)
            clip_h = body_h
            # Never cut a line in half: end the page at the last whole line.
            if page_top + body_h < text_h:
                cursor = self.doc.documentLayout().hitTest(
                    QPointF(1, page_top + body_h), Qt.HitTestAccuracy.FuzzyHit
                )
                clip_h = max(self._line_top(cursor) - page_top, body_h / 2)
            self.doc.drawContents(painter, QRectF(0, page_top, self.width, clip_h))
            painter.restore()
            page_top += clip_h
            if page_top >= text_h or printer is None:
                break
            printer.newPage()
        used = text_h - (page_top - clip_h)
        if printer is not None and self.paper.height and used + self.tail_height() > body_h:
            printer.newPage()
            used = 0.0
        self._paint_tail(painter, m, m + used)

    def _line_top(self, position: int) -> float:
        block = self.doc.findBlock(max(0, position))
        rect = self.doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(max(0, position - block.position()))
        return rect.top() + (line.y() if line.isValid() else 0)

    def _paint_tail(self, painter: QPainter, x: float, y: float) -> None:
        lh, w, side = self.line_h, self.width, self.paper.qr * MM
        wide = bool(self.paper.height)
        y += 0.6 * lh
        if wide:
            qr_x, tx, tw, ty = x, x + side + 2 * lh, w - side - 2 * lh, y + (lh if self.url else 0)
        else:
            qr_x, tx, tw, ty = x + (w - side) / 2, x, w, y + self._qr_block()
        painter.setPen(QPen(QColor("black")))
        body, small = slip_font(self.family, self.paper.body_pt), slip_font(self.family, self.paper.body_pt * 0.85)
        align = Qt.AlignmentFlag.AlignLeft if wide else Qt.AlignmentFlag.AlignHCenter
        if self.url:
            painter.setFont(body)
            painter.drawText(QRectF(qr_x, y, side, lh), Qt.AlignmentFlag.AlignHCenter,
                             "扫码在手机上办理")
            draw_qr(painter, qr_matrix(self.url), QRectF(qr_x, y + lh, side, side))
            painter.setFont(small)
            painter.drawText(QRectF(tx, ty, tw, 2 * lh), align | Qt.TextFlag.TextWrapAnywhere,
                             self.url)
            ty += 2.2 * lh
        else:
            painter.setFont(body)
            painter.drawText(QRectF(tx, ty, tw, lh), 0, "本事项暂无网上办理地址")
            ty += 1.5 * lh
        painter.drawLine(QPointF(tx, ty + 0.3 * lh), QPointF(tx + tw, ty + 0.3 * lh))
        ty += 0.8 * lh
        painter.setFont(small)
        for line in _footer_lines(self.item, self.info):
            painter.drawText(QRectF(tx, ty, tw, lh), 0, line)
            ty += lh


def render_slip(device: QPagedPaintDevice, item: Item, info: SlipInfo, paper: str) -> None:
    """Paint the slip for ``item`` onto ``device`` (a QPdfWriter or a QPrinter)."""
    renderer = SlipRenderer(item, info, PAPERS[paper], slip_family())
    renderer.configure(device)
    renderer.paint(device)


def print_pdf(path: Path, item: Item, info: SlipInfo, paper: str) -> Path:
    """Write the slip as a PDF file (QPdfWriter: no print system involved)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    writer.setCreator("zizhuban-kiosk")
    render_slip(writer, item, info, paper)
    del writer  # closes the file
    return path


def print_queue(queue: str, item: Item, info: SlipInfo, paper: str) -> None:
    """Send the slip to a CUPS queue through Qt's print support."""
    printer_info = QPrinterInfo.printerInfo(queue)
    if printer_info.isNull():
        raise LookupError(queue)
    printer = QPrinter(printer_info, QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    render_slip(printer, item, info, paper)


def render_image(item: Item, info: SlipInfo, paper: str, dpi: int = ESCPOS_DPI) -> QImage:
    """The receipt slip as a grayscale picture of the printable width, for ESC/POS printers."""
    spec = PAPERS[paper if paper in RECEIPT_PAPERS else "80mm"]
    renderer = SlipRenderer(item, info, spec, slip_family())
    px_per_mm = dpi / 25.4
    width = round((spec.width - 2 * spec.margin) * px_per_mm)
    height = round(renderer.page_size_mm().height() * px_per_mm)
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.scale(dpi / 72, dpi / 72)
        painter.translate(-spec.margin * MM, 0)  # the print head covers the printable width only
        renderer.paint_on(painter, None)
    finally:
        painter.end()
    return image


def print_escpos(device: str, item: Item, info: SlipInfo, paper: str) -> None:
    """Send the slip as a raster image to an ESC/POS thermal printer (a device file)."""
    from escpos.exceptions import Error as EscposError
    from escpos.printer import File
    from PIL import Image

    image = render_image(item, info, paper)
    gray = Image.frombuffer("L", (image.width(), image.height()), bytes(image.constBits()),
                            "raw", "L", image.bytesPerLine(), 1)
    # A thermal head prints dots or nothing: threshold rather than dither, so text stays sharp.
    bitmap = gray.point(lambda v: 255 if v >= 160 else 0).convert("1")
    printer = File(device)
    # The default profile knows no paper width, and python-escpos print()s a warning then.
    printer.profile.profile_data.setdefault("media", {}).setdefault("width", {})["pixels"] = bitmap.width
    try:
        printer.image(bitmap)
        printer.cut()
    except (EscposError, OSError) as exc:
        raise PrinterNotReady(PrinterState.OFFLINE, f"{device}: {exc}") from None
    finally:
        printer.close()


def slip_info(cfg: Config, meta: SnapshotMeta | None, now: datetime | None = None) -> SlipInfo:
    return SlipInfo(
        kiosk_id=cfg["kiosk.id"],
        data_version=str(meta.version) if meta else "未知",
        printed_at=now or datetime.now(),
        sample=bool(meta and meta.sample),
    )


class PrintService(QObject):
    """Prints slips for the resident UI; the slip is rendered on a worker thread.

    Signals:
        finished(bool ok, str message): one per ``print_item`` call; ``message``
            is Chinese text to show the resident.
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

    def print_item(self, code: str, item: Item, meta: SnapshotMeta | None) -> None:
        """Start printing ``item``; ``finished`` reports the outcome."""
        if self.busy:
            self.finished.emit(False, MSG_BUSY)
            return
        cfg = self.config_getter()
        kind = cfg["printer.kind"]
        if kind not in ("cups", "pdf", "escpos"):
            log.info("print %s refused: printer.kind is %s", code, kind)
            self.finished.emit(False, MSG_NO_PRINTER)
            return
        self.busy = True
        info = slip_info(cfg, meta)
        paper = cfg["printer.paper"]
        if kind == "pdf":
            target = self.pdf_dir(cfg) / f"{code}-{info.printed_at:%Y%m%d-%H%M%S}.pdf"
            job: Callable[[], str] = lambda: self._job_pdf(target, item, info, paper)  # noqa: E731
        elif kind == "escpos":
            device = cfg["printer.name"]
            job = lambda: self._job_escpos(device, item, info, paper)  # noqa: E731
        else:
            queue = cfg["printer.name"]
            job = lambda: self._job_queue(queue, item, info, paper)  # noqa: E731
        self._thread = threading.Thread(target=self._run, args=(code, job), name="print-slip",
                                        daemon=True)
        self._thread.start()

    def _job_pdf(self, target: Path, item: Item, info: SlipInfo, paper: str) -> str:
        target.parent.mkdir(parents=True, exist_ok=True)
        print_pdf(target, item, info, paper)
        log.info("slip written to %s", target)
        return MSG_DONE_PDF

    def _job_queue(self, queue: str, item: Item, info: SlipInfo, paper: str) -> str:
        state, detail = cups_printer_state(queue)
        if state is not PrinterState.READY:
            raise PrinterNotReady(state, detail)
        print_queue(queue, item, info, paper)
        log.info("slip sent to queue %s", queue)
        return MSG_DONE_PRINTER

    def _job_escpos(self, device: str, item: Item, info: SlipInfo, paper: str) -> str:
        print_escpos(device, item, info, paper)
        log.info("slip sent to ESC/POS printer %s", device)
        return MSG_DONE_PRINTER

    def _run(self, code: str, job: Callable[[], str]) -> None:
        try:
            self._done.emit(True, job())
        except PrinterNotReady as exc:
            log.warning("print %s: printer not ready: %s (%s)", code, exc.state.value, exc.detail)
            self._done.emit(False, MSG_STATE[exc.state])
        except LookupError as exc:
            log.warning("print %s: queue %s not found", code, exc)
            self._done.emit(False, MSG_STATE[PrinterState.MISSING])
        except Exception:  # a bug or an OS error: the resident gets a message, we get a trace
            log.exception("print %s failed", code)
            self._done.emit(False, MSG_FAILED)

    def _on_worker_done(self, ok: bool, message: str) -> None:
        self.busy = False
        self.finished.emit(ok, message)

    def wait(self, seconds: float = 30.0) -> bool:
        """Block until the worker has finished (shutdown and tests); False on time-out."""
        if self._thread is not None:
            self._thread.join(seconds)
            return not self._thread.is_alive()
        return True
