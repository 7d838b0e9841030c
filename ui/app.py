"""Start the resident UI: Qt application, fonts, QML engine, controller, window."""

from __future__ import annotations

import gc
import linecache
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QSocketNotifier, QTimer, QTranslator
from PySide6.QtGui import QColor, QCursor, QFont, QGuiApplication, QImage, QPixmap, QWindow
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.access.script import Language
from kiosk.catalogue.store import SnapshotStore
from kiosk.paths import ASSETS_DIR, HomeLayout
from kiosk.state import read_state, update_state
from ui.backends import helpdesk, qrimage, speech  # noqa: F401 - registers QML's HelpDesk, Qr and Speech
from ui.backends.brand import BrandBackend
from ui.backends.handwriting import HandwritingPad
from ui.backends.resident import Controller
from ui.boot import load_extension_fonts, load_fonts, prepare_environment, start_application

if TYPE_CHECKING:
    # Main.qml's window is a QQuickWindow; at run time PySide6 wraps it as the QWindow it
    # also is, as long as nothing imports PySide6.QtQuick (its bindings, with QtOpenGL's,
    # are ~3 MiB that a resident's session never needs: see ui/backends/qrimage.py). Its
    # signals (frameSwapped) work on either wrapper; grabbing a picture re-wraps it.
    from PySide6.QtQuick import QQuickWindow

    from ui.backends.admin import AdminController
    from ui.backends.touch import TouchWatcher

log = logging.getLogger("ui.app")

#: The QML import path: ``Kiosk/`` under it is the module (qmldir) the scenes make up.
QML_DIR = Path(__file__).resolve().parent / "qml"
QML_MODULE = "Kiosk"
#: Where Qt Virtual Keyboard finds the kiosk's style (QtQuick/VirtualKeyboard/Styles/kiosk/style.qml).
KEYBOARD_STYLE_DIR = QML_DIR / "keyboard"
TRANSLATIONS_DIR = ASSETS_DIR / "translations"


@dataclass(eq=False)
class Ui:
    """One running resident UI (tests and ``kiosk screenshot`` build it without app.exec()).

    ``window`` is the QML root window (Main.qml); ``controller`` is QML's ``Resident``.
    """

    engine: QQmlApplicationEngine
    controller: Controller
    window: QQuickWindow
    translator: QTranslator | None
    #: Watches touches (idle timing, attract wake-up, technician gesture) from the first frame on.
    watcher: TouchWatcher | None = None
    #: True once the technician screen's backend has been created (or found broken).
    admin_ready: bool = False
    #: True once the first frame was shown (see build_ui).
    first_frame_seen: bool = False
    #: Called once, after the first frame is on screen.
    on_first_frame: list[Callable[[], object]] = field(default_factory=list)

    def ensure_admin(self) -> None:
        """Create QML's ``Technician`` (the technician screen's backend) on the first gesture.

        Not at start-up: nothing of it is needed until a technician asks. Main.qml opens the
        screen only when ``adminReady`` is true; a module that fails to load is logged at ERROR
        and recorded for ``kiosk doctor`` (see :func:`_import_admin`).
        """
        if self.admin_ready or not shiboken6.isValid(self.engine):
            return
        self.admin_ready = True
        admin = _admin_controller(self.controller)
        if admin is not None:
            admin.setParent(self.engine)  # where AdminController.create finds it
        self.window.setProperty("adminReady", admin is not None)

    def watch_touches(self) -> None:
        """Install the touch watcher on the window (build_ui does it after the first frame)."""
        if self.watcher is not None or not shiboken6.isValid(self.window):
            return
        # Imported here, after the first frame: building its Qt event and enum types takes
        # about 30 ms, which the first frame would wait for (measured on Debian's python3.11, 2026-12).
        from ui.backends.touch import TouchWatcher

        self.watcher = TouchWatcher(self.controller, self.window)
        self.window.installEventFilter(self.watcher)

    def close(self) -> None:
        app = QGuiApplication.instance()
        if self.translator is not None and app is not None:  # the next UI in this process starts afresh
            app.removeTranslator(self.translator)
            self.translator.deleteLater()
            self.translator = None
        if shiboken6.isValid(self.controller):
            self.controller.shutdown()
        if shiboken6.isValid(self.engine):
            for pad in self.engine.findChildren(HandwritingPad):
                pad.shutdown()  # waits for a recognition under way on its worker thread
        if shiboken6.isValid(self.window):
            if self.watcher is not None:
                self.window.removeEventFilter(self.watcher)
            self.window.close()
        if shiboken6.isValid(self.engine):
            self.engine.deleteLater()

    def set_language(self, language: str) -> None:
        """Switch the UI language now: a tag or locale name (zh-Hans/zh_CN is the source: no translator)."""
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        if self.translator is not None:
            app.removeTranslator(self.translator)
            self.translator.deleteLater()  # parented to the application: it would live on with its .qm
            self.translator = None
        self.translator = _translator(app, language)
        if shiboken6.isValid(self.engine):
            self.engine.retranslate()

    def grab(self) -> QImage:
        """Render the window now and return the picture (works on the offscreen platform).

        Needs the window wrapped as a QQuickWindow: import PySide6.QtQuick before build_ui
        (``screenshot`` and the tests do; kiosk-ui does not).
        """
        from PySide6.QtQuick import QQuickWindow

        if not isinstance(self.window, QQuickWindow):
            raise RuntimeError("grab() needs PySide6.QtQuick imported before build_ui")
        wait_for_frame(self.window)
        return self.window.grabWindow()


