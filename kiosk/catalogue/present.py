"""The resident-facing wording of catalogue facts: one place for screen, printed slip and CLI.

Every function takes a language as a Qt locale name: "zh_CN" (the default), "zh_HK" (繁體,
Hong Kong wording) or "en"/"en_US"; a language without a table falls back to zh_CN. The
catalogue's own text is not translated here (it stays Chinese; ``kiosk.access.script`` shows
it in Traditional for zh_HK). A fact the list does not
give returns None, and the caller draws nothing: missing data is never shown as a fact
(no "0 次", no "即办" unless the list says 即办件).
"""

from __future__ import annotations

import dataclasses
from collections import ChainMap, Counter
from collections.abc import Mapping, Sequence

from kiosk.catalogue.model import Guide, Item, ItemStatus, ItemSummary, Material
from kiosk.catalogue.values import Quantity, Unit
from kiosk.locales import table_key

DEFAULT = "zh_CN"

#: Phrases by language. ``{n}`` is a number, ``{t}`` a phrase.
WORDS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "promise": "承诺 {t}",
        "legal": "法定 {t}",
        "working_days": "{n} 个工作日",
        "calendar_days": "{n} 个自然日",
        "months": "{n} 个月",
        "same_day": "当场办结",
        "immediate": "即办",
        "visits": "{n} 次",
        "no_visit": "无需到现场",
        "twin_code": "编码末4位 {t}",
        "copies": "{n} 份",
        "required": "必要",
        "optional": "非必要",
        "tolerated": "容缺",
        "yes": "是",
        "no": "否",
        "list_sep": "、",
    },
    "zh_HK": {
        "promise": "承諾 {t}",
        "legal": "法定 {t}",
        "working_days": "{n} 個工作天",
        "calendar_days": "{n} 個曆日",
        "months": "{n} 個月",
        "same_day": "當場辦結",
        "immediate": "即辦",
        "visits": "{n} 次",
        "no_visit": "無需到現場",
        "twin_code": "編碼末4位 {t}",
        "copies": "{n} 份",
        "required": "必要",
        "optional": "非必要",
        "tolerated": "容缺",
        "yes": "是",
        "no": "否",
        "list_sep": "、",
    },
    "en": {
        "promise": "{t} (promised)",
        "legal": "{t} (legal limit)",
        "working_days": "{n} working days",
        "calendar_days": "{n} calendar days",
        "months": "{n} months",
        "same_day": "Same day",
        "immediate": "Same day",
        "visits": "{n} visits",
        "no_visit": "No visit in person",
        "twin_code": "code ending {t}",
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
        "working_days": "{n} working day",
        "calendar_days": "{n} calendar day",
        "months": "{n} month",
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
    "zh_HK": {
        "department": "實施部門", "code": "事項編碼", "status": "事項狀態", "case_type": "辦件類型",
        "time_limit": "辦理時限", "promise": "承諾辦結時限", "legal": "法定辦結時限",
        "visits": "到現場次數", "fee": "收費標準", "service_object": "服務對象",
        "terminal": "自助終端可辦結", "phone": "諮詢電話", "address": "辦理地點", "hours": "辦理時間",
        "note": "溫馨提示", "conditions": "受理條件", "materials": "申請材料", "steps": "辦理流程",
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
    "zh_HK": {ItemStatus.SUSPENDED: "該事項暫停辦理", ItemStatus.CANCELLED: "該事項已取消"},
    "en": {ItemStatus.SUSPENDED: "This service is suspended", ItemStatus.CANCELLED: "This service has been withdrawn"},
}

#: Values the list itself gives in Chinese, with their translation (unknown values show as given).
VALUES: dict[str, dict[str, str]] = {
    "en": {"即办件": "Immediate", "承诺件": "With a promised time limit", "自然人": "Individuals",
           "法人": "Organisations", "不收费": "Free", "免费": "Free"},
}


#: The printed slip's own wording (everything on it that is not catalogue text).
SLIP: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "办事指南", "guide_by_qr": "详细办事指南请扫描下方二维码在手机上查看",
        "guide_at_desk": "详细办事指南请咨询窗口工作人员", "kiosk_id": "终端编号",
        "printed_at": "打印时间", "data_version": "数据版本", "sample": "示例数据，非官方，仅供演示",
        "scan": "扫码在手机上办理", "no_url": "本事项暂无网上办理地址", "unknown": "未知",
        "colon": "：", "content_note": "", "paren": "（{}）",
    },
    "zh_HK": {
        "title": "辦事指南", "guide_by_qr": "詳細辦事指南請掃描下方二維碼在手機上查看",
        "guide_at_desk": "詳細辦事指南請諮詢窗口工作人員", "kiosk_id": "終端編號",
        "printed_at": "打印時間", "data_version": "資料版本", "sample": "示例資料，非官方，僅供演示",
        "scan": "掃碼在手機上辦理", "no_url": "本事項暫無網上辦理地址", "unknown": "未知",
        "colon": "：", "content_note": "", "paren": "（{}）",
    },
    "en": {
        "title": "Service guide", "guide_by_qr": "For the full guide, scan the QR code below with your phone",
        "guide_at_desk": "For the full guide, ask at the service counter",
        "kiosk_id": "Kiosk", "printed_at": "Printed", "data_version": "Data version",
        "sample": "Sample data, not official, for demonstration only",
        "scan": "Scan to continue on your phone", "no_url": "No online service address for this item",
        "unknown": "unknown", "colon": ": ", "paren": " ({})",
        "content_note": "The service's own details below are in Chinese (中文), as the official list gives them.",
    },
}


