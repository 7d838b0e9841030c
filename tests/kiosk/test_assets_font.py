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
    fonts = sorted(FONTS_DIR.glob("*.otf"))
    assert [f.name for f in fonts] == ["KioskSansCJKsc-Bold.otf", "KioskSansCJKsc-Regular.otf"]
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
    from kiosk.fonts import BUNDLED_FAMILY, gb2312_characters

    gb = gb2312_characters()
    assert len(gb) == 6763 + 682  # hanzi and symbols
    for path in sorted(FONTS_DIR.glob("*.otf")):
        with TTFont(path, lazy=True) as font:
            assert font["name"].getDebugName(1) == BUNDLED_FAMILY
            missing = sorted(gb - set(font.getBestCmap()))
        assert not missing, f"{path.name} lacks {''.join(chr(c) for c in missing[:20])}"


def test_write_subset_keeps_what_is_asked_and_renames(tmp_path: Path) -> None:
    from kiosk.fonts import BUNDLED_FAMILY, write_subset

    out = tmp_path / "tiny.otf"
    write_subset(FONTS_DIR / "KioskSansCJKsc-Bold.otf", out, {ord(c) for c in "社保A"})
    with TTFont(out) as font:
        assert set(font.getBestCmap()) == {ord(c) for c in "社保A"}
        assert font["name"].getDebugName(4) == f"{BUNDLED_FAMILY} Bold"
        assert font["name"].getDebugName(6) == "KioskSansCJKSC-Bold"