def wait_for_frame(window: QQuickWindow, timeout_ms: int = 3000) -> None:
    """Run the event loop until the window has drawn a frame (or ``timeout_ms`` passed)."""
    loop = QEventLoop()
    window.frameSwapped.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    window.update()
    loop.exec()
    window.frameSwapped.disconnect(loop.quit)


def _import_admin(layout: HomeLayout) -> type[AdminController] | None:
    """The technician screen's backend class, or None (logged at ERROR, recorded for ``kiosk doctor``).

    build_ui calls this before any scene loads: importing the module registers QML's
    ``Technician`` (a QML type registered once scenes exist breaks the types they use).
    """
    try:
        from ui.backends.admin import AdminController
    except Exception as exc:  # a broken install must not stop the resident UI
        log.exception("technician screen unavailable: the five-tap gesture opens nothing")
        _record_ui_problem(layout, f"technician screen unavailable: {type(exc).__name__}: {exc}")
        return None
    return AdminController


def _admin_controller(controller: Controller) -> QObject | None:
    """The technician screen's backend object, or None (logged at ERROR, recorded for ``kiosk doctor``)."""
    layout = controller.context().layout
    cls = _import_admin(layout)
    if cls is None:
        return None
    try:
        admin = cls(controller.context())
    except Exception as exc:  # the technician screen must never stop the resident UI
        log.exception("technician screen unavailable: the five-tap gesture opens nothing")
        _record_ui_problem(layout, f"technician screen unavailable: {type(exc).__name__}: {exc}")
        return None
    _record_ui_problem(layout, None)
    return admin


def _record_ui_problem(layout: HomeLayout, detail: str | None) -> None:
    """Set (or clear) ``ui_problem`` in state.json, which ``kiosk doctor`` shows as a FAIL."""
    try:
        if detail is None:
            if read_state(layout).get("ui_problem"):
                update_state(layout, ui_problem=None)
            return
        update_state(layout, ui_problem={"part": "technician screen", "detail": detail,
                                         "at": datetime.now().astimezone().isoformat(timespec="seconds")})
    except OSError as exc:
        log.error("cannot record the UI problem in the state file: %s", exc)


def _translator(app: QGuiApplication, language: str) -> QTranslator | None:
    """Install kiosk_<locale>.qm for ``language`` (a tag or Qt locale name); None for 简体, the source."""
    lang = Language.parse(language)
    if lang is Language.ZH_HANS:
        return None
    translator = QTranslator(app)
    # kiosk_zh_HK.qm, kiosk_en.qm (en_US falls back to en): the same names lrelease writes.
    if translator.load(f"kiosk_{lang.qt_locale}", str(TRANSLATIONS_DIR)):
        app.installTranslator(translator)
        return translator
    log.warning("no translation for %s; showing Chinese", language)
    return None


