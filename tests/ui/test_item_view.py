"""Resident.item (ui/backends/item.py): a fact the list does not give is absent, the same way everywhere.

``kiosk item --json`` gives such a fact as null; the item view gives it as "" (an empty list for
materials and steps), and the scene draws nothing for "". The two are compared fact by fact on
the sample, on a raw copy with no guide at all, and on a list that gives some facts only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from catalogue_factory import item, make_catalogue
from sessionhelpers import put_factory

from kiosk.catalogue.reader import Catalogue
from kiosk.cli.main import main
from kiosk.paths import HomeLayout
from ui.backends.item import ItemView

pytestmark = pytest.mark.qt

#: kiosk item --json's guide fact -> the item view's property.
GUIDE_FACTS = {"conditions": "conditions", "case_type": "caseType", "legal_limit": "legalText",
               "promise_limit": "promiseText", "visits": "visitsText", "fee": "fee", "phone": "phone",
               "address": "address", "hours": "hours", "note": "note"}


def _json(code: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["item", code, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _agree(cat: Catalogue, code: str, capsys: pytest.CaptureFixture[str]) -> ItemView:
    """The view of ``code`` has a fact exactly where ``kiosk item --json`` has one."""
    data = _json(code, capsys)
    view = ItemView()
    view.show(cat.item(code), "zh_CN", ("gdzwfw.gov.cn", "gz.gov.cn"), cat.summary(code))
    for key, prop in GUIDE_FACTS.items():
        given = data["guide"][key] is not None
        assert (view.property(prop) != "") == given, f"{code}: {key} is {data['guide'][key]!r} in JSON, " \
                                                     f"{view.property(prop)!r} on screen"
    # no QR code for an item that cannot be started (suspended, cancelled)
    assert (view.property("url") != "") == (data["online_url"] is not None and data["status"] == "valid")
    assert (view.property("distinguish") != "") == (data["distinguish"] is not None)
    assert len(view.property("materials")) == len(data["guide"]["materials"])
    for shown, given in zip(view.property("materials"), data["guide"]["materials"], strict=True):
        assert (shown["copiesText"] != "") == (given["copies"] is not None), (code, given)  # never an invented 1 份
    assert len(view.property("steps")) == len(data["guide"]["steps"])
    if data["guide"]["visits"] is None:  # unknown: never "0 次" or 无需到现场
        assert view.property("visitsText") == ""
    return view


def test_the_sample_shows_the_facts_the_json_gives(qapp, factory: HomeLayout, sample_catalogue: Catalogue,  # type: ignore[no-untyped-def]
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for s in sample_catalogue.browse():
        _agree(sample_catalogue, s.code, capsys)


def test_a_raw_list_item_has_no_guide_facts(qapp, raw_factory: HomeLayout, raw_snapshot: Path,  # type: ignore[no-untyped-def]
                                            capsys: pytest.CaptureFixture[str]) -> None:
    with Catalogue.open(raw_snapshot) as cat:
        view = _agree(cat, "SAMPLE-RS-001", capsys)
    assert view.property("name") and view.property("url")  # what a raw list does give
    assert all(view.property(p) == "" for p in GUIDE_FACTS.values())


def test_a_list_that_gives_some_facts(qapp, kiosk_home: HomeLayout, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = make_catalogue(tmp_path / "c.sqlite", [
        item("TEST-0001", "只有收费", guide={"fee": "按页收费", "visits": "1次",
                                              "materials": ["居民身份证", {"name": "户口簿", "copies": 2}]}),
        item("TEST-0002", "只有电话", guide={"phone": "12345", "visits": "0次"}),
        item("TEST-0003", "什么都没有"),
    ])
    put_factory(kiosk_home, path)
    with Catalogue.open(path) as cat:
        views = {code: _agree(cat, code, capsys) for code in ("TEST-0001", "TEST-0002", "TEST-0003")}
    assert views["TEST-0001"].property("fee") == "按页收费" and views["TEST-0001"].property("phone") == ""
    assert views["TEST-0001"].property("visitsText") == "1 次"
    assert [m["copiesText"] for m in views["TEST-0001"].property("materials")] == ["", "2 份"]
    assert views["TEST-0002"].property("visitsText") == "无需到现场"  # 0 only because the list says 0
    assert views["TEST-0003"].property("visitsText") == "" and views["TEST-0003"].property("fee") == ""


def test_with_no_item_open_every_fact_is_absent(qapp) -> None:  # type: ignore[no-untyped-def]
    view = ItemView()
    meta = view.metaObject()
    for i in range(meta.propertyOffset(), meta.propertyCount()):
        value = view.property(meta.property(i).name())
        assert value in ("", [], False), (meta.property(i).name(), value)
