"""``kiosk doctor``: what a technician checks, headless.

:func:`run_checks` returns one :class:`~kiosk.ops.checks.CheckResult` per check with a fix hint
for every failure. The checks of this machine (settings, catalogue and fonts, clock, disk,
ownership, printer, the UI's own report) are here; those of the signed sync are
:mod:`kiosk.ops.syncchecks`. The cheap snapshot for monitoring and the technician screen is
:mod:`kiosk.ops.status`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kiosk.catalogue.reader import Catalogue
from kiosk.catalogue.store import SnapshotStore
from kiosk.config import KEYS, Config, load_config, load_config_safe
from kiosk.errors import ConfigError, KnownError
from kiosk.ops.checks import FAIL, PASS, WARN, CheckResult, Clock
from kiosk.ops.fonts import FONT_ERRORS, font_coverage
from kiosk.ops.owner import ownership_problems, repair_command
from kiosk.ops.printer import PrinterState, cups_printer_state, left_by_backend, stuck_jobs
from kiosk.ops.syncchecks import check_sync_health, check_sync_source, check_trust_root
from kiosk.paths import FONTS_DIR, HomeLayout
from kiosk.state import read_state

log = logging.getLogger("kiosk.ops.doctor")

#: No clock on a working kiosk reads earlier than the day this release was built.
BUILD_DATE = date(2026, 11, 26)


def fonts_dir_default() -> Path:
    env = os.environ.get("KIOSK_FONTS_DIR")
    return Path(env) if env else FONTS_DIR


# -- individual checks ----------------------------------------------------------


def _cli_default(key: str) -> str:
    default = KEYS[key].default
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, list):
        return ",".join(default)
    return str(default) if default != "" else "''"


def check_config(layout: HomeLayout) -> CheckResult:
    if not layout.config_file.exists():
        return CheckResult("config", WARN, f"no {layout.config_file}; defaults in use",
                           "set at least kiosk.id: kiosk config set kiosk.id GZ-XXX-0001")
    try:
        cfg = load_config(layout)
    except ConfigError as exc:
        m = re.search(r"config key '([^']+)'", str(exc))
        if m and m.group(1) in KEYS:
            key = m.group(1)
            fix = (f"kiosk config set {key} {_cli_default(key)} (or another valid value; "
                   "the other settings are kept)")
        else:
            fix = ("kiosk config set kiosk.id YOUR-ID rewrites the file from the last valid "
                   "settings and keeps the broken one as config.toml.broken; or edit the file")
        return CheckResult("config", FAIL, str(exc),
                           fix + "; the kiosk runs on the last valid settings meanwhile")
    if cfg["kiosk.id"] == "KIOSK-UNSET":
        return CheckResult("config", WARN, "kiosk.id is not set",
                           "kiosk config set kiosk.id GZ-XXX-0001")
    return CheckResult("config", PASS, f"{layout.config_file} valid (kiosk {cfg['kiosk.id']})")


def check_clock(now: float, published_at: str | None = None) -> CheckResult:
    hint = ("set the time (timedatectl set-ntp true, or date -s); signed catalogue "
            "metadata expiry and sync depend on it")
    shown = datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d %H:%M UTC")
    if datetime.fromtimestamp(now, UTC).date() < BUILD_DATE:
        return CheckResult("clock", FAIL, f"clock reads {shown}, before this release ({BUILD_DATE})",
                           hint)
    if published_at:
        try:
            published = datetime.fromisoformat(published_at)
            if published.tzinfo is None:
                published = published.replace(tzinfo=UTC)
        except ValueError:
            published = None
        if published is not None and published.timestamp() > now + 86400:
            return CheckResult("clock", FAIL,
                               f"clock reads {shown}, before the catalogue's publication "
                               f"({published_at})", hint)
    return CheckResult("clock", PASS, shown)


def check_disk(layout: HomeLayout, cfg: Config) -> CheckResult:
    where = layout.root
    while not where.exists() and where != where.parent:
        where = where.parent
    usage = shutil.disk_usage(where)
    need = (2 * cfg["sync.max_snapshot_mb"] + 100) * 1024 * 1024
    detail = f"{usage.free // 2**20} MB free of {usage.total // 2**20} MB on {where}"
    if usage.free < need:
        return CheckResult("disk", FAIL, detail + f" (need {need // 2**20} MB)",
                           "free space: remove old files or logs, or lower sync.max_snapshot_mb")
    return CheckResult("disk", PASS, detail)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def catalogue_chars(cat: Catalogue) -> set[str]:
    """Every printable character of every item in the catalogue."""
    chars: set[str] = set()
    for summary in cat.browse():
        for text in _strings(asdict(cat.item(summary.code))):
            chars.update(text)
    return {c for c in chars if not unicodedata.category(c).startswith(("C", "Z"))}


def check_fonts(fonts_dir: Path, cat: Catalogue | None) -> CheckResult:
    hint = f"copy NotoSansCJKsc-Regular.otf (or another CJK font with the missing characters) into {fonts_dir}"
    try:
        covered, files = font_coverage(fonts_dir)
    except FONT_ERRORS as exc:
        log.warning("font check failed: %s", exc)
        return CheckResult("fonts", FAIL, f"cannot read fonts in {fonts_dir}: {exc}", hint)
    if not files:
        return CheckResult("fonts", FAIL, f"no font files in {fonts_dir}", hint)
    names = ", ".join(p.name for p in files)
    if cat is None:
        return CheckResult("fonts", WARN, f"{names}; no catalogue to check against",
                           "see the catalogue check")
    missing = sorted((c for c in catalogue_chars(cat) if ord(c) not in covered),
                     key=lambda c: (c.isascii(), c))  # Chinese first: what matters
    if missing:
        shown = "".join(missing[:20]) + (" …" if len(missing) > 20 else "")
        return CheckResult("fonts", FAIL,
                           f"{len(missing)} characters of the catalogue have no glyph in {names}: "
                           f"{shown}", hint + " that covers them")
    return CheckResult("fonts", PASS, f"{names} cover all characters of the catalogue")


def check_catalogue(layout: HomeLayout, cfg: Config) -> tuple[CheckResult, Catalogue | None]:
    store = SnapshotStore(layout)
    hint = "run 'kiosk sync' to fetch a fresh catalogue, or 'kiosk import FILE --install' from a USB stick"
    try:
        cat, origin, problems = store.open_best(cfg["catalogue.url_allow_hosts"])
    except KnownError as exc:
        return CheckResult("catalogue", FAIL, str(exc), hint), None
    detail = f"{origin} snapshot, version {cat.meta.version}, {cat.meta.item_count} items"
    if problems and store.current() is not None:
        # 'kiosk sync' alone answers "unchanged" (the repository offers the installed version):
        # forget the broken pointer first, then sync installs the catalogue afresh.
        return CheckResult("catalogue", FAIL, detail + "; " + "; ".join(problems),
                           f"rm {store.pointer_file} && kiosk sync (or 'kiosk import FILE "
                           "--install' from a USB stick)"), cat
    if origin == "factory":
        return CheckResult("catalogue", WARN, detail + " (bundled sample data)",
                           "configure sync.source and run 'kiosk sync'"), cat
    return CheckResult("catalogue", PASS, detail), cat


def check_ownership(layout: HomeLayout) -> CheckResult:
    """Every file below the home belongs to its owner, who can read and write it."""
    problems = ownership_problems(layout.root)
    if not problems:
        return CheckResult("ownership", PASS, f"everything in {layout.root} belongs to its owner")
    shown = "; ".join(problems[:3]) + (f"; … {len(problems) - 3} more" if len(problems) > 3 else "")
    return CheckResult("ownership", FAIL, f"{len(problems)} entries the kiosk user cannot use: {shown}",
                       f"as root: {repair_command(layout.root)}")


def pdf_dir(layout: HomeLayout, cfg: Config) -> Path:
    return Path(cfg["printer.pdf_dir"]) if cfg["printer.pdf_dir"] else layout.root / "prints"


def check_printer(layout: HomeLayout, cfg: Config, now: float | None = None) -> CheckResult:
    kind, name = cfg["printer.kind"], cfg["printer.name"]
    now = time.time() if now is None else now
    if kind == "none":
        return CheckResult("printer", WARN, "no printer configured; residents scan the QR code",
                           "kiosk config set printer.kind cups; kiosk config set printer.name QUEUE")
    if kind == "pdf":
        target = pdf_dir(layout, cfg)
        try:
            target.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=target):
                pass
        except OSError as exc:
            return CheckResult("printer", FAIL, f"PDF directory {target} not writable: {exc}",
                               "fix printer.pdf_dir or its permissions")
        return CheckResult("printer", PASS, f"PDF output to {target}")
    if kind == "escpos":
        if name and os.access(name, os.W_OK):
            return CheckResult("printer", PASS, f"ESC/POS device {name} writable")
        return CheckResult("printer", FAIL, f"ESC/POS device {name or '(printer.name empty)'} "
                           "missing or not writable",
                           "check the USB cable and power; the kiosk user needs the lp group; "
                           "set printer.name to the device, e.g. /dev/usb/lp0")
    state, detail = cups_printer_state(name)
    stuck = stuck_jobs(name, now, state) if state is not PrinterState.NO_CUPS else []
    if stuck:
        oldest = max(0, int(now - min(j.created for j in stuck)))
        detail += f"; {len(stuck)} job(s) stuck in the queue, the oldest {oldest} s"
    if state is PrinterState.READY and not stuck:
        return CheckResult("printer", PASS, f"CUPS queue {name}: {detail}")
    if state is PrinterState.READY:
        return CheckResult("printer", FAIL, f"CUPS queue {name}: {detail}",
                           f"see lpstat -l -p {name}; clear the jobs with cancel -a {name}")
    hints = {
        PrinterState.REJECTING: f"cupsaccept {name}",
        PrinterState.MISSING: f"add the queue (lpadmin -p {name or 'QUEUE'} …) or fix printer.name",
        PrinterState.NO_CUPS: "start CUPS: systemctl enable --now cups",
        PrinterState.NO_PAPER: "load paper, then cupsenable " + name,
        PrinterState.OFFLINE: f"check cable and power, then cupsenable {name}",
        PrinterState.ERROR: "clear the fault (jam, cover, toner), then cupsenable " + name,
    }
    hint = hints[state]
    if left_by_backend(state, detail):
        # CUPS keeps a backend's last alert on an enabled queue until a job runs (the kiosk
        # still sends slips to it, and the job tells): cupsenable alone does not clear it.
        hint = (f"{hint.split(', then cupsenable')[0]}; the queue is enabled and CUPS keeps the "
                f"printer's last alert until a job runs: print a test page to clear it "
                f"(lp -d {name} /etc/hostname)")
    hint += f"; clear stuck jobs with cancel -a {name}" if stuck else ""
    return CheckResult("printer", FAIL, f"CUPS queue {name}: {state.value}: {detail}", hint)


def check_ui(layout: HomeLayout) -> CheckResult:
    """What the resident UI recorded of its own parts (``ui_problem`` in state.json).

    The UI writes it when the technician screen's module fails to load (the five-tap
    gesture then opens nothing), and clears it once the screen loads again.
    """
    problem = read_state(layout).get("ui_problem")
    if not problem:
        return CheckResult("ui", PASS, "no problem recorded by the resident UI")
    if not isinstance(problem, dict):
        problem = {"detail": str(problem)}
    return CheckResult("ui", FAIL, f"{problem.get('part', 'ui')}: {problem.get('detail', '?')}"
                       f" (at {problem.get('at', '?')})",
                       "reinstall the kiosk's UI (pip install 'zizhuban-kiosk[ui]') or see the UI log; "
                       "the technician screen cannot open until then")


def run_checks(
    layout: HomeLayout, *, clock: Clock = time.time, fonts_dir: Path | None = None
) -> list[CheckResult]:
    """Run every check; a check that crashes is a named FAIL, never a traceback."""
    results: list[CheckResult] = []
    cat: Catalogue | None = None

    def guarded(name: str, fn: Callable[[], CheckResult]) -> None:
        try:
            results.append(fn())
        except Exception as exc:  # a bug in one check must not hide the others
            log.exception("doctor check %s crashed", name)
            results.append(CheckResult(name, FAIL, f"check crashed: {type(exc).__name__}: "
                                       f"{str(exc)[:200]}", "see logs/cli.log and report it"))

    guarded("config", lambda: check_config(layout))
    cfg, _err = load_config_safe(layout)

    def catalogue() -> CheckResult:
        nonlocal cat
        result, cat = check_catalogue(layout, cfg)
        return result

    guarded("ownership", lambda: check_ownership(layout))
    guarded("catalogue", catalogue)
    try:
        guarded("fonts", lambda: check_fonts(fonts_dir or fonts_dir_default(), cat))
        guarded("clock", lambda: check_clock(clock(), cat.meta.published_at if cat else None))
    finally:
        if cat is not None:
            cat.close()
    guarded("disk", lambda: check_disk(layout, cfg))
    guarded("trust root", lambda: check_trust_root(layout, cfg))
    guarded("sync source", lambda: check_sync_source(cfg, clock))
    guarded("last sync", lambda: check_sync_health(layout, clock))
    guarded("printer", lambda: check_printer(layout, cfg, clock()))
    guarded("ui", lambda: check_ui(layout))
    return results
