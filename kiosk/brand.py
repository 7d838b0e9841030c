"""Who runs this kiosk, as a resident reads it: portal name, emblem, scan apps, slip header and footer.

Set in config.toml (``brand.*``, Guangzhou by default) and used wherever the name appears: home's
header and the attract screen, the QR card's scan hint, the printed slip. Also how a long URL is
written under a QR code: broken into whole lines at URL punctuation, or shortened to host and
path start, never cut in the middle of a line (the QR code itself always holds the full URL).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from kiosk.config import Config
from kiosk.locales import table_key

DEFAULT_LANGUAGE = "zh_CN"

#: The scan hint by language: ``{apps}`` is the app names joined with the language's "or".
SCAN_HINT: dict[str, tuple[str, str, str]] = {
    # (hint, separator between names, before the last name)
    "zh_CN": ("用{apps}扫一扫", "、", "或"),
    "zh_HK": ("用{apps}掃一掃", "、", "或"),
    "en": ("Scan with {apps}", ", ", " or "),
}
SLIP_TITLE = "{portal} · 办事指南"
#: The kiosk's title on home and the attract screen, by language (English keeps its own wording:
#: the portal's name is Chinese).
KIOSK_TITLE = {"zh_CN": "{portal}自助终端", "zh_HK": "{portal}自助終端", "en": "Government Self-Service Kiosk"}

#: Characters after which a long URL may be broken onto the next line (kept at the line's end).
BREAK_AFTER = "/?&=#.-_~:+,;"
#: The host and this many characters of the path when a URL is shortened.
SHORT_PATH = 16


@dataclass(frozen=True)
class Brand:
    """The ``brand.*`` settings (defaults: Guangzhou)."""

    portal_name: str = "广州政务服务"
    logo_char: str = "穗"
    scan_apps: tuple[str, ...] = ("微信", "粤省事")
    slip_title: str = ""
    slip_footer: str = ""

    @classmethod
    def of(cls, cfg: Config) -> Brand:
        return cls(cfg["brand.portal_name"].strip(), cfg["brand.logo_char"],
                   tuple(a.strip() for a in cfg["brand.scan_apps"]), cfg["brand.slip_title"].strip(),
                   cfg["brand.slip_footer"].strip())

    def scan_hint(self, language: str = DEFAULT_LANGUAGE) -> str:
        """用微信或粤省事扫一扫, with this kiosk's apps."""
        hint, sep, last = SCAN_HINT.get(table_key(language)) or SCAN_HINT[DEFAULT_LANGUAGE]
        apps = list(self.scan_apps)
        joined = apps[0] if len(apps) == 1 else sep.join(apps[:-1]) + last + apps[-1]
        return hint.format(apps=joined)

    def kiosk_title(self, language: str = DEFAULT_LANGUAGE) -> str:
        """广州政务服务自助终端: home's header and the attract screen."""
        return (KIOSK_TITLE.get(table_key(language)) or KIOSK_TITLE[DEFAULT_LANGUAGE]).format(portal=self.portal_name)

    def slip_header(self) -> str:
        """The slip's first line: the configured title, else 广州政务服务 · 办事指南."""
        return self.slip_title or SLIP_TITLE.format(portal=self.portal_name)


def short_url(url: str, path_chars: int = SHORT_PATH) -> str:
    """Host and the start of the path (``rsj.gz.gov.cn/portal/guide/1144…``); the URL itself if short."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    rest = url.split(parts.netloc, 1)[1]
    if len(rest) <= path_chars + 1:
        return parts.netloc + rest
    return parts.netloc + rest[:path_chars] + "…"


def _pieces(url: str) -> list[str]:
    """The URL cut after each BREAK_AFTER character (the places a line may end)."""
    out, start = [], 0
    for i, ch in enumerate(url):
        if ch in BREAK_AFTER:
            out.append(url[start:i + 1])
            start = i + 1
    if start < len(url):
        out.append(url[start:])
    return out


def url_lines(url: str, fits: Callable[[str], bool], max_lines: int) -> list[str]:
    """``url`` as whole lines that each ``fits``; at most ``max_lines``, else its short form.

    Lines end after URL punctuation where possible (a piece too long for any line is split
    between characters). When the full URL needs more than ``max_lines`` lines, the short
    form (host + path start) is laid out the same way instead: the printed text is a hint
    to type, the QR code next to it holds the whole address.
    """
    for text in (url, short_url(url)):
        lines = _wrap(_pieces(text), fits)
        if len(lines) <= max_lines:
            return lines
    return lines[:max_lines - 1] + [lines[max_lines - 1].rstrip() + "…"] if max_lines else []


def _wrap(pieces: Sequence[str], fits: Callable[[str], bool]) -> list[str]:
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if fits(line + piece):
            line += piece
            continue
        if line:
            lines.append(line)
            line = ""
        while piece and not fits(piece):  # no break point fits: split between characters
            n = 1
            while n < len(piece) and fits(piece[:n + 1]):
                n += 1
            lines.append(piece[:n])
            piece = piece[n:]
        line = piece
    if line:
        lines.append(line)
    return lines
