"""The build's fast paths give what the slow, obvious computations give (speed is bench-search's job)."""

from __future__ import annotations

import json

import pytest
from pypinyin import Style, lazy_pinyin

from kiosk.paths import SAMPLE_SOURCE
from kiosk.search import lexicon
from kiosk.search import text as textnorm
from kiosk.search.keyset import KeySet


def _texts() -> list[str]:
    """Every text of the sample, the lexicon's forms and some awkward ones."""
    out = ["银行行长重新长大的了解", "ETC卡办理", "12345热线", "a社保b医保c", "重重重重重重重重重重重重重重重重重行",
           "乐乐乐", "身份证（补领）", "123", "x"]
    for line in SAMPLE_SOURCE.read_text("utf-8").splitlines():
        row = json.loads(line)
        if "_meta" in row:
            continue
        out += [row["name"], row["department"], *row.get("aliases", []), *row.get("keywords", [])]
    lex = lexicon.default()
    forms = list(lex.related)
    out += forms + ["".join(forms[i:i + 4]) for i in range(0, len(forms), 7)]
    return [t for t in (textnorm.normalize(t) for t in out) if t]


TEXTS = _texts()


def test_reading_run_by_run_is_pypinyins_reading_of_the_whole() -> None:
    for norm in TEXTS:
        whole = [s.lower() for s in lazy_pinyin(norm, style=Style.NORMAL, errors=textnorm._one_per_char)]
        assert textnorm._phrase_reading(norm) == whole, norm


@pytest.mark.parametrize("limit", [1, 2, 5, textnorm.MAX_VARIANTS])
def test_initials_variants_are_the_initials_of_the_pinyin_variants(limit: int) -> None:
    for norm in TEXTS:
        slow = list(dict.fromkeys(textnorm.initials(v) for v in textnorm.pinyin_variants(norm)[:limit]))
        assert textnorm.initials_variants(norm, limit) == slow, norm


def test_lexicon_matches_are_every_form_at_every_start_longest_first() -> None:
    lex = lexicon.default()
    forms = sorted(lex.related, key=len, reverse=True)
    for norm in TEXTS:
        for departments in (False, True):
            slow = [(i, f) for i in range(len(norm)) for f in forms if norm.startswith(f, i)
                    and (departments or f not in lex.dept_forms or lex.kind_of.get(f) == "term")]
            assert list(lex.matches(norm, departments)) == slow, norm


def test_text_skipping_opencc_is_already_simplified() -> None:
    converter, changing = textnorm._t2s()
    assert all(changing.search(c) for c in "簽醫證瞭") and not any(changing.search(c) for c in "不公生金")
    for norm in TEXTS:
        if changing.search(norm) is None:
            assert converter.convert(norm) == norm, norm
    assert textnorm.normalize("醫保查詢") == "医保查询" and textnorm.normalize("不瞭解") == "不了解"


def test_key_set_layout_and_lazy_tables() -> None:
    ks = KeySet([("bb", 3), ("aa", 1), ("bb", 0), ("cc", 2), ("bb", 3), ("", 5)])
    assert ks.keys == ["bb", "aa", "cc"]  # by best item
    assert ks.positions == [[0, 3], [1], [2]]
    assert ks.hay == "\x1fbb\x1e\x1faa\x1e\x1fcc\x1e"
    assert list(ks.starts) == [0, 4, 8] and ks.key_at(5) == (1, 0)
    assert ks.by_first == {"b": [0], "a": [1], "c": [2]}
    assert ks.by_two == {"b": {"b": [0]}, "a": {"a": [1]}, "c": {"c": [2]}}
    empty = KeySet([])
    assert empty.hay == "" and list(empty.starts) == [] and empty.by_first == {}


def test_key_set_subset_is_the_key_set_of_those_entries() -> None:
    entries = [(f"k{i % 37}{'x' * (i % 5)}", (i * 7919) % 101) for i in range(500)]
    whole = KeySet(entries)
    part = KeySet.subset(whole, lambda k: len(k) <= 4)
    direct = KeySet([(k, p) for k, p in entries if len(k) <= 4])
    assert (part.keys, part.positions, part.hay, list(part.starts)) == (
        direct.keys, direct.positions, direct.hay, list(direct.starts))
    assert part.index == direct.index and part.sorted_keys == direct.sorted_keys


def test_hashed_postings_give_every_stored_index_and_few_others() -> None:
    from kiosk.search.postings import MAX_INDEX, HashedPostings

    pairs = [(f"w{i % 997}", i) for i in range(5000)] + [("社保", 7), ("社保", 7), ("社保", 9), ("", 3)]
    table = HashedPostings(pairs + [("too big", MAX_INDEX + 1)])
    assert sorted(table.get("社保")) == [7, 9]  # a repeated pair is stored once
    assert list(table.get("")) == [3] and list(table.get("too big")) == [] and list(table.get("absent")) == []
    for text in ("w0", "w5", "w996"):
        want = sorted(i for t, i in pairs if t == text)
        assert sorted(table.get(text)) == want
    assert len(table) == 5000 + 3
