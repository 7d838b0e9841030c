"""Chinese must render as Chinese on a machine with no CJK font installed: we ship one."""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

from kiosk.paths import FONTS_DIR, SAMPLE_SOURCE


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_bundled_font_and_licence_present() -> None:
    from kiosk.ops.fonts import BUNDLED_FILE, EXT_FILE
    from kiosk.paths import EXT_FONT_MARK

    fonts = sorted(f.name for f in FONTS_DIR.glob("*.otf"))
    assert fonts == sorted(n.format(weight=w) for n in (BUNDLED_FILE, EXT_FILE) for w in ("Regular", "Bold"))
    # The UI tells the extension files (registered after the first frame) by this mark.
    assert [f for f in fonts if EXT_FONT_MARK in f] == sorted(EXT_FILE.format(weight=w) for w in ("Regular", "Bold"))
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS_DIR / "OFL.txt").read_text("utf-8")


def test_bundled_font_covers_every_character_of_the_catalogue() -> None:
    text = "".join(
        s for line in SAMPLE_SOURCE.read_text("utf-8").splitlines() for s in _strings(json.loads(line))
    )
    # and the UI's own words
    text += "扫码在手机上继续办理还在使用吗示例数据暂停取消办理0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    needed = {c for c in text if not c.isspace()}
    for path in (FONTS_DIR / "KioskSansCJKsc-Regular.otf", FONTS_DIR / "KioskSansCJKsc-Bold.otf"):
        with TTFont(Path(path), lazy=True) as font:
            cmap = font.getBestCmap()
        missing = sorted(c for c in needed if ord(c) not in cmap)
        assert not missing, f"{path.name} lacks {''.join(missing)}"


def test_bundled_fonts_are_renamed_and_cover_gb2312() -> None:
    """A system Noto Sans CJK must not stand in for them, and common text must not fall back."""
    from kiosk.devtools.fontbuild import gb2312_characters
    from kiosk.ops.fonts import BUNDLED_FAMILY, BUNDLED_FILE

    gb = gb2312_characters()
    assert len(gb) == 6763 + 682  # hanzi and symbols
    for weight in ("Regular", "Bold"):
        path = FONTS_DIR / BUNDLED_FILE.format(weight=weight)
        with TTFont(path, lazy=True) as font:
            assert font["name"].getDebugName(1) == BUNDLED_FAMILY
            missing = sorted(gb - set(font.getBestCmap()))
        assert not missing, f"{path.name} lacks {''.join(chr(c) for c in missing[:20])}"


def test_extension_fonts_add_the_rest_of_gbk() -> None:
    """With the extension, every hanzi of GBK (all CJK Unified Ideographs) has a glyph."""
    from kiosk.devtools.fontbuild import gbk_characters
    from kiosk.ops.fonts import BUNDLED_FILE, EXT_FAMILY, EXT_FILE

    gbk = gbk_characters()
    assert {0x6EDD, 0x5871, 0x6C39} <= gbk  # 滘 塱 氹, of Guangzhou's place names
    assert set(range(0x4E00, 0x9FA6)) <= gbk
    for weight in ("Regular", "Bold"):
        with TTFont(FONTS_DIR / BUNDLED_FILE.format(weight=weight), lazy=True) as font:
            main = set(font.getBestCmap())
        with TTFont(FONTS_DIR / EXT_FILE.format(weight=weight), lazy=True) as font:
            assert font["name"].getDebugName(1) == EXT_FAMILY
            assert font["name"].getDebugName(4) == f"{EXT_FAMILY} {weight}"
            ext = set(font.getBestCmap())
        assert not main & ext  # nothing twice
        hanzi = {c for c in gbk if 0x3400 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF}
        missing = sorted(hanzi - main - ext)
        assert not missing, f"{weight} lacks {''.join(chr(c) for c in missing[:20])}"
        assert 0x6EDD not in main and 0x6EDD in ext


def test_write_subset_keeps_what_is_asked_and_renames(tmp_path: Path) -> None:
    from kiosk.devtools.fontbuild import write_subset
    from kiosk.ops.fonts import BUNDLED_FAMILY

    out = tmp_path / "tiny.otf"
    write_subset(FONTS_DIR / "KioskSansCJKsc-Bold.otf", out, {ord(c) for c in "社保A"})
    with TTFont(out) as font:
        assert set(font.getBestCmap()) == {ord(c) for c in "社保A"}
        assert font["name"].getDebugName(4) == f"{BUNDLED_FAMILY} Bold"
        assert font["name"].getDebugName(6) == "KioskSansCJKSC-Bold"