def _table(tables: Mapping[str, Mapping[str, str]], language: str) -> Mapping[str, str]:
    """The language's table; a phrase it lacks comes from zh_CN, so a new phrase added to zh_CN
    alone shows in Simplified instead of failing (tests/kiosk/catalogue/test_present.py fails on it)."""
    own = tables.get(table_key(language))
    return tables[DEFAULT] if own is None else ChainMap(dict(own), dict(tables[DEFAULT]))


def slip_text(key: str, language: str = DEFAULT) -> str:
    """One phrase of the printed slip's own wording (its header, footer labels…)."""
    return _table(SLIP, language)[key]


def _w(key: str, language: str, n: int | float | None = None, t: str = "") -> str:
    """The phrase ``key`` with ``n`` and ``t`` filled in (its SINGULAR form when n is 1)."""
    text = _table(WORDS, language)[key]
    if n == 1:
        text = SINGULAR.get(table_key(language), {}).get(key, text)
    return text.format(n=n, t=t)


def label(fact: str, language: str = DEFAULT) -> str:
    """The label of a fact ("到现场次数" …)."""
    return _table(LABELS, language)[fact]


def value(text: str, language: str = DEFAULT) -> str:
    """A value the list gives in Chinese (即办件, 自然人 …), translated where a table has it."""
    return VALUES.get(table_key(language), {}).get(text, text)


def _opt(text: str, language: str) -> str | None:
    return value(text, language) if text else None


# -- time limits and visits -----------------------------------------------------------------


def limit_text(q: Quantity | None, language: str = DEFAULT) -> str | None:
    """A time limit in its own unit (5 个工作日, 30 个自然日, 3 个月, 当场办结), the list's own
    text when it could not be read for certain, or None when the list gives none."""
    if q is None:
        return None
    if q.unit == Unit.SAME_DAY:
        return _w("same_day", language)
    if q.value is None or q.unit not in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS):
        return q.text or None
    return _w(q.unit, language, q.value)


def promise_limit(g: Guide, language: str = DEFAULT) -> str | None:
    """承诺办结时限, or None when the list gives none."""
    return limit_text(g.promise_limit, language)


def legal_limit(g: Guide, language: str = DEFAULT) -> str | None:
    """法定办结时限, or None."""
    return limit_text(g.legal_limit, language)


def _phrase(key: str, q: Quantity, language: str) -> str:
    text = limit_text(q, language) or ""
    if q.unit == Unit.SAME_DAY or not q.known:
        return text  # 当场办结 needs no 承诺; the list's own words are shown as written
    return _w(key, language, t=text)


