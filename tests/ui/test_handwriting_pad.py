"""The 手写 pad in the real search scene: strokes drawn with mouse events on the pad item are
recognised by Zinnia (on the backend's worker thread) and a tapped candidate joins the query."""

from __future__ import annotations

import logging
import threading

import pytest
from conftest import close_ui
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from sessionhelpers import FakeClock
from uihelpers import TAP_GAP_S, find, make_ui, tap, tap_at, visible

from kiosk.access import handwriting
from ui.app import Ui
from ui.backends.handwriting import HandwritingPad

pytestmark = pytest.mark.qt

needs_zinnia = pytest.mark.skipif(not handwriting.available(), reason="Zinnia or its model is not installed")

# Strokes in stroke order, on a unit square (x right, y down): start and end of each straight part.
CHARACTERS = {
    "十": [[(0.12, 0.45), (0.88, 0.45)], [(0.5, 0.08), (0.5, 0.92)]],
    # A whole-square box is 囗 (the enclosure), so 口 is written as people write it: smaller.
    "口": [[(0.28, 0.28), (0.29, 0.72)], [(0.28, 0.28), (0.72, 0.27), (0.71, 0.72)], [(0.29, 0.7), (0.71, 0.7)]],
    "王": [[(0.2, 0.18), (0.8, 0.18)], [(0.26, 0.5), (0.74, 0.5)], [(0.5, 0.18), (0.5, 0.84)],
           [(0.14, 0.84), (0.86, 0.84)]],
}


def open_pad(ui: Ui, qtbot) -> None:  # type: ignore[no-untyped-def]
    tap(ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(ui, "modeHandwriting"))
    tap(ui, "modeHandwriting")
    qtbot.waitUntil(lambda: visible(ui, "handwritingPad"))


def draw(ui: Ui, strokes: list[list[tuple[float, float]]], steps: int = 12) -> None:
    """Draw ``strokes`` on the pad item with mouse press, moves and release, as a finger would."""
    pad = find(ui, "handwritingPad")
    w, h = pad.width(), pad.height()
    clock = ui.controller.clock
    for stroke in strokes:
        if isinstance(clock, FakeClock):
            clock.advance(TAP_GAP_S)  # a person lifts the finger between strokes
        points = []
        for (x0, y0), (x1, y1) in zip(stroke, stroke[1:], strict=False):
            points += [(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(steps)]
        points.append(stroke[-1])
        scene = [pad.mapToScene(QPointF(x * w, y * h)).toPoint() for x, y in points]
        QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scene[0])
        for p in scene[1:]:
            QTest.mouseMove(ui.window, p)
        QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scene[-1])


def candidate_buttons(ui: Ui) -> list[QQuickItem]:
    """The candidate buttons on screen, left to right (delegates of a replaced model excluded)."""
    found = []
    stack = [find(ui, "handwritingCandidates")]
    while stack:
        item = stack.pop()
        if item.objectName().startswith("handwritingCandidate_") and item.isVisible():
            found.append(item)
        stack.extend(item.childItems())
    return sorted(found, key=lambda b: b.mapToScene(QPointF(0, 0)).x())


def shown_candidates(ui: Ui) -> list[str]:
    return [b.property("text") for b in candidate_buttons(ui)]


def settled(ui: Ui, hw: HandwritingPad) -> bool:
    """Whether the pad shows the candidates of every stroke on it (as many as fit), and some."""
    shown = shown_candidates(ui)
    return not hw.property("busy") and bool(shown) and shown == hw.property("candidates")[:len(shown)]


@needs_zinnia
@pytest.mark.parametrize("char", list(CHARACTERS))
def test_drawn_character_is_among_the_candidates_and_a_tap_adds_it(ui: Ui, qtbot, char: str) -> None:
    open_pad(ui, qtbot)
    ui.controller.search("社保")
    draw(ui, CHARACTERS[char])
    hw = ui.engine.findChild(HandwritingPad)
    # The candidates of all the strokes (those of the first strokes may show meanwhile).
    qtbot.waitUntil(lambda: settled(ui, hw), timeout=5000)
    assert char in shown_candidates(ui)
    button = next(b for b in candidate_buttons(ui) if b.property("text") == char)
    assert button.height() >= 60 and button.width() >= 60
    ui.controller.clock.advance(TAP_GAP_S)
    tap_at(ui, button.mapToScene(QPointF(button.width() / 2, button.height() / 2)))
    assert ui.controller.query == "社保" + char
    qtbot.waitUntil(lambda: shown_candidates(ui) == [])  # the pad is empty for the next character


def write_shi(ui: Ui, qtbot) -> HandwritingPad:  # type: ignore[no-untyped-def]
    """Open the pad, write 十 and wait for it among the candidates; the pad's backend."""
    open_pad(ui, qtbot)
    draw(ui, CHARACTERS["十"])
    hw = ui.engine.findChild(HandwritingPad)
    qtbot.waitUntil(lambda: settled(ui, hw))
    assert "十" in shown_candidates(ui)
    return hw


@needs_zinnia
def test_undo_and_clear(ui: Ui, qtbot) -> None:
    hw = write_shi(ui, qtbot)
    assert len(hw.property("strokes")) == 2
    tap(ui, "handwritingUndo")
    assert len(hw.property("strokes")) == 1
    qtbot.waitUntil(lambda: settled(ui, hw))
    assert "十" not in shown_candidates(ui)  # what the first stroke (一) alone looks like
    tap(ui, "handwritingClear")
    assert hw.property("strokes") == []
    qtbot.waitUntil(lambda: shown_candidates(ui) == [])
    assert ui.controller.query == ""  # neither button types anything


@needs_zinnia
def test_strokes_and_candidates_are_never_logged(ui: Ui, qtbot, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    open_pad(ui, qtbot)
    draw(ui, CHARACTERS["王"])
    qtbot.waitUntil(lambda: "王" in shown_candidates(ui))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not any(c in logged for c in shown_candidates(ui))
    pad = find(ui, "handwritingPad")
    assert str(round(0.2 * pad.width())) not in logged


def test_no_zinnia_model_hides_the_pad(qtbot, factory, clock, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_ZINNIA_MODEL", str(tmp_path / "missing.model"))
    monkeypatch.setattr(handwriting, "_shared", None)  # as in a fresh process
    before = {t.ident for t in threading.enumerate()}
    ui = make_ui(qtbot, factory, clock)
    try:
        tap(ui, "homeSearchEntry")
        hw = ui.engine.findChild(HandwritingPad)
        qtbot.waitUntil(lambda: not hw._probing)  # the worker has answered
        assert hw.property("available") is False
        assert not visible(ui, "modeHandwriting")
        assert visible(ui, "modePad") and visible(ui, "modeKeyboard")  # the rest still works
        tap(ui, "padKey_S")
        assert ui.controller.query == "s"
    finally:
        close_ui(ui, before)


@needs_zinnia
def test_leaving_search_empties_the_pad_for_the_next_resident(ui: Ui, qtbot) -> None:
    hw = write_shi(ui, qtbot)
    tap(ui, "homeButton")
    assert ui.controller.screen == "home"
    qtbot.waitUntil(lambda: hw.property("strokes") == [] and hw.property("candidates") == [])
