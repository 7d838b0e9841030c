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
    assert [f.name for f in fonts] == ["NotoSansCJKsc-Bold.otf", "NotoSansCJKsc-Regular.otf"]
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS_DIR / "OFL.txt").read_text("utf-8")


def test_bundled_font_covers_every_character_of_the_catalogue() -> None:
    text = "".join(
        s for line in SAMPLE_SOURCE.read_text("utf-8").splitlines() for s in _strings(json.loads(line))
    )
    # and the UI's own words
    text += "扫码在手机上继续办理还在使用吗示例数据暂停取消办理0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    needed = {c for c in text if not c.isspace()}
    for path in (FONTS_DIR / "NotoSansCJKsc-Regular.otf", FONTS_DIR / "NotoSansCJKsc-Bold.otf"):
        with TTFont(Path(path), lazy=True) as font:
            cmap = font.getBestCmap()
        missing = sorted(c for c in needed if ord(c) not in cmap)
        assert not missing, f"{path.name} lacks {''.join(missing)}"
