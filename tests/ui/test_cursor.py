"""Full screen hides the pointer (a touch kiosk has none); a technician's config brings it back."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from kiosk.paths import HomeLayout
from ui.app import build_ui

pytestmark = pytest.mark.qt


def _override_after_first_frame(qtbot, layout: HomeLayout, windowed: bool):  # type: ignore[no-untyped-def]
    ui = build_ui(layout, size=(800, 600), windowed=windowed, start_timers=False)
    try:
        ui.window.show()
        qtbot.waitUntil(lambda: ui.first_frame_seen)
        cursor = QGuiApplication.overrideCursor()
        return None if cursor is None else cursor.pixmap().toImage()
    finally:
        ui.close()
        while QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()


def test_full_screen_draws_no_pointer(qtbot, factory: HomeLayout) -> None:  # type: ignore[no-untyped-def]
    image = _override_after_first_frame(qtbot, factory, windowed=False)
    assert image is not None and not image.isNull(), "no cursor override: the pointer shows on the kiosk"
    alphas = {image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(image.height())}
    assert alphas == {0}, f"the cursor is not transparent: alpha values {sorted(alphas)}"


def test_windowed_and_configured_cursor_keep_the_pointer(qtbot, factory: HomeLayout) -> None:  # type: ignore[no-untyped-def]
    assert _override_after_first_frame(qtbot, factory, windowed=True) is None
    factory.config_file.write_text('[display]\ncursor = true\n', "utf-8")
    assert _override_after_first_frame(qtbot, factory, windowed=False) is None
