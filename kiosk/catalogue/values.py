"""Typed service facts (time limits, visits) read from a list's own text only when certain.

A 实施清单 writes 承诺办结时限 and 到办事现场次数 as free text: ``5个工作日``, ``当场办结``,
``3个月``, ``30日``, ``1次``, ``最多跑一次``. A :class:`Quantity` keeps the number, its unit
and the list's own text; a text the rules below cannot read for certain keeps only its text
(``value`` None, ``unit`` TEXT), so no number ever changes meaning (``3个月`` is never 3
working days, ``1.5个工作日`` never 1). Unknown is None, never 0.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Unit(StrEnum):
    """What a Quantity's number counts (a closed set that crosses modules)."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    SAME_DAY = "same_day"  # 当场办结 / 即办: no number
    VISITS = "visits"
    TEXT = "text"  # the list's own words, not read as a number


#: Largest number each unit accepts; anything above is refused, not clipped.
MAX_VALUE = {Unit.WORKING_DAYS: 3650, Unit.CALENDAR_DAYS: 3650, Unit.MONTHS: 120, Unit.VISITS: 20}
MAX_RAW = 200


class ValueRefused(ValueError):
    """A fact's value breaks a bound or a rule; the message says which."""


@dataclass(frozen=True)
class Quantity:
    """A fact as the list gives it: ``value`` in ``unit`` (None for same-day and text)."""

    value: int | float | None
    unit: str
    text: str = ""

    @property
    def known(self) -> bool:
        """True when the number was read for certain (or the fact is 当场办结)."""
        return self.unit != Unit.TEXT


_SAME_DAY = frozenset({"即办", "即办件", "当场办结", "当场办理", "即时办结", "立即办结", "当日办结",
                       "当天办结", "当场", "即时办理"})
_NUMBER = r"(\d+(?:\.\d+)?)"
_LIMIT_RULES: tuple[tuple[re.Pattern[str], Unit], ...] = (
    (re.compile(rf"^{_NUMBER}$"), Unit.WORKING_DAYS),  # the column's unit in official lists
    (re.compile(rf"^{_NUMBER}个?工作日$"), Unit.WORKING_DAYS),
    (re.compile(rf"^{_NUMBER}个?(?:自然日|日|天)$"), Unit.CALENDAR_DAYS),
    (re.compile(rf"^{_NUMBER}个?(?:月|自然月)$"), Unit.MONTHS),
)
_VISIT_RULE = re.compile(r"^(\d+)次?$")
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_VISIT = re.compile(r"^([零一二两三四五])次$")


def _fold(text: str) -> str:
    """NFKC (full-width digits) without white space, for matching only; ``text`` is kept."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _number(digits: str) -> int | float:
    n = float(digits)
    return int(n) if n.is_integer() and "." not in digits else n


def _bounded(value: int | float, unit: Unit, raw: str) -> Quantity:
    if value > MAX_VALUE[unit]:
        raise ValueRefused(f"{raw!r} is more than {MAX_VALUE[unit]} ({unit.value})")
    return Quantity(value, unit.value, raw)


def parse_time_limit(raw: str) -> Quantity | None:
    """承诺/法定办结时限 from the list's text; None when the cell is empty."""
    raw = raw.strip()
    if not raw:
        return None
    folded = _fold(raw)
    if folded in _SAME_DAY:
        return Quantity(None, Unit.SAME_DAY.value, raw)
    for rule, unit in _LIMIT_RULES:
        m = rule.match(folded)
        if m:
            value = _number(m.group(1))
            if value == 0:  # "0" meant 即办 in some exports and "none" in others: not certain
                break
            return _bounded(value, unit, raw)
    return Quantity(None, Unit.TEXT.value, raw)


def parse_visits(raw: str) -> Quantity | None:
    """到办事现场次数 from the list's text (``0次`` is a real 0: the list says so)."""
    raw = raw.strip()
    if not raw:
        return None
    folded = _fold(raw)
    m = _VISIT_RULE.match(folded)
    if m:
        return _bounded(int(m.group(1)), Unit.VISITS, raw)
    m = _CN_VISIT.match(folded)
    if m:
        return Quantity(_CN_DIGITS[m.group(1)], Unit.VISITS.value, raw)
    return Quantity(None, Unit.TEXT.value, raw)


def _from_mapping(d: Mapping[str, Any], units: frozenset[str]) -> Quantity:
    if set(d) - {"value", "unit", "text"}:
        raise ValueRefused(f"unexpected fields {sorted(set(d) - {'value', 'unit', 'text'})}")
    unit, value, text = d.get("unit"), d.get("value"), d.get("text", "")
    if unit not in units:
        raise ValueRefused(f"unit must be one of {', '.join(sorted(units))}, got {unit!r}")
    if not isinstance(text, str) or len(text) > MAX_RAW or "\x00" in text or text != text.strip():
        raise ValueRefused(f"text must be trimmed text of at most {MAX_RAW} characters")
    if unit in (Unit.SAME_DAY, Unit.TEXT):
        if value is not None:
            raise ValueRefused(f"a {unit} value has no number")
        if unit == Unit.TEXT and not text:
            raise ValueRefused("a text value needs its text")
        return Quantity(None, unit, text)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ValueRefused(f"expected a number of {unit}, got {value!r}")
    if isinstance(value, float) and value.is_integer():
        raise ValueRefused(f"a whole number is written without a decimal point, got {value!r}")
    if unit == Unit.VISITS and not isinstance(value, int):
        raise ValueRefused(f"visits are whole, got {value!r}")
    if value > MAX_VALUE[Unit(unit)]:
        raise ValueRefused(f"{value} is more than {MAX_VALUE[Unit(unit)]} ({unit})")
    return Quantity(value, unit, text)


LIMIT_UNITS = frozenset({Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.SAME_DAY, Unit.TEXT})
VISIT_UNITS = frozenset({Unit.VISITS, Unit.TEXT})


def quantity_from(value: Any, *, visits: bool = False, legacy_zero_unknown: bool = True
                  ) -> Quantity | None:
    """A fact from a row: None/"" (unknown), a list's text, its typed form, or an old whole number.

    Old rows (feed format 1, old JSON Lines) held whole numbers, where 0 meant "not given":
    0 reads as None, n as n working days (or visits).
    """
    if value is None or value == "":
        return None
    if isinstance(value, Mapping):
        return _from_mapping(value, VISIT_UNITS if visits else LIMIT_UNITS)
    if isinstance(value, str):
        return parse_visits(value) if visits else parse_time_limit(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueRefused(f"{value} is negative")
        if value == 0 and legacy_zero_unknown:
            return None
        unit = Unit.VISITS if visits else Unit.WORKING_DAYS
        return _bounded(value, unit, "")
    raise ValueRefused(f"expected text or a number, got {type(value).__name__}")


def quantity_to_row(q: Quantity | None) -> dict[str, Any] | None:
    """The canonical JSON form (feed format 2): null, or value, unit and the list's text."""
    return None if q is None else {"value": q.value, "unit": q.unit, "text": q.text}


def legacy_int(q: Quantity | None) -> int:
    """The whole number an old (format 1) row held: 0 for unknown or anything not whole days."""
    if q is None or q.unit not in (Unit.WORKING_DAYS, Unit.VISITS) or not isinstance(q.value, int):
        return 0
    return q.value
