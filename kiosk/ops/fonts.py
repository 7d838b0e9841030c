"""Font files, headless (fontTools): what the bundled fonts cover, and the print copy.

``kiosk doctor`` checks that the bundled CJK font covers every character of the
live catalogue; the print service registers a copy made by :func:`print_font_bytes`.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError
from fontTools.ttLib.sfnt import SFNTWriter

from kiosk.paths import EXT_FONT_MARK

FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc")
#: What fontTools raises on a missing, truncated or damaged font file.
FONT_ERRORS = (OSError, ValueError, KeyError, AssertionError, struct.error, TTLibError)
PRINT_FAMILY = "Kiosk Print CJK"
#: The print copy of the extension files (see EXT_FAMILY).
PRINT_EXT_FAMILY = "Kiosk Print CJK Ext"


def font_coverage(fonts_dir: Path) -> tuple[set[int], list[Path]]:
    """Code points covered by all font files in ``fonts_dir``."""
    covered: set[int] = set()
    files = sorted(p for p in fonts_dir.glob("*") if p.suffix.lower() in FONT_SUFFIXES)
    for path in files:
        is_collection = path.suffix.lower() in (".ttc", ".otc")
        holder = TTCollection(str(path), lazy=True) if is_collection else TTFont(str(path), lazy=True)
        try:
            for font in holder.fonts if is_collection else [holder]:
                covered.update(font.getBestCmap() or {})
        finally:
            holder.close()
    return covered, files


def print_font_bytes(path: Path, number: int = 0, family: str = PRINT_FAMILY) -> bytes:
    """A copy of the font whose cmap leaves out the CJK radical blocks, renamed to ``family``.

    Why: Qt's PDF writer (QFontSubset::getReverseMap) gives each glyph the *lowest*
    code point that maps to it in its ToUnicode table. Noto CJK shares glyphs
    between radicals (U+2E80-U+2FDF) and ideographs, so 门 would be extracted as ⻔
    and the PDF's text layer would not hold the item name. Only ``cmap`` and
    ``name`` are rebuilt; every other table is copied byte for byte (0.3 s).
    """
    src = TTFont(str(path), fontNumber=number, lazy=True)
    raw = {tag: src.reader[tag] for tag in src.reader.keys()}
    cmap = src["cmap"]
    for table in cmap.tables:
        for cp in [c for c in table.cmap if 0x2E80 <= c <= 0x2FDF]:
            del table.cmap[cp]
    raw["cmap"] = cmap.compile(src)
    name = src["name"]
    for record in name.names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
    raw["name"] = name.compile(src)
    out = io.BytesIO()
    writer = SFNTWriter(out, len(raw), sfntVersion=src.sfntVersion)
    for tag in sorted(raw):
        writer[tag] = raw[tag]
    writer.close()
    src.close()
    return out.getvalue()


# --------------------------------------------------------------------------- bundled subset

#: The family name of the fonts in assets/fonts/ (renamed so that a system-wide Noto Sans
#: CJK never stands in for them: the UI then maps one small file per weight, not two big ones).
BUNDLED_FAMILY = "Kiosk Sans CJK SC"
#: The family of the extension files: the rest of GBK's characters, such as U+6EDD (jiao, in
#: Guangzhou's place name Lijiao) and the other Cantonese place-name characters GB 2312 lacks.
#: (Not written out here: the main files take every character of the code's own text.)
#: Qt falls back to it for any character the main files lack.
EXT_FAMILY = "Kiosk Sans CJK SC Ext"
#: File names in assets/fonts/: the main files and the extension, per weight.
BUNDLED_FILE = "KioskSansCJKsc-{weight}.otf"
EXT_FILE = "KioskSansCJKsc" + EXT_FONT_MARK + "{weight}.otf"
