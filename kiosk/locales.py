"""Which wording table a language reads: one rule for every table keyed zh_CN / zh_HK / en.

A tag (zh-Hans, zh-Hant, en) or a Qt locale name (zh_CN, zh_HK, en_US) both work: Traditional
Chinese in any region reads the zh_HK tables, any English reads en, anything else is returned
normalised (``-`` as ``_``) for the caller's own fallback.
"""

from __future__ import annotations

TRADITIONAL = ("zh_HK", "zh_TW", "zh_MO", "zh_Hant")


def table_key(language: str) -> str:
    """The table key for ``language`` ("zh-Hant" → "zh_HK", "en_US" → "en", "zh_CN" → "zh_CN")."""
    lang = str(language).replace("-", "_")
    if lang in TRADITIONAL:
        return "zh_HK"
    return "en" if lang.split("_")[0] == "en" else lang
