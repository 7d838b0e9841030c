"""The doctor's checks of the signed sync: the trust root, the sync source, the last outcomes.

The sync source check is the only one that goes on the network: it asks the repository for
its ``timestamp.json`` and compares this clock with the server's.
"""

from __future__ import annotations

import json
import os
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import requests

from kiosk.config import Config, redact_url
from kiosk.ops.checks import FAIL, PASS, WARN, CheckResult, Clock
from kiosk.ops.metrics import counters
from kiosk.paths import HomeLayout
from kiosk.state import read_state
from kiosk.sync.outcome import SyncOutcome
from kiosk.sync.trust import trust_root_path


def check_trust_root(layout: HomeLayout, cfg: Config) -> CheckResult:
    path = trust_root_path(layout)
    hint = f"copy the publisher's root.json to {path} (from the install medium, not the network)"
    if not path.exists():
        status = FAIL if cfg["sync.source"] else WARN
        return CheckResult("trust root", status, f"{path} missing", hint)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        kind = doc["signed"]["_type"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return CheckResult("trust root", FAIL, f"{path} unreadable: {exc}", hint)
    if kind != "root":
        return CheckResult("trust root", FAIL, f"{path} is TUF '{kind}' metadata, not root", hint)
    return CheckResult("trust root", PASS, f"{path} (version {doc['signed'].get('version')})")


#: A clock this far from the repository server's Date header breaks TUF expiry checks.
CLOCK_SKEW_S = 3600.0


def check_sync_source(cfg: Config, clock: Clock = time.time) -> CheckResult:
    """Is there a TUF repository at sync.source (its timestamp.json), and does our clock agree?"""
    source = cfg["sync.source"]
    if not source:
        return CheckResult("sync source", WARN, "sync.source is empty: sync disabled",
                           "kiosk config set sync.source https://…")
    if source.startswith("/"):
        if not Path(source).is_dir():
            return CheckResult("sync source", FAIL, f"directory {source} not found",
                               "mount the USB stick or fix sync.source")
        if not (Path(source) / "metadata" / "timestamp.json").is_file():
            return CheckResult("sync source", FAIL,
                               f"{source} holds no catalogue repository (no metadata/timestamp.json)",
                               "copy the published repository (its metadata/ and targets/) onto "
                               "the stick, or fix sync.source")
        return CheckResult("sync source", PASS, f"repository in directory {source}")
    shown = redact_url(source)
    bundle = cfg["sync.ca_bundle"]
    if bundle and not os.access(bundle, os.R_OK):
        return CheckResult("sync source", FAIL, f"sync.ca_bundle {bundle} is missing or unreadable",
                           "kiosk config set sync.ca_bundle /path/to/ca.pem (or '' for the "
                           "system store)")
    proxies = {"http": cfg["sync.proxy"], "https": cfg["sync.proxy"]} if cfg["sync.proxy"] else None
    url = source.rstrip("/") + "/metadata/timestamp.json"
    try:
        with requests.get(url, timeout=(cfg["sync.connect_timeout"], 5), stream=True,
                          proxies=proxies, verify=bundle or True) as resp:
            code, date_header = resp.status_code, resp.headers.get("Date")
    except (requests.RequestException, OSError) as exc:
        return CheckResult("sync source", FAIL, f"{shown} unreachable: {type(exc).__name__}",
                           "check the network cable/Wi-Fi, sync.proxy and sync.ca_bundle")
    if code >= 500:
        return CheckResult("sync source", FAIL, f"{shown} answered HTTP {code}",
                           "the catalogue server has a problem; tell the publisher")
    if code >= 400:
        return CheckResult("sync source", FAIL,
                           f"no catalogue repository at {shown} (HTTP {code} for metadata/timestamp.json)",
                           "fix sync.source: kiosk config set sync.source URL-OF-THE-REPOSITORY")
    if date_header:
        try:
            skew = clock() - parsedate_to_datetime(date_header).timestamp()
        except (TypeError, ValueError):
            skew = 0.0
        if abs(skew) > CLOCK_SKEW_S:
            way = "ahead of" if skew > 0 else "behind"
            return CheckResult("sync source", FAIL,
                               f"this clock is {abs(skew) / 86400:.1f} days {way} the repository "
                               "server's", "set the time: timedatectl set-ntp true (or date -s)")
    return CheckResult("sync source", PASS, f"{shown} answered HTTP {code}")


def check_sync_health(layout: HomeLayout, clock: Clock = time.time) -> CheckResult:
    """The last sync outcomes: a rejection or local error fails at once; offline after 3 in a row."""
    state = read_state(layout)
    last = state.get("last_sync") if isinstance(state.get("last_sync"), dict) else None
    if not last:
        return CheckResult("last sync", WARN, "no sync has run yet", "kiosk sync")
    try:
        outcome = SyncOutcome(last.get("result"))
    except ValueError:
        return CheckResult("last sync", FAIL, f"unknown sync result {last.get('result')!r}",
                           "kiosk sync")
    in_row = counters(state)["syncs_failed_in_row"]
    detail = f"{outcome} at {last.get('at', '?')}: {str(last.get('message', ''))[:200]}"
    if outcome.succeeded:
        return CheckResult("last sync", PASS, detail)
    detail += f" ({in_row} failed in a row; last success {state.get('last_success_at') or 'never'})"
    hint = ("run 'kiosk sync' to see the error; see the sync source and clock checks, and "
            "logs/sync.log")
    if outcome is SyncOutcome.OFFLINE and in_row < 3:
        return CheckResult("last sync", WARN, detail, hint)
    return CheckResult("last sync", FAIL, detail, hint)

