"""A window residents cannot close: close requests and quit shortcuts are ignored.

A window manager's close button or Alt+F4 arrives as a close event; Ctrl+Q and Ctrl+W as
key presses. All are swallowed. (A quit from inside, on SIGTERM, still closes the window.) The only way out is :func:`technician_exit`, which the
technician screen calls: it exits with ``ExitCode.TECHNICIAN_EXIT``, the one code the
systemd unit does not restart (``RestartPreventExitStatus``); any other exit is restarted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow

from kiosk.errors import ExitCode

log = logging.getLogger("ui.window")

_QUIT_KEYS = {
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
}


class CloseGuard(QObject):
    """Event filter on the kiosk window. Attributes: ``refused`` counts the requests ignored."""

    def __init__(self, window: QWindow) -> None:
        super().__init__(window)
        self.window = window
        self.allowed = False
        self.refused = 0
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Quit and watched is QGuiApplication.instance():
            # QGuiApplication.quit() (SIGTERM: systemctl stop, shutdown) closes every window
            # first, through the same close event a window manager sends: let those through.
            self.allowed = True
            return False
        if kind == QEvent.Type.Close and not self.allowed:
            event.ignore()
            self.refused += 1
            log.info("close request ignored (%d so far)", self.refused)
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if (Qt.Key(event.key()), mods) in _QUIT_KEYS:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.refused += 1
                    log.info("quit shortcut ignored")
                return True
        return False


_guard: list[CloseGuard] = []


def guard_window(app: QGuiApplication, window: QWindow) -> CloseGuard:
    """Install the guard; closing the last window no longer quits the application."""
    app.setQuitOnLastWindowClosed(False)
    guard = CloseGuard(window)
    app.installEventFilter(guard)
    _guard[:] = [guard]
    return guard


def technician_exit() -> None:
    """The technician's way out: let the window close and exit with TECHNICIAN_EXIT."""
    for guard in _guard:
        guard.allowed = True
    log.warning("technician exit: the unit will not restart the UI")
    QGuiApplication.exit(int(ExitCode.TECHNICIAN_EXIT))
