"""kiosk.catalogue.present: the wording of facts, with nothing shown that the list does not give."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.catalogue import present
from kiosk.catalogue.model import Guide, Item, ItemStatus, Material, guide_from_dict


def g_(**guide: object) -> Guide:
    """A guide as a row gives it (old whole numbers, the list's text, or the typed form)."""
    return guide_from_dict(guide)


def item(**guide: object) -> Item:
    return Item(code="SAMPLE-X-1", name="示例事项", department="示例部门", guide=g_(**guide))


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
    assert present.visits(g_(visits=0)) is None  # an old row's 0 meant "not given"
    assert present.visits(g_(visits=0, case_type="即办件")) is None
    assert present.visits(g_(visits=1)) == "1 次"
    assert present.visits(g_(visits=2), "en") == "2 visits"
    assert present.visits(g_(visits="0次")) == "无需到现场"  # the list itself says 0
    assert present.visits(g_(visits="最多跑一次")) == "最多跑一次"
    facts = dict(present.facts(item(case_type="即办件")))
    assert "到现场次数" not in facts and not any("0 次" in v for v in facts.values())


@pytest.mark.parametrize(("n", "visits", "copies"), [(1, "1 visit", "1 copy"), (2, "2 visits", "2 copies"),
                                                     (11, "11 visits", "11 copies")])
def test_english_counts_are_singular_for_one_only(n: int, visits: str, copies: str) -> None:
    assert present.visits(g_(visits=n), "en") == visits
    assert present.copies(Material(name="身份证", copies=n), "en") == copies
    assert present.legal_limit(g_(legal_days=n), "en") == f"{n} working day{'s' if n != 1 else ''}"
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
    g = g_(promise_days=3)
    assert present.time_limit(g, "fr") == present.time_limit(g)
    assert present.label("visits", "fr") == "到现场次数"


def test_traditional_hong_kong_wording_and_locale_names() -> None:
    g = g_(promise_days=3, visits=1)
    assert present.time_limit(g, "zh_HK") == "承諾 3 個工作天"  # Hong Kong says 工作天
    assert present.label("visits", "zh_HK") == "到現場次數"
    assert present.status_text("suspended", "zh_HK") == "該事項暫停辦理"
    assert present.time_limit(g, "en_US") == present.time_limit(g, "en") == "3 working days (promised)"
    assert present.slip_text("printed_at", "zh_HK") == "打印時間"
    assert present.slip_text("content_note", "en").startswith("The service's own details")


@pytest.mark.parametrize("table", ["WORDS", "LABELS", "STATUS", "SLIP"])
def test_every_language_words_every_phrase(table: str) -> None:
    """A phrase added to one language's table and not the others would fall back silently: fail."""
    tables = getattr(present, table)
    assert set(tables) == {"zh_CN", "zh_HK", "en"}
    for language, words in tables.items():
        assert set(words) == set(tables["zh_CN"]), f"{table}[{language}]"
        assert all(str(v) or k == "content_note" for k, v in words.items()), f"{table}[{language}] has an empty phrase"


def test_facts_in_reading_order_only_those_given() -> None:
    it = dataclasses.replace(item(case_type="承诺件", promise_days=5, legal_days=20, visits=1, fee="不收费"),
                             status=ItemStatus.SUSPENDED, service_object=("自然人",))
    assert present.facts(it) == [
        ("事项状态", "该事项暂停办理"), ("办件类型", "承诺件"), ("承诺办结时限", "5 个工作日"),
        ("法定办结时限", "20 个工作日"), ("到现场次数", "1 次"), ("收费标准", "不收费"), ("服务对象", "自然人"),
    ]
    assert present.facts(item()) == []


def test_a_phrase_missing_in_one_language_falls_back_instead_of_failing(monkeypatch: pytest.MonkeyPatch) -> None:
    words = {lang: dict(table) for lang, table in present.WORDS.items()}
    del words["zh_HK"]["visits"]
    monkeypatch.setattr(present, "WORDS", words)
    assert present.visits(g_(visits=2), "zh_HK") == "2 次"  # zh_CN's phrase, never a KeyError
