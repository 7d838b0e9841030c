"""Text normalisation and pinyin keys for Chinese search.

* Traditional input is folded to Simplified with OpenCC's t2s tables.
* Full-width forms, case and punctuation are folded (NFKC, lower case, only
  letters, digits and CJK ideographs kept).
* Pinyin comes from pypinyin, at build time only: a snapshot carries the
  readings of its own characters, so the running kiosk never loads
  pypinyin's phrase dictionary (about 130 ms and 55 MB). A name gets its phrase-aware reading plus, for
  every polyphonic character, one variant per other reading of that character
  (重 chong/zhong, 行 xing/hang …), so every reading is searchable without the
  combinatorial blow-up of taking the full product.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from opencc import OpenCC

from kiosk.search import lexicon

#: Variants kept per text; single substitutions rarely exceed this.
MAX_VARIANTS = 16


@functools.lru_cache(maxsize=1)
def _t2s() -> tuple[OpenCC, re.Pattern[str]]:
    """OpenCC's t2s converter, and a pattern that finds any character a t2s table entry changes.

    Loaded on the first query that needs it, not at start-up. Text with none of
    those characters is already Simplified and skips the (slow, pure Python)
    conversion entirely: an entry that would change it is not in it, so every piece
    OpenCC cuts it into maps to itself. (Taking every character of every entry instead
    caught 不, 公, 生, 金… of phrase entries such as 不瞭解, and converting nearly every
    name cost a fifth of a snapshot build's key computation.)
    """
    converter = OpenCC("t2s")
    converter.convert("")  # loads the dictionaries
    chars: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if len(value) != len(key):
                    chars.update(key)
                else:  # only what the entry changes: a text holding it holds those characters
                    chars.update(k for k, v in zip(key, value, strict=True) if k != v)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)

    walk(converter._dict_chain_data)  # private: opencc has no public accessor for its tables
    # one character class: a few KiB, where a set of ~2,700 one-character strings held 0.45 MiB
    return converter, re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FA1F
        or 0xF900 <= o <= 0xFAFF
    )


def _keep(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or is_cjk(ch)


def normalize(text: str) -> str:
    """Fold text for matching: NFKC, Simplified, lower case, only letters/digits/CJK, variants."""
    text = unicodedata.normalize("NFKC", text)
    if any(is_cjk(c) for c in text):
        converter, convertible = _t2s()
        if convertible.search(text) is not None:
            text = converter.convert(text)
    folded = "".join(c for c in text.lower() if _keep(c))
    if any(is_cjk(c) for c in folded):
        folded = lexicon.default().fold_variants(folded)  # variant characters: 身分证 -> 身份证
    return folded


def normalize_letters(text: str) -> str:
    """Fold a pinyin query: letters only, ü → v, so 'Qian Zhu' and "qian'zhu" agree."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ü", "v")
    return "".join(c for c in text if c.isascii() and c.isalnum())


def _one_per_char(text: str) -> Any:
    """pypinyin ``errors`` callback: a non-Chinese run becomes one entry per character.

    pypinyin accepts a list here (its stubs say str), which keeps the output
    aligned one-to-one with the input characters.
    """
    return list(text)


@functools.lru_cache(maxsize=65536)
def _readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading of one character, most common first."""
    from pypinyin import Style, pinyin

    got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors=_one_per_char)
    out: list[str] = []
    for r in got[0] if got else []:
        r = r.lower()
        if r.isascii() and r.isalpha() and r not in out:
            out.append(r)
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _word_reading(word: str) -> tuple[str, ...]:
    """pypinyin's reading of one word of its segmentation (a phrase or a character)."""
    from pypinyin import Style, lazy_pinyin

    return tuple(s.lower() for s in lazy_pinyin(word, style=Style.NORMAL, errors=_one_per_char))


@functools.lru_cache(maxsize=65536)
def _run_reading(run: str) -> tuple[str, ...]:
    """pypinyin's phrase-aware reading of one run of Chinese characters, word by word.

    pypinyin cuts a run with its own forward maximum matching (``mmseg``) and reads each
    word alone, so cutting here and caching each word's reading gives the same syllables;
    the words (查询, 证明, 申请…) repeat across every list, the runs often.
    """
    from pypinyin.seg.mmseg import seg

    out: list[str] = []
    for word in seg.cut(run):
        out += _word_reading(word)
    return tuple(out)


