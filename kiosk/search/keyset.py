"""Sorted, laid-out key sets: exact, prefix, substring and subsequence look-ups in rank order.

An item is known by its position in the ranking, so lower is better; every
look-up yields keys in layout order and stops once nothing later can improve
the answer.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Iterator

#: Above this many keys in a prefix range, scanning in rank order beats sorting.
_PREFIX_SORT_LIMIT = 256

START, END = "\x1f", "\x1e"
_START, _END = START, END

#: position -> (tier, field) of what was found so far
Found = dict[int, tuple[int, str]]


class KeySet:
    """Distinct keys of one kind (e.g. Chinese names) with the items that carry them.

    An item is known by its position in the ranking (hot first), so lower is
    better. Keys are laid out in order of their best item.
    """

    def __init__(self, entries: Iterable[tuple[str, int]]) -> None:
        # One pass in Python per entry and C-speed passes after it: at 100,000 items the
        # initials of every reading make 400,000 keys, and each Python step per key costs ~0.3 s.
        positions: dict[str, list[int]] = {}
        get = positions.get
        for key, pos in entries:
            if key:
                plist = get(key)
                if plist is None:
                    positions[key] = [pos]
                else:
                    plist.append(pos)
        for key, plist in positions.items():
            if len(plist) > 1:
                positions[key] = sorted(set(plist))
        # (sorted positions, key) tuples sort by best item, then key: no key function to call
        ordered = sorted(zip(positions.values(), positions.keys(), strict=True))
        self._lay_out([k for _, k in ordered], [p for p, _ in ordered])

    @classmethod
    def _laid_out(cls, keys: list[str], positions: list[list[int]]) -> KeySet:
        ks = cls.__new__(cls)
        ks._lay_out(keys, positions)
        return ks

    def _lay_out(self, keys: list[str], positions: list[list[int]]) -> None:
        """Keys already in layout order, with their items: the look-up tables."""
        self.keys: list[str] = keys
        self.positions: list[list[int]] = positions
        self.index = dict(zip(self.keys, range(len(self.keys)), strict=True))
        self.sorted_keys = sorted(self.keys)
        #: haystack offset of every key's framing START character
        self.starts = array("q", itertools.accumulate(
            map(len, self.keys), lambda offset, n: offset + n + 2, initial=0))
        self.starts.pop()
        self.hay = _START + (_END + _START).join(self.keys) + _END if self.keys else ""
        self._by_first: dict[str, list[int]] | None = None
        self._by_two: dict[str, dict[str, list[int]]] | None = None

    @property
    def by_first(self) -> dict[str, list[int]]:
        """Key indices by first character, in layout order (pinyin typed from the start).

        Built on first use: only the Chinese key sets are read as pinyin.
        """
        if self._by_first is None:
            by_first: dict[str, list[int]] = {}
            for idx, k in enumerate(self.keys):
                by_first.setdefault(k[0], []).append(idx)
            self._by_first = by_first
        return self._by_first

    @property
    def by_two(self) -> dict[str, dict[str, list[int]]]:
        """...and by first two characters: pinyin that fits no key would otherwise test every
        key starting with any character of its first syllable (40,000 at 100,000 items)."""
        if self._by_two is None:
            by_two: dict[str, dict[str, list[int]]] = {}
            for idx, k in enumerate(self.keys):
                if len(k) >= 2:
                    by_two.setdefault(k[0], {}).setdefault(k[1], []).append(idx)
            self._by_two = by_two
        return self._by_two

    @classmethod
    def subset(cls, keyset: KeySet, keep: Callable[[str], bool]) -> KeySet:
        """The keys of ``keyset`` that ``keep`` accepts, with their items, in the same layout.

        As ``KeySet(entries of those keys)`` gives, without regrouping every entry again.
        """
        picked = [i for i, k in enumerate(keyset.keys) if keep(k)]
        return cls._laid_out([keyset.keys[i] for i in picked], [keyset.positions[i] for i in picked])

    @classmethod
    def union(cls, keysets: Iterable[KeySet], keep: Callable[[str], bool]) -> KeySet:
        """The keys of several key sets that ``keep`` accepts, with their items, laid out as one.

        A key held by one set keeps that set's position list (no copy); only a key held by
        more than one gets a merged list.
        """
        positions: dict[str, list[int]] = {}
        for ks in keysets:
            for key, plist in zip(ks.keys, ks.positions, strict=True):
                if keep(key):
                    held = positions.get(key)
                    positions[key] = plist if held is None else sorted(set(held).union(plist))
        ordered = sorted(zip(positions.values(), positions.keys(), strict=True))
        return cls._laid_out([k for _, k in ordered], [p for p, _ in ordered])

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

    def prefix(self, q: str, k: int, exclude: Found, bound: int | None,
               lengths: tuple[int, int] | None = None) -> list[int]:
        """Keys starting with ``q`` (only those whose length is within ``lengths`` if given)."""
        lo = bisect.bisect_left(self.sorted_keys, q)
        hi = bisect.bisect_left(self.sorted_keys, q + "\U0010ffff", lo)
        if hi - lo <= _PREFIX_SORT_LIMIT:
            keys: Iterable[int] = sorted(self.index[key] for key in self.sorted_keys[lo:hi])
        else:
            keys = self.scan(_START + q, bound)
        if lengths is not None:
            shortest, longest = lengths
            keys = (i for i in keys if shortest <= len(self.keys[i]) <= longest)
        return self.take(keys, k, exclude, bound)

    def substring(self, q: str, k: int, exclude: Found, bound: int | None) -> list[int]:
        return self.take(self.scan(q, bound), k, exclude, bound)

    def subsequence(self, q: str, k: int, exclude: Found, bound: int | None) -> list[int]:
        """Keys that start with q[0] and hold the rest of q in order.

        Each gap skips possessively up to the next wanted letter (Python 3.11+), which
        is the leftmost match and linear: a lazy gap backtracks on every key that fails.
        """
        pattern = re.compile(re.escape(_START + q[0]) + "".join(
            f"[^{re.escape(_END + c)}]*+" + re.escape(c) for c in q[1:]))
        keys = (self.key_at(m.start())[0] for m in pattern.finditer(self.hay))
        return self.take(keys, k, exclude, bound)


    def two_runs(self, head: str, tail: str, k: int, exclude: Found, bound: int | None) -> list[int]:
        """Keys that start with ``head`` and hold ``tail`` unbroken further on."""
        pattern = re.compile(re.escape(_START + head) + f"[^{re.escape(_END)}]*?" + re.escape(tail))
        keys = (self.key_at(m.start())[0] for m in pattern.finditer(self.hay))
        return self.take(keys, k, exclude, bound)

    def positions_with(self, needle: str, cap: int) -> list[int]:
        """The ``cap`` best items (ascending) of the keys that contain ``needle``."""
        return self.take(self.scan(needle), cap, {}, None)
