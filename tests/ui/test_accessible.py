"""Every control a resident (or technician) can touch has an accessible name and role, in each language.

The walk (tests/helpers/a11y.py) finds what takes a finger: items with a TapHandler, MouseAreas,
text inputs, scrolling views and anything focusable by Tab, on each scene as it is on screen,
and asks QAccessible what a screen reader would announce. A control added without
``Accessible.name`` / ``Accessible.role`` (a new button, pad key or tile) fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from a11y import controls, unnamed
from uihelpers import FakeClock, configure, find, make_ui, tap, visible

from kiosk.ops.pin import hash_pin
from kiosk.paths import HomeLayout
from ui.app import Ui, show_screen, wait_for_frame

pytestmark = pytest.mark.qt

PIN = "2468"
CJK = re.compile(r"[\u3400-\u9fff]")

#: Each resident scene, and controls it must show (so an empty walk cannot pass).
SCENES = {
    "home": ("homeSearchEntry", "elderToggle", "language_en", "themeTile_社保", "hotList"),
    "search:sb": ("searchInput", "padKey_A", "padBackspace", "resultsList", "backButton", "homeButton"),
    "item:SAMPLE-RS-001": ("printButton", "guideFlick", "language_zh-Hant"),
    "browse:社保": ("browseList", "itemRow_SAMPLE-RS-001"),
    "idle": ("idleContinue", "idleHome"),
    "outofservice": ("language_zh-Hant",),
    "attract": (),
}


@pytest.fixture()
def printing_ui(qtbot, factory: HomeLayout, clock: FakeClock) -> Iterator[Ui]:  # type: ignore[no-untyped-def]
    """A UI with a (PDF) printer configured, so the item scene shows its print button."""
    configure(factory, printer__kind="pdf", admin__pin_hash=hash_pin(PIN, min_digits=4))
    u = make_ui(qtbot, factory, clock)
    try:
        yield u
    finally:
        u.close()


def _show(ui: Ui, screen: str, language: str) -> None:
    show_screen(ui, screen)
    ui.controller.session.nav.set_language(_lang(language))
    ui.controller.mirror()
    wait_for_frame(ui.window)


def _lang(tag: str):  # type: ignore[no-untyped-def]
    from kiosk.access.script import Language

    return Language(tag)


def _names(ui: Ui) -> dict[str, str]:
    return {c.item.objectName(): c.name for c in controls(ui.window.contentItem()) if c.item.objectName()}


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "en"])
@pytest.mark.parametrize("screen", list(SCENES))
def test_every_control_on_every_scene_has_a_name_and_a_role(printing_ui: Ui, qtbot, screen: str,
                                                           language: str) -> None:
    ui = printing_ui
    _show(ui, screen, language)
    if screen == "attract":
        qtbot.waitUntil(lambda: visible(ui, "attractScreen"))
    missing = unnamed(ui.window.contentItem())
    assert not missing, "controls a screen reader cannot announce:\n" + "\n".join(c.describe() for c in missing)
    names = _names(ui)
    for expected in SCENES[screen]:
        assert expected in names, f"{expected} not found among the controls of {screen}"


def test_the_search_keyboard_mode_and_the_technician_screen_too(printing_ui: Ui, qtbot) -> None:
    ui = printing_ui
    _show(ui, "search:", "zh-Hans")
    tap(ui, "modeKeyboard")
    qtbot.waitUntil(lambda: find(ui, "modeKeyboard").property("kind") == "primary")
    assert not unnamed(ui.window.contentItem())
    ui.ensure_admin()
    ui.controller.request_admin()
    qtbot.waitUntil(lambda: visible(ui, "pinPad"))
    missing = unnamed(ui.window.contentItem())
    assert not missing, "\n".join(c.describe() for c in missing)
    assert {"pinKey_1", "pinKey_ok"} <= set(_names(ui))
    for digit in PIN:
        tap(ui, f"pinKey_{digit}")
    tap(ui, "pinKey_ok")
    qtbot.waitUntil(lambda: visible(ui, "adminPages"))
    pages = sorted(n for n in _names(ui) if n.startswith("nav_"))
    assert len(pages) >= 5, pages
    for page in pages:  # every page of the technician screen
        tap(ui, page)
        wait_for_frame(ui.window)
        missing = unnamed(ui.window.contentItem())
        assert not missing, page + ":\n" + "\n".join(c.describe() for c in missing)


def test_names_follow_the_language(printing_ui: Ui) -> None:
    ui = printing_ui
    _show(ui, "search:sb", "en")
    en = _names(ui)
    assert en["homeButton"] == "Home" and en["backButton"] == "Back" and en["searchInput"] == "Search text"
    assert en["padBackspace"] == "Delete one letter"
    # UI controls carry no Chinese in English; catalogue rows (item names) and the language names may.
    chrome = {k: v for k, v in en.items() if not k.startswith(("itemRow_", "language_"))}
    assert not [v for v in chrome.values() if CJK.search(v)], chrome
    _show(ui, "search:sb", "zh-Hant")
    hk = _names(ui)
    assert hk["homeButton"] == "首頁" and hk["searchInput"] == "搜尋內容"
    assert hk["itemRow_SAMPLE-RS-001"] == "社保繳費明細查詢和打印"  # catalogue text in Traditional too
