"""What 朗读 reads of an item: its essentials as short sentences, which are also the captions.

Name, whether it can be done at this terminal, where to go, steps and materials.
The same written Chinese serves 普通话 and 粤语 (as Cantonese broadcasts read written
Chinese); the UI converts captions to Traditional for a zh-Hant screen. A field the
catalogue leaves empty is left out, never spoken as a fact (no "0 份", no empty place).
Kept small so its wording can later come from ``kiosk.catalogue.present``.
"""

from __future__ import annotations

import re

from kiosk.catalogue.model import Item, ItemStatus, ItemSummary

_DIGITS = "零一二三四五六七八九"
#: How many rows of a result list 朗读 reads (the rest are on screen; a long list is not listened to).
LIST_LIMIT = 5
# A sentence ends at 。！？； or a line break (the mark stays with its sentence).
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
# 9:00-12:00 → 9点至12点, so espeak reads clock times as a person says them.
_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_RANGE = re.compile(r"(点|分)\s*[-–—~～至]\s*(?=\d)")


def zh_number(n: int) -> str:
    """0–99 in Chinese numerals (第三步, 十二项); larger numbers stay in digits."""
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def zh_count(n: int) -> str:
    """A count before a measure word: 2 is 两 (两项材料), otherwise as :func:`zh_number`."""
    return "两" if n == 2 else zh_number(n)


def _clock(m: re.Match[str]) -> str:
    hour, minute = int(m.group(1)), int(m.group(2))
    return f"{hour}点" if minute == 0 else f"{hour}点{minute}分"


def speakable(text: str) -> str:
    """Catalogue text made easier to speak: clock times and their ranges in words."""
    return _RANGE.sub(r"\1至", _TIME.sub(_clock, text))


def split_sentences(text: str) -> list[str]:
    """``text`` cut into sentences, each ending in its mark (。 added where it had none)."""
    out = []
    for part in _SENTENCE_END.split(text):
        part = part.strip()
        if part:
            out.append(part if part[-1] in "。！？；!?;：:，," else part + "。")
    return out


def _labelled(label: str, text: str) -> list[str]:
    parts = split_sentences(speakable(text))
    if parts:
        parts[0] = f"{label}：{parts[0]}"
    return parts


def sentences(item: Item) -> list[str]:
    """The sentences to read for ``item``, in order; each one is a caption."""
    g = item.guide
    out = split_sentences(item.name)
    if item.status == ItemStatus.CANCELLED:
        return [*out, "该事项已取消，不能办理。", "如有疑问，请咨询窗口工作人员。"]
    if item.status == ItemStatus.SUSPENDED:
        return [*out, "该事项暂停办理，请咨询窗口工作人员。"]
    if item.terminal_complete:
        out.append("可以在本机办理。")
    else:
        if item.terminal_complete is False:  # None: the list does not say, so no guess about where
            # 网上 only when the item has an address to continue at (the QR code on screen)
            out.append("本机不能办结，需到窗口或网上办理。" if item.online_url
                       else "本机不能办结，需到窗口办理。")
        out += _labelled("办理部门", item.department)
    if g.address:
        out += _labelled("办理地点", g.address)
    if g.hours and not item.terminal_complete:
        out += _labelled("办理时间", g.hours)
    if len(g.steps) == 1:
        out += _labelled("办理步骤", g.steps[0])
    elif g.steps:
        out.append(f"办理步骤共{zh_count(len(g.steps))}步。")
        for i, step in enumerate(g.steps, 1):
            out += _labelled(f"第{zh_number(i)}步", step)
    if g.materials:
        out.append(f"需要准备{zh_count(len(g.materials))}项材料。")
        for i, m in enumerate(g.materials, 1):
            words = [m.name.rstrip("。；;")]
            if m.form:
                words.append(m.form)
            if m.copies > 1:  # 0 is 份数 not given; one copy goes without saying
                words.append(f"{zh_count(m.copies)}份")
            if m.required is False:  # None: the list does not say
                words.append("非必需")
            out.append(f"第{zh_number(i)}项，{'，'.join(words)}。")
    return out


def _row_state(row: ItemSummary) -> str:
    if row.status == ItemStatus.CANCELLED:
        return "已取消"
    if row.status == ItemStatus.SUSPENDED:
        return "暂停办理"
    if row.terminal_complete is None:
        return ""
    return "可在本机办理" if row.terminal_complete else "需到窗口或网上办理"


def list_sentences(rows: list[ItemSummary], *, searched: bool, limit: int = LIST_LIMIT) -> list[str]:
    """What 朗读 reads on the search screen: how many matched, then the first rows with their state.

    ``searched`` False means the list is the hot items (nothing typed yet). The query itself
    is never read back (it may be half-typed initials, and a bystander hears it).
    """
    if not rows:
        return ["没有找到相符的事项。", "请换个说法，或向大厅工作人员求助。"] if searched else []
    total = len(rows)
    out = [f"找到{zh_count(total)}项事项。" if searched else f"热门事项共{zh_count(total)}项。"]
    shown = rows[:limit]
    if total > len(shown):
        out.append(f"下面读前{zh_count(len(shown))}项。")
    for i, row in enumerate(shown, 1):
        words = [row.name.rstrip("。"), _row_state(row)]
        out.append(f"第{zh_number(i)}项，{'，'.join(w for w in words if w)}。")
    out.append("请点事项查看办事指南。")
    return out