def build_ui(
    layout: HomeLayout,
    *,
    size: tuple[int, int] = (1920, 1080),
    windowed: bool = True,
    clock: Callable[[], float] | None = None,
    start_timers: bool = True,
    family: str | None = None,
) -> Ui:
    """Create the engine, controller and window inside an existing QGuiApplication."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication), "create the QGuiApplication first"
    layout.ensure()
    if family is None:
        family = load_fonts()
    font = QFont(family)
    app.setFont(font)
    store = SnapshotStore(layout)
    controller = Controller(layout, store, clock=clock) if clock else Controller(layout, store)
    translator = _translator(app, str(controller.session.display().language))
    hide_cursor = not controller.config["display.cursor"] and not windowed

    _import_admin(layout)  # registers QML's Technician now; the object comes on the first gesture
    engine = QQmlApplicationEngine()
    engine.addImportPath(str(QML_DIR))
    engine.addImportPath(str(KEYBOARD_STYLE_DIR))  # only a path: the keyboard loads on first use
    # Emitted just before admin_requested (which QML handles): the technician screen's backend
    # exists before Main.qml opens its scene.
    holder: list[Ui] = []

    def prepare_admin() -> None:
        if holder:
            holder[0].ensure_admin()

    controller.admin_preparing.connect(prepare_admin)
    controller.setParent(engine)  # where Controller.create finds it: QML's Resident
    BrandBackend(controller, engine)  # QML's Brand (BrandBackend.create finds it)
    engine.setInitialProperties({"fontFamily": family, "windowed": windowed, "width": size[0], "height": size[1]})
    engine.loadFromModule(QML_MODULE, "Main")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QWindow):
        raise RuntimeError(f"{QML_DIR / QML_MODULE / 'Main.qml'} did not load")
    window = cast("QQuickWindow", roots[0])
    if start_timers:
        controller.start()
    ui = Ui(engine, controller, window, translator)
    holder.append(ui)
    controller.language_changed.connect(ui.set_language)

    def blank_cursor() -> None:
        # A cursor of one transparent pixel: what Qt.CursorShape.BlankCursor draws, without
        # naming the Qt namespace, which PySide6 builds whole on first use (~1 MiB for life).
        pixel = QPixmap(1, 1)
        pixel.fill(QColor(0, 0, 0, 0))
        app.setOverrideCursor(QCursor(pixel))

    if hide_cursor:
        ui.on_first_frame.append(blank_cursor)
    ui.on_first_frame.append(load_extension_fonts)

    # With the threaded render loop (xcb, eglfs) frameSwapped comes from the render thread
    # as queued calls, so several can be pending: act on the first one only.
    def after_first_frame() -> None:
        if ui.first_frame_seen:
            return
        ui.first_frame_seen = True
        window.frameSwapped.disconnect(after_first_frame)
        # on_first_frame (the cursor, what ui.run adds), then the touch watcher, and last the
        # catalogue itself (home may have been drawn from kiosk.session.homecache). All run before
        # the event loop delivers any touch.
        for callback in [*ui.on_first_frame, ui.watch_touches, controller.finish_start]:
            try:
                callback()
            except Exception:  # one failing step must not keep the others (READY=1) from running
                log.exception("after the first frame: %r failed", callback)

    window.frameSwapped.connect(after_first_frame)
    return ui


def _collect_from_now_on() -> None:
    """Re-enable the garbage collector (kiosk-ui starts without it), sparing start-up's objects."""
    if not gc.isenabled():
        gc.collect()
        gc.freeze()  # what start-up built lives as long as the process: never scan it again
        gc.enable()


def notify_ready() -> None:
    """Tell systemd (``Type=notify``) that the resident UI is up: its first frame is on screen.

    The sd_notify protocol: one datagram to the socket in $NOTIFY_SOCKET ("@" means the
    abstract namespace). Without $NOTIFY_SOCKET (a technician's ``kiosk run``) it does nothing.
    """
    address = os.environ.pop("NOTIFY_SOCKET", "")  # not inherited by print jobs and the like
    if not address:
        return
    target = "\0" + address[1:] if address.startswith("@") else address
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(target)
            sock.sendall(b"READY=1\nSTATUS=resident UI on screen")
    except OSError as exc:
        log.warning("could not tell systemd the UI is up (%s): %s", address, exc)


class _Stopper:
    """SIGTERM (``systemctl stop``, a shutdown) quits the event loop instead of killing the process.

    Python's default action for SIGTERM ends the process at once: a slip half sent to the
    printer, log records held until the log file opens, all lost. Here the Python-level
    handler asks the event loop to quit (the window closes, ``run`` returns 0). While Qt
    waits for events no Python runs, so the signal also wakes the loop: Python writes the
    signal number to a socket that a QSocketNotifier watches.

    :meth:`install` runs just after the first frame; a SIGTERM before then still ends the
    process the default way.
    """

    def __init__(self, app: QGuiApplication) -> None:
        self.app = app
        self.signal: int | None = None
        self._keep: tuple[Any, ...] = ()

    def _handle(self, signum: int, _frame: object) -> None:
        self.signal = signum
        self.app.quit()

    def install(self) -> None:
        signal.signal(signal.SIGTERM, self._handle)
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self.app)
        notifier.activated.connect(lambda: reader.recv(64))  # the handler has run by now
        self._keep = (reader, writer, notifier)


def _process_age() -> float:
    """Seconds since this process started (Linux: /proc), else 0: what a technician compares."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            # Field 22, counted after the command name in parentheses (which may hold spaces).
            start_ticks = int(fh.read().rpartition(b")")[2].split()[19])
        return max(0.0, time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


def _install_excepthook(ui: Ui) -> None:
    """Any exception that escapes to Qt is logged, apologised for, and the UI goes home."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        log.error("unhandled exception in the UI", exc_info=(kind, value, tb))
        ui.controller.apologise()

    sys.excepthook = hook


