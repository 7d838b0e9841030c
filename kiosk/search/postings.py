"""Strings to key indices in one sorted array of 64-bit integers: a compact, read-only multimap.

The fuzzy tables of the search (kiosk.search.pinyin.SlipIndex, the mistyped-character masks of
kiosk.search.index) map tens of thousands of short strings to a key index or two. As a dict of
strings to lists each entry costs ~140 bytes; here it is 8: 40 bits of the string's hash (this
process's) above 24 bits of the index. A lookup may return an index whose string only shares
the hash, so callers check each candidate against the key itself.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator

INDEX_BITS = 24
#: The largest key index an entry can hold (16 million); callers stop adding beyond it.
MAX_INDEX = (1 << INDEX_BITS) - 1
_HASH_MASK = (1 << (64 - INDEX_BITS)) - 1


def _pack(text: str, idx: int) -> int:
    return (hash(text) & _HASH_MASK) << INDEX_BITS | idx


class HashedPostings:
    """Built once from (string, key index) pairs; :meth:`get` gives the candidate indices."""

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        self._packed = array("Q", sorted({_pack(text, idx) for text, idx in pairs if 0 <= idx <= MAX_INDEX}))

    def __len__(self) -> int:
        return len(self._packed)

    def get(self, text: str) -> Iterator[int]:
        """Key indices stored under ``text`` (and, rarely, under a string of the same hash)."""
        packed = self._packed
        low = _pack(text, 0)
        at = bisect_left(packed, low)
        while at < len(packed) and packed[at] >> INDEX_BITS == low >> INDEX_BITS:
            yield packed[at] & MAX_INDEX
            at += 1
