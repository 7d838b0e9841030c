from __future__ import annotations

import pytest

from kiosk.search import text as textnorm


@pytest.mark.parametrize(
    ("raw", "norm"),
    [("港澳台簽注申請", "港澳台签注申请"), ("ＥＴＣ 卡", "etc卡"), ("不动产（产权人版）", "不动产产权人版"),
     ("社保 查询！", "社保查询"), ("😀", ""), ("", "")],
)
def test_normalize(raw: str, norm: str) -> None:
    assert textnorm.normalize(raw) == norm


def test_variants_cover_every_reading_and_start_with_the_phrase_reading() -> None:
    variants = textnorm.pinyin_variants("银行")
    assert variants[0] == ("yin", "hang")
    assert ("yin", "xing") in variants
    assert textnorm.initials(variants[0]) == "yh"


def test_variants_are_bounded() -> None:
    long_polyphonic = "重行长还和查朝便差的地得了着" * 3
    assert 1 < len(textnorm.pinyin_variants(long_polyphonic)) <= textnorm.MAX_VARIANTS


def test_segmentations() -> None:
    syl = textnorm.all_syllables()
    pre = frozenset(s[:i] for s in syl for i in range(1, len(s) + 1))
    assert ("qian", "zhu") in textnorm.segmentations("qianzhu", syl, pre)
    assert ("xi", "an") in textnorm.segmentations("xian", syl, pre)
    assert ("qian", "zh") in textnorm.segmentations("qianzh", syl, pre)
    assert textnorm.segmentations("zzzzqq", syl, pre) == []
    assert textnorm.segmentations("sbcx", syl, pre) == []
    assert "n" not in syl and "lv" in syl and len(syl) > 400


def test_readings_of_latin_and_digits_are_themselves() -> None:
    assert textnorm.readings("e") == ("e",)
    assert set(textnorm.readings("行")) >= {"xing", "hang"}
