"""Random taps and flicks over every screen: nothing raises, nothing is logged as an error, memory stays flat."""

from __future__ import annotations

import gc
import logging
import random

import psutil
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from uihelpers import FakeClock, tap, visible

from ui.app import Ui

pytestmark = pytest.mark.qt

MB = 1024 * 1024


def flick(ui: Ui, rng: random.Random) -> None:
    w, h = ui.window.width(), ui.window.height()
    start = QPoint(rng.randrange(w), rng.randrange(h))
    end = QPoint(rng.randrange(w), rng.randrange(h))
    dx, dy = end.x() - start.x(), end.y() - start.y()
    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start, 0)
    for step in range(1, 6):
        QTest.mouseMove(ui.window, QPoint(start.x() + dx * step // 5, start.y() + dy * step // 5), 16)
    QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       end, 16)


def jump(ui: Ui, rng: random.Random, clock: FakeClock) -> None:
    """Go straight to a random screen so every scene gets its share of taps."""
    c = ui.controller
    choice = rng.randrange(6)
    if choice == 0:
        c.goHome()
    elif choice == 1:
        c.openSearch()
        c.search(rng.choice(["", "s", "sb", "gjj", "yb", "zzz", "社保", "公积金"]))
    elif choice == 2:
        c.openItem(rng.choice(["SAMPLE-RS-001", "SAMPLE-YB-001", "SAMPLE-RS-002"]))
    elif choice == 3:
        c.openTheme(rng.choice(c.themes_model.labels()))
    elif choice == 4:
        clock.advance(c.config["idle.timeout_seconds"] + 1)
        c.tick()
    else:
        clock.advance(c.config["idle.attract_seconds"] + 1)
        c.tick()


def settle() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


def warm_up(ui: Ui, clock: FakeClock) -> None:
    """Build every scene and load every input method once (the virtual keyboard loads its pinyin
    and cangjie dictionaries on first use, the handwriting pad its Zinnia model, 繁體 OpenCC's tables)."""
    c = ui.controller
    c.openSearch()
    tap(ui, "modeKeyboard")
    for locale in ("en_US", "zh_TW", "zh_CN"):
        tap(ui, "keyboardLanguage_" + locale)
    if visible(ui, "modeHandwriting"):
        tap(ui, "modeHandwriting")
    tap(ui, "modePad")
    for tag in ("zh-Hant", "en", "zh-Hans"):
        tap(ui, "language_" + tag)
    c.openItem("SAMPLE-RS-001")
    c.openTheme(c.themes_model.labels()[0])
    clock.advance(c.config["idle.attract_seconds"] + 1)
    c.tick()
    c.press(5, 500, on_control=False)  # the first touch only wakes the attract screen
    c.release(5, 500)
    c.goHome()


def monkey(ui: Ui, clock: FakeClock, actions: int, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(actions):
        r = rng.random()
        if r < 0.6:
            QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             QPoint(rng.randrange(ui.window.width()), rng.randrange(ui.window.height())))
        elif r < 0.9:
            flick(ui, rng)
        else:
            jump(ui, rng, clock)
        clock.advance(rng.uniform(0.2, 3))
        if n % 20 == 0:
            ui.controller.tick()
        QCoreApplication.processEvents()


def memory_growth(ui: Ui, clock: FakeClock, actions: int, seed: int) -> int:
    """Run the same random session twice; return how much the second run added (bytes).

    The first run fills the caches that are bounded by the catalogue (glyphs of every
    character shown, compiled QML, the pinyin dictionary); growth in the second, identical
    run is what a kiosk would leak per session.
    """
    warm_up(ui, clock)
    monkey(ui, clock, actions, seed)
    settle()
    baseline = psutil.Process().memory_info().rss
    monkey(ui, clock, actions, seed)
    settle()
    return psutil.Process().memory_info().rss - baseline


#: More than this added by a repeated session fails. What it measured, offscreen on the CI
#: machine (Qt 6.11.3, 2026-12-02), as growth in the second run (short 500, portrait 300,
#: long 4000 actions): before the QR fix 14.0, 19.5 and 59.4 MB; after it 0.7, 2.4 and 1.2 MB.
#: The growth was Qt leaking a large image loaded from a data: URL (the full-screen QR code,
#: ~1 MB each time it was enlarged: ui/backends/qrimage.py, tests/ui/test_qr_memory.py).
MAX_GROWTH = 8 * MB


def check(ui: Ui, clock: FakeClock, caplog, actions: int) -> None:
    caplog.set_level(logging.WARNING)
    growth = memory_growth(ui, clock, actions, seed=20261126)
    print(f"monkey {actions} actions: a repeated session added {growth / MB:.1f} MB")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]
    assert growth < MAX_GROWTH, f"memory grew by {growth / MB:.1f} MB in a repeated session"


def test_monkey_short(ui: Ui, clock: FakeClock, caplog) -> None:
    check(ui, clock, caplog, 500)


def test_monkey_short_portrait(portrait_ui: Ui, clock: FakeClock, caplog) -> None:
    check(portrait_ui, clock, caplog, 300)


@pytest.mark.slow
def test_monkey_long(ui: Ui, clock: FakeClock, caplog) -> None:
    check(ui, clock, caplog, 4000)
