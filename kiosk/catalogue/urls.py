"""The one URL policy: which item addresses the kiosk may show, print or encode in a QR code.

Importer, publisher, sync, UI and slip all call :func:`check`. A URL is parsed the way phone
browsers and QR scanners read it (the WHATWG URL Standard, through ``ada-url``; urllib reads
``https://a.gz.gov.cn\\@evil.example/`` as a gz.gov.cn address, a browser goes to
evil.example), then judged on that parse: https only (http on an allowed host is upgraded or
refused, setting ``catalogue.http_links``), no user name or password, the default port, a host
name (not an IP address) on the allow-list by whole labels after IDNA, no whitespace or
control characters, bounded length. The caller keeps :attr:`Checked.href`, the serialisation
that was checked, and shows and encodes exactly that.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import urllib.parse
from collections.abc import Sequence
from typing import NamedTuple

import ada_url

#: Longest URL accepted, before and after serialisation (QR codes and slips stay readable).
MAX_URL = 2000
HTTP_LINKS = ("upgrade", "refuse")


class UrlRefused(ValueError):
    """A URL the policy refuses; ``reason`` says why in words a technician can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Checked(NamedTuple):
    """A URL that passed the policy: ``href`` is what may be shown and encoded."""

    href: str
    host: str
    upgraded: bool  # it was http:// on an allowed host and now reads https://


#: What str.isspace() and the categories Cc/Cf/Zl/Zp hold within ASCII: controls, DEL, spaces.
_ASCII_BAD = re.compile(r"[\x00-\x20\x7f]")


def _bad_characters(url: str) -> bool:
    # Cc: controls (tab, newline, NUL, DEL, C1); Cf: bidi overrides and zero-width characters,
    # which make a displayed URL read differently from what a scanner follows.
    if url.isascii():  # most URLs: one regex scan instead of a category lookup per character
        return _ASCII_BAD.search(url) is not None
    return any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in url)


def normalise_host(host: str) -> str:
    """An allow-list entry as the parser writes host names (lower case, IDNA A-labels)."""
    ascii_host = ada_url.idna_to_ascii(host.strip().lower())
    if isinstance(ascii_host, bytes):
        return ascii_host.decode("ascii")
    return ascii_host or ""


def _to_unicode(label: str) -> str:
    text = ada_url.idna_to_unicode(label)
    return text.decode("utf-8") if isinstance(text, bytes) else text


