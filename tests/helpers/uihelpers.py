"""Helpers for driving the Qt scenes in tests: a fake clock, finding and tapping items by objectName."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from sessionhelpers import FakeClock

from kiosk.configedit import set_value
from kiosk.paths import HomeLayout
from ui.app import Ui, build_ui


def configure(layout: HomeLayout, **values: object) -> None:
    for key, value in values.items():
        set_value(layout, key.replace("__", "."), value)


def lookup(ui: Ui, name: str) -> QQuickItem | None:
    """The visible item named ``name`` if any, else any item of that name (view delegates included)."""
    found: QQuickItem | None = None
    stack = [ui.window.contentItem()]
    while stack:
        item = stack.pop()
        if item.objectName() == name:
            if item.isVisible():
                return item
            found = found or item
        stack.extend(item.childItems())
    return found


def find(ui: Ui, name: str) -> QQuickItem:
    item = lookup(ui, name)
    assert item is not None, f"no item named {name!r} on screen"
    return item


def visible(ui: Ui, name: str) -> bool:
    item = lookup(ui, name)
    return item is not None and item.isVisible()


def tap_at(ui: Ui, point: QPointF | QPoint) -> None:
    p = point.toPoint() if isinstance(point, QPointF) else point
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)


#: What a finger takes between two taps by name: longer than the debounce
#: (kiosk.session.interaction.DEBOUNCE_S), as a person's taps are. Use tap_at for quicker taps.
TAP_GAP_S = 0.5


def tap(ui: Ui, name: str) -> None:
    """Tap the centre of the named item, as a finger would (a fake clock moves on TAP_GAP_S first)."""
    item = find(ui, name)
    assert item.isVisible(), f"{name!r} is not visible"
    clock = ui.controller.clock
    if isinstance(clock, FakeClock):
        clock.advance(TAP_GAP_S)
    tap_at(ui, item.mapToScene(QPointF(item.width() / 2, item.height() / 2)))


def make_ui(qtbot, layout: HomeLayout, clock: FakeClock, size=(1920, 1080)) -> Ui:  # type: ignore[no-untyped-def]
    ui = build_ui(layout, size=size, windowed=True, clock=clock, start_timers=False)
    ui.window.show()
    qtbot.waitExposed(ui.window)
    qtbot.waitUntil(lambda: ui.first_frame_seen)
    return ui


def end_by_idle(ui: Ui, qtbot, clock: FakeClock, way: str) -> None:  # type: ignore[no-untyped-def]
    """Let the idle prompt come up, then end the session: "idle" (it runs out) or "结束并返回"."""
    c = ui.controller
    clock.advance(c.session.idle.effective_timeout() + 1)
    c.tick()
    qtbot.waitUntil(lambda: visible(ui, "idleOverlay"))
    if way == "idle":
        clock.advance(c.config["idle.countdown_seconds"])
        c.tick()
    else:
        tap(ui, "idleHome")


def run_fresh_process(script: str, home: HomeLayout, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (Python source) in a new offscreen process on ``home``: argv[1] is its root.

    For what only a fresh process shows (what start-up loads, types registered before scenes);
    the helpers here are on its path.
    """
    path = tmp_path / "fresh.py"
    path.write_text(script, "utf-8")
    helpers = str(Path(__file__).resolve().parent)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home.root),
               PYTHONPATH=os.pathsep.join([helpers, os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, str(path), str(home.root)], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
