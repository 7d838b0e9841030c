"""kiosk.catalogue.present: the wording of facts, with nothing shown that the list does not give."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.catalogue import present
from kiosk.catalogue.model import Guide, Item, ItemStatus, Material


def item(**guide: object) -> Item:
    return Item(code="SAMPLE-X-1", name="示例事项", department="示例部门", guide=Guide(**guide))  # type: ignore[arg-type]


@pytest.mark.parametrize(("guide", "zh", "en"), [
    ({"promise_days": 5, "legal_days": 20, "case_type": "承诺件"}, "承诺 5 个工作日", "5 working days (promised)"),
    ({"case_type": "即办件"}, "即办", "Same day"),
    ({"case_type": "即办件", "promise_days": 1}, "承诺 1 个工作日", "1 working day (promised)"),
    ({"legal_days": 20}, "法定 20 个工作日", "20 working days (legal limit)"),
    ({}, None, None),
    ({"case_type": "承诺件"}, None, None),  # 即办 only when the list says 即办件
])
def test_time_limit(guide: dict[str, object], zh: str | None, en: str | None) -> None:
    g = item(**guide).guide
    assert present.time_limit(g) == zh
    assert present.time_limit(g, "en") == en


def test_promise_and_legal_limits_apart() -> None:
    g = item(promise_days=5, legal_days=20).guide
    assert (present.promise_limit(g), present.legal_limit(g)) == ("5 个工作日", "20 个工作日")
    assert present.promise_limit(Guide()) is None and present.legal_limit(Guide()) is None


def test_unknown_visits_are_absent_never_zero() -> None:
    assert present.visits(Guide(visits=0)) is None
    assert present.visits(Guide(visits=0, case_type="即办件")) is None
    assert present.visits(Guide(visits=1)) == "1 次"
    assert present.visits(Guide(visits=2), "en") == "2 visits"
    facts = dict(present.facts(item(case_type="即办件")))
    assert "到现场次数" not in facts and not any("0 次" in v for v in facts.values())


@pytest.mark.parametrize(("n", "visits", "copies"), [(1, "1 visit", "1 copy"), (2, "2 visits", "2 copies"),
                                                     (11, "11 visits", "11 copies")])
def test_english_counts_are_singular_for_one_only(n: int, visits: str, copies: str) -> None:
    assert present.visits(Guide(visits=n), "en") == visits
    assert present.copies(Material(name="身份证", copies=n), "en") == copies
    assert present.legal_limit(Guide(legal_days=n), "en") == f"{n} working day{'s' if n != 1 else ''}"
    assert present.copies(Material(name="身份证", copies=n)) == f"{n} 份"  # Chinese has no plural


def test_status_text() -> None:
    assert present.status_text(ItemStatus.VALID) is None
    assert present.status_text("suspended") == "该事项暂停办理"
    assert present.status_text(ItemStatus.CANCELLED) == "该事项已取消"
    assert present.status_text("suspended", "en") == "This service is suspended"
    assert present.status_text("nonsense") is None


def test_fee_and_service_object() -> None:
    it = dataclasses.replace(item(fee="不收费"), service_object=("自然人", "法人"))
    assert present.fee(it.guide) == "不收费" and present.fee(it.guide, "en") == "Free"
    assert present.fee(Guide()) is None
    assert present.service_object(it) == "自然人、法人"
    assert present.service_object(it, "en") == "Individuals, Organisations"
    assert present.service_object(item()) is None


def test_material_necessity_and_detail() -> None:
    original = Material(name="身份证", required=True, form="原件", copies=1)
    optional = Material(name="户口簿", required=False, copies=0)
    assert present.necessity(original) == "必要"
    assert present.necessity(optional) == "非必要"
    assert present.necessity(optional, tolerated=True) == "容缺"
    assert present.material_detail(original) == "原件，1 份，必要"
    assert present.material_detail(optional) == "非必要"  # no copies given: none shown
    assert present.material_detail(original, "en") == "原件, 1 copy, Required"


def test_a_language_without_a_table_falls_back_to_simplified_chinese() -> None:
    g = Guide(promise_days=3)
    assert present.time_limit(g, "zh_HK") == present.time_limit(g)
    assert present.label("visits", "zh_HK") == "到现场次数"


def test_facts_in_reading_order_only_those_given() -> None:
    it = dataclasses.replace(item(case_type="承诺件", promise_days=5, legal_days=20, visits=1, fee="不收费"),
                             status=ItemStatus.SUSPENDED, service_object=("自然人",))
    assert present.facts(it) == [
        ("事项状态", "该事项暂停办理"), ("办件类型", "承诺件"), ("承诺办结时限", "5 个工作日"),
        ("法定办结时限", "20 个工作日"), ("到现场次数", "1 次"), ("收费标准", "不收费"), ("服务对象", "自然人"),
    ]
    assert present.facts(item()) == []
