"""Chinese search over the catalogue, used by the CLI and the UI alike.

Why not FTS5: the trigram tokenizer matches nothing for 1–2 character
queries, and LIKE on a trigram table misses CJK text on SQLite 3.40 (Debian 12).
Instead the snapshot carries precomputed keys (folded text and the initials of
every reading) and this module holds them in memory:

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
from typing import Generic, Protocol, TypeVar

from kiosk.search import text as textnorm

#: Longer input is cut: nobody types more at a kiosk, and it bounds the work.
MAX_QUERY = 64
#: Above this many keys in a prefix range, scanning in rank order beats sorting.
_PREFIX_SORT_LIMIT = 256

TIER_EXACT, TIER_PREFIX, TIER_INITIALS, TIER_SUBSTRING, TIER_FUZZY = range(5)

_START, _END = "\x1f", "\x1e"

Found = dict[int, tuple[int, str]]


class Ranked(Protocol):
    """What the index needs of a list row (the catalogue's ItemSummary has it)."""

    @property
    def hot(self) -> int: ...


S = TypeVar("S", bound=Ranked)


@dataclass(frozen=True)
class SearchHit(Generic[S]):
    summary: S
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
        #: key indices by first character, in layout order (pinyin typed from the start)
        self.by_first: dict[str, list[int]] = {}
        for idx, k in enumerate(self.keys):
            self.by_first.setdefault(k[0], []).append(idx)

    def key_at(self, offset: int) -> tuple[int, int]:
        """(key index, offset within the key) of a haystack offset."""
        idx = bisect.bisect_right(self.starts, offset) - 1
        return idx, offset - self.starts[idx] - 1

    def take(
        self, key_indices: Iterable[int], k: int, exclude: Found, bound: int | None = None
    ) -> list[int]:
        """The k best items among keys produced in layout order.

        Keys come ordered by their best item, so once the next key's best item
        ranks below the k-th found (or below ``bound``, the k-th best the caller
        already holds), no later key can improve the answer.
        """
        if k <= 0:
            return []
        heap: list[int] = []  # max-heap (negated) of the k best positions so far
        chosen: set[int] = set()
        for idx in key_indices:
            plist = self.positions[idx]
            if (len(heap) >= k and plist[0] > -heap[0]) or (bound is not None and plist[0] > bound):
                break
            for pos in plist:
                if len(heap) >= k and pos > -heap[0]:
                    break
                if pos in exclude or pos in chosen:
                    continue
                chosen.add(pos)
                if len(heap) < k:
                    heapq.heappush(heap, -pos)
                else:
                    chosen.discard(-heapq.heappushpop(heap, -pos))
        return sorted(-p for p in heap)

    def scan(self, needle: str, bound: int | None = None) -> Iterator[int]:
        """Key indices whose framed text contains ``needle``, in layout order.

        Stops at the first key whose best item ranks below ``bound``.
        """
        find = self.hay.find
        i = find(needle)
        while i != -1:
            idx = bisect.bisect_right(self.starts, i) - 1
            if bound is not None and self.positions[idx][0] > bound:
                return
            yield idx
            i = find(needle, self.starts[idx + 1] if idx + 1 < len(self.starts) else len(self.hay))

    def exact(self, q: str, k: int, exclude: Found, bound: int | None) -> list[int]:
        idx = self.index.get(q)
        return [] if idx is None else self.take([idx], k, exclude, bound)

    def prefix(self, q: str, k: int, exclude: Found, bound: int | None) -> list[int]:
        lo = bisect.bisect_left(self.sorted_keys, q)
        hi = bisect.bisect_left(self.sorted_keys, q + "\U0010ffff", lo)
        if hi - lo <= _PREFIX_SORT_LIMIT:
            keys = sorted(self.index[key] for key in self.sorted_keys[lo:hi])
            return self.take(keys, k, exclude, bound)
        return self.take(self.scan(_START + q, bound), k, exclude, bound)

    def substring(self, q: str, k: int, exclude: Found, bound: int | None) -> list[int]:
        return self.take(self.scan(q, bound), k, exclude, bound)

    def subsequence(self, q: str, k: int, exclude: Found, bound: int | None) -> list[int]:
        """Keys that start with q[0] and hold the rest of q in order."""
        pattern = re.compile(
            re.escape(_START + q[0]) + "".join(f"[^{_END}]*?" + re.escape(c) for c in q[1:])
        )
        keys = (self.key_at(m.start())[0] for m in pattern.finditer(self.hay))
        return self.take(keys, k, exclude, bound)


class _PinyinMatcher:
    """Pinyin typed for a Chinese key, every reading of every character counted.

    The query is split into syllables (the last may be unfinished); a key
    matches where its characters can read as those syllables in turn.
    """

    def __init__(self, keysets: list[_KeySet], readings: dict[str, tuple[str, ...]]) -> None:
        self.keysets = keysets
        self.chars_for: dict[str, set[str]] = {}
        chars = {c for ks in keysets for key in ks.keys for c in key}
        for c in chars:
            # a Latin letter or digit reads as itself ('etc' in ETC卡)
            for r in readings.get(c, ()) if textnorm.is_cjk(c) else (c,):
                self.chars_for.setdefault(r, set()).add(c)
        # only readings that occur can match, so they are the syllables to split queries by
        self.syllables = frozenset(r for r in self.chars_for if textnorm.is_syllable(r))
        self.prefixes = frozenset(s[:i] for s in self.syllables for i in range(1, len(s) + 1))
        self._cache: dict[tuple[str, bool], frozenset[str]] = {}

    def _chars(self, syllable: str, partial: bool) -> frozenset[str]:
        """Characters that read as ``syllable``, or if ``partial`` as one starting with it."""
        got = self._cache.get((syllable, partial))
        if got is None:
            if partial:
                got = frozenset(c for r, cs in self.chars_for.items() if r.startswith(syllable)
                                for c in cs)
            else:
                got = frozenset(self.chars_for.get(syllable, ()))
            self._cache[(syllable, partial)] = got
        return got

    def search(self, letters: str, k: int, exclude: Found, bound: int | None, mode: str) -> list[int]:
        """Items whose key reads as ``letters``: mode "exact", "prefix" or "inner"."""
        segs = textnorm.segmentations(letters, self.syllables, self.prefixes)
        if mode == "exact":
            segs = [s for s in segs if s[-1] in self.syllables]
        elif mode == "inner":
            segs = [s for s in segs if len(s) >= 2]  # one syllable inside a word is noise
        best: list[int] = []
        for syllables in segs:
            last = len(syllables) - 1
            allowed = [self._chars(s, j == last and mode != "exact") for j, s in enumerate(syllables)]
            if not all(allowed):
                continue
            for ks in self.keysets:
                if len(best) >= k:
                    bound = best[k - 1] if bound is None else min(bound, best[k - 1])
                got = ks.take(self._hits(ks, allowed, mode, bound), k, exclude, bound)
                best = heapq.nsmallest(k, set(best).union(got))
        return best

    @staticmethod
    def _hits(
        ks: _KeySet, allowed: list[frozenset[str]], mode: str, bound: int | None
    ) -> Iterator[int]:
        """Key indices (layout order) where the characters fit ``allowed`` in turn."""
        n = len(allowed)
        rest = list(enumerate(allowed))[1:]
        if mode == "inner":
            # merge the occurrences of every possible first character, in haystack order
            find = ks.hay.find
            heap = [(i, ch) for ch in allowed[0] if (i := find(ch)) != -1]
            heapq.heapify(heap)
            last_idx = -1
            while heap:
                i, ch = heap[0]
                idx, within = ks.key_at(i)
                if bound is not None and ks.positions[idx][0] > bound:
                    return
                key = ks.keys[idx]
                if (idx != last_idx and within + n <= len(key)
                        and all(key[within + j] in chars for j, chars in rest)):
                    last_idx = idx
                    yield idx
                nxt = find(ch, i + 1)
                if nxt == -1:
                    heapq.heappop(heap)
                else:
                    heapq.heapreplace(heap, (nxt, ch))
            return
        lists = [ks.by_first.get(ch, []) for ch in allowed[0]]
        for idx in heapq.merge(*lists):
            if bound is not None and ks.positions[idx][0] > bound:
                return
            key = ks.keys[idx]
            if len(key) < n or (mode == "exact" and len(key) != n):
                continue
            if all(key[j] in chars for j, chars in rest):
                yield idx


class SearchIndex(Generic[S]):
    """In-memory index over one snapshot's items.

    Built from ``(item_id, summary)`` in catalogue order, the snapshot's
    ``search_keys`` rows ``(item_id, field, norm, initials)`` and its
    ``char_readings`` (character -> every pinyin reading).
    """

    def __init__(
        self,
        items: list[tuple[int, S]],
        key_rows: Iterable[tuple[int, str, str, str]],
        readings: dict[str, tuple[str, ...]],
    ) -> None:
        ranked = sorted(enumerate(items), key=lambda e: (e[1][1].hot <= 0, e[1][1].hot, e[0]))
        self.summaries: list[S] = [summary for _, (_, summary) in ranked]
        pos_of = {item_id: pos for pos, (_, (item_id, _)) in enumerate(ranked)}
        lists: dict[str, list[tuple[str, int]]] = {
            k: [] for k in ("names", "text", "depts", "ini_names", "ini_text", "ini_primary")}
        for item_id, field, norm, ini in key_rows:
            pos = pos_of.get(item_id)
            if pos is None:
                continue
            if field == "department":
                lists["depts"].append((norm, pos))
                continue
            own = "names" if field == "name" else "text"
            lists[own].append((norm, pos))
            variants = ini.split("|") if ini else []
            for variant in variants:
                lists[f"ini_{own}"].append((variant, pos))
            if field == "name" and variants:
                lists["ini_primary"].append((variants[0], pos))
        sets = {name: _KeySet(entries) for name, entries in lists.items()}
        self._names, self._text, self._depts = sets["names"], sets["text"], sets["depts"]
        self._ini_names, self._ini_text = sets["ini_names"], sets["ini_text"]
        self._ini_primary = sets["ini_primary"]
        self._pinyin = _PinyinMatcher([self._text, self._names], readings)  # small set first

    def __len__(self) -> int:
        return len(self.summaries)

    def search(self, query: str, limit: int = 50) -> list[SearchHit[S]]:
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
        Step = Callable[[int, Found, "int | None"], list[int]]
        steps: list[tuple[int, str, Step]] = [
            (TIER_EXACT, "name", lambda k, ex, b: self._names.exact(norm, k, ex, b)),
            (TIER_EXACT, "alias", lambda k, ex, b: self._text.exact(norm, k, ex, b)),
            (TIER_PREFIX, "name", lambda k, ex, b: self._names.prefix(norm, k, ex, b)),
            (TIER_PREFIX, "alias", lambda k, ex, b: self._text.prefix(norm, k, ex, b)),
        ]
        if letters:
            steps += [
                (TIER_EXACT, "pinyin", lambda k, ex, b: self._pinyin.search(letters, k, ex, b, "exact")),
                (TIER_INITIALS, "initials", lambda k, ex, b: self._ini_text.exact(letters, k, ex, b)),
                (TIER_INITIALS, "initials", lambda k, ex, b: self._ini_names.exact(letters, k, ex, b)),
                (TIER_INITIALS, "initials", lambda k, ex, b: self._ini_text.prefix(letters, k, ex, b)),
                (TIER_INITIALS, "initials", lambda k, ex, b: self._ini_names.prefix(letters, k, ex, b)),
                (TIER_SUBSTRING, "pinyin",
                 lambda k, ex, b: self._pinyin.search(letters, k, ex, b, "inner")),
                (TIER_SUBSTRING, "initials",
                 lambda k, ex, b: self._ini_text.substring(letters, k, ex, b)),
                # substrings of initials use each name's likeliest reading only: scanning
                # every variant costs 4x and a mid-name initials match is weak evidence
                (TIER_SUBSTRING, "initials",
                 lambda k, ex, b: self._ini_primary.substring(letters, k, ex, b)),
            ]
            if len(letters) >= 2:  # one letter: the initials prefix already says it all
                steps += [
                    (TIER_PREFIX, "pinyin",
                     lambda k, ex, b: self._pinyin.search(letters, k, ex, b, "prefix")),
                    (TIER_FUZZY, "initials",
                     lambda k, ex, b: self._ini_primary.subsequence(letters, k, ex, b)),
                ]
        steps += [
            (TIER_SUBSTRING, "name", lambda k, ex, b: self._names.substring(norm, k, ex, b)),
            (TIER_SUBSTRING, "alias", lambda k, ex, b: self._text.substring(norm, k, ex, b)),
            (TIER_SUBSTRING, "department", lambda k, ex, b: self._depts.substring(norm, k, ex, b)),
        ]
        steps.sort(key=lambda st: st[0])  # stable: keeps the order within a tier

        current_tier, budget = TIER_EXACT, limit
        in_tier: list[int] = []  # positions found in the current tier, ascending
        for tier, field, run in steps:
            if tier != current_tier:
                current_tier, budget, in_tier = tier, limit - len(found), []
                if budget <= 0:
                    break
            # once the tier holds `budget` items, only better-ranked ones can still matter
            bound = in_tier[budget - 1] if len(in_tier) >= budget else None
            for p in run(budget, found, bound):
                if p not in found:
                    found[p] = (tier, field)
                    bisect.insort(in_tier, p)
        ordered = sorted(found.items(), key=lambda kv: (kv[1][0], kv[0]))[:limit]
        return [SearchHit(self.summaries[pos], tier, field) for pos, (tier, field) in ordered]
