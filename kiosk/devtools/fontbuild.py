"""Rebuild the bundled subset fonts from Noto Sans CJK SC (a developer's tool, not run on kiosks).

``python -m kiosk.devtools.fontbuild REGULAR BOLD assets/fonts`` writes the main files and the
extension files named in :mod:`kiosk.ops.fonts`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from fontTools.ttLib import TTFont

from kiosk.ops.fonts import BUNDLED_FAMILY, BUNDLED_FILE, EXT_FAMILY, EXT_FILE

#: Unicode blocks kept beside GB 2312: Latin, punctuation, symbols and full-width forms.
KEPT_BLOCKS = (
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x21FF),
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x27BF), (0x3000, 0x303F),
    (0x3200, 0x32FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
)


def _double_byte_characters(codec: str, leads: range, trails: range) -> set[int]:
    out: set[int] = set()
    for hi in leads:
        for lo in trails:
            try:
                out.add(ord(bytes((hi, lo)).decode(codec)))
            except UnicodeDecodeError:
                continue
    return out


def gb2312_characters() -> set[int]:
    """Every character of GB 2312 (6,763 hanzi and 682 symbols), from Python's codec."""
    return _double_byte_characters("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))


def gbk_characters() -> set[int]:
    """Every double-byte character of GBK in Python's codec: 21,791, all 20,902 CJK Unified Ideographs among them."""
    return _double_byte_characters("gbk", range(0x81, 0xFF), range(0x40, 0xFF))


def gb2312_level1_hanzi() -> set[int]:
    """GB 2312's 3,755 first-level hanzi (rows 16-55): the common characters of everyday text."""
    return _double_byte_characters("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))


def subset_characters(extra_text: str = "") -> set[int]:
    """What the bundled fonts keep: GB 2312, KEPT_BLOCKS, and every character of ``extra_text``."""
    chars = gb2312_characters()
    for first, last in KEPT_BLOCKS:
        chars.update(range(first, last + 1))
    chars.update(ord(c) for c in extra_text if not c.isspace())
    return chars


def write_subset(source: Path, out: Path, characters: set[int], *, number: int = 0,
                 family: str = BUNDLED_FAMILY, first: Sequence[set[int]] = ()) -> int:
    """Write ``source`` cut down to ``characters`` and renamed to ``family``; return glyphs kept.

    ``first``: sets of characters whose glyphs go to the front of the font, in that order
    (see :func:`put_first`).

    fontTools' default layout features are kept (kerning, vertical and proportional forms)
    except ``locl``: the forms it selects are those of Japan, Korea and Taiwan, which a
    Simplified Chinese kiosk never shows, and they would double the glyph count. Hinting stays.
    """
    from fontTools import subset

    options = subset.Options()
    options.layout_features = [f for f in options.layout_features if f != "locl"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_bounds = True
    font = TTFont(str(source), fontNumber=number)
    try:
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(unicodes=characters)
        subsetter.subset(font)
        if first:
            put_first(font, first)
        weight = "Bold" if font["OS/2"].usWeightClass >= 600 else "Regular"
        for record in font["name"].names:
            if record.nameID in (1, 16):
                record.string = family
            elif record.nameID == 4:
                record.string = f"{family} {weight}"
            elif record.nameID == 6:
                record.string = f"{family.replace(' ', '')}-{weight}"
        out.parent.mkdir(parents=True, exist_ok=True)
        font.save(str(out))
        return len(font.getGlyphOrder())
    finally:
        font.close()


def put_first(font: TTFont, tiers: Sequence[set[int]]) -> None:
    """Reorder ``font``'s glyphs: those of each tier's characters first, tier by tier.

    Outlines, advances and layout tables are unchanged (fontTools' reorderGlyphs renumbers
    them all; FDSelect, which it leaves alone, is renumbered here). What it changes is where
    a glyph lies in the file: FreeType maps the font file and the kernel maps it in 64 KiB
    around each page read, so a first screen whose ~900 glyphs were spread over the whole
    CFF table made the UI hold all of both 2 MB files (3.8 MiB, private to it). With the
    glyphs a screen draws side by side at the front it holds 1.0 MiB of them.
    """
    from fontTools.ttLib.reorderGlyphs import reorderGlyphs

    font.ensureDecompiled()
    order = font.getGlyphOrder()
    cmap = font.getBestCmap()
    placed = {order[0]}  # .notdef stays glyph 0
    new = [order[0]]
    for tier in tiers:
        wanted = {cmap[c] for c in tier if c in cmap} - placed
        new += [g for g in order if g in wanted]
        placed |= wanted
    new += [g for g in order if g not in placed]
    top = font["CFF "].cff.topDictIndex[0] if "CFF " in font else None
    fd_select = getattr(top, "FDSelect", None)
    if top is not None:
        for name in order:  # binds each charstring to its private dict by the old numbers
            top.CharStrings[name].decompile()
    old_id = {g: i for i, g in enumerate(order)}
    fds = [fd_select[old_id[g]] for g in new] if fd_select is not None else None
    reorderGlyphs(font, new)
    if fd_select is not None and fds is not None:
        fd_select.gidArray = fds


def main(argv: list[str] | None = None) -> int:
    """``python -m kiosk.devtools.fontbuild REGULAR BOLD OUT_DIR``: rebuild the bundled subset fonts.

    REGULAR and BOLD are Noto Sans CJK SC (OTF, or the .ttc of Debian's fonts-noto-cjk, where
    the SC face is number 2). The main files keep the characters of subset_characters() plus
    every character of the bundled sample catalogue and of the UI's QML and translations;
    the extension files (EXT_FAMILY) keep the rest of GBK. The sample's text converted to
    Traditional (OpenCC s2hk, as a 繁體 resident sees it) goes into the main files too, so a
    kiosk set to zh_HK draws its first frame from them, before the extension is registered.
    """
    import argparse

    from kiosk.access.script import to_traditional
    from kiosk.paths import ASSETS_DIR, SAMPLE_SOURCE

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0] if main.__doc__ else None)
    parser.add_argument("regular", type=Path)
    parser.add_argument("bold", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--face", type=int, default=None, help="face number in a .ttc (default: 2, SC)")
    args = parser.parse_args(argv)
    root = ASSETS_DIR.parent
    sample = SAMPLE_SOURCE.read_text("utf-8")
    texts = [sample, to_traditional(sample)]
    for pattern in ("ui/**/*.qml", "ui/**/*.py", "kiosk/**/*.py", "assets/translations/*.ts"):
        texts += [p.read_text("utf-8") for p in sorted(root.glob(pattern))]
    characters = subset_characters("".join(texts))
    # What the UI writes and the sample shows, then the common hanzi: side by side at the
    # front of the main files, which the UI then maps only the start of (see put_first).
    ui = [p.read_text("utf-8") for p in sorted(root.glob("ui/**/*.qml"))]
    ui += [p.read_text("utf-8") for p in sorted(root.glob("assets/translations/*.ts"))]
    shown = {ord(c) for c in "".join(ui) + sample if not c.isspace()} | set(range(0x20, 0x7F))
    first = (shown, gb2312_level1_hanzi())
    parts = ((BUNDLED_FILE, BUNDLED_FAMILY, characters, first),
             (EXT_FILE, EXT_FAMILY, gbk_characters() - characters, ()))
    for source, weight in ((args.regular, "Regular"), (args.bold, "Bold")):
        face = args.face if args.face is not None else (2 if source.suffix.lower() == ".ttc" else 0)
        for file_name, family, chars, tiers in parts:
            out = args.out_dir / file_name.format(weight=weight)
            glyphs = write_subset(source, out, chars, number=face, family=family, first=tiers)
            sys.stdout.write(f"{out}: {glyphs} glyphs, {out.stat().st_size / 2**20:.1f} MiB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
