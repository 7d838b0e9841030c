"""Walk a live Qt Quick scene and report text that is cut, spills out of its box or overlaps.

Generic on purpose: every visible Text on the topmost layer is checked, so items other
branches add (buttons, captions, controls) are walked without being named here.

Rules (each a :class:`Finding` kind):
- ``truncated``: Text.truncated (elided, or more lines than maximumLineCount).
- ``too-wide``: painted text wider than the item while it may not wrap or elide.
- ``shrunk``: a fontSizeMode text drawn smaller than its font size (a label fitted back down).
- ``outside``: the painted text leaves an enclosing Rectangle (a button, tile, card, bar),
  a scroll view's content, or the window. Inside a Flickable the box is the content (what
  scrolling can reach), not the viewport.
- ``overlap``: the painted areas of two texts (clipped to their scroll views) intersect.
- ``covered``: a painted Rectangle drawn later (not the text's own background) lies over a
  text or a touch target.
- ``half-row`` (:func:`list_findings`): a list shows fewer than MIN_ROWS whole rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow

#: Slack for sub-pixel layout and glyph overhang (px).
SLACK = 1.5

# Qt.AlignmentFlag values as QML stores them in Text.horizontalAlignment / verticalAlignment.
_RIGHT, _HCENTER, _BOTTOM, _VCENTER = 0x2, 0x4, 0x40, 0x80


@dataclass(frozen=True)
class Finding:
    """One layout defect: its kind, the text it is about, where it sits, and the figures."""

    kind: str
    text: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.text!r} at {self.where}: {self.detail}"


def _enum(item: QQuickItem, name: str) -> int:
    """An enum property as an int: PySide6 has no converter for QQuickText's enums
    ("Can't find converter for 'QQuickText::WrapMode'"), so QML evaluates it in the item's scope."""
    context = QQmlEngine.contextForObject(item)
    value, undefined = QQmlExpression(context, item, name).evaluate()
    return 0 if undefined or value is None else int(value)


def effective_opacity(item: QQuickItem) -> float:
    o = 1.0
    node: QQuickItem | None = item
    while node is not None:
        o *= node.opacity()
        node = node.parentItem()
    return o


def shown(item: QQuickItem) -> bool:
    """Visible, not transparent, not zero-sized."""
    return item.isVisible() and effective_opacity(item) > 0.01 and item.width() > 0 and item.height() > 0


def scene_rect(item: QQuickItem, rect: QRectF | None = None) -> QRectF:
    r = rect if rect is not None else QRectF(0, 0, item.width(), item.height())
    return item.mapRectToScene(r)


def _covers(item: QQuickItem, window: QQuickWindow) -> bool:
    """A painted layer over the whole window (a scene, or an overlay loaded in a Loader)."""
    if not shown(item):
        return False
    target = item
    if item.inherits("QQuickLoader"):
        loaded = item.property("item")
        if not isinstance(loaded, QQuickItem) or not shown(loaded):
            return False
        target = loaded
    # Painted: a Rectangle with a colour (a plain Item filling the window hides nothing).
    if not target.inherits("QQuickRectangle") or target.property("color").alpha() == 0:
        return False
    r = scene_rect(target)
    return r.width() >= window.width() - 1 and r.height() >= window.height() - 1


def _uncovered(children: list[QQuickItem], window: QQuickWindow) -> list[QQuickItem]:
    """``children`` from the last one that covers the whole window on (what lies beneath is hidden)."""
    ordered = sorted(children, key=lambda i: i.z())  # stable: declaration order within a z
    start = 0
    for index, child in enumerate(ordered):
        if _covers(child, window):
            start = index
    return ordered[start:]


def walk(root: QQuickItem, window: QQuickWindow) -> Iterator[QQuickItem]:
    """Every item a resident can see under ``root``: hidden branches and whatever a later
    full-window layer (a scene, an overlay) covers are skipped whole."""
    stack = [root]
    while stack:
        item = stack.pop()
        if not item.isVisible():
            continue
        yield item
        stack.extend(_uncovered(item.childItems(), window))


def seen(window: QQuickWindow) -> Iterator[QQuickItem]:
    """Every item on the window that is not hidden or covered."""
    return walk(window.contentItem(), window)


def texts(window: QQuickWindow) -> list[QQuickItem]:
    """Every shown Text a resident can see (not under a full-window layer)."""
    return [i for i in seen(window)
            if i.inherits("QQuickText") and shown(i) and str(i.property("text") or "").strip()]


def where(item: QQuickItem) -> str:
    """A readable path of the object names above ``item`` (the nearest few)."""
    names = []
    node: QQuickItem | None = item.parentItem()
    while node is not None and len(names) < 4:
        if node.objectName():
            names.append(node.objectName())
        node = node.parentItem()
    return " < ".join(names) or "(unnamed)"