def _phrase_reading(norm: str) -> list[str]:
    """pypinyin's reading of ``norm``, one run of Chinese characters at a time.

    pypinyin itself splits text into Chinese and other runs before its phrase segmentation
    (``simple_seg``), so reading run by run gives the same result (a test compares the two).
    """
    from pypinyin.constants import RE_HANS
    from pypinyin.seg.simpleseg import simple_seg

    out: list[str] = []
    for run in simple_seg(norm):
        if RE_HANS.match(run):
            out += _run_reading(run)
        else:
            out += [c.lower() for c in run]
    return out


def pinyin_variants(norm: str) -> list[tuple[str, ...]]:
    """Syllable sequences for already-normalised text; the first is the likeliest.

    Non-CJK characters (Latin letters, digits) stand for themselves, one per
    syllable, so 'ETC' yields initials 'etc'.
    """
    if not norm:
        return []
    primary = _primary(norm)
    variants: list[tuple[str, ...]] = [tuple(primary)]
    for i, alt in _alternatives(norm, primary):
        variants.append(tuple(primary[:i] + [alt] + primary[i + 1 :]))
        if len(variants) >= MAX_VARIANTS:
            break
    return variants


def _primary(norm: str) -> list[str]:
    """The likeliest syllable of each character of ``norm``."""
    primary = _phrase_reading(norm)
    if len(primary) != len(norm):  # pypinyin segmented differently; fall back per character
        primary = [(_readings(c) or (c,))[0] if is_cjk(c) else c for c in norm]
    return primary


def _alternatives(norm: str, primary: list[str]) -> Iterator[tuple[int, str]]:
    """(position, reading) of every other reading of each character: one variant each."""
    for i, ch in enumerate(norm):
        if is_cjk(ch):
            for alt in _readings(ch):  # distinct readings: each (i, alt) is a new variant
                if alt != primary[i]:
                    yield i, alt


def initials_variants(norm: str, limit: int = MAX_VARIANTS) -> list[str]:
    """The distinct initials of the first ``limit`` of ``pinyin_variants(norm)``, in order.

    What a snapshot stores per text, worked out without building each variant's
    syllables (a third of a build's key computation went to them).
    """
    if not norm or limit <= 0:
        return []
    primary = _primary(norm)
    ini = [s[:1] for s in primary]
    out = {"".join(ini): None}
    count = 1
    for i, alt in _alternatives(norm, primary):
        if count >= limit:
            break
        count += 1
        if alt[0] != ini[i]:
            out.setdefault("".join(ini[:i]) + alt[0] + "".join(ini[i + 1:]))
    return list(out)


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_syllable(s: str) -> bool:
    """A pinyin syllable fit for splitting words (interjections such as 嗯 n/ng, 呣 m are not)."""
    return s.isascii() and s.isalpha() and any(v in s for v in "aeiouv")


@functools.lru_cache(maxsize=1)
def all_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (about 420)."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = {_toneless(r) for value in pinyin_dict.values() for r in value.split(",") if r}
    return frozenset(s for s in found if is_syllable(s))


def readings(ch: str) -> tuple[str, ...]:
    """Every reading of a character; a Latin letter or digit reads as itself."""
    if is_cjk(ch):
        return _readings(ch)
    return (ch,)


def segmentations(
    letters: str, syllables: frozenset[str], prefixes: frozenset[str], limit: int = 8
) -> list[tuple[str, ...]]:
    """Ways to read ``letters`` as ``syllables``, the last one possibly unfinished.

    ``prefixes`` holds every prefix of every syllable. With the full syllable set,
    'xian' -> [('xian',), ('xi', 'an'), ...] and 'qianzh' -> [('qian', 'zh'), ...].
    """
    out: list[tuple[str, ...]] = []

    def walk(pos: int, acc: tuple[str, ...]) -> None:
        for end in range(min(len(letters), pos + 6), pos, -1):
            piece = letters[pos:end]
            if end == len(letters):
                if piece in prefixes:
                    out.append(acc + (piece,))
            elif piece in syllables:
                walk(end, acc + (piece,))
            if len(out) >= limit:
                return

    if letters.isascii() and letters.isalpha():
        walk(0, ())
    return out


def initials(syllables: tuple[str, ...]) -> str:
    """First letter of each syllable: 社保查询 → sbcx (zh/ch/sh give z/c/s)."""
    return "".join(s[0] for s in syllables if s)
