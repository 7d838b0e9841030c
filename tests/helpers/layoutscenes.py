"""Put a live UI in one look (language, elder mode, contrast, orientation) on one screen.

The layout tests and the screenshot walk share this, so a failure names the same combination
a screenshot shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from kiosk.access.script import Language
from kiosk.catalogue.reader import Catalogue
from kiosk.session import navigation
from ui.app import Ui, wait_for_frame

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


@dataclass(frozen=True)
class Look:
    """One combination of the resident's display choices and the screen's orientation."""

    language: Language
    elder: bool
    contrast: bool
    orientation: str

    @property
    def id(self) -> str:
        return "-".join([self.language.value, "elder" if self.elder else "normal",
                         "contrast" if self.contrast else "plain", self.orientation])


def session_language(lang: Language) -> object | None:
    """The value the session keeps for ``lang``, or None while the session cannot show it.

    The session names languages by Qt locale today (navigation.LANGUAGES: zh_CN, en); a
    session that takes the Language enum (or its tags) is used as it is.
    """
    known = getattr(navigation, "LANGUAGES", None)
    if known is None:
        return lang
    for value in (lang, lang.value, lang.qt_locale, lang.qt_locale.split("_")[0]):
        if value in known:
            return value
    return None


def apply_look(ui: Ui, look: Look) -> None:
    """Set the session's display choices and the window's size as a resident and a technician would."""
    value = session_language(look.language)
    if value is None:
        pytest.skip(f"pending: the session has no {look.language.value} UI yet "
                    f"(navigation.LANGUAGES = {getattr(navigation, 'LANGUAGES', None)})")
    w, h = SIZES[look.orientation]
    if (ui.window.width(), ui.window.height()) != (w, h):
        ui.window.resize(w, h)
    nav = ui.controller.session.nav
    nav.language, nav.elder, nav.high_contrast = value, look.elder, look.contrast  # type: ignore[assignment]
    ui.controller.mirror()


#: A screen: its id in test names, and how to reach it from home.
Screen = tuple[str, Callable[[Ui], None]]


def screens(cat: Catalogue, items: list[str]) -> list[Screen]:
    """Every resident screen worth walking on ``cat``, items by code."""
    out: list[Screen] = [
        ("home", lambda ui: None),
        ("search-results", lambda ui: _search(ui, "sb")),
        ("search-none", lambda ui: _search(ui, "qqqq")),
    ]
    themes = cat.themes()
    if themes:
        out.append(("theme", lambda ui, t=themes[0][0]: ui.controller.openTheme(t)))
    depts = cat.departments()
    if depts:
        longest = max((d for d, _ in depts), key=len)
        out.append(("department", lambda ui, d=longest: ui.controller.openDepartment(d)))
    for code in items:
        out.append((f"item-{code}", lambda ui, c=code: ui.controller.openItem(c)))
    with_code = [c for c in items if cat.item(c).online_url and cat.item(c).available]
    if with_code:
        out.append(("qr-zoom", lambda ui, c=with_code[0]: (ui.controller.openItem(c), ui.controller.enlargeQr(True))))
    out += [
        ("idle", lambda ui: (_search(ui, "sb"), ui.controller.pose("idle"))),
        ("attract", lambda ui: ui.controller.pose("attract")),
        ("outofservice", lambda ui: ui.controller.pose("outofservice")),
    ]
    return out


def items_to_walk(cat: Catalogue) -> list[str]:
    """The items the walk opens: the two longest names, 港澳台签注申请, one without a QR code,
    one suspended or cancelled, one with the most materials."""
    every = [cat.item(s.code) for s in cat.browse()]
    chosen = [i.code for i in sorted(every, key=lambda i: -len(i.name))[:2]]
    chosen += [i.code for i in every if i.name == "港澳台签注申请"]
    chosen += [i.code for i in every if not i.online_url][:1]
    chosen += [i.code for i in every if not i.available][:1]
    chosen.append(max(every, key=lambda i: len(i.guide.materials)).code)
    return list(dict.fromkeys(chosen))


def _search(ui: Ui, query: str) -> None:
    ui.controller.openSearch()
    ui.controller.search(query)


def show(ui: Ui, look: Look, screen: Screen) -> None:
    """Home with nothing left behind, then ``look``, then ``screen``; waits for the frame."""
    c = ui.controller
    s = c.session
    s.attract = False
    s.countdown = 0
    c.goHome()
    if s.nav.screen is navigation.Screen.OUT_OF_SERVICE:
        s.nav.screen = navigation.Screen.HOME
    apply_look(ui, look)
    screen[1](ui)
    c.mirror()
    # Two frames: a view laid out anew at the first (a grid's new cell size) places its
    # delegates at the next polish.
    wait_for_frame(ui.window)
    # Delegates a model reset released are deleted later: not part of what shows.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    wait_for_frame(ui.window)
