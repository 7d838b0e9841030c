"""Drive the real QML scenes offscreen: search with the initials pad, open an item, go back."""

from __future__ import annotations

import pytest
from uihelpers import configure, find, tap, visible

from ui.app import Ui, build_ui

pytestmark = pytest.mark.qt


def test_home_shows_themes_hot_items_and_status_from_data(ui: Ui, sample_catalogue) -> None:
    c = ui.controller
    assert c.screen == "home"
    first_theme = sample_catalogue.themes()[0][0]
    assert visible(ui, f"themeTile_{first_theme}")
    hot = sample_catalogue.hot(1)[0]
    assert visible(ui, f"itemRow_{hot.code}")
    assert find(ui, "dataVersion").property("text").startswith("数据版本 " + str(sample_catalogue.meta.version))
    assert visible(ui, "sampleBadge")  # the bundled catalogue is sample data
    assert find(ui, "networkState").property("text") == "离线"  # never synced
    assert "KIOSK-UNSET" in find(ui, "kioskIdentity").property("text")


def test_initials_pad_searches_on_every_key(ui: Ui, qtbot) -> None:
    tap(ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(ui, "initialsPad"))
    tap(ui, "padKey_S")
    assert ui.controller.query == "s"
    tap(ui, "padKey_B")
    assert ui.controller.query == "sb"
    rows = ui.controller.results_model.rowCount()
    assert rows > 0
    assert find(ui, "resultsList").property("count") == rows
    qtbot.waitUntil(lambda: visible(ui, "itemRow_SAMPLE-RS-001"))  # 社保缴费明细查询和打印
    tap(ui, "padBackspace")
    assert ui.controller.query == "s"
    tap(ui, "padClear")
    assert ui.controller.query == ""


def test_no_result_suggests_themes(ui: Ui, qtbot) -> None:
    tap(ui, "homeSearchEntry")
    for key in "QQQQ":
        tap(ui, f"padKey_{key}")
    qtbot.waitUntil(lambda: visible(ui, "noResults"))
    assert ui.controller.noResults
    theme = ui.controller.themes_model.labels()[0]
    tap(ui, f"suggestTheme_{theme}")
    assert ui.controller.screen == "browse"
    assert ui.controller.browseTitle == theme


def test_open_item_and_go_back(ui: Ui, qtbot, sample_catalogue) -> None:
    tap(ui, "homeSearchEntry")
    for key in "SBCX":
        tap(ui, f"padKey_{key}")
    qtbot.waitUntil(lambda: visible(ui, "itemRow_SAMPLE-RS-001"))
    tap(ui, "itemRow_SAMPLE-RS-001")
    qtbot.waitUntil(lambda: visible(ui, "itemName"))
    item = sample_catalogue.item("SAMPLE-RS-001")
    assert find(ui, "itemName").property("text") == item.name
    assert visible(ui, "qrImage")
    assert not visible(ui, "printButton")  # printer.kind defaults to none
    tap(ui, "backButton")
    qtbot.waitUntil(lambda: visible(ui, "initialsPad"))
    assert ui.controller.screen == "search"
    assert ui.controller.query == "sbcx"  # the search survives a look at an item
    tap(ui, "homeButton")
    assert ui.controller.screen == "home"


def test_theme_and_department_browse(ui: Ui, qtbot, sample_catalogue) -> None:
    theme, count = sample_catalogue.themes()[0]
    tap(ui, f"themeTile_{theme}")
    qtbot.waitUntil(lambda: visible(ui, "browseList"))
    assert find(ui, "browseList").property("count") == count
    tap(ui, "homeButton")
    dept, dcount = sample_catalogue.departments()[0]
    tap(ui, f"department_{dept}")
    qtbot.waitUntil(lambda: find(ui, "browseList").property("count") == dcount)
    assert ui.controller.browseTitle == dept


def test_suspended_item_says_so_and_has_no_qr(ui: Ui, qtbot, sample_catalogue) -> None:
    code = next(s.code for s in sample_catalogue.browse() if s.status != "valid")
    ui.controller.openItem(code)
    qtbot.waitUntil(lambda: visible(ui, "statusBanner"))
    assert not visible(ui, "qrImage")
    assert find(ui, "noQrReason").property("text") in ("该事项暂停办理", "该事项已取消")


def test_print_button_shown_only_with_a_printer(qtbot, factory, clock) -> None:
    configure(factory, printer__kind="pdf", printer__pdf_dir=str(factory.root / "pdf"))
    u = build_ui(factory, windowed=True, clock=clock, start_timers=False)
    try:
        u.window.show()
        u.controller.openItem("SAMPLE-RS-001")
        qtbot.waitUntil(lambda: visible(u, "printButton"))
    finally:
        u.close()


def test_portrait_layout_has_all_blocks(portrait_ui: Ui, qtbot) -> None:
    assert visible(portrait_ui, "themeGrid")
    assert visible(portrait_ui, "departmentList")
    assert visible(portrait_ui, "hotList")
    tap(portrait_ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(portrait_ui, "padKey_Z"))
    tap(portrait_ui, "padKey_Z")
    assert portrait_ui.controller.query == "z"


def test_virtual_keyboard_is_inside_the_scene(ui: Ui, qtbot) -> None:
    tap(ui, "homeSearchEntry")
    tap(ui, "modeKeyboard")
    qtbot.waitUntil(lambda: visible(ui, "virtualKeyboard"))
    keyboard = find(ui, "virtualKeyboard")
    assert keyboard.window() is ui.window  # not a separate window
    assert find(ui, "searchInput").hasActiveFocus()
    tap(ui, "modePad")
    qtbot.waitUntil(lambda: visible(ui, "initialsPad"))


def test_elder_mode_enlarges_touch_targets(ui: Ui, qtbot) -> None:
    before = find(ui, "elderToggle").height()
    tap(ui, "elderToggle")
    assert ui.controller.elderMode
    qtbot.waitUntil(lambda: find(ui, "elderToggle").height() > before)
    assert before >= 60


def test_slot_error_apologises_and_goes_home(ui: Ui, qtbot, monkeypatch) -> None:
    ui.controller.openSearch()

    def broken(code: str) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(ui.controller.catalogue, "item", broken)
    with qtbot.waitSignal(ui.controller.toast_requested) as toast:
        ui.controller.openItem("SAMPLE-RS-001")
    assert "抱歉" in toast.args[0]
    assert ui.controller.screen == "home"
    qtbot.waitUntil(lambda: visible(ui, "toast"))


def test_five_corner_taps_request_the_technician_screen(ui: Ui, qtbot) -> None:
    from PySide6.QtCore import QPoint
    from uihelpers import tap_at

    with qtbot.waitSignal(ui.controller.admin_requested, timeout=2000):
        for _ in range(5):
            tap_at(ui, QPoint(20, 20))


def test_language_switch_for_one_session(ui: Ui, qtbot) -> None:
    assert find(ui, "networkState").property("text") == "离线"
    tap(ui, "language_en")
    qtbot.waitUntil(lambda: find(ui, "networkState").property("text") == "Offline")
    assert find(ui, "language_en").property("glyph") == "✓"
    ui.controller.reset_session()  # the next resident starts in the configured language
    qtbot.waitUntil(lambda: find(ui, "networkState").property("text") == "离线")
