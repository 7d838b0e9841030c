"""A kiosk that nobody touches must not redraw: cheap terminals run hot and slow otherwise.

Each scene is shown, given a moment to settle, then the frames swapped in the next
second are counted. Nothing animates at rest (the clock's text changes once a minute),
so at most one stray frame is allowed.
"""

from __future__ import annotations

import time

import pytest
from uihelpers import tap, visible

from ui.app import Ui

pytestmark = pytest.mark.qt

SETTLE_MS = 300
WINDOW_S = 1.0


def frames_while_idle(ui: Ui, qtbot) -> int:  # type: ignore[no-untyped-def]
    qtbot.wait(SETTLE_MS)
    count = [0]

    def swapped() -> None:
        count[0] += 1

    ui.window.frameSwapped.connect(swapped)
    end = time.monotonic() + WINDOW_S
    while time.monotonic() < end:
        qtbot.wait(20)
    ui.window.frameSwapped.disconnect(swapped)
    return count[0]


def test_home_search_and_item_scenes_stop_drawing_at_rest(ui: Ui, qtbot) -> None:
    assert frames_while_idle(ui, qtbot) <= 1

    tap(ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(ui, "initialsPad"))
    tap(ui, "padKey_S")
    tap(ui, "padKey_B")  # each key resets the results model
    assert ui.controller.results_model.rowCount() > 0
    assert frames_while_idle(ui, qtbot) <= 1

    ui.controller.openItem("SAMPLE-RS-001")
    qtbot.waitUntil(lambda: visible(ui, "itemScene"))
    assert frames_while_idle(ui, qtbot) <= 1

    ui.controller.goHome()
    assert frames_while_idle(ui, qtbot) <= 1
