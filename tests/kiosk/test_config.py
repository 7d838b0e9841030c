"""The TOML config: every bad value names its key; a broken file never stops the kiosk."""

from __future__ import annotations

import pytest
import tomli_w

from kiosk.config import KEYS, SPEC, load_config, load_config_safe
from kiosk.configedit import parse_cli_value, set_value
from kiosk.errors import ConfigError
from kiosk.paths import HomeLayout

# A value of the right type that the key's check refuses.
BAD_VALUE = {
    "kiosk.id": "has spaces",
    "kiosk.location": "长" * 101,
    "kiosk.language": "fr",
    "brand.portal_name": "  ",
    "brand.logo_char": "穗好",
    "brand.scan_apps": [],
    "brand.slip_title": "长" * 31,
    "brand.slip_footer": "长" * 41,
    "sync.source": "ftp://mirror.example.org/",
    "sync.interval_minutes": 1,
    "sync.jitter_seconds": -1,
    "sync.connect_timeout": 0.1,
    "sync.read_timeout": 1000.0,
    "sync.max_snapshot_mb": 0,
    "sync.proxy": "proxy:8080",
    "sync.ca_bundle": "certs/ca.pem",
    "catalogue.url_allow_hosts": ["not a host"],
    "catalogue.http_links": "allow",
    "sync.total_deadline_seconds": 5,
    "idle.timeout_seconds": 5,
    "idle.countdown_seconds": 500,
    "idle.attract_seconds": 1,
    "display.font_scale": 5.0,
    "printer.kind": "laser",
    "printer.name": "p" * 201,
    "printer.paper": "a3",
    "printer.pdf_dir": "prints",
    "printer.job_timeout_seconds": 5,
    "monitoring.textfile": "kiosk.prom",
    "admin.pin_min_digits": 3,
    "admin.pin_hash": "1234",
    "help.desk_location": "一楼\n二楼",
    "help.desk_phone": "call 110",
}
# A value of the wrong type for each Python type a key can have.
WRONG_TYPE = {str: 12, int: "12", float: "fast", bool: "yes", list: "gz.gov.cn"}


def _write(kiosk_home, key, value) -> None:
    section, name = key.split(".", 1)
    kiosk_home.config_file.write_text(tomli_w.dumps({section: {name: value}}), encoding="utf-8")


def test_every_checked_key_has_a_bad_value():
    assert {k.name for k in SPEC if k.check is not None} == set(BAD_VALUE)


@pytest.mark.parametrize("key", [k for k in SPEC if k.check is not None], ids=lambda k: k.name)
def test_bad_value_names_the_key(kiosk_home, key):
    _write(kiosk_home, key.name, BAD_VALUE[key.name])
    with pytest.raises(ConfigError) as info:
        load_config(kiosk_home)
    message = str(info.value)
    assert f"'{key.name}'" in message and key.expected in message
    if key.secret:
        assert str(BAD_VALUE[key.name]) not in message


@pytest.mark.parametrize("key", SPEC, ids=lambda k: k.name)
def test_wrong_type_names_the_key(kiosk_home, key):
    _write(kiosk_home, key.name, WRONG_TYPE[key.type])
    with pytest.raises(ConfigError, match=f"'{key.name}'.*expected"):
        load_config(kiosk_home)


@pytest.mark.parametrize("key", SPEC, ids=lambda k: k.name)
def test_defaults_are_valid_and_round_trip(kiosk_home, key):
    _write(kiosk_home, key.name, key.default)
    assert load_config(kiosk_home)[key.name] == key.default


def test_unknown_key_and_bad_section(kiosk_home):
    kiosk_home.config_file.write_text('[kiosk]\nidd = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown configuration key 'kiosk.idd'"):
        load_config(kiosk_home)
    kiosk_home.config_file.write_text('kiosk = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'kiosk' must be a \\[section\\] table"):
        load_config(kiosk_home)


def test_cli_values_are_parsed_and_checked():
    assert parse_cli_value("display.cursor", "on") is True
    assert parse_cli_value("sync.interval_minutes", "30") == 30
    assert parse_cli_value("catalogue.url_allow_hosts", "gz.gov.cn, gdzwfw.gov.cn") == [
        "gz.gov.cn",
        "gdzwfw.gov.cn",
    ]
    with pytest.raises(ConfigError, match="'idle.timeout_seconds'.*'soon'"):
        parse_cli_value("idle.timeout_seconds", "soon")
    with pytest.raises(ConfigError, match="unknown configuration key 'no.such'"):
        parse_cli_value("no.such", "1")


def test_broken_file_falls_back_to_last_valid(kiosk_home):
    set_value(kiosk_home, "kiosk.id", "GZ-TH-0001")
    cfg, error = load_config_safe(kiosk_home)
    assert error is None and cfg["kiosk.id"] == "GZ-TH-0001"

    kiosk_home.config_file.write_text("[kiosk\nid = ", encoding="utf-8")
    cfg, error = load_config_safe(kiosk_home)
    assert isinstance(error, ConfigError) and "not valid TOML" in str(error)
    assert cfg["kiosk.id"] == "GZ-TH-0001" and cfg.origin == "last valid"

    kiosk_home.config_file.write_text('[idle]\ntimeout_seconds = 1\n', encoding="utf-8")
    cfg, error = load_config_safe(kiosk_home)
    assert "'idle.timeout_seconds'" in str(error) and cfg["kiosk.id"] == "GZ-TH-0001"


def test_broken_file_without_history_gives_defaults(kiosk_home):
    kiosk_home.config_file.write_bytes(b"\xff\xfe not text")
    cfg, error = load_config_safe(kiosk_home)
    assert "not UTF-8" in str(error)
    assert cfg.values == {k.name: k.default for k in SPEC}


def test_set_value_refuses_bad_value_and_keeps_file(kiosk_home):
    set_value(kiosk_home, "printer.paper", "58mm")
    before = kiosk_home.config_file.read_bytes()
    with pytest.raises(ConfigError, match="'printer.paper'"):
        set_value(kiosk_home, "printer.paper", "a3")
    assert kiosk_home.config_file.read_bytes() == before
    assert load_config(kiosk_home)["printer.paper"] == "58mm"
    # Only changed keys are written; no temporary files are left behind.
    assert "printer" in before.decode() and "kiosk" not in before.decode()
    assert sorted(p.name for p in kiosk_home.root.iterdir() if p.name.startswith(".")) == []


def test_secrets_hidden_in_show():
    from kiosk.config import Config

    cfg = Config(values={k.name: k.default for k in SPEC} | {"admin.pin_hash": "scrypt$x"})
    assert cfg.as_nested(hide_secrets=True)["admin"]["pin_hash"] == "<set>"
    assert KEYS["admin.pin_hash"].secret


def test_loading_a_valid_config_does_not_rewrite_the_last_good_copy(kiosk_home: HomeLayout) -> None:
    """Every start and CLI command loads the config; an unchanged file causes no write."""
    kiosk_home.config_file.write_text('[kiosk]\nid = "GZ-1"\n', "utf-8")
    load_config_safe(kiosk_home)
    last_good = kiosk_home.root / "config.last-good.toml"
    first = last_good.stat().st_mtime_ns
    load_config_safe(kiosk_home)
    assert last_good.stat().st_mtime_ns == first
    kiosk_home.config_file.write_text('[kiosk]\nid = "GZ-2"\n', "utf-8")
    load_config_safe(kiosk_home)
    assert "GZ-2" in last_good.read_text("utf-8")
