"""Find the string literals of QML files that a resident could read but no qsTr() wraps.

A literal counts as UI text when it holds a CJK character, or when it is the value of a
text-like property (text, title, label, Accessible.name …) and holds a letter. Comments are
skipped; a literal that is the first argument of qsTr/qsTranslate/qsTrId is translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: Properties whose value a resident reads (or a screen reader speaks).
TEXT_PROPERTIES = ("text", "title", "subtitle", "label", "placeholderText", "glyph", "hint",
                   "Accessible.name", "Accessible.description", "caption", "message")

_TOKEN = re.compile(
    r'//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`',
    re.DOTALL,
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_TRANSLATED = re.compile(r"\b(qsTr|qsTranslate|qsTrId|QT_TR_NOOP|QT_TRANSLATE_NOOP)\s*\(\s*(\"[^\"]*\"\s*,\s*)?$")
_NAMES = "|".join(re.escape(p) for p in TEXT_PROPERTIES)
#: The literal is the property's value: ``text: "…"``, ``text: cond ? "…"`` or ``text: cond ? x : "…"``.
_PART = r'(?:[^\n:"]|"[^"\n]*")*'  # an expression on the line, quoted literals included
_PROPERTY = re.compile(r"(?:^|[\s{;,])(?:" + _NAMES + r")\s*:\s*(?:" + _PART + r"\?\s*(?:" + _PART + r":\s*)?)?$")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}")


@dataclass(frozen=True)
class Literal:
    """One untranslated literal: where it is and what it says."""

    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def untranslated(path: Path) -> list[Literal]:
    """The literals of one QML file that look like UI text and are not wrapped in qsTr."""
    source = path.read_text(encoding="utf-8")
    found = []
    for m in _TOKEN.finditer(source):
        token = m.group(0)
        if token.startswith("/"):
            continue
        body = token[1:-1]
        if _COLOUR.fullmatch(body):
            continue
        before = source[max(0, m.start() - 200):m.start()]
        line_start = source.rfind("\n", 0, m.start()) + 1
        on_line = source[line_start:m.start()]
        if _TRANSLATED.search(before):
            continue
        if _CJK.search(body) or (_PROPERTY.search(on_line) and re.search(r"[A-Za-z]", body)):
            found.append(Literal(path, source.count("\n", 0, m.start()) + 1, body))
    return found
