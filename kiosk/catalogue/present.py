"""The resident-facing wording of catalogue facts: one place for screen, printed slip and CLI.

Every function takes a language as a Qt locale name: "zh_CN" (the default), "zh_HK" (繁體,
Hong Kong wording) or "en"/"en_US"; a language without a table falls back to zh_CN. The
catalogue's own text is not translated here (it stays Chinese; ``kiosk.access.script`` shows
it in Traditional for zh_HK). A fact the list does not
give returns None, and the caller draws nothing: missing data is never shown as a fact
(no "0 次", no "即办" unless the list says 即办件).
"""

from __future__ import annotations

import collections
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
    "zh_HK": {
        "promise": "承諾 {n} 個工作天",
        "legal": "法定 {n} 個工作天",
        "days": "{n} 個工作天",
        "immediate": "即辦",
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
        "visits": "{n} visit(s)",
        "copies": "{n} cop(ies)",
        "required": "Required",
        "optional": "If applicable",
        "tolerated": "Can follow later",
        "yes": "Yes",
        "no": "No",
        "list_sep": ", ",
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
        "header": "广州政务服务 · 办事指南", "title": "办事指南", "kiosk_id": "终端编号",
        "printed_at": "打印时间", "data_version": "数据版本", "sample": "示例数据，非官方，仅供演示",
        "scan": "扫码在手机上办理", "no_url": "本事项暂无网上办理地址", "unknown": "未知",
        "colon": "：", "content_note": "", "paren": "（{}）",
    },
    "zh_HK": {
        "header": "廣州政務服務 · 辦事指南", "title": "辦事指南", "kiosk_id": "終端編號",
        "printed_at": "打印時間", "data_version": "資料版本", "sample": "示例資料，非官方，僅供演示",
        "scan": "掃碼在手機上辦理", "no_url": "本事項暫無網上辦理地址", "unknown": "未知",
        "colon": "：", "content_note": "", "paren": "（{}）",
    },
    "en": {
        "header": "Guangzhou Government Services · Service guide", "title": "Service guide",
        "kiosk_id": "Kiosk", "printed_at": "Printed", "data_version": "Data version",
        "sample": "Sample data, not official, for demonstration only",
        "scan": "Scan to continue on your phone", "no_url": "No online service address for this item",
        "unknown": "unknown", "colon": ": ", "paren": " ({})",
        "content_note": "The service's own details below are in Chinese (中文), as the official list gives them.",
    },
}


def _key(language: str) -> str:
    """The table key for a locale name: "en_US" and "en-GB" use "en", "zh-Hant"/"zh_TW" use "zh_HK"."""
    lang = language.replace("-", "_")
    if lang in ("zh_HK", "zh_TW", "zh_MO", "zh_Hant"):
        return "zh_HK"
    return "en" if lang.split("_")[0] == "en" else lang


def _table(tables: Mapping[str, Mapping[str, str]], language: str) -> Mapping[str, str]:
    """The language's table; a phrase it lacks comes from zh_CN, so a new phrase added to zh_CN
    alone shows in Simplified instead of failing (tests/kiosk/catalogue/test_present.py fails on it)."""
    own = tables.get(_key(language))
    return tables[DEFAULT] if own is None else collections.ChainMap(dict(own), dict(tables[DEFAULT]))


def slip_text(key: str, language: str = DEFAULT) -> str:
    """One phrase of the printed slip's own wording (its header, footer labels…)."""
    return _table(SLIP, language)[key]


def _w(key: str, language: str, n: int | None = None) -> str:
    text = _table(WORDS, language)[key]
    return text.format(n=n) if n is not None else text


def label(fact: str, language: str = DEFAULT) -> str:
    """The label of a fact ("到现场次数" …)."""
    return _table(LABELS, language)[fact]


def value(text: str, language: str = DEFAULT) -> str:
    """A value the list gives in Chinese (即办件, 自然人 …), translated where a table has it."""
    return VALUES.get(_key(language), {}).get(text, text)


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
        return STATUS.get(_key(language), STATUS[DEFAULT]).get(ItemStatus(status))
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
    sep = ", " if _key(language) == "en" else "，"
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
