"""The 办事指南 slip's layout: paper sizes, what the slip says, and the renderer (QPainter).

Layouts for 58 mm and 80 mm receipt paper (one long page sized to the content)
and A4 (paginated). All coordinates are points (1/72 in): the painter is scaled
from the device's resolution, and fonts are given in pixels of that unit so the
layout does not depend on the screen's DPI. The QR code is drawn as vector
rectangles, so it stays crisp at any printer resolution. The print font is
:mod:`ui.printing.fonts`.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from kiosk.access.script import Language, for_display
from kiosk.brand import Brand, url_lines
from kiosk.catalogue import present
from kiosk.catalogue.model import Item, SnapshotMeta
from kiosk.catalogue.urls import shown as shown_url
from kiosk.config import Config
from kiosk.ops.qr import qr_matrix
from ui.printing.fonts import slip_family, slip_font

MM = 72 / 25.4  # points per millimetre
RECEIPT_PAPERS = ("58mm", "80mm")
#: Lines the URL beside the QR code may take (receipt, A4); a longer one is printed as host + path start.
URL_LINES = (4, 6)


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

def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")


def slip_html(item: Item, paper: Paper, language: str = present.DEFAULT, brand: Brand | None = None) -> str:
    """The text part of the slip (everything above the QR code), worded in ``language``.

    The slip's labels come from kiosk.catalogue.present; catalogue text is converted to
    Traditional for zh_HK and stays Chinese in English (a line says so). The header line
    is the brand's (``brand.slip_title``, else the portal's name and 办事指南).
    """
    lang = Language.parse(language)

    def t(text: str) -> str:
        return _esc(for_display(text, lang))

    def w(key: str) -> str:
        return _esc(present.slip_text(key, language))

    colon = present.slip_text("colon", language)
    g = item.guide
    small = paper.body_pt * 0.9
    brand = brand or Brand()
    header = brand.slip_title or f"{brand.portal_name} · {present.slip_text('title', language)}"
    parts = [
        f'<p style="font-size:{small:.1f}px">{t(header)}</p>',
        f'<p style="font-size:{paper.title_pt:.1f}px; font-weight:bold">{t(item.name)}</p>',
        f"<p>{_esc(present.label('department', language) + colon)}{t(item.department)}<br/>"
        f"{_esc(present.label('code', language) + colon)}{_esc(item.code)}</p>",
    ]
    if present.slip_text("content_note", language):
        parts.append(f'<p style="font-size:{small:.1f}px"><i>{w("content_note")}</i></p>')
    facts = [f"{_esc(label + colon)}{t(text)}" for label, text in present.facts(item, language)]
    if facts:
        parts.append("<p>" + "<br/>".join(facts) + "</p>")

    before = len(parts)

    def section(key: str, body: str) -> None:
        if body:
            parts.append(f"<p><b>【{_esc(present.label(key, language))}】</b><br/>{body}</p>")

    section("conditions", t(g.conditions))
    materials = []
    for i, m in enumerate(g.materials, 1):
        detail = present.slip_text("paren", language).format(present.material_detail(m, language))
        line = f"{i}. {t(m.name)}{t(detail)}"
        if m.note:
            line += f"{_esc(colon)}{t(m.note)}"
        materials.append(line)
    section("materials", "<br/>".join(materials))
    section("steps", "<br/>".join(f"{i}. {t(s)}" for i, s in enumerate(g.steps, 1)))
    section("phone", _esc(g.phone))
    section("address", t(g.address))
    section("hours", t(g.hours))
    section("note", t(g.note))
    if len(parts) == before:  # the list gives no guide text: say where the guide is
        parts.append(f"<p><b>{w('guide_by_qr' if item.online_url else 'guide_at_desk')}</b></p>")
    return "".join(parts)


def _document(item: Item, paper: Paper, family: str, width: float, language: str,
              brand: Brand) -> QTextDocument:
    doc = QTextDocument()
    font = slip_font(family, paper.body_pt)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(f"p {{ margin-bottom: {paper.body_pt * 0.6:.1f}px; }}")
    doc.setHtml(f'<div style="font-size:{paper.body_pt:.1f}px">{slip_html(item, paper, language, brand)}</div>')
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
    #: The resident's language as a Qt locale name (zh_CN, zh_HK, en_US): the slip's wording.
    language: str = present.DEFAULT
    brand: Brand = Brand()


def _footer_lines(item: Item, info: SlipInfo) -> list[str]:
    def w(key: str) -> str:
        return present.slip_text(key, info.language)

    colon = w("colon")
    footer = info.brand.slip_footer
    lines = [for_display(footer, Language.parse(info.language))] if footer else []
    lines += [
        f"{w('kiosk_id')}{colon}{info.kiosk_id}",
        f"{w('printed_at')}{colon}{info.printed_at:%Y-%m-%d %H:%M}",
        f"{w('data_version')}{colon}{info.data_version or w('unknown')}",
    ]
    if info.sample:
        lines.append(w("sample"))
    return lines


class SlipRenderer:
    """Lays out and paints one slip for one paper size."""

    def __init__(self, item: Item, info: SlipInfo, paper: Paper, family: str) -> None:
        self.item, self.info, self.paper, self.family = item, info, paper, family
        self.width = (paper.width - 2 * paper.margin) * MM
        self.doc = _document(item, paper, family, self.width, info.language, info.brand)
        self.url = shown_url(item.online_url)  # the URL policy's checked serialisation
        self.line_h = paper.body_pt * 1.45
        # The URL's own lines, each whole (never cut by the drawing rectangle); the QR holds it all.
        side = paper.qr * MM
        url_width = self.width - side - 2 * self.line_h if paper.height else self.width
        metrics = QFontMetricsF(slip_font(family, paper.body_pt * 0.85))
        self.url_lines = url_lines(self.url, lambda t: metrics.horizontalAdvance(t) <= url_width,
                                   URL_LINES[bool(paper.height)]) if self.url else []

    def _qr_block(self) -> float:
        return self.paper.qr * MM + 1.2 * self.line_h if self.url else 0.0

    def tail_height(self) -> float:
        """Height of the QR block and the footer, in points."""
        text = (len(self.url_lines) + 0.2 if self.url else 1.5) * self.line_h
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
        title = present.slip_text("title", self.info.language)  # never the item: CUPS logs job titles
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
                             present.slip_text("scan", self.info.language))
            draw_qr(painter, qr_matrix(self.url), QRectF(qr_x, y + lh, side, side))
            painter.setFont(small)
            for line in self.url_lines:
                painter.drawText(QRectF(tx, ty, tw, lh), align, line)
                ty += lh
            ty += 0.2 * lh
        else:
            painter.setFont(body)
            painter.drawText(QRectF(tx, ty, tw, lh), 0, present.slip_text("no_url", self.info.language))
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


def slip_info(cfg: Config, meta: SnapshotMeta | None, now: datetime | None = None,
              language: str = present.DEFAULT) -> SlipInfo:
    """What the slip says besides the item; ``language`` a Qt locale name (zh_CN, zh_HK, en_US)."""
    return SlipInfo(
        kiosk_id=cfg["kiosk.id"],
        data_version=str(meta.version) if meta else "",  # empty: the footer says 未知 in its language
        printed_at=now or datetime.now(),
        sample=bool(meta and meta.sample),
        language=language,
        brand=Brand.of(cfg),
    )


def slip_media(item: Item, info: SlipInfo, paper: str) -> str:
    """The CUPS ``media`` option for the slip: A4, or the receipt's own length (``Custom.WxHmm``)."""
    spec = PAPERS[paper]
    if spec.height:
        return "A4"
    size = SlipRenderer(item, info, spec, slip_family()).page_size_mm()
    return f"Custom.{size.width():.0f}x{size.height():.0f}mm"
