"""Technician commands: ``kiosk config …``, ``kiosk doctor``, ``kiosk status``.

Each command calls one library function and turns known errors into a clear
message (the ``kiosk`` CLI prints KnownError messages and exits with their code).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

import tomli_w

from kiosk.config import KEYS, load_config, load_config_safe
from kiosk.configedit import change_list, parse_cli_value, repair_and_set, set_value
from kiosk.errors import ConfigError
from kiosk.ops.pin import PIN_MAX, PinGate, check_pin_form, hash_pin
from kiosk.paths import home_layout


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _shown(key: str, value: Any) -> str:
    if KEYS[key].secret:
        return "<set>" if value else "<not set>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def cmd_config_show(args: argparse.Namespace) -> int:
    layout = home_layout()
    cfg, err = load_config_safe(layout)
    if args.json:
        _out(json.dumps({"origin": cfg.origin, "error": str(err) if err else None,
                         "values": cfg.as_nested(hide_secrets=True)}, ensure_ascii=False, indent=1))
    else:
        origin = "" if cfg.origin == str(layout.config_file) else f" ({cfg.origin})"
        _out(f"# {layout.config_file}{origin}")
        _out(tomli_w.dumps(cfg.as_nested(hide_secrets=True)))
    if err:
        sys.stderr.write(f"warning: {err}\nshowing the {cfg.origin} settings\n")
        return ConfigError.exit_code
    return 0


def cmd_config_get(args: argparse.Namespace) -> int:
    if args.key not in KEYS:
        raise ConfigError(f"unknown configuration key '{args.key}' (known keys: {', '.join(KEYS)})")
    _out(_shown(args.key, load_config(home_layout())[args.key]))
    return 0


def cmd_config_set(args: argparse.Namespace) -> int:
    if args.key in KEYS and KEYS[args.key].secret:
        raise ConfigError(f"'{args.key}' cannot be set directly; use 'kiosk config set-pin'")
    cfg, notes = repair_and_set(home_layout(), args.key, parse_cli_value(args.key, args.value))
    for note in notes:
        sys.stderr.write(f"repaired config: {note}\n")
    _out(f"{args.key} = {_shown(args.key, cfg[args.key])}")
    return 0


def cmd_config_change_list(args: argparse.Namespace) -> int:
    add = args.config_command == "add"
    cfg, notes, changed = change_list(home_layout(), args.key, args.value, add=add)
    for note in notes:
        sys.stderr.write(f"repaired config: {note}\n")
    if not changed:
        sys.stderr.write(f"{args.key} already holds {args.value.strip()}; nothing changed\n")
    _out(f"{args.key} = {_shown(args.key, cfg[args.key])}")
    return 0


def _read_pin(min_digits: int) -> str:
    """The new PIN from a hidden prompt asked twice (no echo, nothing in shell history).

    Without a terminal (provisioning scripts) one line is read from stdin.
    """
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    pin = getpass.getpass(f"new technician PIN ({min_digits}-{PIN_MAX} digits): ")
    if getpass.getpass("again: ") != pin:
        raise ConfigError("the two PINs differ; nothing changed")
    return pin


def cmd_config_set_pin(args: argparse.Namespace) -> int:
    layout = home_layout()
    min_digits = load_config_safe(layout)[0]["admin.pin_min_digits"]
    stored = hash_pin(check_pin_form(_read_pin(min_digits), min_digits), min_digits)
    set_value(layout, "admin.pin_hash", stored)
    PinGate(layout).reset()
    _out("technician PIN set (stored as a salted scrypt hash)")
    return 0


def cmd_config_unlock(args: argparse.Namespace) -> int:
    PinGate(home_layout()).reset()
    _out("technician PIN pad unlocked (wrong-PIN count cleared)")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.ops.doctor import FAIL, WARN, run_checks

    results = run_checks(home_layout())
    failed = any(not r.ok for r in results)
    if args.json:
        _out(json.dumps({"ok": not failed, "checks": [
            {"check": r.check, "status": r.status, "ok": r.ok, "detail": r.detail, "hint": r.hint}
            for r in results]}, ensure_ascii=False, indent=1))
    else:
        width = max(len(r.check) for r in results)
        for r in results:
            _out(f"{r.status.upper():4}  {r.check:<{width}}  {r.detail}")
            if r.status in (FAIL, WARN) and r.hint:
                _out(f"{'':4}  {'':<{width}}  fix: {r.hint}")
        fails = sum(r.status == FAIL for r in results)
        _out(f"{fails} failed, {sum(r.status == WARN for r in results)} warnings, "
             f"{len(results)} checks")
    return 1 if failed else 0


def cmd_status(args: argparse.Namespace) -> int:
    from kiosk.ops.metrics import write_textfile
    from kiosk.ops.status import collect_status

    layout = home_layout()
    status = collect_status(layout)
    write_textfile(layout, status, load_config_safe(layout)[0]["monitoring.textfile"])
    if args.json:
        _out(json.dumps(status, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        for key, value in status.items():
            _out(f"{key}: {json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    config = subparsers.add_parser("config", help="show or change the kiosk configuration")
    sub = config.add_subparsers(dest="config_command", required=True, metavar="COMMAND")
    show = sub.add_parser("show", help="print the settings (the PIN hash is hidden)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_config_show)
    get = sub.add_parser("get", help="print one setting")
    get.add_argument("key", metavar="KEY")
    get.set_defaults(func=cmd_config_get)
    set_ = sub.add_parser("set", help="change one setting (validated, written atomically)")
    set_.add_argument("key", metavar="KEY", help="e.g. printer.paper; see 'kiosk config show'")
    set_.add_argument("value", metavar="VALUE", help="lists are comma-separated")
    set_.set_defaults(func=cmd_config_set)
    for verb, what in (("add", "add a value to a list setting (e.g. catalogue.url_allow_hosts)"),
                       ("remove", "remove a value from a list setting")):
        p = sub.add_parser(verb, help=what)
        p.add_argument("key", metavar="KEY", help="a list setting, e.g. catalogue.url_allow_hosts")
        p.add_argument("value", metavar="VALUE", help="one value, e.g. www.example.gov.cn")
        p.set_defaults(func=cmd_config_change_list)
    pin = sub.add_parser("set-pin", help="set the technician PIN (asked twice, not shown)")
    pin.set_defaults(func=cmd_config_set_pin)
    unlock = sub.add_parser("unlock-pin", help="clear the wrong-PIN lock-out of the technician pad")
    unlock.set_defaults(func=cmd_config_unlock)

    doctor = subparsers.add_parser("doctor", help="check fonts, catalogue, trust, network, "
                                   "printer, disk, clock and config; non-zero exit on failure")
    doctor.add_argument("--json", action="store_true")
    doctor.set_defaults(func=cmd_doctor)

    status = subparsers.add_parser("status", help="versions, last sync, printer, disk, uptime")
    status.add_argument("--json", action="store_true", help="for monitoring")
    status.set_defaults(func=cmd_status)