def painted(text: QQuickItem) -> QRectF:
    """Where a Text's glyphs are drawn, in its own coordinates (alignment applied)."""
    w, h = text.width(), text.height()
    cw, ch = float(text.property("contentWidth")), float(text.property("contentHeight"))
    ha, va = _enum(text, "horizontalAlignment"), _enum(text, "verticalAlignment")
    x = (w - cw) if ha & _RIGHT else (w - cw) / 2 if ha & _HCENTER else 0.0
    y = (h - ch) if va & _BOTTOM else (h - ch) / 2 if va & _VCENTER else 0.0
    return QRectF(x, y, cw, ch)


def _label(text: QQuickItem) -> str:
    s = str(text.property("text"))
    return s if len(s) <= 40 else s[:39] + "…"


def own_findings(text: QQuickItem) -> list[Finding]:
    """What is wrong with a Text on its own: cut, too wide for its width, fitted smaller."""
    out: list[Finding] = []
    label, at = _label(text), where(text)
    if text.property("truncated"):
        out.append(Finding("truncated", label, at,
                           f"lines {text.property('lineCount')}/{text.property('maximumLineCount')}, "
                           f"width {text.width():.0f}"))
    no_wrap = _enum(text, "wrapMode") == 0
    cw = float(text.property("contentWidth"))
    if no_wrap and cw > text.width() + SLACK:
        out.append(Finding("too-wide", label, at, f"text {cw:.0f} px in a {text.width():.0f} px item"))
    if _enum(text, "fontSizeMode") != 0:
        font = text.property("font")
        lines = max(1, int(text.property("lineCount")))
        full = QFontMetricsF(font).height() * lines
        ch = float(text.property("contentHeight"))
        if ch < 0.92 * full:
            out.append(Finding("shrunk", label, at,
                               f"drawn {ch:.0f} px tall for {full:.0f} px ({font.pixelSize()} px font)"))
    return out


def _clip_rect(text: QQuickItem, window: QQuickWindow) -> QRectF:
    """The part of the window a Text can paint in: the window cut by every clipping ancestor."""
    r = QRectF(0, 0, window.width(), window.height())
    node = text.parentItem()
    while node is not None:
        if node.clip():
            r = r.intersected(scene_rect(node))
        node = node.parentItem()
    return r


def scroll_reach(flick: QQuickItem) -> QRectF:
    """A Flickable's content area in its contentItem's coordinates (-1: the view's own size)."""
    cw, ch = float(flick.property("contentWidth")), float(flick.property("contentHeight"))
    return QRectF(float(flick.property("originX")), float(flick.property("originY")),
                  cw if cw >= 0 else flick.width(), ch if ch >= 0 else flick.height())


def box_findings(text: QQuickItem, window: QQuickWindow) -> list[Finding]:
    """Whether the painted text stays in every enclosing box up to its scroll view or the window."""
    out: list[Finding] = []
    glyphs = scene_rect(text, painted(text))
    node = text.parentItem()
    while node is not None:
        if node.inherits("QQuickFlickable"):
            content = node.property("contentItem")
            assert isinstance(content, QQuickItem)
            reach = scene_rect(content, scroll_reach(node))
            if not _inside(glyphs, reach):
                out.append(Finding("outside", _label(text), where(text),
                                   f"beyond what {node.objectName() or 'a scroll view'} can scroll to: "
                                   f"{_fmt(glyphs)} not in {_fmt(reach)}"))
            return out
        if node.inherits("QQuickRectangle") and node.width() > 0 and node.height() > 0 \
                and not _inside(glyphs, scene_rect(node)):
            out.append(Finding("outside", _label(text), where(text),
                               f"{_fmt(glyphs)} leaves its box {node.objectName() or type_name(node)} "
                               f"{_fmt(scene_rect(node))}"))
            return out
        node = node.parentItem()
    if not _inside(glyphs, QRectF(0, 0, window.width(), window.height())):
        out.append(Finding("outside", _label(text), where(text), f"{_fmt(glyphs)} leaves the window"))
    return out


def type_name(item: QObject) -> str:
    return item.metaObject().className().split("_QML")[0]


def _inside(inner: QRectF, outer: QRectF) -> bool:
    return (inner.left() >= outer.left() - SLACK and inner.top() >= outer.top() - SLACK
            and inner.right() <= outer.right() + SLACK and inner.bottom() <= outer.bottom() + SLACK)


def _fmt(r: QRectF) -> str:
    return f"[{r.left():.0f},{r.top():.0f} {r.width():.0f}×{r.height():.0f}]"


def overlap_findings(items: list[QQuickItem], window: QQuickWindow) -> list[Finding]:
    """Pairs of texts whose visible glyph areas intersect by more than the slack."""
    areas = []
    for t in items:
        r = scene_rect(t, painted(t)).intersected(_clip_rect(t, window))
        if r.width() > 0 and r.height() > 0:
            areas.append((t, r))
    out = []
    for i, (a, ra) in enumerate(areas):
        for b, rb in areas[i + 1:]:
            both = ra.intersected(rb)
            if both.width() > 2 * SLACK and both.height() > 2 * SLACK:
                out.append(Finding("overlap", _label(a), where(a),
                                   f"runs into {_label(b)!r} ({where(b)}) by {both.width():.0f}×{both.height():.0f} px"))
    return out