def time_limit(g: Guide, language: str = DEFAULT) -> str | None:
    """How long it takes, in one phrase: the promise, else 即办 (only for a 即办件), else the legal limit."""
    if g.promise_limit is not None:
        return _phrase("promise", g.promise_limit, language)
    if g.case_type == "即办件":
        return _w("immediate", language)
    if g.legal_limit is not None:
        return _phrase("legal", g.legal_limit, language)
    return None


def visits(g: Guide, language: str = DEFAULT) -> str | None:
    """到现场次数: "1 次", "无需到现场" only when the list says 0, its own text, or None (unknown)."""
    q = g.visits
    if q is None:
        return None
    if q.value is None:
        return q.text or None
    return _w("no_visit", language) if q.value == 0 else _w("visits", language, q.value)


def fee(g: Guide, language: str = DEFAULT) -> str | None:
    return _opt(g.fee, language)


def case_type(g: Guide, language: str = DEFAULT) -> str | None:
    return _opt(g.case_type, language)


# -- the item ------------------------------------------------------------------------------


def status_text(status: str, language: str = DEFAULT) -> str | None:
    """What a resident reads about an item that cannot be started (None for a valid item)."""
    try:
        return STATUS.get(table_key(language), STATUS[DEFAULT]).get(ItemStatus(status))
    except ValueError:
        return None


def service_object(item: Item, language: str = DEFAULT) -> str | None:
    """服务对象 (自然人、法人), or None."""
    if not item.service_object:
        return None
    return _w("list_sep", language).join(value(s, language) for s in item.service_object)


def terminal(item: Item, language: str = DEFAULT) -> str | None:
    """自助终端可办结: yes / no, or None when the list does not say."""
    if item.terminal_complete is None:
        return None
    return _w("yes" if item.terminal_complete else "no", language)


def mark_twins(summaries: Sequence[ItemSummary]) -> list[ItemSummary]:
    """The summaries, each item whose name repeats marked with what tells it apart
    (``twin``): its department if no namesake shares it, else its parent item's name if
    that is its own, else its code's tail. Unique names stay unmarked."""
    by_name: dict[str, list[ItemSummary]] = {}
    for s in summaries:
        by_name.setdefault(s.name, []).append(s)
    twin: dict[str, str] = {}
    for group in by_name.values():
        if len(group) < 2:
            continue
        depts = Counter(s.department for s in group)
        parents = Counter((s.department, s.parent) for s in group)
        for s in group:
            if depts[s.department] == 1:
                twin[s.code] = "department"
            elif s.parent and parents[(s.department, s.parent)] == 1:
                twin[s.code] = "parent"
            else:
                twin[s.code] = "code"
    return [dataclasses.replace(s, twin=twin[s.code]) if s.code in twin else s for s in summaries]


def distinguish(s: ItemSummary, language: str = DEFAULT) -> str | None:
    """The line that tells an item from its namesakes (see :func:`mark_twins`), or None."""
    if s.twin == "department":
        return s.department
    if s.twin == "parent" and s.parent:
        return s.parent
    if s.twin == "code":
        return _w("twin_code", language, t=s.code[-4:])
    return None


# -- materials -----------------------------------------------------------------------------


def necessity(m: Material, language: str = DEFAULT, *, tolerated: bool = False) -> str | None:
    """必要 / 非必要; 容缺 when the material may follow later (the model has no such field yet);
    None when the list does not say (nothing is shown rather than a guess)."""
    if tolerated:
        return _w("tolerated", language)
    if m.required is None:
        return None
    return _w("required" if m.required else "optional", language)


def copies(m: Material, language: str = DEFAULT) -> str | None:
    return _w("copies", language, m.copies) if m.copies > 0 else None


def material_detail(m: Material, language: str = DEFAULT) -> str:
    """Form, copies and necessity in one phrase (原件，1 份，必要)."""
    sep = ", " if table_key(language) == "en" else "，"
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
