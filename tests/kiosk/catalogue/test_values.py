"""Service facts are read from a list's text only when certain; never a number with a changed meaning."""

from __future__ import annotations

import pytest

from kiosk.catalogue import present
from kiosk.catalogue.model import RowError, guide_from_dict
from kiosk.catalogue.values import (
    Quantity,
    ValueRefused,
    parse_time_limit,
    parse_visits,
    quantity_from,
)

# (承诺办结时限 as the list writes it, what is stored, how it reads in zh_CN and in en)
LIMITS = [
    ("当场办结", Quantity(None, "same_day", "当场办结"), "当场办结", "Same day"),
    ("即办", Quantity(None, "same_day", "即办"), "当场办结", "Same day"),
    ("3个月", Quantity(3, "months", "3个月"), "承诺 3 个月", "3 months (promised)"),
    ("5个工作日", Quantity(5, "working_days", "5个工作日"), "承诺 5 个工作日", "5 working days (promised)"),
    ("5", Quantity(5, "working_days", "5"), "承诺 5 个工作日", "5 working days (promised)"),
    ("１０ 个工作日", Quantity(10, "working_days", "１０ 个工作日"), "承诺 10 个工作日",
     "10 working days (promised)"),
    ("1.5个工作日", Quantity(1.5, "working_days", "1.5个工作日"), "承诺 1.5 个工作日",
     "1.5 working days (promised)"),
    ("30日", Quantity(30, "calendar_days", "30日"), "承诺 30 个自然日", "30 calendar days (promised)"),
    ("30天", Quantity(30, "calendar_days", "30天"), "承诺 30 个自然日", "30 calendar days (promised)"),
    ("0", Quantity(None, "text", "0"), "0", "0"),  # 0 meant 即办 in some lists, "none" in others
    ("详见窗口公示", Quantity(None, "text", "详见窗口公示"), "详见窗口公示", "详见窗口公示"),
    ("3个月或60个工作日", Quantity(None, "text", "3个月或60个工作日"), "3个月或60个工作日",
     "3个月或60个工作日"),
    ("", None, None, None),
    ("   ", None, None, None),
]


@pytest.mark.parametrize(("text", "stored", "zh", "en"), LIMITS)
def test_time_limits(text: str, stored: Quantity | None, zh: str | None, en: str | None) -> None:
    assert parse_time_limit(text) == stored
    g = guide_from_dict({"promise_limit": text})
    assert g.promise_limit == stored
    assert present.time_limit(g) == zh
    assert present.time_limit(g, "en") == en


def test_a_decimal_is_never_rounded_and_months_never_become_days() -> None:
    assert parse_time_limit("1.5个工作日").value == 1.5  # type: ignore[union-attr]
    months = parse_time_limit("3个月")
    assert months is not None and months.unit == "months" and months.value == 3
    assert present.promise_limit(guide_from_dict({"promise_limit": "3个月"})) == "3 个月"


VISITS = [
    ("1次", Quantity(1, "visits", "1次"), "1 次"),
    ("1", Quantity(1, "visits", "1"), "1 次"),
    ("一次", Quantity(1, "visits", "一次"), "1 次"),
    ("0次", Quantity(0, "visits", "0次"), "无需到现场"),  # the list says 0: a real 0, worded as such
    ("最多跑一次", Quantity(None, "text", "最多跑一次"), "最多跑一次"),
    ("abc", Quantity(None, "text", "abc"), "abc"),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "stored", "zh"), VISITS)
def test_visits(text: str, stored: Quantity | None, zh: str | None) -> None:
    assert parse_visits(text) == stored
    g = guide_from_dict({"visits": text})
    assert g.visits == stored and present.visits(g) == zh


@pytest.mark.parametrize(("value", "expected"), [
    (0, None),  # an old row's 0 meant "not given": unknown, never 0
    (None, None),
    (5, Quantity(5, "working_days", "")),
    ({"value": 3, "unit": "months", "text": "3个月"}, Quantity(3, "months", "3个月")),
    ({"value": None, "unit": "same_day", "text": ""}, Quantity(None, "same_day", "")),
])
def test_old_numbers_and_typed_rows(value: object, expected: Quantity | None) -> None:
    assert quantity_from(value) == expected


@pytest.mark.parametrize("value", [
    "9999个工作日", -1, True, 2.5, {"value": 3, "unit": "fortnights", "text": ""},
    {"value": 3.0, "unit": "months", "text": ""}, {"value": None, "unit": "text", "text": ""},
    {"value": 1, "unit": "same_day", "text": ""}, {"value": 1, "unit": "months", "extra": 1},
])
def test_refused_values_name_the_rule(value: object) -> None:
    with pytest.raises(ValueRefused):
        quantity_from(value)
    with pytest.raises(RowError) as exc:
        guide_from_dict({"promise_limit": value})
    assert exc.value.field == "guide.promise_limit"


def test_old_and_new_keys_together_are_refused() -> None:
    with pytest.raises(RowError, match="not both"):
        guide_from_dict({"promise_limit": "3个月", "promise_days": 3})


def test_unknown_facts_are_absent_from_the_facts() -> None:
    from kiosk.catalogue.model import Item

    item = Item(code="SAMPLE-X-1", name="示例", department="示例部门", guide=guide_from_dict({}))
    assert present.facts(item) == []
    assert present.time_limit(item.guide) is None and present.visits(item.guide) is None
