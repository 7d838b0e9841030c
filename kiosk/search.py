"""Chinese search over the catalogue, used by the CLI and the UI alike.

Why not FTS5: the trigram tokenizer matches nothing for 1–2 character
queries, and LIKE on a trigram table misses CJK text on SQLite 3.40 (Debian 12).
Instead the snapshot carries precomputed keys (folded text, pinyin variants,
initials) and this module holds them in memory:

* exact matches come from a dict, short prefix ranges from a sorted key list;
* substrings come from one string per key set with the keys laid out hot
  items first, so ``str.find`` meets the best candidates first and the scan
  stops as soon as enough results are found;
* pinyin in the middle of a name ('qianzhu' in 港澳台签注申请) is matched on
  the Chinese text itself: the query is split into syllables, the characters
  that can read as the first syllable are found with ``str.find``, and the
  following characters are checked against *every* reading they have.

Tiers, best first: exact (name, alias, keyword or full pinyin), prefix,
pinyin initials, substring (text, pinyin from a syllable start, initials,
department), and last an initials subsequence anchored at the first character
of a name (社保缴费明细查询 for ``sbcx``). Ties go to hot items, then
catalogue order.
"""

from __future__ import annotations

import bisect
import heapq
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kiosk import textnorm
from kiosk.model import ItemSummary

#: Longer input is cut: nobody types more at a kiosk, and it bounds the work.
MAX_QUERY = 64
#: Above this many keys in a prefix range, scanning in rank order beats sorting.
_PREFIX_SORT_LIMIT = 256

TIER_EXACT, TIER_PREFIX, TIER_INITIALS, TIER_SUBSTRING, TIER_FUZZY = range(5)

_START, _END = "\x1f", "\x1e"

Found = dict[int, tuple[int, str]]


@dataclass(frozen=True)
class SearchHit:
    summary: ItemSummary
    tier: int
    field: str


class _KeySet:
    """Distinct keys of one kind (e.g. Chinese names) with the items that carry them.

    An item is known by its position in the ranking (hot first), so lower is
    better. Keys are laid out in order of their best item.
    """

    def __init__(self, entries: Iterable[tuple[str, int]]) -> None:
        positions: dict[str, set[int]] = {}
        for key, pos in entries:
            if key:
                positions.setdefault(key, set()).add(pos)
        ordered = sorted(positions.items(), key=lambda kv: (min(kv[1]), kv[0]))
        self.keys = [k for k, _ in ordered]
        self.positions = [sorted(p) for _, p in ordered]
        #: every key belongs to one item: the layout order is the ranking order
        self.unique = all(len(p) == 1 for p in self.positions)
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.sorted_keys = sorted(self.keys)
        self.starts = array("q")
        offset = 0
        for k in self.keys:
            self.starts.append(offset)
            offset += len(k) + 2
        self.hay = "".join(_START + k + _END for k in self.keys)

    def key_at(self, offset: int) -> tuple[int, int]:
        """(key index, offset within the key) of a haystack offset."""
        idx = bisect.bisect_right(self.starts, offset) - 1
        return idx, offset - self.starts[idx] - 1

    def take(self, key_indices: Iterable[int], k: int, exclude: Found) -> list[int]:
        """The k best items among keys produced in layout order."""
        if self.unique:
            out: list[int] = []
            for idx in key_indices:
                pos = self.positions[idx][0]
                if pos not in exclude and pos not in out:
                    out.append(pos)
                    if len(out) >= k:
                        break
            return out
        found = {p for idx in set(key_indices) for p in self.positions[idx]}
        return heapq.nsmallest(k, found.difference(exclude))

    def scan(self, needle: str) -> Iterator[int]:
        """Key indices whose framed text contains ``needle``, in layout order."""
        find = self.hay.find
        i = find(needle)
        last = -1
        while i != -1:
            idx = bisect.bisect_right(self.starts, i) - 1
            if idx != last:
                yield idx
                last = idx
            i = find(needle, self.starts[idx + 1] if idx + 1 < len(self.starts) else len(self.hay))

    def exact(self, q: str) -> list[int]:
        idx = self.index.get(q)
        return [] if idx is None else self.positions[idx]

    def prefix(self, q: str, k: int, exclude: Found) -> list[int]:
        lo = bisect.bisect_left(self.sorted_keys, q)
        hi = bisect.bisect_left(self.sorted_keys, q + "\U0010ffff", lo)
        if hi - lo <= _PREFIX_SORT_LIMIT:
            return self.take(sorted(self.index[key] for key in self.sorted_keys[lo:hi]), k, exclude)
        return self.take(self.scan(_START + q), k, exclude)

    def substring(self, q: str, k: int, exclude: Found) -> list[int]:
        return self.take(self.scan(q), k, exclude)

    def subsequence(self, q: str, k: int, exclude: Found) -> list[int]:
        """Keys that start with q[0] and hold the rest of q in order."""
        pattern = re.compile(
            re.escape(_START + q[0]) + "".join(f"[^{_END}]*?" + re.escape(c) for c in q[1:])
        )
        return self.take(
            (self.key_at(m.start())[0] for m in pattern.finditer(self.hay)), k, exclude)


