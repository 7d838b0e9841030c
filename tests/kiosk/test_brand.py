"""kiosk.brand: the brand.* settings, the scan hint, and URL text under a QR code in whole lines."""

from __future__ import annotations

import pytest

from kiosk.brand import Brand, short_url, url_lines
from kiosk.config import Config, coerce, load_config
from kiosk.configedit import set_value
from kiosk.errors import ConfigError
from kiosk.paths import HomeLayout

LONG = ("https://www.gdzwfw.gov.cn/portal/guide/11440100MB2C92179R4442111009000?region=440100"
        "&channel=kiosk&source=zizhuban&lang=zh_CN&item=SAMPLE-RS-001&ref=" + "a1b2c3d4e5" * 8)[:220]


def test_guangzhou_is_the_default() -> None:
    b = Brand.of(Config.defaults())
    assert b == Brand()
    assert (b.portal_name, b.logo_char) == ("广州政务服务", "穗")
    assert b.scan_hint() == "用微信或粤省事扫一扫"
    assert b.slip_header() == "广州政务服务 · 办事指南"
    assert b.slip_footer == ""
    assert b.kiosk_title() == "广州政务服务自助终端"
    assert b.kiosk_title("en") == "Government Self-Service Kiosk"


def test_another_city_sets_its_own(kiosk_home: HomeLayout) -> None:
    set_value(kiosk_home, "brand.portal_name", "深圳政务服务")
    set_value(kiosk_home, "brand.logo_char", "深")
    set_value(kiosk_home, "brand.scan_apps", ["微信", "支付宝", "i深圳"])
    set_value(kiosk_home, "brand.slip_footer", "政务服务便民热线 12345")
    b = Brand.of(load_config(kiosk_home))
    assert b.scan_hint() == "用微信、支付宝或i深圳扫一扫"
    assert b.scan_hint("en") == "Scan with 微信, 支付宝 or i深圳"
    assert b.slip_header() == "深圳政务服务 · 办事指南"  # the title follows the portal name
    set_value(kiosk_home, "brand.slip_title", "i深圳 · 办事指南单")
    assert Brand.of(load_config(kiosk_home)).slip_header() == "i深圳 · 办事指南单"
    assert Brand(scan_apps=("粤省事",)).scan_hint() == "用粤省事扫一扫"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("brand.logo_char", "穗好"),  # one character: the emblem is round
        ("brand.logo_char", " "),
        ("brand.portal_name", ""),
        ("brand.scan_apps", []),
        ("brand.scan_apps", ["微信", "a", "b", "c", "d"]),
        ("brand.scan_apps", ["一个很长很长很长很长的应用名"]),
        ("brand.slip_footer", "长" * 41),
    ],
)
def test_bad_brand_values_are_refused_by_name(key: str, value: object) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        coerce(key, value)


def test_short_url_is_host_and_path_start() -> None:
    assert short_url("https://rsj.gz.gov.cn/") == "rsj.gz.gov.cn/"
    assert short_url(LONG) == "www.gdzwfw.gov.cn/portal/guide/11…"
    assert short_url("not a url") == "not a url"


@pytest.mark.parametrize("width", [20, 34, 45, 60])
def test_url_lines_are_whole_and_fit(width: int) -> None:
    def fits(t: str) -> bool:
        return len(t) <= width

    lines = url_lines(LONG, fits, 50)
    assert all(fits(line) for line in lines)
    assert "".join(lines) == LONG  # nothing lost between lines
    # lines end after URL punctuation where a piece fits at all
    assert lines[0].endswith(("/", ".", ":")) or len(lines[0]) == width


def test_a_url_too_long_for_the_lines_is_shortened_never_cut() -> None:
    lines = url_lines(LONG, lambda t: len(t) <= 40, 3)
    assert lines == ["www.gdzwfw.gov.cn/portal/guide/11…"]
    assert url_lines("https://rsj.gz.gov.cn/", lambda t: len(t) <= 40, 3) == ["https://rsj.gz.gov.cn/"]
