"""Screen, slip and CLI word an item's facts the same way (kiosk.catalogue.present), missing ones left out."""

from __future__ import annotations

import pytest

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
