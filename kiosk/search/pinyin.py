"""Pinyin typed for Chinese keys: exact readings, southern sound-alikes and one-letter slips.

Every reading of every character counts (重 chong/zhong). Sound-alikes fold the
confusions of southern and Cantonese speakers (z/zh, c/ch, s/sh, n/l, h/f,
an/ang, en/eng, in/ing) on both sides; slips are one wrong, missing, extra or
swapped letter, tried only for 5 or more letters. The index ranks both below
exact readings.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from kiosk.search import text as textnorm
from kiosk.search.keyset import END, START, Found, KeySet
from kiosk.search.postings import HashedPostings

_INITIAL_FOLD = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h"))
_FINAL_FOLD = (("ang", "an"), ("eng", "en"), ("ing", "in"))
MIN_SLIP_LETTERS = 5
#: Syllable splits of a query tried as sound-alikes.
FUZZY_READINGS = 3
#: Readings spelt out per vocabulary word (its polyphonic characters' other readings).
SLIP_READINGS = 4


def soundalike(syllable: str) -> str:
    """The folded form two confusable syllables share: shen/sen/seng -> sen, fang/hang -> han."""
    s = syllable
    for a, b in _INITIAL_FOLD:
        if s.startswith(a) and not (a == "n" and s.startswith("ng")):
            s = b + s[len(a):]
            break
    for a, b in _FINAL_FOLD:
        if s.endswith(a):
            s = s[: -len(a)] + b
            break
    return s


def _confusions(syllable: str) -> set[str]:
    """Every spelling a southern speaker may type for ``syllable`` (itself included)."""
    heads = {syllable}
    pairs = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h")]
    for a, b in pairs:
        if syllable.startswith(a) and not (len(a) == 1 and syllable[:2] in ("zh", "ch", "sh")):
            heads.add(b + syllable[len(a):])
        if syllable.startswith(b) and not (len(b) == 1 and syllable[:2] in ("zh", "ch", "sh")):
            heads.add(a + syllable[len(b):])
    out = set()
    for h in heads:
        out.add(h)
        for a, b in _FINAL_FOLD:
            if h.endswith(a):
                out.add(h[: -len(a)] + b)
            elif h.endswith(b):
                out.add(h + "g")
    return out


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))} | {word}


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one wrong, missing, extra or swapped letter."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 1:i + 2] == b[i:i + 1] and a[i:i + 1] == b[i + 1:i + 2]
                                          and a[i + 2:] == b[i + 2:])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1:] == shorter[i:]


class SlipIndex:
    """Words of one key set spelt out in pinyin, found again from a spelling one letter off.

    SymSpell's idea: a spelling and a word one edit apart share a string with at most
    one letter deleted. Every deletion of every word's spellings is kept in one
    :class:`~kiosk.search.postings.HashedPostings` (8-16 bytes an entry where a dict of strings
    to tuples took about 140: the sample's lexicon words, 4.2 MiB as a dict, 0.5 MiB so). A
    lookup checks each candidate key's spellings again, so a hash shared by chance never
    yields a wrong key.
    """

    def __init__(self, keyset: KeySet, readings: dict[str, tuple[str, ...]]) -> None:
        self.keyset = keyset
        self._readings = readings
        self._deletions = HashedPostings(
            (d, idx) for idx, key in enumerate(keyset.keys)
            for sp in self._spellings(key) for d in _deletions(sp))

    def _spellings(self, key: str) -> set[str]:
        """The spellings a resident may type for ``key``: its first syllables or all of them."""
        if not all(textnorm.is_cjk(c) for c in key):
            return set()
        options = [self._readings.get(c, ()) for c in key]
        if not all(options):
            return set()
        words = [[r[0] for r in options]]
        for j, rs in enumerate(options):  # one other reading at a time, as keys.py does
            for alt in rs[1:]:
                if len(words) < SLIP_READINGS:
                    words.append([alt if k == j else r[0] for k, r in enumerate(options)])
        # a resident types a word's first syllables as often as all of them (退休 of 退休金)
        spellings = {"".join(w[:n]) for w in words for n in range(1, len(w) + 1)}
        return {sp for sp in spellings if len(sp) >= MIN_SLIP_LETTERS - 1}

    def keys_near(self, letters: str) -> list[int]:
        """Key indices (layout order) spelt one edit from ``letters``, exact spellings aside."""
        if len(letters) < MIN_SLIP_LETTERS or not letters.isascii() or not letters.isalpha():
            return []
        cands = {idx for d in _deletions(letters) for idx in self._deletions.get(d)}
        keys = self.keyset.keys
        return sorted(idx for idx in cands
                      if any(sp != letters and within_one_edit(sp, letters) for sp in self._spellings(keys[idx])))


class PinyinMatcher:
    """Pinyin typed for a Chinese key, every reading of every character counted.

    The query is split into syllables (the last may be unfinished); a key
    matches where its characters can read as those syllables in turn.
    """

    def __init__(self, keysets: list[KeySet], readings: dict[str, tuple[str, ...]]) -> None:
        self.keysets = keysets
        self.chars_for: dict[str, set[str]] = {}
        # every character of every key, from the haystacks at C speed (100,000 names: 1.5 M)
        chars = set().union(*(ks.hay for ks in keysets)) - {START, END}
        for c in chars:
            # a Latin letter or digit reads as itself ('etc' in ETC卡)
            for r in readings.get(c, ()) if textnorm.is_cjk(c) else (c,):
                self.chars_for.setdefault(r, set()).add(c)
        # only readings that occur can match, so they are the syllables to split queries by
        self.syllables = frozenset(r for r in self.chars_for if textnorm.is_syllable(r))
        self.prefixes = frozenset(s[:i] for s in self.syllables for i in range(1, len(s) + 1))
        self._cache: dict[tuple[str, bool, bool], frozenset[str]] = {}
        self._segs: dict[tuple[str, bool], list[tuple[str, ...]]] = {}
        self._fuzzy: tuple[dict[str, set[str]], frozenset[str], frozenset[str]] | None = None

    def _fuzzy_tables(self) -> tuple[dict[str, set[str]], frozenset[str], frozenset[str]]:
        """Folded reading -> characters, and the spellings that fold to one (built on first use)."""
        if self._fuzzy is None:
            folded: dict[str, set[str]] = {}
            spellings: set[str] = set()
            for r in self.syllables:
                folded.setdefault(soundalike(r), set()).update(self.chars_for[r])
                spellings |= _confusions(r)
            spellings = {s for s in spellings if soundalike(s) in folded}
            prefixes = frozenset(s[:i] for s in spellings for i in range(1, len(s) + 1))
            self._fuzzy = (folded, frozenset(spellings), prefixes)
        return self._fuzzy

    def _chars(self, syllable: str, partial: bool, fuzzy: bool = False) -> frozenset[str]:
        """Characters that read as ``syllable``, or if ``partial`` as one starting with it."""
        got = self._cache.get((syllable, partial, fuzzy))
        if got is None:
            table: dict[str, set[str]] = self._fuzzy_tables()[0] if fuzzy else self.chars_for
            key = soundalike(syllable) if fuzzy else syllable
            if partial:
                got = frozenset(c for r, cs in table.items() if r.startswith(key) for c in cs)
            else:
                got = frozenset(table.get(key, ()))
            self._cache[(syllable, partial, fuzzy)] = got
        return got

    def syllable_initials(self, letters: str) -> str:
        """The initials of the likeliest whole-syllable reading of ``letters`` ('' if none)."""
        for seg in textnorm.segmentations(letters, self.syllables, self.prefixes):
            if seg[-1] in self.syllables and len(seg) >= 2:
                return "".join(s[0] for s in seg)
        return ""

    def search(self, letters: str, k: int, exclude: Found, bound: int | None, mode: str,
               keysets: list[KeySet] | None = None, fuzzy: bool = False) -> list[int]:
        """Items whose key (in ``keysets``, default all) reads as ``letters``.

        ``mode`` is "exact", "prefix" or "inner".
        """
        segs = self._segmentations(letters, fuzzy)
        syllables = self._fuzzy_tables()[1] if fuzzy else self.syllables
        if fuzzy:
            segs = segs[:FUZZY_READINGS]  # each costs a scan; the likeliest few say it
        if mode == "exact":
            segs = [s for s in segs if s[-1] in syllables]
        elif mode == "inner":
            segs = [s for s in segs if len(s) >= 2]  # one syllable inside a word is noise
        best: list[int] = []
        for seg in segs:
            last = len(seg) - 1
            allowed = [self._chars(s, j == last and mode != "exact", fuzzy) for j, s in enumerate(seg)]
            if not all(allowed):
                continue
            for ks in self.keysets if keysets is None else keysets:
                if len(best) >= k:
                    bound = best[k - 1] if bound is None else min(bound, best[k - 1])
                got = ks.take(self._hits(ks, allowed, mode, bound), k, exclude, bound)
                best = heapq.nsmallest(k, set(best).union(got))
        return best

    def _segmentations(self, letters: str, fuzzy: bool) -> list[tuple[str, ...]]:
        """Syllable splits of ``letters`` (one query asks several times: cached, bounded)."""
        got = self._segs.get((letters, fuzzy))
        if got is None:
            if fuzzy:
                _, syllables, prefixes = self._fuzzy_tables()
            else:
                syllables, prefixes = self.syllables, self.prefixes
            got = textnorm.segmentations(letters, syllables, prefixes)
            if len(self._segs) > 256:
                self._segs.clear()
            self._segs[(letters, fuzzy)] = got
        return got

    @staticmethod
    def _hits(
        ks: KeySet, allowed: list[frozenset[str]], mode: str, bound: int | None
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
        if n >= 2:
            lists = [keys for ch in allowed[0] if (after := ks.by_two.get(ch))
                     for second in after.keys() & allowed[1] for keys in (after[second],)]
        else:
            lists = [ks.by_first.get(ch, []) for ch in allowed[0]]
        for idx in heapq.merge(*lists):
            if bound is not None and ks.positions[idx][0] > bound:
                return
            key = ks.keys[idx]
            if len(key) < n or (mode == "exact" and len(key) != n):
                continue
            if all(key[j] in chars for j, chars in rest):
                yield idx
