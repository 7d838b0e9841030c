"""Watches every touch on the kiosk window: idle timing, attract wake-up, technician gesture."""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QInputDevice, QMouseEvent, QTouchEvent

from ui.backends.resident import Controller

#: The technician gesture: this many taps ...
ADMIN_TAPS = 5
#: ... within this many seconds ...
ADMIN_WINDOW_S = 3.0
#: ... inside this square at the top-left corner (px).
ADMIN_CORNER_PX = 120

_PRESS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
_RELEASE = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
_MOVE = (QEvent.Type.MouseMove, QEvent.Type.TouchUpdate, QEvent.Type.MouseButtonDblClick)


class TouchWatcher(QObject):
    """An event filter on the QQuickWindow.

    The first touch on the attract screen is swallowed (press, moves and release)
    so it only wakes the kiosk.
    """

    def __init__(self, controller: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._swallowing = False
        self._corner_taps: deque[float] = deque(maxlen=ADMIN_TAPS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _PRESS:
            return self._press(event)
        if self._swallowing and kind in _MOVE:
            return True
        if self._swallowing and kind in _RELEASE:
            self._swallowing = False
            return True
        return False

    def _press(self, event: QEvent) -> bool:
        # A touch screen sends TouchBegin and, if unaccepted, a mouse press synthesised from it.
        if isinstance(event, QMouseEvent) and event.device().type() == QInputDevice.DeviceType.TouchScreen:
            return self._swallowing
        now = time.monotonic()
        pos = _position(event)
        if pos is not None and pos.x() < ADMIN_CORNER_PX and pos.y() < ADMIN_CORNER_PX:
            self._corner_taps.append(now)
            if (len(self._corner_taps) == ADMIN_TAPS
                    and now - self._corner_taps[0] <= ADMIN_WINDOW_S):
                self._corner_taps.clear()
                self._controller.request_admin()
        else:
            self._corner_taps.clear()
        if self._controller.note_touch():
            self._swallowing = True
            return True
        return False


def _position(event: QEvent) -> QPointF | None:
    if isinstance(event, QMouseEvent):
        return event.position()
    if isinstance(event, QTouchEvent) and event.points():
        return event.points()[0].position()
    return None