class _PinyinMatcher:
    """Pinyin typed from any syllable of a Chinese key, every reading counted."""

    def __init__(self, keysets: list[_KeySet]) -> None:
        self.keysets = keysets
        self.chars_for: dict[str, list[str]] = {}
        chars = {c for ks in keysets for key in ks.keys for c in key}
        for c in sorted(chars):
            for r in textnorm.readings(c):
                self.chars_for.setdefault(r, []).append(c)

    def _matches_at(self, key: str, start: int, syllables: tuple[str, ...]) -> bool:
        if start + len(syllables) > len(key):
            return False
        last = len(syllables) - 1
        for j, syl in enumerate(syllables):
            options = textnorm.readings(key[start + j])
            if j == last:
                if not any(r.startswith(syl) for r in options):
                    return False
            elif syl not in options:
                return False
        return True

    def search(self, letters: str, k: int, exclude: Found) -> list[int]:
        segs = [s for s in textnorm.segmentations(letters) if len(s) >= 2]
        if not segs:
            return []
        best: list[int] = []
        for ks in self.keysets:
            for syllables in segs:
                for ch in self.chars_for.get(syllables[0], ()):
                    best = heapq.nsmallest(
                        k, set(best) | set(ks.take(self._hits(ks, ch, syllables), k, exclude)))
        return best

    def _hits(self, ks: _KeySet, ch: str, syllables: tuple[str, ...]) -> Iterator[int]:
        find = ks.hay.find
        i = find(ch)
        while i != -1:
            idx, within = ks.key_at(i)
            if self._matches_at(ks.keys[idx], within, syllables):
                yield idx
            i = find(ch, i + 1)


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
        ranked = sorted(enumerate(items), key=lambda e: (e[1][1].hot <= 0, e[1][1].hot, e[0]))
        self.summaries: list[ItemSummary] = [summary for _, (_, summary) in ranked]
        pos_of = {item_id: pos for pos, (_, (item_id, _)) in enumerate(ranked)}
        lists: dict[str, list[tuple[str, int]]] = {
            k: [] for k in ("names", "text", "depts", "py_names", "py_text", "ini_names",
                            "ini_text", "ini_primary")}
        for item_id, field, norm, py, ini in key_rows:
            pos = pos_of.get(item_id)
            if pos is None:
                continue
            if field == "department":
                lists["depts"].append((norm, pos))
                continue
            own = "names" if field == "name" else "text"
            lists[own].append((norm, pos))
            for variant in py.split("|") if py else ():
                lists[f"py_{own}"].append((variant.replace("'", ""), pos))
            variants = ini.split("|") if ini else []
            for variant in variants:
                lists[f"ini_{own}"].append((variant, pos))
            if field == "name" and variants:
                lists["ini_primary"].append((variants[0], pos))
        sets = {name: _KeySet(entries) for name, entries in lists.items()}
        self._names, self._text, self._depts = sets["names"], sets["text"], sets["depts"]
        self._py_names, self._py_text = sets["py_names"], sets["py_text"]
        self._ini_names, self._ini_text = sets["ini_names"], sets["ini_text"]
        self._ini_primary = sets["ini_primary"]
        self._pinyin = _PinyinMatcher([self._names, self._text])

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
        has_cjk = any(textnorm.is_cjk(c) for c in norm)
        letters = "" if has_cjk else textnorm.normalize_letters(query)[:MAX_QUERY]
        found: Found = {}
        budget = limit  # what the better tiers left over; every step of a tier gets the same

        steps: list[tuple[int, str, Callable[[], Iterable[int]]]] = [
            (TIER_EXACT, "name", lambda: self._names.exact(norm)),
            (TIER_EXACT, "alias", lambda: self._text.exact(norm)),
            (TIER_PREFIX, "name", lambda: self._names.prefix(norm, budget, found)),
            (TIER_PREFIX, "alias", lambda: self._text.prefix(norm, budget, found)),
        ]
        if letters:
            steps += [
                (TIER_EXACT, "pinyin", lambda: self._py_names.exact(letters)),
                (TIER_EXACT, "pinyin", lambda: self._py_text.exact(letters)),
                (TIER_INITIALS, "initials", lambda: self._ini_names.exact(letters)),
                (TIER_INITIALS, "initials", lambda: self._ini_text.exact(letters)),
                (TIER_INITIALS, "initials", lambda: self._ini_names.prefix(letters, budget, found)),
                (TIER_INITIALS, "initials", lambda: self._ini_text.prefix(letters, budget, found)),
                (TIER_SUBSTRING, "pinyin", lambda: self._pinyin.search(letters, budget, found)),
                (TIER_SUBSTRING, "initials",
                 lambda: self._ini_names.substring(letters, budget, found)),
                (TIER_SUBSTRING, "initials",
                 lambda: self._ini_text.substring(letters, budget, found)),
            ]
            if len(letters) >= 2:  # one letter: the initials prefix already says it all
                steps += [
                    (TIER_PREFIX, "pinyin", lambda: self._py_names.prefix(letters, budget, found)),
                    (TIER_PREFIX, "pinyin", lambda: self._py_text.prefix(letters, budget, found)),
                    (TIER_FUZZY, "initials",
                     lambda: self._ini_primary.subsequence(letters, budget, found)),
                ]
        steps += [
            (TIER_SUBSTRING, "name", lambda: self._names.substring(norm, budget, found)),
            (TIER_SUBSTRING, "alias", lambda: self._text.substring(norm, budget, found)),
            (TIER_SUBSTRING, "department", lambda: self._depts.substring(norm, budget, found)),
        ]
        steps.sort(key=lambda s: s[0])  # stable: keeps the order within a tier

        current_tier = TIER_EXACT
        for tier, field, run in steps:
            if tier != current_tier:
                current_tier, budget = tier, limit - len(found)
                if budget <= 0:
                    break
            for p in run():
                found.setdefault(p, (tier, field))
        ordered = sorted(found.items(), key=lambda kv: (kv[1][0], kv[0]))[:limit]
        return [SearchHit(self.summaries[pos], tier, field) for pos, (tier, field) in ordered]
