"""Strings to key indices in one array of 64-bit integers: a compact, read-only multimap.

The fuzzy tables of the search (kiosk.search.pinyin.SlipIndex, the mistyped-character masks of
kiosk.search.index) map tens of thousands of short strings to a key index or two. As a dict of
strings to lists each entry costs ~140 bytes; here it is 8 to 16 (a slot and the free slots
beside it): a used bit, 39 bits of the string's hash (this process's) and 24 of the index. A lookup may return an index whose string only shares
the hash, so callers check each candidate against the key itself.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

INDEX_BITS = 24
#: The largest key index an entry can hold (16 million); callers stop adding beyond it.
MAX_INDEX = (1 << INDEX_BITS) - 1
_HASH_BITS = 63 - INDEX_BITS
_HASH_MASK = (1 << _HASH_BITS) - 1
_USED = 1 << 63  # a slot's top bit: taken (an empty slot is 0)


def _pack(text: str, idx: int) -> int:
    return _USED | (hash(text) & _HASH_MASK) << INDEX_BITS | idx


class HashedPostings:
    """Built once from (string, key index) pairs; :meth:`get` gives the candidate indices.

    An open-addressing table in one array (linear probing, at most 3/4 full): built and
    read one integer at a time, so a build makes no Python object per entry (a set or a
    sorted list of them would, ~50 bytes each, scattered among the objects the UI keeps).
    """

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        entries = array("Q", (_pack(text, idx) for text, idx in pairs if 0 <= idx <= MAX_INDEX))
        size = 8
        while size * 3 < len(entries) * 4:
            size *= 2
        table = array("Q", bytes(8 * size))
        mask = size - 1
        count = 0
        for entry in entries:
            slot = (entry >> INDEX_BITS) & mask
            while table[slot]:
                if table[slot] == entry:
                    break
                slot = (slot + 1) & mask
            else:
                table[slot] = entry
                count += 1
        self._table, self._mask, self._count = table, mask, count

    def __len__(self) -> int:
        return self._count

    def get(self, text: str) -> Iterator[int]:
        """Key indices stored under ``text`` (and, rarely, under a string of the same hash)."""
        table, mask = self._table, self._mask
        want = _pack(text, 0) >> INDEX_BITS
        slot = want & mask
        while table[slot]:
            if table[slot] >> INDEX_BITS == want:
                yield table[slot] & MAX_INDEX
            slot = (slot + 1) & mask
