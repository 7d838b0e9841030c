"""Chinese search over the catalogue, used by the CLI and the UI alike.

Why not FTS5: the trigram tokenizer matches nothing for 1–2 character
queries, and LIKE on a trigram table misses CJK text on SQLite 3.40 (Debian 12).
Instead the snapshot carries precomputed keys (folded text, pinyin variants,
initials) and this module holds them in memory:

* exact matches come from a dict, prefixes from a sorted key list (bisect);
* substrings come from one string per key set with the entries laid out hot
  items first, so ``str.find`` meets the best candidates first and the scan
  stops as soon as enough results are found.

Tiers, best first: exact name (or full pinyin), prefix, pinyin initials,
substring (text, pinyin at a syllable start, initials, department), and last
an initials subsequence anchored at the first character (社保缴费明细查询 for
``sbcx``). Ties go to hot items, then catalogue order.
"""

from __future__ import annotations

import bisect
import heapq
import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kiosk import textnorm
from kiosk.model import ItemSummary

#: Longer input is cut: nobody types more at a kiosk, and it bounds the work.
MAX_QUERY = 64

TIER_EXACT, TIER_PREFIX, TIER_INITIALS, TIER_SUBSTRING, TIER_FUZZY = range(5)

_START, _END = "\x1f", "\x1e"


@dataclass(frozen=True)
class SearchHit:
    summary: ItemSummary
    tier: int
    field: str


class _KeySet:
    """One kind of key (e.g. Chinese names) over all items, searchable three ways.

    Entries are (key, item position, syllable-start mask); an item position is
    its rank (hot first), so lower is better.
    """

    def __init__(self, entries: Iterable[tuple[str, int, int]]) -> None:
        rows = sorted(set(entries), key=lambda e: (e[1], e[0]))
        self.by_key: dict[str, list[int]] = {}
        for key, pos, _ in rows:
            positions = self.by_key.setdefault(key, [])
            if not positions or positions[-1] != pos:
                positions.append(pos)
        self.sorted_keys = sorted(self.by_key)
        self.starts = array("q")
        self.positions = array("q")
        self.masks: list[int] = []
        parts = []
        offset = 0
        for key, pos, mask in rows:
            self.starts.append(offset)
            self.positions.append(pos)
            self.masks.append(mask)
            parts.append(_START + key + _END)
            offset += len(key) + 2
        self.hay = "".join(parts)

    def exact(self, q: str) -> list[int]:
        return self.by_key.get(q, [])

    def prefix(self, q: str, k: int, exclude: dict[int, tuple[int, str]]) -> list[int]:
        lo = bisect.bisect_left(self.sorted_keys, q)
        hi = bisect.bisect_left(self.sorted_keys, q + "\U0010ffff", lo)
        found: set[int] = set()
        for key in self.sorted_keys[lo:hi]:
            found.update(self.by_key[key])
        found.difference_update(exclude)
        return heapq.nsmallest(k, found)

    def substring(
        self, q: str, k: int, exclude: dict[int, tuple[int, str]], *, syllable_start: bool = False
    ) -> list[int]:
        out: list[int] = []
        seen: set[int] = set()
        find = self.hay.find
        i = find(q)
        while i != -1 and len(out) < k:
            entry = bisect.bisect_right(self.starts, i) - 1
            pos = self.positions[entry]
            if pos not in seen and pos not in exclude:
                within = i - self.starts[entry] - 1
                if not syllable_start or (self.masks[entry] >> within) & 1:
                    seen.add(pos)
                    out.append(pos)
            i = find(q, i + 1)
        return out

    def subsequence(self, q: str, k: int, exclude: dict[int, tuple[int, str]]) -> list[int]:
        """Keys that start with q[0] and contain the rest of q in order."""
        pattern = re.compile(
            re.escape(_START + q[0]) + "".join(f"[^{_END}]*?" + re.escape(c) for c in q[1:])
        )
        out: list[int] = []
        seen: set[int] = set()
        for m in pattern.finditer(self.hay):
            entry = bisect.bisect_right(self.starts, m.start()) - 1
            pos = self.positions[entry]
            if pos not in seen and pos not in exclude:
                seen.add(pos)
                out.append(pos)
                if len(out) >= k:
                    break
        return out


def _syllable_mask(syllables: list[str]) -> int:
    mask, offset = 0, 0
    for s in syllables:
        mask |= 1 << offset
        offset += len(s)
    return mask


