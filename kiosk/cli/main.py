"""The ``kiosk`` command: a thin layer over the library (sqlite-utils' cli.py style).

Each command calls one library function and turns known errors into a clear
message and exit code. More commands plug in through the ``kiosk.commands``
entry-point group (sync, technician tools, and the Qt front end), so the core
offers ``kiosk run`` without importing Qt itself.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.catalogue import present
from kiosk.catalogue.model import ItemStatus
from kiosk.catalogue.reader import Catalogue
from kiosk.config import Config, load_config_safe
from kiosk.errors import ExitCode, KnownError, UiMissing
from kiosk.paths import HomeLayout, home_layout

log = logging.getLogger("kiosk.cli.main")

Handler = Callable[[argparse.Namespace], int]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _json(data: Any) -> None:
    _out(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def context() -> tuple[HomeLayout, Config]:
    """The home directory and its settings; a broken config falls back and says so."""
    layout = home_layout().ensure()
    cfg, problem = load_config_safe(layout)
    if problem is not None:
        _err(f"warning: {problem} (using {cfg.origin} settings)")
    return layout, cfg


def open_live(layout: HomeLayout, cfg: Config) -> tuple[Catalogue, str, list[str]]:
    """The catalogue the kiosk would show: current, else previous, else factory."""
    from kiosk.catalogue.store import SnapshotStore

    return SnapshotStore(layout).open_best(cfg["catalogue.url_allow_hosts"])


# --------------------------------------------------------------------------- commands


def cmd_search(args: argparse.Namespace) -> int:
    layout, cfg = context()
    cat, _, _ = open_live(layout, cfg)
    with cat:
        hits = cat.search(args.query, limit=args.limit)
    if args.json:
        _json([
            {"code": h.summary.code, "name": h.summary.name, "department": h.summary.department,
             "status": h.summary.status, "hot": h.summary.hot, "tier": h.tier, "matched": h.field,
             "closest": h.closest, "distinguish": present.distinguish(h.summary)}
            for h in hits
        ])
        return 0
    matches = [h for h in hits if not h.closest]
    closest = [h for h in hits if h.closest]
    if not matches:
        _out("没有找到相关事项 (no items found)")
    for title, group in (("", matches), ("相近事项 (closest items, not matches):", closest)):
        if group and title:
            _out(title)
        for h in group:
            flag = "" if h.summary.status == ItemStatus.VALID else f" [{h.summary.status}]"
            twin = present.distinguish(h.summary)
            aside = f"\t（{twin}）" if twin and twin != h.summary.department else ""
            _out(f"{h.summary.code}\t{h.summary.name}{flag}\t{h.summary.department}{aside}")
    return 0


_TEXT_FACTS = ("conditions", "case_type", "fee", "phone", "address", "hours", "note")


def cmd_item(args: argparse.Namespace) -> int:
    layout, cfg = context()
    cat, _, _ = open_live(layout, cfg)
    with cat:
        item = cat.item(args.code)
        summary = cat.summary(args.code)
    from kiosk.catalogue.urls import shown

    url = shown(item.online_url, cfg["catalogue.url_allow_hosts"])  # the checked serialisation
    twin = present.distinguish(summary) if summary is not None else None
    if args.json:
        data = dataclasses.asdict(item)
        # A fact the list does not give is null, never 0 or "" (time limits and visits are
        # already None in the model; the text facts are "" there).
        for key in _TEXT_FACTS:
            data["guide"][key] = data["guide"][key] or None
        for m in data["guide"]["materials"]:
            m["copies"] = m["copies"] or None  # 份数 not given (kiosk.catalogue.model.Material)
        data["online_url"] = url or None
        data["distinguish"] = twin
        _json(data)
        return 0
    g = item.guide
    _out(f"{item.name}  ({item.code})")
    if twin:
        _out(f"  同名事项，以此区分 (same name as another item): {twin}")
    if item.parent:
        _out(f"  所属事项 (parent item): {item.parent}")
    _out(f"  {present.label('department')}: {item.department}")
    if (terminal := present.terminal(item)) is not None:
        _out(f"  {present.label('terminal')}: {terminal}")
    for label, text in present.facts(item):
        _out(f"  {label}: {text}")
    if url:
        _out(f"  在线办理: {url}")
    if g.conditions:
        _out(f"  {present.label('conditions')}: {g.conditions}")
    for i, m in enumerate(g.materials, 1):
        _out(f"  材料{i}: {m.name}（{present.material_detail(m)}）")
    for i, s in enumerate(g.steps, 1):
        _out(f"  步骤{i}: {s}")
    for key, text in (("phone", g.phone), ("address", g.address), ("hours", g.hours)):
        if text:
            _out(f"  {present.label(key)}: {text}")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from kiosk.state import read_state

    layout, cfg = context()
    state = read_state(layout)
    cat, origin, problems = open_live(layout, cfg)
    with cat:
        meta = cat.meta
        info = {
            "software_version": __version__,
            "data_version": meta.version,
            "published_at": meta.published_at,
            "built_at": meta.built_at,
            "title": meta.title,
            "source": meta.source,
            "item_count": meta.item_count,
            "sample": meta.sample,
            "schema_version": meta.schema_version,
            "catalogue_origin": origin,
            "catalogue_path": str(cat.path),
            "kiosk_home": str(layout.root),
            "config_file": str(layout.config_file),
            "config_origin": cfg.origin,
            "kiosk_id": cfg["kiosk.id"],
            "last_sync": state.get("last_sync"),
            "last_success_at": state.get("last_success_at"),
            "last_import": state.get("last_import"),
            "problems": problems,
        }
    if args.json:
        _json(info)
        return 0
    for key, value in info.items():
        if key == "sample":
            value = "yes — 示例数据 (sample data, not official)" if value else "no"
        if key == "last_import" and isinstance(value, dict):
            value = last_import_line(value)
        _out(f"{key:18} {value}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a list with a report: valid rows in, the rest refused and listed (or --strict)."""
    from datetime import UTC, datetime

    from kiosk.catalogue.build import import_source
    from kiosk.catalogue.verify import verify_snapshot
    from kiosk.state import update_state

    layout, cfg = context()
    src = Path(args.file)
    out = Path(args.out) if args.out else layout.root / "imports" / f"{src.stem}.sqlite"
    hosts = cfg["catalogue.url_allow_hosts"]
    report, meta = import_source(src, out, allow_hosts=hosts, http_links=cfg["catalogue.http_links"],
                                 version=args.version, sample=True if args.sample else None,
                                 strict=args.strict, dry_run=args.dry_run)
    installed = ""
    if meta is not None and args.install:
        from kiosk.catalogue.store import SnapshotStore

        verify_snapshot(out, allow_hosts=hosts)
        store = SnapshotStore(layout)
        installed = str(store.path_of(store.install(out, meta, allow_hosts=hosts)))
        report.snapshot = installed
    summary = report.summary()
    summary["installed"] = bool(installed)
    if not args.dry_run:  # kept for kiosk info: what the last import did, refusals included
        keep = {k: summary[k] for k in ("file", "sheet", "outcome", "policy", "rows_read",
                                        "imported", "refused", "refused_by_cause",
                                        "duplicate_names", "snapshot", "version", "installed")}
        keep["at"] = datetime.now(UTC).isoformat(timespec="seconds")
        keep["http_upgraded"] = summary["fixed"]["http_upgraded"]
        update_state(layout, last_import=keep)
    if args.json:
        _json(summary)
    else:
        for line in report.lines():
            _out(line)
        if installed:
            _out(f"  installed as the live catalogue: {installed}")
        elif meta is not None:
            _out(f"  snapshot: {out} (version {meta.version}; --install makes it live)")
    if report.outcome == "refused" or (args.dry_run and (not report.imported or
                                                         (args.strict and report.refused))):
        return ExitCode.IMPORT_FILE
    return ExitCode.OK