def test_every_character_the_ui_draws_has_a_glyph() -> None:
    """What the QML scenes write is in the bundled main fonts, so no system font is needed.

    Symbols that no bundled font has are drawn instead (PrintIcon.qml and its siblings): the
    print button's U+2399 drew as a box, and ⌂ ⌫ ✕ depended on the system's DejaVu.
    """
    from kiosk.ops.fonts import BUNDLED_FILE

    root = FONTS_DIR.parent.parent
    text = "".join(p.read_text("utf-8") for p in sorted((root / "ui" / "qml").rglob("*.qml")))
    for weight in ("Regular", "Bold"):
        with TTFont(FONTS_DIR / BUNDLED_FILE.format(weight=weight), lazy=True) as font:
            cmap = font.getBestCmap()
        missing = {c for c in text if ord(c) > 0x7E and ord(c) not in cmap}
        assert not missing, f"{weight} lacks {''.join(sorted(missing))}"


def test_the_main_fonts_draw_traditional_chinese_too() -> None:
    """A 繁體 resident's screen (sample in s2hk, the zh_HK translations) needs no extension font.

    So a kiosk configured for zh_HK draws its first frame, before the extension is registered,
    without a box (kiosk.devtools.fontbuild puts the s2hk text into the main files).
    """
    import xml.etree.ElementTree as ET

    from kiosk.access.script import to_traditional
    from kiosk.ops.fonts import BUNDLED_FILE

    sample = "".join(
        s for line in SAMPLE_SOURCE.read_text("utf-8").splitlines() for s in _strings(json.loads(line))
    )
    ts = FONTS_DIR.parent / "translations" / "kiosk_zh_HK.ts"
    translations = "".join(t.text or "" for t in ET.parse(ts).getroot().iter("translation"))
    needed = {c for c in to_traditional(sample) + translations if not c.isspace()}
    assert {"證", "辦", "簽"} <= needed
    for weight in ("Regular", "Bold"):
        with TTFont(FONTS_DIR / BUNDLED_FILE.format(weight=weight), lazy=True) as font:
            cmap = font.getBestCmap()
        missing = sorted(c for c in needed if ord(c) not in cmap)
        assert not missing, f"{weight} lacks {''.join(missing[:40])}"


def _shown_characters() -> set[int]:
    root = FONTS_DIR.parent.parent
    ui = [p.read_text("utf-8") for p in sorted((root / "ui" / "qml").rglob("*.qml"))]
    ui += [p.read_text("utf-8") for p in sorted((FONTS_DIR.parent / "translations").glob("*.ts"))]
    return {ord(c) for c in "".join(ui) + SAMPLE_SOURCE.read_text("utf-8") if not c.isspace()}


def test_the_glyphs_a_screen_draws_lie_at_the_front_of_the_main_fonts() -> None:
    """The UI maps its font files: glyphs side by side are pages side by side (fontbuild.put_first).

    New UI text or sample data adds a few characters behind the front block; rebuild the fonts
    (``python -m kiosk.devtools.fontbuild``) when many have gathered there.
    """
    from kiosk.ops.fonts import BUNDLED_FILE

    shown = _shown_characters()
    for weight in ("Regular", "Bold"):
        with TTFont(FONTS_DIR / BUNDLED_FILE.format(weight=weight)) as font:
            cmap = font.getBestCmap()
            ids = {font.getGlyphID(cmap[c]) for c in shown if c in cmap}
        front = len(ids) + 1
        outside = sorted(i for i in ids if i >= front)
        assert len(outside) <= 0.05 * len(ids), (
            f"{weight}: {len(outside)} of the {len(ids)} glyphs the UI and sample draw lie behind glyph {front}")


def test_put_first_moves_glyphs_without_changing_how_text_draws(tmp_path: Path) -> None:
    """Reordering keeps every outline, advance, kerning pair and substitution (checked by drawing)."""
    from PIL import ImageFont

    from kiosk.devtools.fontbuild import write_subset

    text = "社会保障卡补办《居民身份证》（首次申领）AVATAR fi 123，。“”—…"
    chars = {ord(c) for c in text if not c.isspace()}
    plain, moved = tmp_path / "plain.otf", tmp_path / "moved.otf"
    write_subset(FONTS_DIR / "KioskSansCJKsc-Regular.otf", plain, chars)
    write_subset(FONTS_DIR / "KioskSansCJKsc-Regular.otf", moved, chars, first=[{ord("…")}, {ord("社")}])
    with TTFont(plain) as a, TTFont(moved) as b:
        assert sorted(a.getGlyphOrder()) == sorted(b.getGlyphOrder())
        assert b.getGlyphID(b.getBestCmap()[ord("…")]) == 1 and b.getGlyphID(b.getBestCmap()[ord("社")]) == 2
        assert a.getGlyphOrder()[1:3] != b.getGlyphOrder()[1:3]
    fa, fb = ImageFont.truetype(str(plain), 40), ImageFont.truetype(str(moved), 40)
    for piece in [text, "AV", "fi", *text]:
        for features in (None, ["vert"], ["palt"]):
            assert bytes(fa.getmask(piece, features=features)) == bytes(fb.getmask(piece, features=features)), piece
            assert fa.getlength(piece, features=features) == fb.getlength(piece, features=features), piece
