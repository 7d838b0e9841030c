"""Which characters of a result's name made it match, so the row can show why.

Spans are (start, length) in the name as the list writes it. Chinese queries
mark where a query part (or a lexicon form of it) occurs; pinyin and initials
mark the characters that read as the letters typed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from kiosk.search import text as textnorm

Spans = tuple[tuple[int, int], ...]


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    folded = textnorm.normalize(ch)
    return folded[:1]


@functools.lru_cache(maxsize=4096)
def _folded(name: str) -> tuple[str, tuple[int, ...]]:
    """The name folded one character at a time, and each folded character's place in it."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(name):
        f = _fold_char(ch)
        if f:
            chars.append(f)
            where.append(i)
    return "".join(chars), tuple(where)


def _merge(marks: set[int]) -> Spans:
    out: list[tuple[int, int]] = []
    for i in sorted(marks):
        if out and out[-1][0] + out[-1][1] == i:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((i, 1))
    return tuple(out)


def chinese_spans(name: str, forms: Iterable[str]) -> Spans:
    """Every occurrence in ``name`` of any of ``forms`` (folded text)."""
    folded, where = _folded(name)
    marks: set[int] = set()
    for form in sorted({f for f in forms if f}, key=len, reverse=True):
        start = folded.find(form)
        while start != -1:
            marks.update(where[start:start + len(form)])
            start = folded.find(form, start + 1)
    return _merge(marks)


def letter_spans(name: str, segmentations: Sequence[tuple[str, ...]],
                 readings: dict[str, tuple[str, ...]]) -> Spans:
    """The first run of characters that read as one of the syllable sequences.

    A one-letter syllable stands for an initial (sbcx), so initials and pinyin
    share the rule; when no run fits, the initials are marked in order from the start.
    """
    folded, where = _folded(name)

    def fits(ch: str, syllable: str, last: bool) -> bool:
        rs = readings.get(ch, ()) if textnorm.is_cjk(ch) else (ch,)
        if len(syllable) == 1 or last:
            return any(r.startswith(syllable) for r in rs)
        return syllable in rs

    for seg in segmentations:
        n = len(seg)
        for i in range(len(folded) - n + 1):
            if all(fits(folded[i + j], s, j == n - 1) for j, s in enumerate(seg)):
                return _merge(set(where[i:i + n]))
    if segmentations:
        seg, marks, j = segmentations[-1], set(), 0
        for i, ch in enumerate(folded):
            if j < len(seg) and fits(ch, seg[j][0], True):
                marks.add(where[i])
                j += 1
        if j == len(seg):
            return _merge(marks)
    return ()


def markup(name: str, spans: Spans, open_tag: str = "<u>", close_tag: str = "</u>") -> str:
    """``name`` HTML-escaped, with each span wrapped in the tags (for a StyledText row)."""
    import html

    out: list[str] = []
    pos = 0
    for start, length in spans:
        if start < pos or start + length > len(name):
            continue
        out.append(html.escape(name[pos:start]))
        out.append(open_tag + html.escape(name[start:start + length]) + close_tag)
        pos = start + length
    out.append(html.escape(name[pos:]))
    return "".join(out)