class SearchIndex:
    """In-memory index over one snapshot's items.

    Built from ``(item_id, ItemSummary)`` in catalogue order and the snapshot's
    ``search_keys`` rows ``(item_id, field, norm, pinyin, initials)``.
    """

    def __init__(
        self,
        items: list[tuple[int, ItemSummary]],
        key_rows: Iterable[tuple[int, str, str, str, str]],
    ) -> None:
        ranked = sorted(
            enumerate(items), key=lambda e: (e[1][1].hot <= 0, e[1][1].hot, e[0])
        )
        self.summaries: list[ItemSummary] = [summary for _, (_, summary) in ranked]
        pos_of = {item_id: pos for pos, (_, (item_id, _)) in enumerate(ranked)}
        text: list[tuple[str, int, int]] = []
        names: list[tuple[str, int, int]] = []
        depts: list[tuple[str, int, int]] = []
        pinyin: list[tuple[str, int, int]] = []
        initials: list[tuple[str, int, int]] = []
        for item_id, field, norm, py, ini in key_rows:
            pos = pos_of.get(item_id)
            if pos is None:
                continue
            if field == "department":
                depts.append((norm, pos, 0))
                continue
            (names if field == "name" else text).append((norm, pos, 0))
            for variant in py.split("|") if py else ():
                syllables = variant.split("'")
                pinyin.append(("".join(syllables), pos, _syllable_mask(syllables)))
            for variant in ini.split("|") if ini else ():
                initials.append((variant, pos, 0))
        self._names = _KeySet(names)
        self._text = _KeySet(text)
        self._depts = _KeySet(depts)
        self._pinyin = _KeySet(pinyin)
        self._initials = _KeySet(initials)

    def __len__(self) -> int:
        return len(self.summaries)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked hits for any text; never raises for odd input, returns [] for none."""
        if not isinstance(query, str) or limit <= 0:
            return []
        query = query[: MAX_QUERY * 4]
        norm = textnorm.normalize(query)[:MAX_QUERY]
        if not norm:
            return []
        found: dict[int, tuple[int, str]] = {}
        has_cjk = any(textnorm.is_cjk(c) for c in norm)
        letters = "" if has_cjk else textnorm.normalize_letters(query)[:MAX_QUERY]

        budget = limit  # results a step may add: what the better tiers left over

        def room() -> int:
            return budget

        steps: list[tuple[int, str, Callable[[], Iterable[int]]]] = [
            (TIER_EXACT, "name", lambda: self._names.exact(norm)),
            (TIER_EXACT, "alias", lambda: self._text.exact(norm)),
        ]
        if letters:
            steps.append((TIER_EXACT, "pinyin", lambda: self._pinyin.exact(letters)))
        steps += [
            (TIER_PREFIX, "name", lambda: self._names.prefix(norm, room(), found)),
            (TIER_PREFIX, "alias", lambda: self._text.prefix(norm, room(), found)),
        ]
        if letters:
            steps += [
                (TIER_PREFIX, "pinyin", lambda: self._pinyin.prefix(letters, room(), found)),
                (TIER_INITIALS, "initials", lambda: self._initials.exact(letters)),
                (TIER_INITIALS, "initials", lambda: self._initials.prefix(letters, room(), found)),
            ]
        steps += [
            (TIER_SUBSTRING, "name", lambda: self._names.substring(norm, room(), found)),
            (TIER_SUBSTRING, "alias", lambda: self._text.substring(norm, room(), found)),
        ]
        if letters:
            steps += [
                (TIER_SUBSTRING, "pinyin",
                 lambda: self._pinyin.substring(letters, room(), found, syllable_start=True)),
                (TIER_SUBSTRING, "initials",
                 lambda: self._initials.substring(letters, room(), found)),
            ]
        steps.append(
            (TIER_SUBSTRING, "department", lambda: self._depts.substring(norm, room(), found)))
        if letters and len(letters) >= 2:
            steps.append(
                (TIER_FUZZY, "initials", lambda: self._initials.subsequence(letters, room(), found)))

        current_tier = TIER_EXACT
        for tier, field, run in steps:
            if tier != current_tier:
                # Every step of a tier gets the same budget, so within a tier the
                # best-ranked items win whichever key set found them.
                current_tier, budget = tier, limit - len(found)
                if budget <= 0:
                    break
            for p in run():
                found.setdefault(p, (tier, field))
        ordered = sorted(found.items(), key=lambda kv: (kv[1][0], kv[0]))[:limit]
        return [SearchHit(self.summaries[pos], tier, field) for pos, (tier, field) in ordered]
