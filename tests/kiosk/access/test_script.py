"""Simplified → Traditional (Hong Kong) with the real OpenCC tables, and the language enum."""

from __future__ import annotations

import pytest

from kiosk.access.script import Language, for_display, to_traditional


@pytest.mark.parametrize(("simplified", "traditional"), [
    ("身份证", "身份證"),
    ("办理", "辦理"),
    ("户口", "户口"),  # s2hk keeps 户: the Hong Kong standard form (s2t would give 戶口)
    ("居民身份证", "居民身份證"),
    ("社保缴费明细查询和打印", "社保繳費明細查詢和打印"),
    ("个人名下房产查询", "個人名下房產查詢"),
    ("不动产登记查册表", "不動產登記查冊表"),
    ("里面", "裏面"),  # Hong Kong writes 裏
    ("港澳台签注申请", "港澳台簽注申請"),  # 簽注 as Hong Kong writes it (s2hk alone gives 簽註)
])
def test_s2hk(simplified: str, traditional: str) -> None:
    assert to_traditional(simplified) == traditional


def test_other_text_passes_through() -> None:
    assert to_traditional("") == ""
    assert to_traditional("12345 ABC, 9:00-17:00") == "12345 ABC, 9:00-17:00"
    assert to_traditional("身份證") == "身份證"  # already Traditional stays so


def test_display_follows_the_language() -> None:
    assert for_display("办理", Language.ZH_HANT) == "辦理"
    assert for_display("办理", Language.ZH_HANS) == "办理"
    assert for_display("办理", Language.EN) == "办理"  # catalogue content stays Chinese


def test_languages_and_qt_locales() -> None:
    assert [lang.value for lang in Language] == ["zh-Hans", "zh-Hant", "en"]
    assert [lang.qt_locale for lang in Language] == ["zh_CN", "zh_HK", "en_US"]
    assert [lang.native_name for lang in Language] == ["简体中文", "繁體中文", "English"]
    assert Language.ZH_HANT.traditional and not Language.ZH_HANS.traditional


@pytest.mark.parametrize(("text", "lang"), [
    ("zh-Hans", Language.ZH_HANS), ("zh_CN", Language.ZH_HANS), ("zh", Language.ZH_HANS),
    ("zh-Hant", Language.ZH_HANT), ("zh_HK", Language.ZH_HANT), ("zh-TW", Language.ZH_HANT),
    ("zh-MO", Language.ZH_HANT), ("en", Language.EN), ("en_GB", Language.EN), (" EN_us ", Language.EN),
])
def test_parse(text: str, lang: Language) -> None:
    assert Language.parse(text) is lang


def test_parse_rejects_other_languages() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        Language.parse("fr")