def run(
    layout: HomeLayout,
    *,
    windowed: bool,
    size: tuple[int, int] | None,
    after_first_frame: Sequence[Callable[[], object]] = (),
    started: tuple[QGuiApplication, str] | None = None,
) -> int:
    """Run the resident UI until the window closes (a kiosk runs forever).

    ``after_first_frame`` runs once the first frame is on screen, just after systemd is told.
    ``started`` is what ui.boot.start_application returned, if the caller began with it.
    """
    began = time.monotonic() - _process_age()
    app, family = started if started is not None else start_application()
    if size is None:
        screen = app.primaryScreen().size()
        size = (screen.width(), screen.height())
    ui = build_ui(layout, size=size, windowed=windowed, family=family)
    # systemd hears first: the resident sees the screen now, whatever follows (the log
    # file's handler alone imports ~5 ms of modules).
    stopper = _Stopper(app)
    ui.on_first_frame[:0] = [notify_ready, stopper.install]
    ui.on_first_frame.append(lambda: log.info("resident UI up: first frame %.2f s after the process started",
                                              time.monotonic() - began))
    ui.on_first_frame.extend(after_first_frame)
    # Source lines read while starting: PySide6's import hook reads each module imported after
    # it through inspect.getsource, which keeps every line in linecache (PYSIDE-2029; about
    # 1 MiB for the kiosk's modules). Nothing needs them now; a traceback reads its own again.
    ui.on_first_frame.append(linecache.clearcache)
    ui.on_first_frame.append(_collect_from_now_on)
    _install_excepthook(ui)
    guards: list[Any] = []
    monitors: list[Any] = []
    address = os.environ.get("NOTIFY_SOCKET", "")  # notify_ready takes it out of the environment

    def monitor() -> None:
        """The watchdog and the heartbeat, from the first frame on (systemd arms the watchdog at
        READY=1). ui.systemd builds PySide6's Qt namespace, ~26 ms on Debian's python3 (2026-12-02)."""
        from ui.systemd import start_monitoring

        monitors.append(start_monitoring(app, ui.window, layout, lambda: str(ui.controller.property("screen")),
                                         lambda: ui.controller.session.live.in_use, address))

    def guard() -> None:
        """No close request or quit shortcut ends the kiosk (from the first frame on: ui.window
        imports PySide6's Qt namespace, ~26 ms on Debian's python3, 2026-12-02)."""
        from ui.window import guard_window

        guards.append(guard_window(app, ui.window))

    ui.on_first_frame.insert(2, guard)
    ui.on_first_frame.insert(3, monitor)
    if windowed:
        ui.window.show()
    else:
        ui.window.showFullScreen()
    code = app.exec()
    for m in monitors:
        m.stop()
    for g in guards:
        g.allowed = True
    if stopper.signal is not None:
        log.info("stopping: signal %d", stopper.signal)
    ui.close()
    return code


def show_screen(ui: Ui, screen: str) -> None:
    """Put the UI on a named screen: home, search:QUERY, item:CODE, browse:THEME, idle, attract, outofservice."""
    c = ui.controller
    name, _, arg = screen.partition(":")
    if name == "home":
        c.goHome()
    elif name == "search":
        c.openSearch()
        c.search(arg)
    elif name == "item":
        if c.catalogue is not None:
            c.catalogue.item(arg)  # raises ItemNotFound for a wrong code
        c.openItem(arg)
    elif name == "browse":
        c.openTheme(arg)
    elif name == "idle":
        c.openSearch()
        c.search(arg or "sb")
        c.pose("idle")
    elif name == "attract":
        c.pose("attract")
    elif name == "outofservice":
        c.pose("outofservice")
    else:
        raise ValueError(f"unknown screen {screen!r}")


def screenshot(layout: HomeLayout, out: Path, *, size: tuple[int, int], screen: str,
               language: str | None = None) -> Path:
    """Render one screen offscreen to a PNG file, in ``language`` (a tag; None: the configured one)."""
    import PySide6.QtQuick  # noqa: F401 - the window is grabbed as a QQuickWindow (Ui.grab)

    prepare_environment(offscreen=True)
    app: Any = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ui = build_ui(layout, size=size, windowed=True, start_timers=False)
    try:
        ui.window.show()
        # The first frame first: what follows it (finish_start opens the catalogue when home
        # came from the cache, and leaves "outofservice" once it opens) must not undo the screen.
        wait_for_frame(ui.window)
        show_screen(ui, screen)
        if language is not None:  # after the screen: going home is a way out, which resets it
            ui.controller.session.nav.set_language(Language.parse(language))
            ui.controller.mirror()
        wait_for_frame(ui.window)
        image = ui.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        saved = image.save(str(out), "PNG")  # type: ignore[call-overload]  # PySide6 6.11 stub: format as bytes
        if not saved:
            raise OSError(f"could not write {out}")
    finally:
        ui.close()
        app.processEvents()
    return out