@functools.lru_cache(maxsize=8)
def _normalised(allow_hosts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(host for host in map(normalise_host, allow_hosts) if host)


def host_allowed(host: str, allow_hosts: Sequence[str]) -> bool:
    """True when ``host`` (already parsed) equals an allowed host or ends in ``.<allowed>``."""
    return any(host == allowed or host.endswith("." + allowed)
               for allowed in _normalised(tuple(allow_hosts)))


def check(url: str, allow_hosts: Sequence[str] | None, *, http_links: str = "upgrade") -> Checked:
    """Judge ``url`` as a browser would read it; return the checked serialisation or raise UrlRefused."""
    if not isinstance(url, str):
        raise UrlRefused(f"URL must be text, got {type(url).__name__}")
    if len(url) > MAX_URL:
        raise UrlRefused(f"URL longer than {MAX_URL} characters")
    if _bad_characters(url):
        raise UrlRefused("URL contains whitespace, control or invisible formatting characters")
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        raise UrlRefused(f"URL {url!r} is not a valid URL as a browser reads it") from None
    upgraded = False
    if parsed.protocol == "http:" and http_links == "upgrade":
        parsed.protocol = "https:"
        upgraded = True
    if parsed.protocol != "https:":
        what = "http:// (catalogue.http_links = refuse)" if parsed.protocol == "http:" else parsed.protocol
        raise UrlRefused(f"URL {url!r} is not https (scheme {what})")
    if parsed.username or parsed.password:
        raise UrlRefused(f"URL {url!r} carries a user name or password")
    if parsed.port:
        raise UrlRefused(f"URL {url!r} names port {parsed.port}; only the default port is allowed")
    host = parsed.hostname
    if parsed.host_type != ada_url.HostType.DEFAULT:
        raise UrlRefused(f"URL {url!r} uses an IP address ({host}) instead of a host name")
    if not host or host.endswith("."):
        raise UrlRefused(f"URL {url!r} has no host name, or one ending in a dot")
    if any(label.startswith("xn--") and _to_unicode(label) == label for label in host.split(".")):
        # ada keeps a label that is not valid punycode; browsers (node's URL) refuse the URL
        raise UrlRefused(f"URL {url!r} has a host label that is not valid IDNA")
    if allow_hosts is not None and not host_allowed(host, allow_hosts):
        raise UrlRefused(
            f"URL host {host!r} (as a browser reads {url!r}) is not on the allow-list "
            f"({', '.join(allow_hosts)})")
    _check_inner(parsed, url, allow_hosts)
    href = parsed.href
    if len(href) > MAX_URL:
        raise UrlRefused(f"URL longer than {MAX_URL} characters once serialised")
    # The serialisation must read back as itself, or what is shown is not what was checked.
    if ada_url.URL(href).href != href:
        raise UrlRefused(f"URL {url!r} does not serialise stably")
    return Checked(href=href, host=host, upgraded=upgraded)


def _decoded(part: str) -> str:
    """``part`` percent-decoded until it no longer changes (at most three times)."""
    for _ in range(3):
        plain = urllib.parse.unquote(part)
        if plain == part:
            break
        part = plain
    return part


def _check_inner(parsed: ada_url.URL, url: str, allow_hosts: Sequence[str] | None) -> None:
    """Refuse a URL that carries another address the policy refuses (an open-redirect shape).

    ``https://www.gz.gov.cn/login?next=https://evil.example/`` is on an allowed host, and a
    portal's sign-in page then sends the phone to evil.example; so every address in the query
    or fragment (percent-encoded or not, ``//host`` included) and every host name or scheme
    in the path must pass the policy too. An empty path segment (``https://www.gz.gov.cn//evil.example``,
    also what ``\\\\evil.example`` becomes) is what servers turn into ``Location: //evil.example``.
    """
    path = _decoded(parsed.pathname)
    if "//" in path or "\\" in path:
        raise UrlRefused(f"URL {url!r} has an empty path segment (//), which servers may "
                         "redirect to another host")
    # a host name in the path too: the slip breaks a long URL at its slashes, and a line
    # reading www.evil-pay.com/ is what a resident would type
    inner = addresses_in(path.replace("/", " "))
    for part in (parsed.search, parsed.hash):
        text = _decoded(part)
        if (scheme := _SCRIPT_SCHEME.search(text)) is not None:
            raise UrlRefused(f"URL {url!r} carries a {scheme.group().lower()} address")
        inner += ["https:" + m.group(1) for m in _SLASHED.finditer(text)]
        inner += addresses_in(text)
    if (refused := _first_refused(inner, allow_hosts)) is not None:
        address, reason = refused
        raise UrlRefused(f"URL {url!r} carries the address {address!r}, which the policy "
                         f"refuses ({reason})")


def _first_refused(addresses: Sequence[str], allow_hosts: Sequence[str] | None) -> tuple[str, str] | None:
    """The first of ``addresses`` (trailing sentence punctuation cut) the policy refuses, and why.

    http on an allowed host passes: an address named inside a link or a text is not rewritten.
    """
    for address in addresses:
        address = address.rstrip(".,;:!?)]}'\"")
        try:
            check(address, allow_hosts, http_links="upgrade")
        except UrlRefused as exc:
            return address, exc.reason
    return None


def shown(url: str, allow_hosts: Sequence[str] | None = None) -> str:
    """The URL to show or encode: the checked serialisation, or "" when the policy refuses it.

    For the screen, the CLI and the slip: a stored URL was checked when the kiosk built its
    file (and the file's digest at start-up says it is unchanged); this re-check costs
    microseconds and means no path can show a URL the policy has not passed. Without
    ``allow_hosts`` (the slip renderer has no settings) every rule but the allow-list applies.
    """
    if not url:
        return ""
    try:
        checked = check(url, allow_hosts, http_links="refuse")
    except UrlRefused:
        return ""
    return checked.href if checked.href == url else ""


# --------------------------------------------------------------------------- free text

#: A web address as a reader sees one in running text: a scheme and ``//``, or host names
#: (labels of letters, digits and hyphens joined by dots, ending in a label of letters).
#: Read after NFKC (full-width ｈｔｔｐ and ．) with 。 and ｡ between letters as dots, as IDNA does.
_SCHEMED = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?://|\\\\|/\\|\\/)[!#-;=?-~]*")
_HOSTLIKE = re.compile(r"(?<![A-Za-z0-9\-])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+"
                       r"[A-Za-z]{2,63}(?![A-Za-z0-9\-])[!#-;=?-~]*")
#: Schemes that run or embed content rather than name a place.
_SCRIPT_SCHEME = re.compile(r"(?i)(?<![A-Za-z0-9+.\-])(?:javascript|vbscript|data|file|intent):")
#: ``//host`` at the start of a query value or fragment (a scheme-relative address).
_SLASHED = re.compile(r"(?:^|[=&?#])(//[^/\\s&#][!#-%'-~]*)")
_IDEO_DOT = re.compile(r"(?<=[A-Za-z0-9])[。｡](?=[A-Za-z0-9])")
#: File names read like host names (申请表.docx); these endings are not taken as hosts.
#: So are the pages of portals (guide.do, index.jsp, list.shtml) in a path or query.
_FILE_ENDINGS = frozenset({
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "ofd", "wps", "et", "txt", "csv", "rtf",
    "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "svg", "zip", "rar", "xml", "json",
    "html", "htm", "shtml", "shtm", "xhtml", "do", "action", "jsp", "jspx", "asp", "aspx", "php",
    "cgi", "js", "css"})


#: Without a Latin letter (ASCII or full-width, which NFKC maps to ASCII) text names no
#: address: a scheme and a host's last label are letters. One C-speed scan of most Chinese text.
_LATIN = re.compile("[A-Za-z\uff21-\uff3a\uff41-\uff5a]")
_ADDRESS_HINTS = frozenset("./\\。｡．／＼")


def may_hold_address(text: str) -> bool:
    """False when ``text`` cannot hold a web address (cheap; for many texts at once)."""
    return _LATIN.search(text) is not None and not _ADDRESS_HINTS.isdisjoint(text)


def addresses_in(text: str) -> list[str]:
    """The web addresses a reader would take from ``text``, each as a URL to judge."""
    if not may_hold_address(text):
        return []
    folded = text if text.isascii() else _IDEO_DOT.sub(".", unicodedata.normalize("NFKC", text))
    found = [m.group() for m in _SCHEMED.finditer(folded)]
    for m in _HOSTLIKE.finditer(_SCHEMED.sub(" ", folded)):
        host = re.split(r"[/?#]", m.group(), maxsplit=1)[0]
        ending = host.rsplit(".", 1)[-1]
        # 申请表.docx is a file; Mr.Wang a name (a phishing host is written in one case)
        if ending.lower() in _FILE_ENDINGS or not (ending.islower() or ending.isupper()):
            continue
        found.append("https://" + m.group())
    return found


def check_text(text: str, allow_hosts: Sequence[str] | None) -> None:
    """Raise UrlRefused if ``text`` names a web address the policy refuses.

    Catalogue text is shown as plain text (never a link, never a QR code), but a resident may
    type what it says: 请访问 http://evil.example 缴费 on a kiosk is phishing with the kiosk's
    authority. An address in free text must be one an item's link could be (http on an
    allowed host is accepted here: the text is not rewritten).
    """
    if (refused := _first_refused(addresses_in(text), allow_hosts)) is not None:
        address, reason = refused
        raise UrlRefused(f"names the web address {address!r}, which the URL policy refuses "
                         f"({reason}); free text may name only allowed addresses")
