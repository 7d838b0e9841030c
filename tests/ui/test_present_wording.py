"""Screen, slip and CLI word an item's facts the same way (kiosk.catalogue.present), missing ones left out."""

from __future__ import annotations

import dataclasses
import html

import pytest

from kiosk.access.script import Language, to_traditional
from kiosk.catalogue import present
from kiosk.cli.main import main
from ui.backends.item import ItemView
from ui.printing.layout import PAPERS, slip_html

pytestmark = pytest.mark.qt


@pytest.mark.parametrize("code", ["SAMPLE-RS-001", "SAMPLE-RS-006", "SAMPLE-RS-013"])
def test_screen_slip_and_cli_agree(qapp, factory, sample_catalogue, capsys, code: str) -> None:  # type: ignore[no-untyped-def]
    item = sample_catalogue.item(code)
    view = ItemView()
    view.show(item, "zh_CN")
    slip = slip_html(item, PAPERS["80mm"])
    assert main(["item", code]) == 0
    cli = capsys.readouterr().out
    facts = present.facts(item)
    assert facts  # every sample item has at least its case type
    for label, text in facts:
        assert f"{label}：{text}" in slip
        assert f"{label}: {text}" in cli
    assert view.property("timeLimitText") == (present.time_limit(item.guide) or "")
    assert view.property("visitsText") == (present.visits(item.guide) or "")
    assert view.property("statusText") == (present.status_text(item.status) or "")
    for m in item.guide.materials:
        assert present.material_detail(m) in slip and present.material_detail(m) in cli
    if item.guide.visits is None:  # unknown: absent everywhere, never "0 次"
        for text in (slip, cli, view.property("visitsText")):
            assert "0 次" not in text


def test_the_screen_follows_the_language(qapp, sample_catalogue) -> None:  # type: ignore[no-untyped-def]
    item = sample_catalogue.item("SAMPLE-RS-006")
    view = ItemView()
    changes: list[int] = []
    view.changed.connect(lambda: changes.append(1))
    view.show(item, "zh_CN")
    assert view.property("timeLimitText") == "承诺 10 个工作日"
    view.show(item, "en")
    assert view.property("timeLimitText") == "10 working days (promised)"
    view.show(None, "en")
    assert view.property("code") == "" and view.property("materials") == [] and not view.property("available")
    assert changes == [1, 1, 1]


def test_items_of_the_same_name_are_told_apart_on_screen(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: two items named alike read differently in the list row and on the item screen."""
    from catalogue_factory import make_catalogue

    from kiosk.catalogue.reader import Catalogue
    from ui.backends.models import SummaryListModel

    path = make_catalogue(tmp_path / "c.sqlite", [
        {"code": "SAMPLE-A-0001", "name": "企业设立登记", "department": "示例甲局", "parent": "企业登记"},
        {"code": "SAMPLE-B-0002", "name": "企业设立登记", "department": "示例乙局"},
        {"code": "SAMPLE-B-0003", "name": "企业设立登记", "department": "示例乙局", "parent": "分支机构登记"},
        {"code": "SAMPLE-C-0004", "name": "个体工商户登记", "department": "示例乙局"},
    ])
    with Catalogue.open(path) as cat:
        summaries = [cat.summary(c) for c in ("SAMPLE-A-0001", "SAMPLE-B-0002", "SAMPLE-B-0003",
                                               "SAMPLE-C-0004")]
        item = cat.item("SAMPLE-B-0003")
    assert [present.distinguish(s) for s in summaries] == [  # type: ignore[arg-type]
        "示例甲局", "编码末4位 0002", "分支机构登记", None]
    model = SummaryListModel()
    model.set_items(summaries)  # type: ignore[arg-type]
    role = next(k for k, v in model.roleNames().items() if bytes(v) == b"distinguish")
    assert [model.data(model.index(i, 0), role) for i in range(4)] == [
        "示例甲局", "编码末4位 0002", "分支机构登记", ""]
    view = ItemView()
    view.show(item, "en", (), summaries[2])
    assert view.property("distinguish") == "分支机构登记" and view.property("parentItem") == "分支机构登记"
    view.show(item, "en", (), summaries[1])  # the code's tail, worded in the session's language
    assert view.property("distinguish") == "code ending 0002"


def test_traditional_shows_catalogue_text_converted_and_hong_kong_wording(qapp, sample_catalogue) -> None:  # type: ignore[no-untyped-def]
    item = sample_catalogue.item("SAMPLE-RS-006")
    view = ItemView()
    view.show(item, Language.ZH_HANT)
    assert view.property("name") == to_traditional(item.name) != item.name
    assert view.property("department") == to_traditional(item.department)
    assert view.property("timeLimitText") == "承諾 10 個工作天"
    assert view.property("steps") == [to_traditional(s) for s in item.guide.steps]
    assert [m["name"] for m in view.property("materials")] == [to_traditional(m.name) for m in item.guide.materials]
    assert view.property("code") == item.code  # codes and URLs are never converted


def test_the_slip_in_traditional_and_in_english(qapp, sample_catalogue) -> None:  # type: ignore[no-untyped-def]
    item = sample_catalogue.item("SAMPLE-RS-001")
    hk = slip_html(item, PAPERS["80mm"], "zh_HK")
    assert "廣州政務服務 · 辦事指南" in hk and "實施部門：" in hk and "【申請材料】" in hk
    assert html.escape(to_traditional(item.name)) in hk and "辦事指南" in hk
    assert item.name not in hk  # Simplified name gone: every catalogue line is converted
    en = slip_html(item, PAPERS["80mm"], "en_US")
    assert "Service guide" in en and "Department: " in en and "【Materials】" in en
    assert item.name in en and "in Chinese (中文)" in en  # content stays Chinese, and says so
    for label, text in present.facts(item, "en"):
        assert f"{label}: {text}" in en


def test_the_slip_footer_follows_the_language(qapp, sample_catalogue) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from ui.printing.layout import SlipInfo, _footer_lines

    item = sample_catalogue.item("SAMPLE-RS-001")
    info = SlipInfo(kiosk_id="GZ-1", data_version="", printed_at=datetime(2026, 12, 2, 9, 30), sample=True)
    assert _footer_lines(item, info) == ["终端编号：GZ-1", "打印时间：2026-12-02 09:30", "数据版本：未知",
                                         "示例数据，非官方，仅供演示"]
    en = dataclasses.replace(info, language="en_US")
    assert _footer_lines(item, en) == ["Kiosk: GZ-1", "Printed: 2026-12-02 09:30", "Data version: unknown",
                                       "Sample data, not official, for demonstration only"]
    hk = dataclasses.replace(info, language="zh_HK")
    assert _footer_lines(item, hk)[1:] == ["打印時間：2026-12-02 09:30", "資料版本：未知", "示例資料，非官方，僅供演示"]