def last_import_line(last: dict[str, Any]) -> str:
    """One line of ``kiosk info`` about the last import (kiosk.catalogue.report's summary)."""
    text = (f"{last.get('outcome')}: {last.get('imported')} of {last.get('rows_read')} rows from "
            f"{last.get('file')} at {last.get('at')}")
    if last.get("refused"):
        causes = ", ".join(f"{c} {n}" for c, n in (last.get("refused_by_cause") or {}).items())
        text += f"; {last['refused']} refused ({causes})"
    return text + ("; installed" if last.get("installed") else "")


def _add_core(sub: Any) -> None:
    p = sub.add_parser("search", help="search the live catalogue (initials, pinyin, Chinese)")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=20, help="at most this many results (default 20)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("item", help="show one item's 办事指南 by its code")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_item)

    p = sub.add_parser("info", help="data version, date, item count, sample flag and paths")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("import", help="build a snapshot from an official list (CSV, XLSX, JSONL)")
    p.add_argument("file")
    p.add_argument("--out", help="snapshot file to write (default $KIOSK_HOME/imports/NAME.sqlite)")
    p.add_argument("--version", type=int, help="data version number (default: from the file, or now)")
    p.add_argument("--sample", action="store_true", help="mark the snapshot as sample data")
    p.add_argument("--install", action="store_true", help="also make it the live catalogue")
    p.add_argument("--dry-run", action="store_true",
                   help="read and judge every row, print the report, write nothing")
    p.add_argument("--strict", action="store_true",
                   help="refuse the whole file if any row is refused (default: import the rows "
                        "that validate and list the rest)")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p.set_defaults(func=cmd_import)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="自助办 kiosk: offline catalogue, search, sync and touch UI.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_core(sub)
    from kiosk.cli import access, admin, sync

    sync.register(sub)
    admin.register(sub)
    access.register(sub)
    for ep in sorted(entry_points(group="kiosk.commands"), key=lambda e: e.name):
        try:
            register = ep.load()
        except Exception:  # a broken plug-in must not take the other commands down
            log.error("command plug-in %s (%s) failed to import", ep.name, ep.value, exc_info=True)
            continue
        register(sub)
    return parser


#: Modules of the ``ui`` extra: a command that needs one says how to install it.
UI_MODULES = ("PySide6", "shiboken6", "escpos")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for stderr in logging.getLogger().handlers:  # a log file opened later may lower the root's
        stderr.setLevel(level)                   # level; stderr keeps to what was asked for
    handler: Handler = args.func
    try:
        from kiosk.ops.owner import act_as_home_owner

        act_as_home_owner(home_layout().root)  # root writes nothing the kiosk user cannot use
        return handler(args)
    except KnownError as exc:
        _err(f"kiosk {args.command}: {exc}")
        return exc.exit_code
    except PermissionError as exc:  # e.g. root, now the home's owner, writing to /root
        _err(f"kiosk {args.command}: {exc.strerror}: {exc.filename} (commands run as root act "
             "as the owner of $KIOSK_HOME; use a path that user can reach)")
        return 1
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in UI_MODULES:
            raise
        _err(f"kiosk {args.command}: the resident UI is not installed here ({exc.name} is missing); "
             "install it with 'bash .ci/setup' or 'pip install -e \".[ui]\"'")
        return UiMissing.exit_code
    except OSError as exc:
        # A full disk or a read-only home is a known failure: one line, never a traceback.
        from kiosk.errors import disk_message

        _err(f"kiosk {args.command}: {disk_message(exc)}")
        return ExitCode.DISK
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
