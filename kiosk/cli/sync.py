"""``kiosk keys``, ``kiosk publish``, ``kiosk sync``, ``kiosk sync-stress``, ``kiosk sync-bench``.

Plugged into the ``kiosk`` command through the ``kiosk.commands`` entry point.
Each command calls one library function and turns its outcome into a message
and an exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from kiosk.errors import KnownError
from kiosk.ops.logs import setup_logging
from kiosk.paths import home_layout

log = logging.getLogger("kiosk.sync")

SYNC_EPILOG = """\
exit codes:
  0   updated    a new catalogue was verified and installed
  10  unchanged  the installed catalogue is the newest one
  11  offline    repository not reachable (no network, time-out, HTTP 5xx, cut off,
                 USB directory missing); the installed catalogue stays in use
  12  rejected   verification failed (signature, expiry, hash/length, rollback to an
                 older version, oversized file, invalid rows or URLs); nothing installed
  13  error      local problem (no trust root, no source, disk, another sync running)
"""


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _parse_expiry(values: list[str] | None) -> dict[str, timedelta]:
    from kiosk.sync.repo import ROLES

    out: dict[str, timedelta] = {}
    for item in values or []:
        role, sep, days = item.partition("=")
        try:
            if not sep or role not in ROLES:
                raise ValueError
            out[role] = timedelta(days=float(days))
        except ValueError:
            raise KnownError(
                f"--expires {item!r}: expected ROLE=DAYS with ROLE one of {', '.join(ROLES)}"
            ) from None
    return out


def cmd_keys_init(args: argparse.Namespace) -> int:
    from kiosk.sync.signing import init_keys

    ids = init_keys(Path(args.dir))
    for role, keyid in ids.items():
        _out(f"{role:10} {keyid}")
    _out(f"keys written to {args.dir}: keep root.pem offline; timestamp.pem is for the cron job")
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    from kiosk.sync.signing import rotate_key

    version = rotate_key(Path(args.repo), Path(args.keys), args.role)
    _out(
        f"rotated the {args.role} key; root metadata is now version {version}. Kiosks follow "
        "the root chain on their next sync; new kiosks can still start from any older root.json"
    )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from kiosk.config import load_config_safe
    from kiosk.sync.publishing import publish, refresh_timestamp

    repo, keys = Path(args.repo), Path(args.keys)
    expiry = _parse_expiry(args.expires)
    if args.refresh_timestamp:
        version = refresh_timestamp(repo, keys, expiry)
        _out(f"re-signed timestamp (version {version}) in {repo}")
        if not args.source:
            return 0
    if not args.source:
        raise KnownError("publish: give a SOURCE list to publish, or --refresh-timestamp")
    cfg, _err = load_config_safe(home_layout())
    result = publish(
        Path(args.source),
        repo,
        keys,
        allow_hosts=cfg["catalogue.url_allow_hosts"],
        http_links=cfg["catalogue.http_links"],
        expiry=expiry,
        version=args.version,
    )
    if result.upgraded_urls:
        _out(f"note: {result.upgraded_urls} http:// links on allowed hosts were published as "
             "https:// (catalogue.http_links = upgrade)")
    _out(
        f"published catalogue version {result.meta.version} ({result.meta.item_count} items, "
        f"feed {result.feed_bytes} bytes of which {result.new_bytes} new, manifest sha256 "
        f"{result.sha256[:16]}…) to {repo}"
    )
    _out(f"trust root for kiosks: {repo / 'metadata' / 'root.json'}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.errors import ExitCode, disk_message
    from kiosk.sync.client import SyncOptions, result_json, run_sync
    from kiosk.sync.trust import install_trust_root

    try:
        layout = home_layout().ensure()
    except OSError as exc:  # a read-only or full home: the sync's own exit code, one line
        sys.stderr.write(f"sync error: {disk_message(exc)}\n")
        return int(ExitCode.SYNC_ERROR)
    if args.trust_root:
        version = install_trust_root(layout, Path(args.trust_root))
        _out(f"installed trust root (root version {version}) in {layout.trust_dir}")
        from kiosk.config import load_config_safe

        if not args.source and not load_config_safe(layout)[0]["sync.source"]:
            return 0
    from kiosk.ops.status import refresh_textfile

    options = SyncOptions(source=args.source)
    if args.daemon:
        from kiosk.sync.daemon import run_daemon

        setup_logging(layout, "sync")  # one run's outcome goes to stderr (the journal)

        def after_run(_result: object) -> None:
            refresh_textfile(layout)

        return run_daemon(layout, options, on_result=after_run)
    setup_logging(layout, "sync")  # the one-shot run (what the timer starts) logs too
    result = run_sync(layout, options)
    refresh_textfile(layout)
    if args.json:
        _out(result_json(result))
    else:
        stream = sys.stdout if result.outcome.succeeded else sys.stderr
        stream.write(f"sync {result.outcome}: {result.message}\n")
    return result.exit_code


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("keys", help="publisher signing keys")
    keys_sub = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    k = keys_sub.add_parser(
        "init", help="generate Ed25519 keys for root, targets, snapshot, timestamp"
    )
    k.add_argument("dir", help="directory for the private keys (created, mode 0700)")
    k.set_defaults(func=cmd_keys_init)
    k = keys_sub.add_parser("rotate", help="replace one role's key (signs a new root version)")
    k.add_argument("role", choices=["root", "targets", "snapshot", "timestamp"])
    k.add_argument("--repo", required=True, help="repository directory")
    k.add_argument("--keys", default="keys", help="keys directory (default ./keys)")
    k.set_defaults(func=cmd_keys_rotate)

    p = subparsers.add_parser(
        "publish",
        help="build and sign a catalogue into a static TUF repository",
        description="Check SOURCE (.jsonl/.csv/.xlsx) as a kiosk would, write it as a signed feed "
        "(a manifest and gzip JSON Lines shards) into the repository directory (created on "
        "first use). Serve the directory with any HTTP server, or copy it to a USB stick.",
    )
    p.add_argument("source", nargs="?", help="official list to publish (.jsonl, .csv, .xlsx)")
    p.add_argument("--repo", required=True, help="repository directory")
    p.add_argument(
        "--keys", default="keys", help="directory made by 'kiosk keys init' (default ./keys)"
    )
    p.add_argument(
        "--refresh-timestamp",
        action="store_true",
        help="re-sign the timestamp with a fresh expiry (run from cron; only the "
        "timestamp key is needed)",
    )
    p.add_argument(
        "--expires",
        action="append",
        metavar="ROLE=DAYS",
        help="validity of a role's new metadata, e.g. timestamp=1 (default), "
        "targets=365; repeatable",
    )
    p.add_argument("--version", type=int, help="catalogue version (default: from the source)")
    p.set_defaults(func=cmd_publish)

    p = subparsers.add_parser(
        "sync",
        help="fetch, verify and install the newest signed catalogue",
        description="One sync run: verify the repository with TUF against the trust root in "
        "$KIOSK_HOME/trust/root.json, download the catalogue if it changed, check every row "
        "and switch to it atomically.",
        epilog=SYNC_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--source",
        metavar="URL|DIR",
        help="repository URL or directory (USB stick); default: config sync.source",
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument(
        "--daemon",
        action="store_true",
        help="keep running: sync every sync.interval_minutes with jitter and backoff",
    )
    p.add_argument(
        "--trust-root",
        metavar="FILE",
        help="install FILE (the repository's root.json) as the trust root first",
    )
    p.set_defaults(func=cmd_sync)
