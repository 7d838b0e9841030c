"""The scenes with a raw list (no themes, hot ranks or guide fields): no empty panel, no claim the list does not make."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from catalogue_factory import item, make_catalogue
from sessionhelpers import FakeClock, put_factory
from uihelpers import configure, find, make_ui, tap, visible

from kiosk.paths import HomeLayout
from kiosk.search import popularity
from ui.app import Ui

pytestmark = pytest.mark.qt


def shown_texts(ui: Ui) -> list[str]:
    """The text of every visible Text item on screen (what a resident can read)."""
    out: list[str] = []
    stack = [ui.window.contentItem()]
    while stack:
        it = stack.pop()
        if not it.isVisible():
            continue
        text = it.property("text")
        if isinstance(text, str) and text and it.metaObject().indexOfProperty("wrapMode") >= 0:
            out.append(text)
        stack.extend(it.childItems())
    return out


@pytest.fixture()
def raw_ui(qtbot, raw_factory: HomeLayout, clock: FakeClock) -> Iterator[Ui]:  # type: ignore[no-untyped-def]
    u = make_ui(qtbot, raw_factory, clock)
    yield u
    u.close()


def test_home_of_a_raw_list_draws_no_empty_panel(raw_ui: Ui) -> None:
    c = raw_ui.controller
    assert c.shortlist == "none" and c.hot_model.rowCount() == 0
    assert not visible(raw_ui, "shortlistPanel")  # no blank 热门 panel
    assert visible(raw_ui, "themesBlock")  # the lexicon gave the raw list its themes
    assert visible(raw_ui, "themeTile_社保") and visible(raw_ui, "themeTile_户政")
    assert visible(raw_ui, "departmentList")
    assert "热门事项" not in shown_texts(raw_ui)
    # the left pane takes the whole width
    dept = find(raw_ui, "departmentList")
    assert dept.width() > 0.9 * (raw_ui.window.width() - 2 * 40)


def test_most_viewed_items_show_under_their_own_heading(qtbot, raw_factory: HomeLayout, clock: FakeClock) -> None:
    for code, n in (("SAMPLE-GA-003", 5), ("SAMPLE-MZ-001", 3)):
        for _ in range(n):
            popularity.record_view(code, raw_factory.root)
    ui = make_ui(qtbot, raw_factory, clock)
    try:
        assert ui.controller.shortlist == "viewed"
        assert visible(ui, "shortlistPanel")
        assert find(ui, "hotList").property("count") == 2
        assert find(ui, "shortlistTitle").property("text") == "本机常用事项"  # never 热门
        assert visible(ui, "itemRow_SAMPLE-GA-003")
        assert "热门事项" not in shown_texts(ui)
        tap(ui, "homeSearchEntry")
        qtbot.waitUntil(lambda: ui.controller.screen == "search")
        assert find(ui, "resultCount").property("text") == "本机常用事项"
    finally:
        ui.close()


def test_a_list_without_themes_hides_the_heading_and_points_at_departments(
        qtbot, kiosk_home: HomeLayout, clock: FakeClock, tmp_path: Path) -> None:
    snap = make_catalogue(tmp_path / "bare.sqlite", [
        item("BARE-1", "古树名木迁移审批", department="某市林业和园林局"),
        item("BARE-2", "户外广告设置审批", department="某市城市管理局"),
    ])
    put_factory(kiosk_home, snap)
    ui = make_ui(qtbot, kiosk_home, clock)
    try:
        assert ui.controller.themes_model.rowCount() == 0
        assert not visible(ui, "themesBlock")  # no 主题服务 over nothing
        assert "主题服务" not in shown_texts(ui)
        assert visible(ui, "department_某市林业和园林局")
        assert not visible(ui, "shortlistPanel")
        tap(ui, "homeSearchEntry")
        for key in "QQQQ":
            tap(ui, f"padKey_{key}")
        qtbot.waitUntil(lambda: visible(ui, "noResults"))
        hint = find(ui, "noResultsHint").property("text")
        assert "主题" not in hint and "部门" in hint  # the hint names what is drawn below it
        assert visible(ui, "suggestDepartment_某市林业和园林局")
        tap(ui, "suggestDepartment_某市林业和园林局")
        assert ui.controller.screen == "browse"
    finally:
        ui.close()


def test_no_results_on_a_raw_list_points_at_its_themes(raw_ui: Ui, qtbot) -> None:
    tap(raw_ui, "homeSearchEntry")
    for key in "QQQQ":
        tap(raw_ui, f"padKey_{key}")
    qtbot.waitUntil(lambda: visible(raw_ui, "noResults"))
    assert "主题" in find(raw_ui, "noResultsHint").property("text")
    assert visible(raw_ui, "suggestTheme_社保")


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_a_thin_guide_draws_no_empty_section_and_sends_to_the_qr_code(
        qtbot, raw_factory: HomeLayout, clock: FakeClock, size: tuple[int, int]) -> None:
    ui = make_ui(qtbot, raw_factory, clock, size=size)
    try:
        ui.controller.openItem("SAMPLE-RS-001")
        qtbot.waitUntil(lambda: ui.controller.screen == "item")
        texts = shown_texts(ui)
        joined = "\n".join(texts)
        assert not re.search(r"\b0 次", joined) and "即办" not in joined
        for heading in ("时限与收费", "咨询与办理地点", "办理条件", "申请材料", "办理流程", "跑动次数", "办理时限"):
            assert heading not in texts, heading
        assert not visible(ui, "keyFacts")  # no card around nothing
        note = "guideNotePortrait" if size[1] > size[0] else "guideNote"
        assert visible(ui, note)
        assert "详细办事指南请扫码在手机上查看" in texts
        assert visible(ui, "qrImage") and "rsj.gz.gov.cn/" in texts
    finally:
        ui.close()


def test_a_full_guide_still_shows_its_sections(ui: Ui, qtbot) -> None:
    ui.controller.openItem("SAMPLE-GA-001")  # 申领居住证: the sample's guide has materials and visits
    qtbot.waitUntil(lambda: ui.controller.screen == "item")
    texts = shown_texts(ui)
    assert "申请材料" in texts and not visible(ui, "guideNote")
    assert visible(ui, "keyFacts")


def test_branding_changes_header_and_scan_hint(qtbot, factory: HomeLayout, clock: FakeClock) -> None:
    configure(factory, brand__portal_name="深圳政务服务", brand__logo_char="深",
              brand__scan_apps=["微信", "i深圳"])
    ui = make_ui(qtbot, factory, clock)
    try:
        assert find(ui, "brandTitle").property("text") == "深圳政务服务自助终端"
        assert find(ui, "brandLogo").property("text") == "深"
        ui.controller.openItem("SAMPLE-RS-001")
        qtbot.waitUntil(lambda: ui.controller.screen == "item")
        assert find(ui, "scanHint").property("text") == "用微信或i深圳扫一扫"
        assert "粤省事" not in "\n".join(shown_texts(ui))
        ui.controller.goHome()
        tap(ui, "language_en")
        qtbot.waitUntil(lambda: ui.controller.language == "en")
        assert find(ui, "brandTitle").property("text") == "Government Self-Service Kiosk"
        ui.controller.openItem("SAMPLE-RS-001")
        qtbot.waitUntil(lambda: ui.controller.screen == "item")
        assert find(ui, "scanHint").property("text") == "Scan with 微信 or i深圳"
        ui.controller.goHome()  # a way out: the next resident starts in Chinese
        assert ui.controller.language == "zh-Hans"
    finally:
        ui.close()


def test_default_branding_is_guangzhou(ui: Ui, qtbot) -> None:
    assert find(ui, "brandTitle").property("text") == "广州政务服务自助终端"
    ui.controller.openItem("SAMPLE-RS-001")
    qtbot.waitUntil(lambda: ui.controller.screen == "item")
    assert find(ui, "scanHint").property("text") == "用微信或粤省事扫一扫"


def test_an_empty_search_on_a_raw_list_offers_themes_not_a_blank(raw_ui: Ui, qtbot) -> None:
    tap(raw_ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: raw_ui.controller.screen == "search")
    assert find(raw_ui, "resultCount").property("text") == "输入拼音首字母或汉字查找事项"
    assert visible(raw_ui, "noResults")
    assert find(raw_ui, "noResultsHint").property("text") == "也可以从下面的主题里找："
    assert "没有找到" not in "\n".join(shown_texts(raw_ui))  # nothing was searched for yet
    tap(raw_ui, "suggestTheme_民政")
    assert raw_ui.controller.screen == "browse" and raw_ui.controller.browseTitle == "民政"


def test_a_thin_guide_without_a_link_sends_to_a_window(
        qtbot, kiosk_home: HomeLayout, clock: FakeClock, tmp_path: Path) -> None:
    snap = make_catalogue(tmp_path / "nolink.sqlite", [
        item("NOLINK-1", "古树名木迁移审批", department="某市林业和园林局", pc_url="")])
    put_factory(kiosk_home, snap)
    ui = make_ui(qtbot, kiosk_home, clock)
    try:
        ui.controller.openItem("NOLINK-1")
        qtbot.waitUntil(lambda: ui.controller.screen == "item")
        texts = shown_texts(ui)
        assert "详细办事指南请咨询窗口工作人员" in texts  # never 请扫码 with no code on screen
        assert not visible(ui, "qrImage") and visible(ui, "noQrReason")
        assert not visible(ui, "keyFacts")
    finally:
        ui.close()
