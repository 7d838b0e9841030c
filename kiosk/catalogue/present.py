"""The resident-facing wording of catalogue facts: one place for screen, printed slip and CLI.

Every function takes a language ("zh_CN" by default, or "en"; a language without a table
falls back to zh_CN, so "zh_HK" can be added as one more table). A fact the list does not
give returns None, and the caller draws nothing: missing data is never shown as a fact
(no "0 次", no "即办" unless the list says 即办件).
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.catalogue.model import Guide, Item, ItemStatus, Material

DEFAULT = "zh_CN"

#: Phrases by language. ``{n}`` is a number.
WORDS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "promise": "承诺 {n} 个工作日",
        "legal": "法定 {n} 个工作日",
        "days": "{n} 个工作日",
        "immediate": "即办",
        "visits": "{n} 次",
        "copies": "{n} 份",
        "required": "必要",
        "optional": "非必要",
        "tolerated": "容缺",
        "yes": "是",
        "no": "否",
        "list_sep": "、",
    },
    "en": {
        "promise": "{n} working days (promised)",
        "legal": "{n} working days (legal limit)",
        "days": "{n} working days",
        "immediate": "Same day",
        "visits": "{n} visits",
        "copies": "{n} copies",
        "required": "Required",
        "optional": "If applicable",
        "tolerated": "Can follow later",
        "yes": "Yes",
        "no": "No",
        "list_sep": ", ",
    },
}

#: The singular of a phrase where a language has one (CLDR's "one": n = 1 exactly in English);
#: WORDS holds the other form. Chinese has none.
SINGULAR: dict[str, dict[str, str]] = {
    "en": {
        "promise": "{n} working day (promised)",
        "legal": "{n} working day (legal limit)",
        "days": "{n} working day",
        "visits": "{n} visit",
        "copies": "{n} copy",
    },
}

#: Labels of the facts, by language (the key is the fact's name in :func:`facts`).
LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "department": "实施部门", "code": "事项编码", "status": "事项状态", "case_type": "办件类型",
        "time_limit": "办理时限", "promise": "承诺办结时限", "legal": "法定办结时限",
        "visits": "到现场次数", "fee": "收费标准", "service_object": "服务对象",
        "terminal": "自助终端可办结", "phone": "咨询电话", "address": "办理地点", "hours": "办理时间",
        "note": "温馨提示", "conditions": "受理条件", "materials": "申请材料", "steps": "办理流程",
    },
    "en": {
        "department": "Department", "code": "Item code", "status": "Status", "case_type": "Case type",
        "time_limit": "Time limit", "promise": "Promised time limit", "legal": "Legal time limit",
        "visits": "Visits in person", "fee": "Fee", "service_object": "For",
        "terminal": "Can be finished at this kiosk", "phone": "Enquiries", "address": "Where",
        "hours": "Opening hours", "note": "Note", "conditions": "Conditions", "materials": "Materials",
        "steps": "Steps",
    },
}

STATUS: dict[str, dict[ItemStatus, str]] = {
    "zh_CN": {ItemStatus.SUSPENDED: "该事项暂停办理", ItemStatus.CANCELLED: "该事项已取消"},
    "en": {ItemStatus.SUSPENDED: "This service is suspended", ItemStatus.CANCELLED: "This service has been withdrawn"},
}

#: Values the list itself gives in Chinese, with their translation (unknown values show as given).
VALUES: dict[str, dict[str, str]] = {
    "en": {"即办件": "Immediate", "承诺件": "With a promised time limit", "自然人": "Individuals",
           "法人": "Organisations", "不收费": "Free", "免费": "Free"},
}


def _table(tables: Mapping[str, Mapping[str, str]], language: str) -> Mapping[str, str]:
    return tables.get(language) or tables[DEFAULT]


def _w(key: str, language: str, n: int | None = None) -> str:
    """The phrase ``key`` with ``n`` filled in (its SINGULAR form when n is 1)."""
    text = _table(WORDS, language)[key]
    if n == 1:
        text = SINGULAR.get(language, {}).get(key, text)
    return text.format(n=n) if n is not None else text


def label(fact: str, language: str = DEFAULT) -> str:
    """The label of a fact ("到现场次数" …)."""
    return _table(LABELS, language)[fact]


def value(text: str, language: str = DEFAULT) -> str:
    """A value the list gives in Chinese (即办件, 自然人 …), translated where a table has it."""
    return VALUES.get(language, {}).get(text, text)


def _opt(text: str, language: str) -> str | None:
    return value(text, language) if text else None


# -- time limits and visits -----------------------------------------------------------------


def promise_limit(g: Guide, language: str = DEFAULT) -> str | None:
    """承诺办结时限 in working days, or None when the list gives none."""
    return _w("days", language, g.promise_days) if g.promise_days > 0 else None


def legal_limit(g: Guide, language: str = DEFAULT) -> str | None:
    """法定办结时限 in working days, or None."""
    return _w("days", language, g.legal_days) if g.legal_days > 0 else None


def time_limit(g: Guide, language: str = DEFAULT) -> str | None:
    """How long it takes, in one phrase: the promise, else 即办 (only for a 即办件), else the legal limit."""
    if g.promise_days > 0:
        return _w("promise", language, g.promise_days)
    if g.case_type == "即办件":
        return _w("immediate", language)
    if g.legal_days > 0:
        return _w("legal", language, g.legal_days)
    return None


def visits(g: Guide, language: str = DEFAULT) -> str | None:
    """到现场次数. The catalogue stores a missing count as 0, so 0 is unknown: None, never "0 次"."""
    return _w("visits", language, g.visits) if g.visits > 0 else None


def fee(g: Guide, language: str = DEFAULT) -> str | None:
    return _opt(g.fee, language)


def case_type(g: Guide, language: str = DEFAULT) -> str | None:
    return _opt(g.case_type, language)


# -- the item ------------------------------------------------------------------------------


def status_text(status: str, language: str = DEFAULT) -> str | None:
    """What a resident reads about an item that cannot be started (None for a valid item)."""
    try:
        return STATUS.get(language, STATUS[DEFAULT]).get(ItemStatus(status))
    except ValueError:
        return None


def service_object(item: Item, language: str = DEFAULT) -> str | None:
    """服务对象 (自然人、法人), or None."""
    if not item.service_object:
        return None
    return _w("list_sep", language).join(value(s, language) for s in item.service_object)


def terminal(item: Item, language: str = DEFAULT) -> str:
    return _w("yes" if item.terminal_complete else "no", language)


# -- materials -----------------------------------------------------------------------------


def necessity(m: Material, language: str = DEFAULT, *, tolerated: bool = False) -> str:
    """必要 / 非必要; 容缺 when the material may follow later (the model has no such field yet)."""
    if tolerated:
        return _w("tolerated", language)
    return _w("required" if m.required else "optional", language)


def copies(m: Material, language: str = DEFAULT) -> str | None:
    return _w("copies", language, m.copies) if m.copies > 0 else None


def material_detail(m: Material, language: str = DEFAULT) -> str:
    """Form, copies and necessity in one phrase (原件，1 份，必要)."""
    sep = "，" if _table(WORDS, language) is WORDS[DEFAULT] else ", "
    return sep.join(x for x in (m.form, copies(m, language), necessity(m, language)) if x)


# -- everything at once --------------------------------------------------------------------


def facts(item: Item, language: str = DEFAULT) -> list[tuple[str, str]]:
    """The item's short facts as (label, text), only those the list gives, in reading order."""
    g = item.guide
    found = [
        ("status", status_text(item.status, language)),
        ("case_type", case_type(g, language)),
        ("promise", promise_limit(g, language)),
        ("legal", legal_limit(g, language)),
        ("visits", visits(g, language)),
        ("fee", fee(g, language)),
        ("service_object", service_object(item, language)),
    ]
    return [(label(k, language), v) for k, v in found if v]
