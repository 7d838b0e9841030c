"""WCAG 2.x contrast ratios of two colours (the Theme's 7:1 and 4.5:1 rules are tested with it)."""

from __future__ import annotations

import re

#: WCAG 2.x thresholds: AA normal text, AA large text, AAA normal text.
AA = 4.5
AA_LARGE = 3.0
AAA = 7.0

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")

RGB = tuple[int, int, int]


def parse_colour(colour: str | RGB) -> RGB:
    """An (r, g, b) of 0–255 from ``#rgb``, ``#rrggbb``, ``#aarrggbb`` (Qt's order) or a tuple.

    An alpha channel is ignored: contrast is only defined for opaque colours, so a
    translucent colour must be composited by the caller first. ValueError on anything else.
    """
    if isinstance(colour, tuple):
        if len(colour) != 3 or not all(isinstance(c, int) and 0 <= c <= 255 for c in colour):
            raise ValueError(f"expected (r, g, b) of 0..255, got {colour!r}")
        return colour
    m = _HEX.fullmatch(colour.strip())
    if not m:
        raise ValueError(f"not a colour: {colour!r} (expected #rgb, #rrggbb or #aarrggbb)")
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    elif len(digits) == 8:
        digits = digits[2:]
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _channel(c8: int) -> float:
    c = c8 / 255
    # WCAG 2.x's sRGB threshold (0.03928; 0.04045 in the sRGB spec changes nothing at 8 bits)
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str | RGB) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    r, g, b = parse_colour(colour)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str | RGB, b: str | RGB) -> float:
    """The WCAG 2.x contrast ratio of two colours, 1.0 to 21.0, in either order."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)
