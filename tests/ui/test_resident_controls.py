"""The resident's own controls on the real scenes: text size and contrast on home, 帮助 everywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from uihelpers import FakeClock, configure, end_by_idle, find, make_ui, tap, visible

from kiosk.paths import HomeLayout
from kiosk.session.navigation import TEXT_SIZES
from ui.app import Ui
from ui.backends.helpdesk import HelpDeskBackend

pytestmark = pytest.mark.qt

ITEM = "SAMPLE-RS-001"


def theme_scale(ui: Ui) -> float:
    """The size home's clock is drawn at (Theme.fontTitle, so it follows Theme.scale)."""
    return float(find(ui, "clock").property("size"))


def window_colour(ui: Ui) -> str:
    return ui.window.property("color").name().lower()


# -- text size and contrast ----------------------------------------------------------------------


def test_text_size_steps_and_contrast_change_what_shows(ui: Ui, qtbot) -> None:
    c = ui.controller
    base = theme_scale(ui)
    assert visible(ui, "displayControls") and c.textSize == 0
    tap(ui, "textSize1")
    qtbot.waitUntil(lambda: theme_scale(ui) > base)
    assert c.fontScale == pytest.approx(TEXT_SIZES[1]) and c.textSize == 1
    tap(ui, "textSize2")
    qtbot.waitUntil(lambda: theme_scale(ui) == round(48 * TEXT_SIZES[2]))
    assert c.textSize == 2 and find(ui, "textSize2").property("kind") == "primary"
    tap(ui, "textSize0")
    qtbot.waitUntil(lambda: theme_scale(ui) == base)
    assert window_colour(ui) == "#eef3f9"
    tap(ui, "contrastToggle")
    qtbot.waitUntil(lambda: window_colour(ui) == "#000000")
    assert c.highContrast and find(ui, "contrastToggle").property("kind") == "primary"
    tap(ui, "contrastToggle")
    qtbot.waitUntil(lambda: window_colour(ui) == "#eef3f9")


@pytest.mark.parametrize("way", ["idle", "结束并返回"])
def test_text_size_and_contrast_end_with_the_session(ui: Ui, qtbot, clock: FakeClock, way: str) -> None:
    c = ui.controller
    base = theme_scale(ui)
    tap(ui, "textSize2")
    tap(ui, "contrastToggle")
    qtbot.waitUntil(lambda: window_colour(ui) == "#000000" and theme_scale(ui) > base)
    end_by_idle(ui, qtbot, clock, way)  # choices alone are worth the prompt
    qtbot.waitUntil(lambda: window_colour(ui) == "#eef3f9" and theme_scale(ui) == base)
    assert c.textSize == 0 and not c.highContrast and not visible(ui, "idleOverlay")


def test_the_controls_fit_beside_the_search_entry_in_portrait(portrait_ui: Ui, qtbot) -> None:
    controls, entry = find(portrait_ui, "displayControls"), find(portrait_ui, "homeSearchEntry")
    assert controls.y() >= entry.y() + entry.height()  # under the entry, not over it
    assert controls.x() >= 0 and controls.x() + controls.width() <= portrait_ui.window.width()


# -- 帮助 / 呼叫工作人员 ------------------------------------------------------------------------------


def help_backend(ui: Ui) -> HelpDeskBackend:
    found = ui.controller.findChild(HelpDeskBackend)
    assert found is not None
    return found


def kiosk_status(home: HomeLayout) -> dict:  # type: ignore[type-arg]
    env = dict(os.environ, KIOSK_HOME=str(home.root))
    proc = subprocess.run([sys.executable, "-m", "kiosk", "status", "--json"], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("screen", ["home", "search", "browse", "item", "outofservice"])
def test_a_help_button_on_every_screen(ui: Ui, qtbot, screen: str, sample_catalogue) -> None:
    c = ui.controller
    if screen == "search":
        c.openSearch()
    elif screen == "browse":
        c.openTheme(sample_catalogue.themes()[0][0])
    elif screen == "item":
        c.openItem(ITEM)
    elif screen == "outofservice":
        c.pose("outofservice")
    qtbot.waitUntil(lambda: c.screen == screen)
    qtbot.waitUntil(lambda: visible(ui, "helpButton"))
    tap(ui, "helpButton")
    qtbot.waitUntil(lambda: visible(ui, "helpCard"))


def test_the_overlay_shows_the_configured_desk_and_the_request_reaches_status(
        qtbot, factory: HomeLayout, clock: FakeClock) -> None:
    configure(factory, help__desk_location="一楼综合咨询台（示例）", help__desk_phone="020-0000 0000",
              kiosk__location="一楼大厅")
    ui = make_ui(qtbot, factory, clock)
    try:
        assert kiosk_status(factory)["help_requests"]["count"] == 0
        ui.controller.openItem(ITEM)
        qtbot.waitUntil(lambda: visible(ui, "itemName"))
        with qtbot.waitSignal(help_backend(ui).recorded, timeout=10000):
            tap(ui, "helpButton")
        assert find(ui, "helpLocation").property("value") == "一楼综合咨询台（示例）"
        assert find(ui, "helpPhone").property("value") == "020-0000 0000"
        assert find(ui, "helpKiosk").property("value") == "一楼大厅"
        assert find(ui, "helpGeneric").property("text") == "请到以下地点找工作人员，或拨打电话："
        status = kiosk_status(factory)["help_requests"]
        assert status["count"] == 1 and status["last_at"] and status["recent"][-1]["screen"] == "item"
        tap(ui, "helpClose")
        qtbot.waitUntil(lambda: not visible(ui, "helpCard"))
        assert ui.controller.screen == "item"  # closing help leaves the resident where they were
    finally:
        ui.close()


def test_without_configuration_no_desk_or_phone_is_invented(ui: Ui, qtbot, factory: HomeLayout) -> None:
    with qtbot.waitSignal(help_backend(ui).recorded, timeout=10000):
        tap(ui, "helpButton")
    assert find(ui, "helpGeneric").property("text") == "请向大厅工作人员求助"
    for name in ("helpLocation", "helpPhone", "helpKiosk"):
        assert not visible(ui, name)
    assert kiosk_status(factory)["help_requests"]["recent"][-1]["screen"] == "home"


def test_the_overlay_closes_at_session_end(ui: Ui, qtbot, clock: FakeClock) -> None:
    c = ui.controller
    c.openSearch()
    with qtbot.waitSignal(help_backend(ui).recorded, timeout=10000):
        tap(ui, "helpButton")
    qtbot.waitUntil(lambda: visible(ui, "helpCard"))
    clock.advance(c.session.idle.effective_timeout() + c.config["idle.countdown_seconds"] + 1)
    c.tick()
    qtbot.waitUntil(lambda: not visible(ui, "helpCard"))
    assert c.screen == "home" and not help_backend(ui).open


def test_a_desk_the_technician_sets_shows_after_the_technician_screen(ui: Ui, qtbot, factory: HomeLayout) -> None:
    configure(factory, help__desk_phone="020-0000 0001")  # what 终端信息 saves (validated the same way)
    ui.controller.technicianDone()
    with qtbot.waitSignal(help_backend(ui).recorded, timeout=10000):
        tap(ui, "helpButton")
    assert find(ui, "helpPhone").property("value") == "020-0000 0001"
    assert not visible(ui, "helpLocation")
