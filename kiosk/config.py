"""The kiosk's one TOML configuration file, ``$KIOSK_HOME/config.toml``.

Every key is declared once in :data:`SPEC` with its type, default, check and a
human description of the expected form. Loading validates every key and names
the bad one; :func:`load_config_safe` never raises, falling back to the last
valid settings so that a typo never takes the resident UI down. Changing the file
(``kiosk config set``, the technician screen) is :mod:`kiosk.configedit`.
"""

from __future__ import annotations

import logging
import math
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from kiosk.errors import ConfigError
from kiosk.fsutil import write_bytes_atomic
from kiosk.paths import HomeLayout

log = logging.getLogger("kiosk.config")

Check = Callable[[Any], bool]


class Key(NamedTuple):
    """One configuration key: ``section.name`` (a NamedTuple: see kiosk.paths.HomeLayout)."""

    name: str
    type: type
    default: Any
    expected: str
    check: Check | None = None
    secret: bool = False


def _one_of(*values: str) -> Check:
    return lambda v: v in values


def _in_range(lo: float, hi: float) -> Check:
    return lambda v: lo <= v <= hi


_HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_KIOSK_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def _is_host_list(v: Any) -> bool:
    return bool(v) and all(isinstance(h, str) and _HOST_RE.match(h) for h in v)


def _is_source(v: str) -> bool:
    if v == "":
        return True
    parts = urlsplit(v)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return v.startswith("/")  # an absolute directory (a USB stick)


def _is_proxy(v: str) -> bool:
    return v == "" or (urlsplit(v).scheme in ("http", "https", "socks5", "socks5h") and bool(urlsplit(v).netloc))


def _is_abs_path_or_empty(v: str) -> bool:
    return v == "" or v.startswith("/")


# A help-desk phone as a resident dials it: digits with spaces, dashes, parentheses, a leading +.
_PHONE_RE = re.compile(r"^\+?[0-9(][0-9 ()\-]{2,30}$")


def _is_phone_or_empty(v: str) -> bool:
    return v == "" or bool(_PHONE_RE.match(v))


def _is_pin_hash(v: str) -> bool:
    return v == "" or bool(re.match(r"^(scrypt|pbkdf2_sha256)\$", v))


