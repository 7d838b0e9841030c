"""The session rules on the real scenes: ways out reset what shows, and taps act once."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from uihelpers import FakeClock, configure, end_by_idle, find, make_ui, tap, tap_at, visible

from kiosk.paths import HomeLayout
from kiosk.session.interaction import in_corner
from kiosk.state import update_state
from kiosk.sync.outcome import SyncOutcome
from ui.app import Ui
from ui.backends.touch import on_control

pytestmark = pytest.mark.qt


def centre(item: QQuickItem) -> QPointF:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2))


def swipe(ui: Ui, start: QPointF, dx: int) -> None:
    """A finger put down at ``start`` and drawn ``dx`` px sideways."""
    p = start.toPoint()
    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p, 0)
    for step in range(1, 9):
        QTest.mouseMove(ui.window, QPoint(p.x() + dx * step // 8, p.y()), 16)
    QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(p.x() + dx, p.y()), 16)


def chinese_and_normal_size(ui: Ui, elder_height: float) -> bool:
    return (find(ui, "networkState").property("text") == "离线"
            and find(ui, "language_zh-Hans").property("glyph") == "✓"
            and find(ui, "language_en").property("glyph") == ""
            and not ui.controller.elderMode
            and find(ui, "elderToggle").height() == elder_height)


# -- ways out ---------------------------------------------------------------------------------


def test_home_button_forgets_the_search_text(ui: Ui, qtbot, sample_catalogue) -> None:
    tap(ui, "homeSearchEntry")
    tap(ui, "padKey_S")
    tap(ui, "padKey_B")
    assert find(ui, "searchInput").property("text") == "sb"
    tap(ui, "homeButton")
    assert ui.controller.screen == "home"
    tap(ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(ui, "searchInput"))
    assert ui.controller.query == ""
    assert find(ui, "searchInput").property("text") == ""
    qtbot.waitUntil(lambda: find(ui, "resultsList").property("count") == len(sample_catalogue.hot(12)))


def test_english_and_large_text_left_on_home_end_at_the_attract_screen(ui: Ui, qtbot, clock: FakeClock) -> None:
    normal = find(ui, "elderToggle").height()
    tap(ui, "language_en")
    tap(ui, "elderToggle")
    qtbot.waitUntil(lambda: find(ui, "networkState").property("text") == "Offline")
    qtbot.waitUntil(lambda: find(ui, "elderToggle").height() > normal)
    clock.advance(ui.controller.config["idle.attract_seconds"] + 1)
    ui.controller.tick()
    qtbot.waitUntil(lambda: visible(ui, "attractScreen"))
    tap_at(ui, QPoint(900, 500))  # the first touch only wakes the kiosk
    qtbot.waitUntil(lambda: not visible(ui, "attractScreen"))
    qtbot.waitUntil(lambda: chinese_and_normal_size(ui, normal))


@pytest.mark.parametrize("way", ["idle", "结束并返回"])
def test_after_a_reset_elder_mode_is_off_and_the_language_button_matches(ui: Ui, qtbot, clock: FakeClock,
                                                                         way: str) -> None:
    c = ui.controller
    normal = find(ui, "elderToggle").height()
    tap(ui, "language_en")
    tap(ui, "elderToggle")
    tap(ui, "homeSearchEntry")
    tap(ui, "padKey_S")
    end_by_idle(ui, qtbot, clock, way)
    assert c.screen == "home" and c.query == ""
    qtbot.waitUntil(lambda: chinese_and_normal_size(ui, normal))


def test_status_bar_shows_online_after_a_successful_sync(ui: Ui, factory: HomeLayout, qtbot) -> None:
    assert find(ui, "networkState").property("text") == "离线"
    at = datetime.now(UTC).isoformat(timespec="seconds")
    # What kiosk.sync.client records after a run that found the catalogue up to date.
    update_state(factory, last_sync={"at": at, "result": SyncOutcome.UNCHANGED, "message": "up to date",
                                     "version": 1}, last_success_at=at)
    ui.controller.poll()
    qtbot.waitUntil(lambda: find(ui, "networkState").property("text") == "在线")
    update_state(factory, last_sync={"at": at, "result": SyncOutcome.OFFLINE, "message": "", "version": None})
    ui.controller.poll()
    qtbot.waitUntil(lambda: find(ui, "networkState").property("text") == "离线")


# -- taps act once ------------------------------------------------------------------------------


def test_a_double_tap_on_a_theme_tile_opens_the_theme_only(ui: Ui, qtbot, clock: FakeClock, sample_catalogue) -> None:
    c = ui.controller
    theme = sample_catalogue.themes()[0][0]
    point = centre(find(ui, f"themeTile_{theme}"))
    tap_at(ui, point)
    clock.advance(0.15)
    tap_at(ui, point)
    assert c.screen == "browse" and c.browseTitle == theme
    qtbot.waitUntil(lambda: visible(ui, "browseList"))
    # The second tap did land on something that opens: a tap there a moment later opens an item.
    assert on_control(ui.window, point)
    clock.advance(1)
    tap_at(ui, point)
    assert c.screen == "item"


def test_ten_taps_on_print_print_one_slip(qtbot, factory: HomeLayout, clock: FakeClock) -> None:
    out = factory.root / "pdf"
    configure(factory, printer__kind="pdf", printer__pdf_dir=str(out))
    u = make_ui(qtbot, factory, clock)  # the touch watcher is installed after the first frame
    try:
        u.controller.openItem("SAMPLE-RS-001")
        qtbot.waitUntil(lambda: visible(u, "printButton"))
        clock.advance(1)
        point = centre(find(u, "printButton"))
        toasts: list[str] = []
        u.controller.toast_requested.connect(toasts.append)
        session = u.controller.session
        for _ in range(10):  # a quick finger, on a printer quicker still: each job ends before the next tap
            tap_at(u, point)
            qtbot.waitUntil(lambda: not session.taps.printing, timeout=30000)
            clock.advance(0.1)
        # One slip (the file name has the second it was printed in, so count the reports too).
        assert len(list(out.glob("*.pdf"))) == 1
        assert sum("办事指南已保存" in t for t in toasts) == 1
        clock.advance(1)
        tap_at(u, point)  # a deliberate second press later prints again
        qtbot.waitUntil(lambda: sum("办事指南已保存" in t for t in toasts) == 2, timeout=30000)
    finally:
        u.close()


@pytest.mark.parametrize("gap", [0.1, 0.6])
def test_five_taps_on_back_never_open_the_pin_pad(ui: Ui, qtbot, clock: FakeClock, gap: float) -> None:
    c = ui.controller
    c.openTheme(c.themes_model.labels()[0])
    c.openItem(c.browse_model.code_at(0))
    qtbot.waitUntil(lambda: visible(ui, "backButton"))
    back = find(ui, "backButton")
    point = back.mapToScene(QPointF(back.width() / 3, back.height() / 3))
    assert in_corner(point.x(), point.y())  # 返回 sits in the gesture's corner zone
    assert on_control(ui.window, point)
    clock.advance(1)
    with qtbot.assertNotEmitted(c.admin_requested):
        for _ in range(5):
            tap_at(ui, point)
            clock.advance(gap)
    # Quick taps: the first goes back, the rest are swallowed. Slower ones walk back home, and
    # the taps that land on home's emblem then are too few for the gesture.
    assert c.screen == ("browse" if gap < 0.4 else "home")


def test_corner_background_is_not_a_control(ui: Ui) -> None:
    assert not on_control(ui.window, QPointF(20, 20))


def test_a_swipe_at_either_end_of_the_department_strip_opens_nothing(ui: Ui, qtbot, clock: FakeClock,
                                                                    sample_catalogue) -> None:
    c = ui.controller
    strip = find(ui, "departmentList")
    first = find(ui, f"department_{sample_catalogue.departments()[0][0]}")
    swipe(ui, centre(first), 300)  # towards the start: the strip cannot move
    assert c.screen == "home"
    clock.advance(1)
    QTest.qWait(0)
    strip.setProperty("contentX", max(0.0, strip.property("contentWidth") - strip.width()))
    labels = c.departments_model.labels()
    last = find(ui, f"department_{labels[-1]}")
    qtbot.waitUntil(lambda: last.isVisible())
    swipe(ui, centre(last), -300)  # towards the end
    assert c.screen == "home"
    clock.advance(1)
    tap_at(ui, centre(last))  # a tap still opens it
    assert c.screen == "browse" and c.browseTitle == labels[-1]


def test_a_way_out_clears_the_toast_and_a_late_print_outcome_is_shown_to_nobody(
        qtbot, factory: HomeLayout, clock: FakeClock, tmp_path) -> None:
    """A printer that stops taking data (a FIFO nobody reads): the resident presses 打印 and
    leaves. Their 正在打印上一份 goes with them, and the job's end (timed out, or 已打印，请取走)
    is not told to whoever stands there next."""
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    configure(factory, printer__kind="escpos", printer__name=str(fifo), printer__job_timeout_seconds=10)
    u = make_ui(qtbot, factory, clock)
    try:
        c = u.controller
        c.openItem("SAMPLE-RS-001")
        qtbot.waitUntil(lambda: visible(u, "printButton"))
        clock.advance(1)
        toasts: list[str] = []
        c.toast_requested.connect(toasts.append)
        tap(u, "printButton")
        qtbot.waitUntil(lambda: c.session.taps.printing)
        # The button says a slip is printing (it said nothing for up to a minute before).
        qtbot.waitUntil(lambda: find(u, "printButton").property("text") == "正在打印…")
        tap(u, "printButton")
        qtbot.waitUntil(lambda: visible(u, "toast") and "正在打印上一份" in find(u, "toastText").property("text"))
        tap(u, "homeButton")
        assert c.screen == "home"
        qtbot.waitUntil(lambda: not visible(u, "toast"), timeout=2000)  # gone now, not in 4 s
        qtbot.waitUntil(lambda: not c.session.taps.printing, timeout=40000)
        qtbot.wait(500)
        c.openItem("SAMPLE-RS-001")
        qtbot.waitUntil(lambda: visible(u, "printButton"))
        assert find(u, "printButton").property("text") == "打印办事指南"
        assert toasts == ["正在打印上一份，请稍候。"]
        assert not visible(u, "toast")
    finally:
        u.close()
        os.close(reader)
