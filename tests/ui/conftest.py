"""Fixtures for the Qt scenes: offscreen platform, a built UI on a fresh $KIOSK_HOME, a fake clock."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator

import pytest

# Must be set before the QGuiApplication exists (pytest-qt creates it lazily).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
# Qt Virtual Keyboard pulls in Qt Multimedia (key sounds), which logs from its own thread
# when no PipeWire library exists; pytest-qt's Python message handler then waits for the GIL
# held by the main thread inside QTest and the test hangs. Qt's own VKB QML also warns about
# an override (PopupList.contentWidth, Qt 6.12). Neither is about this code.
# The pinyin plugin keeps a user dictionary under $XDG_CONFIG_HOME and warns (category
# qt.virtualkeyboard.pinyin) each time it first creates it; keep it out of the real home.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kiosk-ui-tests-")
os.environ["QT_LOGGING_RULES"] = (
    "qt.multimedia.*=false;qt.qml.propertyCache.append=false;qt.virtualkeyboard.pinyin.warning=false"
)

PySide6 = pytest.importorskip("PySide6")

# The scenes are grabbed and searched as Qt Quick items: with the bindings loaded, the window
# is wrapped as the QQuickWindow it is (kiosk-ui itself never loads them: see ui/app.py).
import PySide6.QtQuick  # noqa: E402, F401, F811
from PySide6.QtCore import QTimer  # noqa: E402
from uihelpers import FakeClock, make_ui  # noqa: E402

from kiosk.paths import HomeLayout  # noqa: E402
from ui.app import Ui  # noqa: E402

pytestmark = pytest.mark.qt


def close_ui(ui: Ui, threads_before: set[int]) -> None:
    """Close the UI and fail if it left a timer or a Python thread running (napari's leak guard)."""
    ui.close()
    running = [t.objectName() or repr(t) for t in ui.controller.findChildren(QTimer) if t.isActive()]
    assert not running, f"timers still running after close: {running}"
    leaked = [t.name for t in threading.enumerate() if t.ident not in threads_before]
    assert not leaked, f"threads still running after close: {leaked}"


@pytest.fixture()
def ui(qtbot, factory: HomeLayout, clock: FakeClock) -> Iterator[Ui]:  # type: ignore[no-untyped-def]
    before = {t.ident for t in threading.enumerate()}
    u = make_ui(qtbot, factory, clock)
    yield u
    close_ui(u, before)


@pytest.fixture()
def portrait_ui(qtbot, factory: HomeLayout, clock: FakeClock) -> Iterator[Ui]:  # type: ignore[no-untyped-def]
    before = {t.ident for t in threading.enumerate()}
    u = make_ui(qtbot, factory, clock, size=(1080, 1920))
    yield u
    close_ui(u, before)