SPEC: tuple[Key, ...] = (
    Key("kiosk.id", str, "KIOSK-UNSET", "1-64 letters, digits, '.', '_' or '-'",
        lambda v: bool(_KIOSK_ID_RE.match(v))),
    Key("kiosk.location", str, "", "text of at most 100 characters", lambda v: len(v) <= 100),
    Key("kiosk.language", str, "zh_CN", "one of zh_CN (简体), zh_HK (繁體), en", _one_of("zh_CN", "zh_HK", "en")),
    # Branding (kiosk/brand.py): Guangzhou by default; another city changes these.
    Key("brand.portal_name", str, "广州政务服务", "the city's or portal's name, 1-20 characters",
        lambda v: 0 < len(v.strip()) <= 20),
    Key("brand.logo_char", str, "穗", "exactly one character for the round emblem (穗, 深, 粤 …)",
        lambda v: len(v) == 1 and v.isprintable() and not v.isspace()),
    Key("brand.scan_apps", list, ["微信", "粤省事"],
        "a list of 1-4 app names of 1-10 characters the scan hint names (用微信或粤省事扫一扫)",
        lambda v: 0 < len(v) <= 4 and all(isinstance(a, str) and 0 < len(a.strip()) <= 10 for a in v)),
    Key("brand.slip_title", str, "", "the printed slip's header line, at most 30 characters "
        "(empty: the portal name · 办事指南)", lambda v: len(v) <= 30),
    Key("brand.slip_footer", str, "", "a line printed at the foot of the slip, at most 40 characters "
        "(empty: none), e.g. 政务服务便民热线 12345", lambda v: len(v) <= 40),
    Key("sync.source", str, "", "an http(s) URL of the catalogue repository, an absolute directory, or empty to disable sync",
        _is_source),
    Key("sync.interval_minutes", int, 60, "whole minutes from 5 to 1440", _in_range(5, 1440)),
    Key("sync.jitter_seconds", int, 600, "whole seconds from 0 to 3600", _in_range(0, 3600)),
    Key("sync.connect_timeout", float, 5.0, "seconds from 0.5 to 60", _in_range(0.5, 60)),
    Key("sync.read_timeout", float, 20.0, "seconds from 1 to 300", _in_range(1, 300)),
    Key("sync.max_snapshot_mb", int, 200, "whole megabytes from 1 to 2048", _in_range(1, 2048)),
    Key("sync.proxy", str, "", "a proxy URL such as http://proxy.example:8080, or empty to use the environment",
        _is_proxy),
    Key("sync.ca_bundle", str, "", "an absolute path to a PEM CA bundle, or empty for the system store",
        _is_abs_path_or_empty),
    Key("catalogue.url_allow_hosts", list, ["gdzwfw.gov.cn", "gz.gov.cn"],
        "a non-empty list of host names; an item URL must be on one of them or a subdomain",
        _is_host_list),
    Key("catalogue.http_links", str, "upgrade",
        "one of upgrade (an http:// link on an allowed host is shown as https://), refuse",
        _one_of("upgrade", "refuse")),
    Key("sync.total_deadline_seconds", int, 900,
        "whole seconds from 30 to 7200 (one sync run, every request included)", _in_range(30, 7200)),
    Key("idle.timeout_seconds", int, 90, "whole seconds from 20 to 1800", _in_range(20, 1800)),
    Key("idle.countdown_seconds", int, 15, "whole seconds from 5 to 120", _in_range(5, 120)),
    Key("idle.attract_seconds", int, 300, "whole seconds from 30 to 86400", _in_range(30, 86400)),
    Key("display.font_scale", float, 1.0, "a number from 0.8 to 2.0", _in_range(0.8, 2.0)),
    Key("display.elder_mode", bool, False, "true or false"),
    Key("display.high_contrast", bool, False, "true or false"),
    Key("display.cursor", bool, False, "true or false"),
    # 帮助 / 呼叫工作人员: empty until a technician fills them in (the overlay then says
    # only to ask the hall's staff; it never shows a number nobody configured).
    Key("help.desk_location", str, "", "text of at most 60 characters (where staff are, e.g. 一楼综合咨询台)",
        lambda v: len(v) <= 60 and "\n" not in v),
    Key("help.desk_phone", str, "", "a phone number (digits, spaces, -, (), a leading +), or empty", _is_phone_or_empty),
    Key("printer.kind", str, "none", "one of none, cups, pdf, escpos", _one_of("none", "cups", "pdf", "escpos")),
    Key("printer.name", str, "", "a CUPS queue name, an ESC/POS device path, or empty",
        lambda v: len(v) <= 200),
    Key("printer.paper", str, "80mm", "one of 58mm, 80mm, a4", _one_of("58mm", "80mm", "a4")),
    Key("printer.pdf_dir", str, "", "an absolute directory for PDF output, or empty", _is_abs_path_or_empty),
    Key("printer.job_timeout_seconds", int, 60,
        "whole seconds from 10 to 600 to wait for the printer (CUPS or ESC/POS) to take a slip", _in_range(10, 600)),
    Key("monitoring.textfile", str, "",
        "an absolute path for the Prometheus .prom file, or empty for $KIOSK_HOME/metrics/kiosk.prom",
        _is_abs_path_or_empty),
    Key("admin.pin_min_digits", int, 6, "whole digits from 4 to 12", _in_range(4, 12)),
    Key("admin.pin_hash", str, "", "a hash written by 'kiosk config set-pin', never the PIN itself",
        _is_pin_hash, secret=True),
)

KEYS: dict[str, Key] = {k.name: k for k in SPEC}


