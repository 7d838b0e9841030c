"""The kiosk's own Qt Virtual Keyboard style in the real search scene, offscreen.

Keys are found in the keyboard's item tree by their text and tapped with mouse events, as a
finger would; nothing of the keyboard is mocked.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from conftest import close_ui
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QSignalSpy, QTest
from uihelpers import configure, find, make_ui, run_fresh_process, tap, visible

from kiosk.access.contrast import AAA, contrast_ratio
from kiosk.paths import HomeLayout
from ui.app import Ui

pytestmark = pytest.mark.qt

#: (label colour, key colour) pairs of the style: every label must be at least 7:1 on its key.
COLOUR_PAIRS = [
    ("keyTextColor", "keyColor"),
    ("functionKeyTextColor", "functionKeyColor"),
    ("enterKeyTextColor", "enterKeyColor"),
    ("keyPressedTextColor", "keyPressedColor"),
    ("candidateTextColor", "candidateBackgroundColor"),
    ("candidateCurrentTextColor", "candidateCurrentColor"),
    ("popupTextColor", "popupColor"),
    ("popupTextColor", "popupHighlightColor"),
]


@pytest.fixture()
def contrast_ui(qtbot, factory: HomeLayout, clock) -> Iterator[Ui]:  # type: ignore[no-untyped-def]
    before = {t.ident for t in threading.enumerate()}
    configure(factory, display__high_contrast=True)
    u = make_ui(qtbot, factory, clock)
    yield u
    close_ui(u, before)


def open_keyboard(ui: Ui, qtbot) -> QQuickItem:  # type: ignore[no-untyped-def]
    tap(ui, "homeSearchEntry")
    tap(ui, "modeKeyboard")
    qtbot.waitUntil(lambda: visible(ui, "virtualKeyboard"))
    panel = find(ui, "keyboardPanel")
    qtbot.waitUntil(lambda: panel.property("keyboardStyle") is not None)
    qtbot.waitUntil(lambda: any(k.property("text") == "q" for k in keys(ui)))  # the layout is built
    return panel


def style(panel: QQuickItem):  # type: ignore[no-untyped-def]
    return panel.property("keyboardStyle")


def keys(ui: Ui) -> list[QQuickItem]:
    """Every visible key of the keyboard (Qt's Key, EnterKey, SpaceKey … items)."""
    stack, out = [find(ui, "virtualKeyboard")], []
    while stack:
        item = stack.pop()
        if not item.isVisible():
            continue
        name = item.metaObject().className()
        if "Key_QMLTYPE" in name and item.width() > 0:
            out.append(item)
        stack.extend(item.childItems())
    return out


def key(ui: Ui, text: str) -> QQuickItem:
    for k in keys(ui):
        if k.property("displayText") == text or k.property("text") == text:
            return k
    raise AssertionError(f"no key {text!r} on the keyboard")


def enter_key(ui: Ui) -> QQuickItem:
    found = [k for k in keys(ui) if k.metaObject().className().startswith("EnterKey_QMLTYPE")]
    assert len(found) == 1
    return found[0]


def texts_under(item: QQuickItem) -> list[str]:
    """The text of every visible Text item drawn inside ``item`` (a key's label)."""
    out, stack = [], list(item.childItems())
    while stack:
        child = stack.pop()
        if child.isVisible() and child.metaObject().className().startswith("QQuickText"):
            out.append(child.property("text"))
        stack.extend(child.childItems())
    return out


def press(ui: Ui, item: QQuickItem, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A finger on a key: down, a moment, up (Qt's keys ignore a press and release in one instant)."""
    ui.controller.clock.advance(0.5)
    p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
    qtbot.wait(50)
    QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)


def candidates(ui: Ui) -> list[QQuickItem]:
    out, stack = [], [find(ui, "virtualKeyboard")]
    while stack:
        item = stack.pop()
        if item.objectName() == "candidateLabel" and item.isVisible() and item.property("text"):
            out.append(item)
        stack.extend(item.childItems())
    return out


def test_the_kiosk_style_is_loaded_and_grows_in_elder_mode(ui: Ui, qtbot) -> None:
    panel = open_keyboard(ui, qtbot)
    assert panel.property("styleName") == "kiosk"
    assert style(panel).property("styleId") == "kiosk"  # our style.qml, not Qt's default
    normal = {
        "keys": panel.property("keysHeight"),
        "key": key(ui, "q").height(),
        "label": style(panel).property("labelPixelSize"),
        "candidates": style(panel).property("selectionListHeight"),
    }
    assert normal["key"] >= 60 and normal["candidates"] >= 60
    ui.controller.clock.advance(1)
    ui.controller.toggleElder()
    qtbot.waitUntil(lambda: style(panel).property("labelPixelSize") > normal["label"])
    elder = {
        "keys": panel.property("keysHeight"),
        "key": key(ui, "q").height(),
        "label": style(panel).property("labelPixelSize"),
        "candidates": style(panel).property("selectionListHeight"),
    }
    for what in normal:
        assert elder[what] > normal[what], what
    # The keyboard still fits in its area below the mode buttons.
    area = panel.parentItem()
    assert panel.height() <= area.height() + 1


@pytest.mark.parametrize("which", ["normal", "high contrast"])
def test_every_label_is_at_least_7_to_1_on_its_key(request, qtbot, which: str) -> None:  # type: ignore[no-untyped-def]
    ui = request.getfixturevalue("ui" if which == "normal" else "contrast_ui")
    panel = open_keyboard(ui, qtbot)
    s = style(panel)
    assert ui.controller.highContrast is (which == "high contrast")
    for ink, paper in COLOUR_PAIRS:
        a, b = s.property(ink).name(), s.property(paper).name()
        assert contrast_ratio(a, b) >= AAA, f"{which}: {ink} {a} on {paper} {b}: {contrast_ratio(a, b):.2f}:1"


def test_pinyin_candidates_are_finger_sized_and_the_keys_do_not_move(ui: Ui, qtbot) -> None:
    panel = open_keyboard(ui, qtbot)
    q = key(ui, "q")
    y_before = q.mapToScene(QPointF(0, 0)).y()
    press(ui, key(ui, "s"), qtbot)
    qtbot.waitUntil(lambda: len(candidates(ui)) > 0)
    assert key(ui, "q").mapToScene(QPointF(0, 0)).y() == y_before  # no jump after the first letter
    for label in candidates(ui):
        delegate = label.parentItem()
        assert delegate.height() >= 60
        assert delegate.width() >= 60
        assert label.property("font").pixelSize() >= style(panel).property("labelPixelSize")
    assert find(ui, "searchInput").property("preeditText") == "s"


def test_enter_is_search_and_commits_what_was_typed(ui: Ui, qtbot) -> None:
    open_keyboard(ui, qtbot)
    enter = enter_key(ui)
    assert enter.property("actionId") == 2  # EnterKeyAction.Search ...
    assert "搜索" in texts_under(enter)  # ... and the key says so
    for letter in "shebao":
        press(ui, key(ui, letter), qtbot)
    qtbot.waitUntil(lambda: ui.controller.query == "shebao")  # composing "she bao"
    press(ui, enter_key(ui), qtbot)
    field = find(ui, "searchInput")
    qtbot.waitUntil(lambda: field.property("text") == "shebao")
    assert field.property("preeditText") == ""
    assert ui.controller.query == "shebao"
    assert ui.controller.results_model.rowCount() > 0  # 社保… items, found by their pinyin


def test_english_enter_runs_the_search(ui: Ui, qtbot) -> None:
    open_keyboard(ui, qtbot)
    tap(ui, "keyboardLanguage_en_US")
    qtbot.waitUntil(lambda: find(ui, "keyboardPanel").property("keysHeight") > 0 and not candidates(ui))
    for letter in "sbcx":
        press(ui, key(ui, letter), qtbot)
    qtbot.waitUntil(lambda: ui.controller.query == "sbcx")  # no capital S: the field asks for none
    field = find(ui, "searchInput")
    meta = field.metaObject()
    accepted = QSignalSpy(field, meta.method(meta.indexOfSignal("accepted()")))
    searches = QSignalSpy(ui.controller.query_changed)
    press(ui, enter_key(ui), qtbot)
    qtbot.waitUntil(lambda: accepted.count() == 1)  # the 搜索 key reached the field as Enter
    assert ui.controller.query == "sbcx"
    assert searches.count() == 0  # the same search again: nothing flickers
    assert ui.controller.results_model.rowCount() > 0


def test_traditional_is_typed_with_cangjie(ui: Ui, qtbot) -> None:
    open_keyboard(ui, qtbot)
    tap(ui, "keyboardLanguage_zh_TW")
    qtbot.waitUntil(lambda: any(k.property("text") == "人" for k in keys(ui)))
    for radical in "人一田日":  # 會 in cangjie: OMWA
        press(ui, key(ui, radical), qtbot)
    qtbot.waitUntil(lambda: any(c.property("text") == "會" for c in candidates(ui)))
    assert find(ui, "searchInput").property("preeditText") == "人一田日"
    assert ui.controller.query == ""  # radicals are not searched for
    label = next(c for c in candidates(ui) if c.property("text") == "會")
    press(ui, label.parentItem(), qtbot)
    qtbot.waitUntil(lambda: find(ui, "searchInput").property("text") == "會")
    assert ui.controller.query == "會"


FRESH_PROCESS = """
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from kiosk.paths import home_layout
from ui.app import build_ui, prepare_environment, wait_for_frame
from uihelpers import find, visible


def mapped(name):
    with open("/proc/self/maps", encoding="utf-8") as fh:
        return name in fh.read()


prepare_environment(offscreen=True)
app = QGuiApplication(sys.argv[:1])
ui = build_ui(home_layout(Path(sys.argv[1])), size=(1920, 1080), windowed=True, start_timers=False)
ui.window.show()
wait_for_frame(ui.window)
print("start", mapped("libqtvkbplugin"), mapped("libqtvkbstylesplugin"), mapped("libzinnia"),
      "kiosk.access.handwriting" in sys.modules)
ui.controller.openSearch()
for _ in range(3):
    wait_for_frame(ui.window)
print("search", mapped("libqtvkbplugin"))
find(ui, "searchScene").setProperty("mode", "keyboard")
for _ in range(5):
    wait_for_frame(ui.window)
print("keyboard", mapped("libqtvkbplugin"), mapped("libqtvkbstylesplugin"), visible(ui, "virtualKeyboard"))
ui.close()
"""


def test_keyboard_and_zinnia_load_only_when_used(kiosk_home: HomeLayout, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a fresh process (this one loaded everything already): nothing of Qt Virtual Keyboard's
    QML nor Zinnia at start; the keyboard's plug-ins come with the first 全键盘."""
    proc = run_fresh_process(FRESH_PROCESS, kiosk_home, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in proc.stdout.splitlines())
    assert lines["start"] == "False False False False"
    assert lines["search"] == "False"  # the initials pad is search's default
    assert lines["keyboard"] == "True True True"


def test_the_blank_hide_key_leaves_the_keyboard_working(ui: Ui, qtbot) -> None:
    open_keyboard(ui, qtbot)
    hide = [k for k in keys(ui) if k.metaObject().className().startswith("HideKeyboardKey_QMLTYPE")]
    assert len(hide) == 1 and texts_under(hide[0]) == []  # drawn blank
    press(ui, hide[0], qtbot)
    assert find(ui, "virtualKeyboard").property("active")  # shown again at once
    press(ui, key(ui, "s"), qtbot)
    qtbot.waitUntil(lambda: ui.controller.query == "s")


def test_elder_keyboard_fits_in_portrait(portrait_ui: Ui, qtbot) -> None:
    ui = portrait_ui
    ui.controller.clock.advance(1)
    ui.controller.toggleElder()
    panel = open_keyboard(ui, qtbot)
    assert ui.controller.elderMode
    area = panel.parentItem()  # the Loader: what the search scene gives the keyboard
    assert 0 < panel.height() <= area.height()
    bottom = panel.mapToScene(QPointF(0, panel.height())).y()
    assert bottom <= ui.window.height()


def test_the_next_resident_gets_the_pad_and_pinyin_again(ui: Ui, qtbot) -> None:
    """A resident switches to the full keyboard in English, starts a pinyin word in 繁體 and
    leaves by 首页: the next one starts on the initials pad, and 全键盘 is 简体 拼音 with no
    composition or candidates left over."""
    from PySide6.QtCore import QCoreApplication

    open_keyboard(ui, qtbot)
    tap(ui, "keyboardLanguage_en_US")
    qtbot.waitUntil(lambda: find(ui, "keyboardLanguage_en_US").property("kind") == "primary")
    for letter in "ab":
        press(ui, key(ui, letter), qtbot)
    tap(ui, "keyboardLanguage_zh_CN")
    qtbot.waitUntil(lambda: find(ui, "keyboardLanguage_zh_CN").property("kind") == "primary")
    for letter in "she":
        press(ui, key(ui, letter), qtbot)
    qtbot.waitUntil(lambda: bool(candidates(ui)))  # a composition under way
    tap(ui, "keyboardLanguage_en_US")
    qtbot.waitUntil(lambda: find(ui, "keyboardLanguage_en_US").property("kind") == "primary")
    tap(ui, "homeButton")
    assert ui.controller.screen == "home" and ui.controller.query == ""
    QCoreApplication.processEvents()
    tap(ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(ui, "searchScene"))
    assert find(ui, "searchScene").property("mode") == "pad"
    tap(ui, "modeKeyboard")
    qtbot.waitUntil(lambda: visible(ui, "virtualKeyboard"))
    qtbot.waitUntil(lambda: any(k.property("text") == "q" for k in keys(ui)))
    assert find(ui, "keyboardLanguage_zh_CN").property("kind") == "primary"
    assert not candidates(ui)
    for letter in "sb":
        press(ui, key(ui, letter), qtbot)
    qtbot.waitUntil(lambda: bool(candidates(ui)))  # pinyin again: 社保 … offered
    assert ui.controller.query in ("", "sb")