def paint_order(window: QQuickWindow) -> list[QQuickItem]:
    """The seen items in the order they are drawn (siblings by z, then as declared)."""
    out: list[QQuickItem] = []

    def visit(item: QQuickItem) -> None:
        if not item.isVisible():
            return
        out.append(item)
        for child in _uncovered(item.childItems(), window):
            visit(child)

    visit(window.contentItem())
    return out


def _ancestors(item: QQuickItem) -> set[int]:
    ids = set()
    node = item.parentItem()
    while node is not None:
        ids.add(id(node))
        node = node.parentItem()
    return ids


#: A painted box this thin (a rule, an accent bar, a scroll hint) covers nothing that matters.
THIN = 8


def _covers_window(item: QQuickItem, window: QQuickWindow) -> bool:
    r = scene_rect(item)
    return r.width() >= window.width() - 1 and r.height() >= window.height() - 1


def covered_findings(window: QQuickWindow) -> list[Finding]:
    """Texts and touch targets drawn over by a painted Rectangle that is neither their own
    background nor part of them (a bar, a panel or a button laid over them). A touch layer
    over the whole window (an overlay's catch-all) is not a target here."""
    order = paint_order(window)
    boxes = [(n, i, scene_rect(i).intersected(_clip_rect(i, window))) for n, i in enumerate(order)
             if i.inherits("QQuickRectangle") and shown(i) and i.property("color").alpha() > 0
             and min(i.width(), i.height()) > THIN]
    lineage = {id(i): _ancestors(i) for i in order}
    out = []
    for n, t in enumerate(order):
        is_text = t.inherits("QQuickText") and str(t.property("text") or "").strip()
        if not shown(t) or not (is_text or is_target(t)) or (not is_text and _covers_window(t, window)):
            continue
        area = scene_rect(t, painted(t) if is_text else None).intersected(_clip_rect(t, window))
        if area.isEmpty():
            continue
        for m, box, box_area in boxes:
            if m <= n or id(box) in lineage[id(t)] or id(t) in lineage[id(box)]:
                continue
            both = area.intersected(box_area)
            if both.width() > 2 * SLACK and both.height() > 2 * SLACK:
                out.append(Finding("covered", _label(t) if is_text else t.objectName() or type_name(t),
                                   where(t), f"{both.width():.0f}×{both.height():.0f} px under "
                                   f"{box.objectName() or type_name(box)} {_fmt(box_area)}"))
                break
    return out


def check(window: QQuickWindow) -> list[Finding]:
    """Every finding about the texts a resident can see."""
    items = texts(window)
    out: list[Finding] = []
    for t in items:
        out += own_findings(t)
        out += box_findings(t, window)
    out += overlap_findings(items, window)
    out += covered_findings(window)
    return out


def is_target(item: QQuickItem) -> bool:
    """Something a finger presses: an item with a TapHandler or a MouseArea."""
    return item.inherits("QQuickMouseArea") or any(c.inherits("QQuickTapHandler") for c in item.children())


def targets(window: QQuickWindow) -> dict[str, QRectF]:
    """Named touch targets a finger can reach now (seen, and inside their clip)."""
    out: dict[str, QRectF] = {}
    for item in seen(window):
        name = item.objectName()
        if not name or name in out or not is_target(item) or not shown(item):
            continue
        r = scene_rect(item)
        if _inside(r, _clip_rect(item, window)):
            out[name] = r
    return out


def fully_visible(item: QQuickItem, window: QQuickWindow) -> bool:
    """Shown and wholly inside the window and every clipping ancestor (at the current scroll)."""
    return shown(item) and _inside(scene_rect(item), _clip_rect(item, window))


def point_in(item: QQuickItem, x: float, y: float) -> QPointF:
    return item.mapToScene(QPointF(x, y))


#: A list shows at least this many whole rows (or all it has) before any scrolling.
MIN_ROWS = 2


def list_findings(window: QQuickWindow) -> list[Finding]:
    """Lists (ListView, GridView) on the top layer that show fewer than MIN_ROWS whole delegates."""
    out = []
    for view in seen(window):
        if not view.inherits("QQuickItemView") or not shown(view):
            continue
        count = int(view.property("count"))
        content = view.property("contentItem")
        assert isinstance(content, QQuickItem)
        box = scene_rect(view)
        whole = sum(1 for d in content.childItems() if shown(d) and _inside(scene_rect(d), box))
        if count and whole < min(MIN_ROWS, count):
            out.append(Finding("half-row", view.objectName() or type_name(view), where(view),
                               f"{whole} of {count} rows wholly visible in {box.height():.0f} px"))
    return out
