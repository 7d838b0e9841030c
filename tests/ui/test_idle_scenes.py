"""Idle and privacy: 还在使用吗？ countdown, reset to home, slow residents, attract screen."""

from __future__ import annotations

import pytest
from uihelpers import FakeClock, configure, find, tap, visible

from kiosk.session.idle import IdlePolicy
from ui.app import Ui, build_ui

pytestmark = pytest.mark.qt


@pytest.fixture()
def short_idle_ui(qtbot, factory, clock: FakeClock):  # type: ignore[no-untyped-def]
    configure(factory, idle__timeout_seconds=20, idle__countdown_seconds=5, idle__attract_seconds=60)
    u = build_ui(factory, windowed=True, clock=clock, start_timers=False)
    u.window.show()
    qtbot.waitExposed(u.window)
    yield u
    u.close()


def test_countdown_then_home_with_search_cleared(short_idle_ui: Ui, clock: FakeClock, qtbot) -> None:
    ui, c = short_idle_ui, short_idle_ui.controller
    tap(ui, "homeSearchEntry")
    tap(ui, "padKey_S")
    tap(ui, "padKey_B")
    tap(ui, "itemRow_SAMPLE-RS-001")
    assert c.screen == "item"
    clock.advance(19)
    c.tick()
    assert not visible(ui, "idleOverlay")
    clock.advance(2)
    c.tick()
    qtbot.waitUntil(lambda: visible(ui, "idleOverlay"))
    assert find(ui, "idleCountdown").property("text") == "4"
    clock.advance(4.5)
    c.tick()
    assert c.screen == "home"
    assert c.query == ""
    assert c.results_model.rowCount() == 0
    assert not visible(ui, "idleOverlay")
    c.goBack()  # no history survives the reset
    assert c.screen == "home"


def test_any_touch_keeps_the_session(short_idle_ui: Ui, clock: FakeClock, qtbot) -> None:
    ui, c = short_idle_ui, short_idle_ui.controller
    tap(ui, "homeSearchEntry")
    tap(ui, "padKey_Y")
    clock.advance(22)
    c.tick()
    qtbot.waitUntil(lambda: visible(ui, "idleContinue"))
    tap(ui, "idleContinue")
    assert not visible(ui, "idleOverlay")
    clock.advance(10)
    c.tick()
    assert c.screen == "search" and c.query == "y"


def test_home_without_input_shows_no_countdown(short_idle_ui: Ui, clock: FakeClock) -> None:
    c = short_idle_ui.controller
    clock.advance(22)
    c.tick()
    assert c.countdown == 0


def test_attract_after_long_idle_and_first_touch_only_wakes(short_idle_ui: Ui, clock: FakeClock, qtbot) -> None:
    ui, c = short_idle_ui, short_idle_ui.controller
    theme = c.themes_model.labels()[0]
    clock.advance(61)
    c.tick()
    qtbot.waitUntil(lambda: visible(ui, "attractScreen"))
    # A tap where a theme tile sits underneath only wakes the kiosk.
    tile = find(ui, f"themeTile_{theme}")
    from PySide6.QtCore import QPointF
    from uihelpers import tap_at

    tap_at(ui, tile.mapToScene(QPointF(tile.width() / 2, tile.height() / 2)))
    qtbot.waitUntil(lambda: not visible(ui, "attractScreen"))
    assert c.screen == "home"
    tap(ui, f"themeTile_{theme}")
    assert c.screen == "browse"


def test_slow_resident_gets_a_longer_timeout() -> None:
    policy = IdlePolicy(timeout=90, countdown=15, attract=300)
    policy.reset(0)
    t = 0.0
    for gap in (40, 45, 50, 42):  # reads slowly: ~45 s between touches
        t += gap
        policy.touch(t)
    assert policy.effective_timeout() == pytest.approx(4 * 43.5)  # four times the median gap
    assert policy.phase(t + 100) == ("active", 0)  # a quick resident would see the countdown at 90 s
    fast = IdlePolicy(timeout=90, countdown=15, attract=300)
    fast.reset(0)
    for i in range(1, 6):
        fast.touch(i * 3.0)
    assert fast.effective_timeout() == 90
    assert fast.phase(15 + 95)[0] == "countdown"


def test_stretch_is_capped_and_forgotten_on_reset() -> None:
    policy = IdlePolicy(timeout=60, countdown=10, attract=600)
    policy.reset(0)
    for i in range(1, 9):
        policy.touch(i * 59.0)
    assert policy.effective_timeout() == 180  # three times the configured time-out at most
    policy.reset(1000)
    assert policy.effective_timeout() == 60
