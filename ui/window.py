"""A window residents cannot close: close requests and quit shortcuts are ignored.

A window manager's close button or Alt+F4 arrives as a close event; Ctrl+Q and Ctrl+W as
key presses. All are swallowed. (A quit from inside, on SIGTERM, still closes the window.) The only way out is :func:`technician_exit`, which the
technician screen calls: it exits with ``ExitCode.TECHNICIAN_EXIT``, the one code the
systemd unit does not restart (``RestartPreventExitStatus``); any other exit is restarted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow

from kiosk.errors import ExitCode

log = logging.getLogger("ui.window")

# Key and modifier as Qt combines them (QKeyCombination::toCombined), as plain numbers: naming
# them (Qt.Key.Key_F4) builds PySide6's whole Qt namespace, ~1 MiB that the kiosk keeps for
# life for three comparisons. The values are Qt's ABI (qnamespace.h); a test checks them.
_ALT, _CTRL, _KEYPAD = 0x08000000, 0x04000000, 0x20000000
_KEY_F4, _KEY_Q, _KEY_W = 0x01000033, 0x51, 0x57
_QUIT_KEYS = frozenset({_ALT | _KEY_F4, _CTRL | _KEY_Q, _CTRL | _KEY_W})


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
            if event.keyCombination().toCombined() & ~_KEYPAD in _QUIT_KEYS:
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