class Config:
    """Validated settings. Read values with ``cfg["idle.timeout_seconds"]``.

    A plain class (see kiosk.paths.HomeLayout); not a NamedTuple, whose own indexing
    ``cfg[key]`` would shadow.
    """

    __slots__ = ("origin", "values")

    def __init__(self, values: dict[str, Any], origin: str = "defaults") -> None:
        self.values = values
        #: Where the values came from: the file, or "defaults", or "last valid".
        self.origin = origin

    def __repr__(self) -> str:
        return f"Config(origin={self.origin!r}, values={self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and (self.values, self.origin) == (other.values, other.origin)

    @classmethod
    def defaults(cls) -> Config:
        return cls({k.name: k.default for k in SPEC})

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def as_nested(self, *, hide_secrets: bool = False) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for k in SPEC:
            section, name = k.name.split(".", 1)
            value = self.values[k.name]
            if hide_secrets and k.secret and value:
                value = "<set>"
            out.setdefault(section, {})[name] = value
        return out


def shorten(text: str, limit: int = 80) -> str:
    """At most ``limit`` characters of ``text`` (a 1 MB bad value must not fill every log line)."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} chars)"


def coerce(key: str, value: Any) -> Any:
    """Check one value (already parsed from TOML) against the spec; return it typed.

    Raises ConfigError naming the key and the expected form.
    """
    spec = KEYS.get(key)
    if spec is None:
        raise ConfigError(f"unknown configuration key '{key}' (known keys: {', '.join(KEYS)})")
    ok_type = isinstance(value, spec.type) and not (spec.type is int and isinstance(value, bool))
    if spec.type is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok_type = float(value), True
    if spec.type is float and ok_type and not math.isfinite(value):
        ok_type = False
    if spec.type is list and ok_type:
        ok_type = all(isinstance(x, str) for x in value)
    if not ok_type or (spec.check is not None and not spec.check(value)):
        shown = "<hidden>" if spec.secret else shorten(repr(value))
        raise ConfigError(f"config key '{key}' has invalid value {shown}: expected {spec.expected}")
    return value


def validate_document(doc: dict[str, Any]) -> dict[str, Any]:
    """Validate a parsed TOML document; return the full flat value map (defaults filled)."""
    values = {k.name: k.default for k in SPEC}
    for section, table in doc.items():
        if not isinstance(table, dict):
            raise ConfigError(f"config entry '{section}' must be a [section] table")
        for name, value in table.items():
            key = f"{section}.{name}"
            values[key] = coerce(key, value)
    return values


def read_document(path: Path) -> dict[str, Any]:
    """The parsed TOML of a config file; ConfigError when it is not TOML or not UTF-8."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None


def load_config(layout: HomeLayout) -> Config:
    """Load and validate the config file strictly. A missing file means defaults."""
    path = layout.config_file
    if not path.exists():
        return Config.defaults()
    values = validate_document(read_document(path))
    return Config(values=values, origin=str(path))


def _last_good_path(layout: HomeLayout) -> Path:
    return layout.root / "config.last-good.toml"


def load_config_safe(layout: HomeLayout) -> tuple[Config, ConfigError | None]:
    """Load the config for a long-running process; never raises ConfigError.

    On success the file is remembered as the last valid settings. On failure the
    last valid settings (or the defaults) are returned with the error, which the
    caller reports (log, technician screen, ``kiosk doctor``).
    """
    try:
        cfg = load_config(layout)
    except ConfigError as exc:
        log.error("invalid configuration, using last valid settings: %s", exc)
        fallback = _last_good_path(layout)
        try:
            values = validate_document(read_document(fallback)) if fallback.exists() else None
        except ConfigError:
            values = None
        if values is None:
            return Config.defaults(), exc
        return Config(values=values, origin="last valid"), exc
    if cfg.origin != "defaults":
        try:
            data = layout.config_file.read_bytes()
            last_good = _last_good_path(layout)
            # every start and every CLI command loads the config: write only what changed
            if not last_good.exists() or last_good.read_bytes() != data:
                write_private(last_good, data)
        except OSError as exc:  # a read-only home must not stop the kiosk
            log.warning("could not remember last valid config: %s", exc)
    return cfg, None


def write_private(path: Path, data: bytes) -> None:
    """Write a config file atomically, owner-only: it holds the technician PIN's hash."""
    write_bytes_atomic(path, data, mode=0o600)


def redact_url(url: str) -> str:
    """A URL without user name or password (``https://u:p@host/x`` → ``https://host/x``)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()
