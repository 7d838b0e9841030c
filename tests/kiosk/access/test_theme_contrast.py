"""WCAG contrast of every text colour on every background the Theme pairs it with (no Qt needed).

Colours come from ui/qml/Kiosk/Theme.qml itself, in both modes: 7:1 (AAA) in high contrast,
4.5:1 (AA) otherwise; tags, buttons, tiles and the header's dimmed subtitle included.
A colour added to the Theme without a pair here (or a reason it holds no text) fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.access.contrast import AA, AAA, contrast_ratio, parse_colour

THEME = Path(__file__).resolve().parents[3] / "ui" / "qml" / "Kiosk" / "Theme.qml"

_PAIR = re.compile(r'readonly property color (\w+): highContrast \? "(#[0-9A-Fa-f]+)" : "(#[0-9A-Fa-f]+)"')
_FIXED = re.compile(r'readonly property color (\w+): "(#[0-9A-Fa-f]+)"')
_PALETTE = re.compile(r"tilePalette: highContrast\s*\?\s*\[([^\]]*)\]\s*:\s*\[([^\]]*)\]", re.S)

#: (foreground, background, where it shows). "tile" is every colour of the tile palette.
PAIRS: list[tuple[str, str, str]] = [
    *[("text", bg, "body text") for bg in ("background", "surface", "surfaceAlt", "pressed")],
    *[("textMuted", bg, "hints, departments, labels") for bg in ("background", "surface", "surfaceAlt",
                                                               "pressed")],
    *[("primary", bg, "secondary button labels, arrows, key facts")
      for bg in ("background", "surface", "pressed", "primarySoft")],
    *[("textOnPrimary", bg, "primary buttons, headers, badges")
      for bg in ("primary", "primaryPressed", "primaryDark", "accent", "tile")],
    ("ok", "okSoft", "tag 本机可办 / 可在本机办理"),
    ("warn", "warnSoft", "tag 示例数据"),
    ("danger", "dangerSoft", "tags 必要 / 暂停办理, the status banner"),
    ("primary", "primarySoft", "tag 即办件, 非必要"),
    *[(fg, "surface", "status texts and messages") for fg in ("ok", "warn", "danger")],
    ("danger", "background", "toasts and errors over the scene"),
]
#: Colours that never carry text, with the reason.
NOT_TEXT = {
    "border": "outlines of cards and buttons",
    "scrim": "translucent shade behind overlays",
}
#: The header's subtitles are textOnPrimary at this opacity on primary (KText opacity: 0.85).
SUBTITLE_OPACITY = 0.85


def theme_colours() -> tuple[dict[str, str], dict[str, str], list[str], list[str]]:
    """(high-contrast colours, normal colours, high-contrast tiles, normal tiles) from Theme.qml."""
    source = THEME.read_text("utf-8")
    hc: dict[str, str] = {}
    normal: dict[str, str] = {}
    for name, a, b in _PAIR.findall(source):
        hc[name], normal[name] = a, b
    for name, c in _FIXED.findall(source):
        hc[name] = normal[name] = c
    m = _PALETTE.search(source)
    assert m, "tilePalette not found in Theme.qml"
    tiles = [re.findall(r'"(#[0-9A-Fa-f]+)"', part) for part in m.groups()]
    declared = set(re.findall(r"property color (\w+)", source))
    assert declared == set(hc), f"colours the parser missed: {sorted(declared - set(hc))}"
    return hc, normal, tiles[0], tiles[1]


def blend(fg: str, bg: str, alpha: float) -> tuple[int, int, int]:
    f, b = parse_colour(fg), parse_colour(bg)
    return tuple(round(alpha * x + (1 - alpha) * y) for x, y in zip(f, b, strict=True))  # type: ignore[return-value]


def test_the_parser_reads_the_theme() -> None:
    hc, normal, hc_tiles, tiles = theme_colours()
    assert len(hc) >= 20 and hc["background"] == "#000000" and len(tiles) >= 5 and hc_tiles


def test_every_colour_is_checked_or_carries_no_text() -> None:
    hc, _, _, _ = theme_colours()
    used = {name for pair in PAIRS for name in pair[:2]} - {"tile"}
    assert set(hc) == used | set(NOT_TEXT), (
        f"unpaired: {sorted(set(hc) - used - set(NOT_TEXT))}; unknown: {sorted(used - set(hc))}")


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_every_text_pair_meets_wcag(high_contrast: bool) -> None:
    hc, normal, hc_tiles, tiles = theme_colours()
    colours = hc if high_contrast else normal
    need = AAA if high_contrast else AA
    failures = []
    for fg, bg, where in PAIRS:
        for back in (hc_tiles if high_contrast else tiles) if bg == "tile" else [colours[bg]]:
            ratio = contrast_ratio(colours[fg], back)
            if ratio < need:
                failures.append(f"{fg} {colours[fg]} on {bg} {back} ({where}): {ratio:.2f}:1")
    sub = blend(colours["textOnPrimary"], colours["primary"], SUBTITLE_OPACITY)
    if contrast_ratio(sub, colours["primary"]) < need:
        failures.append(f"subtitle {sub} on primary: {contrast_ratio(sub, colours['primary']):.2f}:1")
    assert not failures, f"below {need}:1:\n" + "\n".join(failures)


def test_the_terminal_tag_that_was_too_pale_now_passes() -> None:
    _, normal, _, _ = theme_colours()
    # 本机可办 was #12803C on #E2F4E8: 4.39:1 (issue 15)
    assert contrast_ratio("#12803C", "#E2F4E8") < AA <= contrast_ratio(normal["ok"], normal["okSoft"])
