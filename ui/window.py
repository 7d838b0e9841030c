"""A window residents cannot close, minimise or shrink.

A window manager's close button or Alt+F4 arrives as a close event; Ctrl+Q and Ctrl+W as
key presses. All are swallowed. (A quit from inside, on SIGTERM, still closes the window.)
A window manager may also minimise the window, take it out of full screen or hide it
(another desktop): the guard puts it back, full screen and on top, within a moment. The only
way out is :func:`technician_exit`, which the technician screen calls: it exits with
``ExitCode.TECHNICIAN_EXIT``, the one code the systemd unit does not restart
(``RestartPreventExitStatus``); any other exit is restarted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow

from kiosk.errors import ExitCode

log = logging.getLogger("ui.window")

# Key and modifier as Qt combines them (QKeyCombination::toCombined), as plain numbers: naming
# them (Qt.Key.Key_F4) builds PySide6's whole Qt namespace, ~1 MiB that the kiosk keeps for
# life for three comparisons. The values are Qt's ABI (qnamespace.h); a test checks them. For
# the same reason the window's state is read as its QWindow.Visibility, not its Qt.WindowState.
_ALT, _CTRL, _KEYPAD = 0x08000000, 0x04000000, 0x20000000
_KEY_F4, _KEY_Q, _KEY_W = 0x01000033, 0x51, 0x57
_QUIT_KEYS = frozenset({_ALT | _KEY_F4, _CTRL | _KEY_Q, _CTRL | _KEY_W})


#: How soon a minimised, shrunk or hidden window is shown again (ms): long enough for the
#: window manager to finish what it was doing, short enough that nobody is left at a desktop.
RESTORE_MS = 300


class CloseGuard(QObject):
    """Event filter on the kiosk window.

    Attributes: ``refused`` counts the requests ignored, ``restored`` the times the window
    was put back (minimised, out of full screen, hidden by the window manager).
    """

    def __init__(self, window: QWindow, *, full_screen: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.allowed = False
        self.refused = 0
        self.restored = 0
        self.full_screen = (window.visibility() == QWindow.Visibility.FullScreen
                            if full_screen is None else full_screen)
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.setInterval(RESTORE_MS)
        self._restore.timeout.connect(self._on_restore_timeout)
        # minimised, out of full screen and hidden all change the visibility
        window.visibilityChanged.connect(self._on_window_state_changed)
        window.installEventFilter(self)

    def _wrong(self) -> str:
        """What is wrong with how the window is shown ("" when nothing is)."""
        shown = self.window.visibility()
        if shown == QWindow.Visibility.Minimized:
            return "minimised"
        if shown == QWindow.Visibility.Hidden or not self.window.isExposed():
            return "hidden"
        if self.full_screen and shown != QWindow.Visibility.FullScreen:
            return "out of full screen"
        return ""

    def _on_window_state_changed(self, *_args: object) -> None:
        if not self.allowed and self._wrong() and not self._restore.isActive():
            self._restore.start()

    def _on_restore_timeout(self) -> None:
        wrong = self._wrong()
        if self.allowed or not wrong:
            return
        self.restored += 1
        if self.restored <= 10 or self.restored % 100 == 0:  # a window manager that insists: no flood
            log.info("window %s: shown again (%d so far)", wrong, self.restored)
        if wrong == "hidden":
            # Mapped again, as a new window: the window manager puts it on the desktop in view
            # (raise and an activation request alone leave it on the other desktop).
            self.window.hide()
        if self.full_screen:
            self.window.showFullScreen()
        else:
            self.window.showNormal()
        self.window.raise_()
        self.window.requestActivate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Expose and watched is self.window:
            # Unmapped without a state change: the window manager moved it to another desktop.
            self._on_window_state_changed()
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
