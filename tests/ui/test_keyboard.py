"""The kiosk's own keyboard style and the 手写 pad, driven in the real search scene offscreen."""

from __future__ import annotations

import pytest
from uihelpers import find, tap, visible

from ui.app import Ui

pytestmark = pytest.mark.qt


def open_keyboard(ui: Ui, qtbot) -> object:  # type: ignore[no-untyped-def]
    tap(ui, "homeSearchEntry")
    tap(ui, "modeKeyboard")
    qtbot.waitUntil(lambda: visible(ui, "virtualKeyboard"))
    return find(ui, "keyboardPanel")


def test_explore(ui: Ui, qtbot) -> None:
    panel = open_keyboard(ui, qtbot)
    style = panel.property("keyboardStyle")
    print("style", panel.property("styleName"), style.property("styleId"), panel.property("keysHeight"), panel.height(), find(ui, "virtualKeyboard").height())
    img = ui.grab()
    img.save("/tmp/kbx/explore.png")
