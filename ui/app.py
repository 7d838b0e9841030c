"""Start the resident UI: Qt application, fonts, QML engine, controller, window."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, QTranslator, QUrl
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.paths import ASSETS_DIR, FONTS_DIR, HomeLayout
from kiosk.store import SnapshotStore
from ui.controller import Controller
from ui.qrimage import QrImageProvider
from ui.touch import TouchWatcher

log = logging.getLogger("ui.app")

QML_DIR = Path(__file__).resolve().parent / "qml"
MAIN_QML = QML_DIR / "Main.qml"
ADMIN_QML = QML_DIR / "admin" / "AdminScene.qml"
TRANSLATIONS_DIR = ASSETS_DIR / "translations"
CJK_FAMILY = "Noto Sans CJK SC"


def prepare_environment(*, offscreen: bool = False) -> None:
    """Set what Qt reads at start-up; call before the QGuiApplication exists."""
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def load_fonts() -> str:
    """Register the bundled fonts; return the CJK family to use (bundled or the system's)."""
    families: list[str] = []
    if FONTS_DIR.is_dir():
        for path in sorted(FONTS_DIR.iterdir()):
            if path.suffix.lower() in (".otf", ".ttf", ".ttc"):
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id < 0:
                    log.warning("font %s could not be loaded", path)
                else:
                    families += QFontDatabase.applicationFontFamilies(font_id)
    if CJK_FAMILY in families or CJK_FAMILY in QFontDatabase.families():
        return CJK_FAMILY
    log.warning("font %r not found; Chinese text may not render", CJK_FAMILY)
    return families[0] if families else QGuiApplication.font().family()


@dataclass
class Ui:
    """One running resident UI (tests and ``kiosk screenshot`` build it without app.exec())."""

    engine: QQmlApplicationEngine
    controller: Controller
    window: QQuickWindow
    watcher: TouchWatcher
    translator: QTranslator | None
    #: True once the technician screen's controller has been created (or found missing).
    admin_ready: bool = False
    #: True once the first frame was shown (see build_ui).
    first_frame_seen: bool = False

    def ensure_admin(self) -> None:
        """Create ``adminController`` (deferred past the first frame: ui.admin imports are slow)."""
        if self.admin_ready or not shiboken6.isValid(self.engine):
            return
        self.admin_ready = True
        admin = _admin_controller(self.controller)
        if admin is not None:
            admin.setParent(self.engine)
        self.engine.rootContext().setContextProperty("adminController", admin)

    def close(self) -> None:
        if shiboken6.isValid(self.controller):
            self.controller.shutdown()
        if shiboken6.isValid(self.window):
            self.window.removeEventFilter(self.watcher)
            self.window.close()
        if shiboken6.isValid(self.engine):
            self.engine.deleteLater()

    def set_language(self, language: str) -> None:
        """Switch the UI language now (zh_CN is the source language: no translator)."""
        app = QGuiApplication.instance()
        if self.translator is not None:
            app.removeTranslator(self.translator)
            self.translator = None
        self.translator = _translator(app, language)
        if shiboken6.isValid(self.engine):
            self.engine.retranslate()

    def grab(self) -> QImage:
        """Render the window now and return the picture (works on the offscreen platform)."""
        wait_for_frame(self.window)
        return self.window.grabWindow()


def wait_for_frame(window: QQuickWindow, timeout_ms: int = 3000) -> None:
    loop = QEventLoop()
    window.frameSwapped.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    window.update()
    loop.exec()
    window.frameSwapped.disconnect(loop.quit)


def _admin_controller(controller: Controller) -> QObject | None:
    try:
        from ui.admin import AdminController
    except ImportError:
        return None
    try:
        return AdminController(controller.context())
    except Exception:  # the technician screen must never stop the resident UI
        log.exception("technician screen unavailable")
        return None


def _translator(app: QGuiApplication, language: str) -> QTranslator | None:
    if language == "zh_CN":
        return None
    translator = QTranslator(app)
    if translator.load(str(TRANSLATIONS_DIR / f"kiosk_{language}.qm")):
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
) -> Ui:
    """Create the engine, controller and window inside an existing QGuiApplication."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication), "create the QGuiApplication first"
    layout.ensure()
    family = load_fonts()
    font = QFont(family)
    app.setFont(font)
    controller = Controller(layout, SnapshotStore(layout), **({"clock": clock} if clock else {}))
    translator = _translator(app, controller.config["kiosk.language"])
    if not controller.config["display.cursor"] and not windowed:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)

    engine = QQmlApplicationEngine()
    engine.addImageProvider("qr", QrImageProvider())
    engine.rootContext().setContextProperty("adminController", None)  # see Ui.ensure_admin
    # Connected before QML loads, so it runs before Main.qml's handler opens the scene.
    holder: list[Ui] = []
    controller.admin_requested.connect(lambda: holder and holder[0].ensure_admin())
    controller.setParent(engine)
    engine.setInitialProperties(
        {
            "controller": controller,
            "fontFamily": family,
            "windowed": windowed,
            "adminSource": QUrl.fromLocalFile(str(ADMIN_QML)).toString() if ADMIN_QML.exists() else "",
            "width": size[0],
            "height": size[1],
        }
    )
    engine.load(QUrl.fromLocalFile(str(MAIN_QML)))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError(f"{MAIN_QML} did not load")
    window = roots[0]
    watcher = TouchWatcher(controller, window)
    window.installEventFilter(watcher)
    if start_timers:
        controller.start()
    ui = Ui(engine, controller, window, watcher, translator)
    holder.append(ui)
    controller.language_changed.connect(ui.set_language)
    # The technician gesture needs the admin controller at once (above); otherwise build it
    # after the first frame so it does not delay the resident's first screen.

    # With the threaded render loop (xcb, eglfs) frameSwapped comes from the render thread
    # as queued calls, so several can be pending: act on the first one only.
    def after_first_frame() -> None:
        if ui.first_frame_seen:
            return
        ui.first_frame_seen = True
        window.frameSwapped.disconnect(after_first_frame)
        QTimer.singleShot(0, ui.ensure_admin)

    window.frameSwapped.connect(after_first_frame)
    return ui


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


def run(layout: HomeLayout, *, windowed: bool, size: tuple[int, int] | None) -> int:
    """Run the resident UI until the window closes (a kiosk runs forever)."""
    prepare_environment()
    started = time.monotonic()
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("zizhuban-kiosk")
    if size is None:
        screen = app.primaryScreen().size()
        size = (screen.width(), screen.height())
    ui = build_ui(layout, size=size, windowed=windowed)
    _install_excepthook(ui)
    if windowed:
        ui.window.show()
    else:
        ui.window.showFullScreen()
    log.info("resident UI up in %.2f s", time.monotonic() - started)
    code = app.exec()
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
        c.show_countdown()
    elif name == "attract":
        c.show_attract()
    elif name == "outofservice":
        c.show_out_of_service()
    else:
        raise ValueError(f"unknown screen {screen!r}")


def screenshot(layout: HomeLayout, out: Path, *, size: tuple[int, int], screen: str) -> Path:
    """Render one screen offscreen to a PNG file."""
    prepare_environment(offscreen=True)
    app: Any = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ui = build_ui(layout, size=size, windowed=True, start_timers=False)
    try:
        ui.window.show()
        show_screen(ui, screen)
        wait_for_frame(ui.window)
        image = ui.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise OSError(f"could not write {out}")
    finally:
        ui.close()
        app.processEvents()
    return out
