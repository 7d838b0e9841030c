"""Feeds every touch on the kiosk window to the session's touch rules (kiosk.session.interaction).

The rules (debounce, attract wake-up, swipe is not a tap, technician gesture) are Qt-free;
this filter only turns Qt events into press/move/release calls, finds whether a press landed
on a control, and swallows a whole press-to-release sequence when the session says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QInputDevice, QMouseEvent, QTouchEvent, QWindow

from kiosk.session.interaction import in_corner
from ui.backends.resident import Controller

if TYPE_CHECKING:
    from PySide6.QtQuick import QQuickItem

_PRESS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
_RELEASE = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
_MOVE = (QEvent.Type.MouseMove, QEvent.Type.TouchUpdate)
#: Items that take a touch themselves (QML's MouseArea, text fields) ...
_CONTROL_ITEMS = ("QQuickMouseArea", "QQuickTextInput", "QQuickTextEdit")
#: ... and pointer handlers that make their parent item a control (TapHandler and the like).
_CONTROL_HANDLERS = ("QQuickTapHandler", "QQuickDragHandler", "QQuickPointHandler", "QQuickWheelHandler",
                     "QQuickPinchHandler")


def _inherits(obj: QObject, names: tuple[str, ...]) -> bool:
    meta = obj.metaObject()
    while meta is not None:
        if meta.className() in names:
            return True
        meta = meta.superClass()
    return False


def _is_control(item: QQuickItem) -> bool:
    if _inherits(item, _CONTROL_ITEMS):
        return True
    return any(_inherits(child, _CONTROL_HANDLERS) for child in item.children())


def on_control(window: QWindow, pos: QPointF) -> bool:
    """True when a visible, enabled item that takes touches itself lies under scene position ``pos``.

    As Qt delivers a press to every item under the finger until one takes it, a plain
    Rectangle on top (a scene background, an empty Loader) does not hide a button below.
    PySide6.QtQuick is imported here, on the first press that needs it, not at start-up
    (the window may be wrapped as a plain QWindow, hence the ``contentItem`` property).
    """
    import PySide6.QtQuick  # noqa: F401 - types the items below as QQuickItem

    stack: list[QQuickItem] = [window.property("contentItem")]
    while stack:
        item = stack.pop()
        if not item.isVisible() or not item.isEnabled():
            continue
        if _is_control(item) and item.contains(item.mapFromScene(pos)):
            return True
        stack.extend(item.childItems())
    return False


class TouchWatcher(QObject):
    """An event filter on the QQuickWindow; a swallowed press swallows its moves and release too."""

    def __init__(self, controller: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._swallowing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonDblClick:
            return self._swallowing
        # A touch screen sends TouchBegin and, if unaccepted, mouse events synthesised from it:
        # the touch events already told the session.
        if isinstance(event, QMouseEvent) and event.device().type() == QInputDevice.DeviceType.TouchScreen:
            return self._swallowing
        pos = _position(event)
        if kind in _PRESS and pos is not None:
            # Only the technician gesture asks whether a press hit a control, and only in its corner.
            hit = in_corner(pos.x(), pos.y()) and isinstance(watched, QWindow) and on_control(watched, pos)
            self._swallowing = not self._controller.press(pos.x(), pos.y(), on_control=hit)
            return self._swallowing
        if kind in _MOVE and pos is not None:
            self._controller.move(pos.x(), pos.y())
            return self._swallowing
        if kind in _RELEASE:
            swallowed, self._swallowing = self._swallowing, False
            if pos is not None:
                self._controller.release(pos.x(), pos.y())
            return swallowed
        return False


def _position(event: QEvent) -> QPointF | None:
    if isinstance(event, QMouseEvent):
        return event.scenePosition()
    if isinstance(event, QTouchEvent) and event.points():
        return event.points()[0].scenePosition()
    return None
