"""The UI's three languages and Simplified → Traditional (Hong Kong) text for display.

Catalogue text is Simplified; a resident who chose 繁體 sees it through OpenCC's
``s2hk`` tables (Hong Kong forms where they differ, e.g. 户 stays 户). One enum names
the languages, so session, screen, slip and translations agree on the codes.
"""

from __future__ import annotations

import functools
import threading
from enum import StrEnum
from typing import Any


class Language(StrEnum):
    """A UI language: the BCP 47 tag is the value; ``qt_locale`` is Qt's locale name."""

    ZH_HANS = "zh-Hans"
    ZH_HANT = "zh-Hant"
    EN = "en"

    @property
    def qt_locale(self) -> str:
        """The name QLocale and the .qm translation files use for this language."""
        return _QT_LOCALES[self]

    @property
    def traditional(self) -> bool:
        """Whether catalogue text is shown converted to Traditional in this language."""
        return self is Language.ZH_HANT

    @property
    def native_name(self) -> str:
        """The language's name in itself, for the language switch."""
        return _NATIVE[self]

    @classmethod
    def parse(cls, value: str) -> Language:
        """A Language from its tag or Qt locale name (zh-Hans, zh_CN, zh-HK, en_US…); ValueError if none."""
        key = value.strip().replace("_", "-").lower()
        for lang in cls:
            if key in (lang.value.lower(), lang.qt_locale.replace("_", "-").lower()):
                return lang
        if key in ("zh-tw", "zh-mo", "zh-hant-hk", "zh-hant-tw"):
            return cls.ZH_HANT
        if key in ("zh", "zh-sg", "zh-hans-cn"):
            return cls.ZH_HANS
        if key.startswith("en-"):
            return cls.EN
        raise ValueError(f"unknown language {value!r} (known: {', '.join(lang.value for lang in cls)})")


_QT_LOCALES = {Language.ZH_HANS: "zh_CN", Language.ZH_HANT: "zh_HK", Language.EN: "en_US"}
_NATIVE = {Language.ZH_HANS: "简体中文", Language.ZH_HANT: "繁體中文", Language.EN: "English"}

#: Phrases where s2hk's tables differ from Hong Kong official usage: 簽注 (visa endorsement,
#: as the HK Immigration Department writes it) comes out of OpenCC as 簽註.
HK_FIXES = {"簽註": "簽注"}

_lock = threading.Lock()


@functools.cache
def _converter() -> Any:
    # opencc-python-reimplemented: import + s2hk open ~200 ms and +11 MiB RSS, against
    # ~400 ms and +47 MiB for the C++ `opencc` wheel (same output on catalogue text).
    from opencc import OpenCC

    return OpenCC("s2hk")


@functools.lru_cache(maxsize=8192)
def to_traditional(text: str) -> str:
    """``text`` in Traditional Chinese with Hong Kong forms (OpenCC s2hk); other scripts pass through.

    Cached: list rows and item fields are converted when a model is filled or a row is drawn,
    and the same names come back with every search (the pure-Python converter is ~50 µs a name).
    """
    if not text or text.isascii():
        return text
    with _lock:  # the pure-Python converter loads its tables lazily, on the first convert()
        out: str = _converter().convert(text)
    for wrong, right in HK_FIXES.items():
        out = out.replace(wrong, right)
    return out


def for_display(text: str, lang: Language) -> str:
    """Catalogue text as a resident reading ``lang`` sees it (Traditional for zh-Hant, else as is)."""
    return to_traditional(text) if lang.traditional else text
