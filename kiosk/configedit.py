"""Changing ``config.toml``: a technician's typed values, set, add/remove in a list, save.

Every change is validated against :data:`kiosk.config.SPEC` before anything is written, a path
a technician names must exist, and the file is written atomically. A file that no longer
validates is repaired on the way (a bad key is dropped, a file that is not TOML is kept as
``config.toml.broken``), so ``kiosk config set`` always brings a kiosk back.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kiosk.config import (
    KEYS,
    SPEC,
    Config,
    coerce,
    load_config_safe,
    read_document,
    shorten,
    write_private,
)
from kiosk.errors import ConfigError
from kiosk.paths import HomeLayout

log = logging.getLogger("kiosk.config")


def parse_cli_value(key: str, text: str) -> Any:
    """Turn the text a technician typed (``kiosk config set KEY VALUE``) into a typed value."""
    spec = KEYS.get(key)
    if spec is None:
        raise ConfigError(f"unknown configuration key '{key}' (known keys: {', '.join(KEYS)})")
    value: Any = text
    try:
        if spec.type is bool:
            low = text.strip().lower()
            if low not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                raise ValueError
            value = low in ("true", "1", "yes", "on")
        elif spec.type is int:
            value = int(text)
        elif spec.type is float:
            value = float(text)
        elif spec.type is list:
            value = [p.strip() for p in text.split(",") if p.strip()]
    except ValueError:
        raise ConfigError(
            f"config key '{key}' has invalid value {text!r}: expected {spec.expected}"
        ) from None
    return coerce(key, value)


def save_config(layout: HomeLayout, values: dict[str, Any]) -> Config:
    """Validate all values, then write the file atomically (only non-default keys)."""
    checked = {k: coerce(k, v) for k, v in values.items()}
    full = {k.name: k.default for k in SPEC} | checked
    doc: dict[str, dict[str, Any]] = {}
    for k in SPEC:
        if full[k.name] != k.default:
            section, name = k.name.split(".", 1)
            doc.setdefault(section, {})[name] = full[k.name]
    import tomli_w  # only when saving

    write_private(layout.config_file, tomli_w.dumps(doc).encode("utf-8"))
    return Config(values=full, origin=str(layout.config_file))


def check_paths(key: str, value: Any) -> None:
    """When a technician sets a path, it must be there: a typo is refused now, not at 3 a.m."""
    if not value or not isinstance(value, str):
        return
    path = Path(value)
    if key == "sync.ca_bundle":
        try:
            with path.open("rb") as fh:
                head = fh.read(1_000_000)
        except OSError as exc:
            raise ConfigError(f"config key 'sync.ca_bundle': cannot read {value}: "
                              f"{exc.strerror or exc}") from None
        if b"-----BEGIN CERTIFICATE-----" not in head:
            raise ConfigError(f"config key 'sync.ca_bundle': {value} holds no PEM certificate")
    elif key == "printer.pdf_dir":
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"config key 'printer.pdf_dir': cannot make directory {value}: "
                              f"{exc.strerror or exc}") from None
    elif key == "monitoring.textfile" and not path.parent.is_dir():
        raise ConfigError(f"config key 'monitoring.textfile': directory {path.parent} does not exist")


BROKEN_SUFFIX = ".broken"


def _values_to_update(layout: HomeLayout) -> tuple[dict[str, Any], list[str]]:
    """The current settings to change one key in, even from an invalid file; notes say what was lost.

    A key with a bad value is dropped (its default applies); a file that is not TOML at all
    is copied to ``config.toml.broken`` and the last valid settings are the starting point.
    """
    defaults = {k.name: k.default for k in SPEC}
    path = layout.config_file
    if not path.exists():
        return defaults, []
    try:
        doc = read_document(path)
    except ConfigError as exc:
        backup = path.with_name(path.name + BROKEN_SUFFIX)
        write_private(backup, path.read_bytes())
        cfg, _err = load_config_safe(layout)
        return dict(cfg.values), [f"{exc}; the broken file is kept as {backup}, "
                                  f"starting from the {cfg.origin} settings"]
    values, notes = defaults, []
    for section, table in doc.items():
        if not isinstance(table, dict):
            notes.append(f"dropped '{section}': not a [section] table")
            continue
        for name, value in table.items():
            try:
                values[f"{section}.{name}"] = coerce(f"{section}.{name}", value)
            except ConfigError as exc:
                notes.append(f"dropped {exc}")
    return values, notes


def repair_and_set(layout: HomeLayout, key: str, value: Any) -> tuple[Config, list[str]]:
    """Set one key (validated, paths checked) and save; an invalid file is repaired on the way."""
    checked = coerce(key, value)
    check_paths(key, checked)
    values, notes = _values_to_update(layout)
    values[key] = checked
    for note in notes:
        log.warning("config repaired: %s", note)
    return save_config(layout, values), notes


def change_list(layout: HomeLayout, key: str, value: str, *, add: bool
                ) -> tuple[Config, list[str], bool]:
    """Add ``value`` to (or remove it from) a list-valued key, validate the result, save it.

    Returns (config, repair notes, changed). Raises ConfigError naming the key when it is not
    a list, when removing a value it does not hold, or when the result breaks the key's rule
    (an allow-list may not become empty).
    """
    spec = KEYS.get(key)
    if spec is None:
        raise ConfigError(f"unknown configuration key '{key}' (known keys: {', '.join(KEYS)})")
    if spec.type is not list:
        lists = ", ".join(k.name for k in SPEC if k.type is list)
        raise ConfigError(f"config key '{key}' is not a list (lists: {lists}); "
                          f"use 'kiosk config set {key} VALUE'")
    entry = value.strip()
    if key == "catalogue.url_allow_hosts":
        entry = entry.lower()
    if not entry:
        raise ConfigError(f"config key '{key}': the value to {'add' if add else 'remove'} is empty")
    values, notes = _values_to_update(layout)
    current = list(values[key])
    if add:
        if entry in current:
            return Config(values=values, origin=str(layout.config_file)), notes, False
        proposed = [*current, entry]
    else:
        if entry not in current:
            raise ConfigError(f"config key '{key}' does not hold {entry!r} "
                              f"(it holds: {', '.join(current) or 'nothing'})")
        proposed = [v for v in current if v != entry]
        if not proposed:
            raise ConfigError(f"config key '{key}' cannot become empty: "
                              f"{spec.expected}; add another value first")
    try:
        values[key] = coerce(key, proposed)
    except ConfigError:
        raise ConfigError(f"config key '{key}': cannot {'add' if add else 'remove'} "
                          f"{shorten(repr(entry))}: expected {spec.expected}") from None
    for note in notes:
        log.warning("config repaired: %s", note)
    return save_config(layout, values), notes, True


def set_value(layout: HomeLayout, key: str, value: Any) -> Config:
    """Set one key (validated, paths checked) and save; see :func:`repair_and_set`."""
    return repair_and_set(layout, key, value)[0]
