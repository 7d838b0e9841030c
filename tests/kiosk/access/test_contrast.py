"""WCAG 2.x contrast ratios of known colour pairs."""

from __future__ import annotations

import pytest

from kiosk.access.contrast import AA, AAA, contrast_ratio, parse_colour, relative_luminance


@pytest.mark.parametrize(("a", "b", "ratio"), [
    ("#000000", "#ffffff", 21.0),
    ("#fff", "#fff", 1.0),
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
    ("#777777", "#ffffff", 4.48),  # one step lighter fails it
    ("#0000ff", "#ffffff", 8.59),
    ("#ff0000", "#ffffff", 4.00),
    ("#595959", "#ffffff", 7.00),  # the lightest grey that passes AAA on white
    ("#ffff00", "#000000", 19.56),
])
def test_known_pairs(a: str, b: str, ratio: float) -> None:
    assert round(contrast_ratio(a, b), 2) == ratio
    assert contrast_ratio(a, b) == contrast_ratio(b, a)


def test_thresholds_around_known_pairs() -> None:
    assert contrast_ratio("#767676", "#fff") >= AA > contrast_ratio("#777777", "#fff")
    assert contrast_ratio("#595959", "#fff") >= AAA > contrast_ratio("#5a5a5a", "#fff")


def test_colour_forms() -> None:
    assert parse_colour("#abc") == (0xAA, 0xBB, 0xCC)
    assert parse_colour("80112233") == (0x11, 0x22, 0x33)  # Qt's #aarrggbb: alpha ignored
    assert parse_colour((1, 2, 3)) == (1, 2, 3)
    assert relative_luminance("#000") == 0.0 and relative_luminance("#fff") == pytest.approx(1.0)


@pytest.mark.parametrize("bad", ["red", "#12", "#gggggg", "", (256, 0, 0), (1, 2)])
def test_bad_colours(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_colour(bad)  # type: ignore[arg-type]
