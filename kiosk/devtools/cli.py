"""``kiosk bench-search``, ``kiosk bench-keys``, ``kiosk bench-relevance``, ``kiosk sync-stress``, ``kiosk sync-bench``: developers' commands.

Plugged into the ``kiosk`` command through the ``kiosk.commands`` entry-point group, so the
runtime CLI never imports the dev tools.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.errors import ExitCode


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def cmd_bench_search(args: argparse.Namespace) -> int:
    from kiosk.devtools import bench_search as bench

    sizes = [int(s) for s in args.sizes.split(",")]
    bench.run(sizes, args.rounds, _out)
    return 0


def cmd_bench_relevance(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.devtools import bench_relevance as bench

    catalogue = Path(args.catalogue) if args.catalogue else None
    queries = Path(args.queries) if args.queries else None
    for path in (catalogue, queries):
        if path is not None and not path.is_file():
            sys.stderr.write(f"kiosk bench-relevance: {path} is not a file\n")
            return int(ExitCode.USAGE)
    try:
        bench.run(catalogue, queries, _out, verbose=args.verbose)
    except ValueError as exc:
        sys.stderr.write(f"kiosk bench-relevance: {exc}\n")
        return int(ExitCode.USAGE)
    return 0


def cmd_stress(args: argparse.Namespace) -> int:
    from kiosk.devtools.sync_stress import run_stress

    report = run_stress(
        runs=args.runs, items=args.items, seed=args.seed, workdir=args.workdir, emit=_out
    )
    _out(report.summary())
    return 0 if report.ok else 1


def cmd_bench(args: argparse.Namespace) -> int:
    from kiosk.devtools.sync_bench import run_bench

    for line in run_bench(items=args.items, workdir=args.workdir):
        _out(line)
    return 0


def cmd_bench_keys(args: argparse.Namespace) -> int:
    """Build a SYNTHETIC catalogue, then time key presses on the real UI (``python -m ui.keybench``).

    The UI runs in its own process: the core never imports Qt, and the UI never the dev tools.
    """
    import subprocess
    import tempfile
    from pathlib import Path

    from kiosk.devtools.bench_search import build_catalogue

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-keys-") as tmp:
        path, _ = build_catalogue(args.items, Path(tmp))
        command = [sys.executable, "-m", "ui.keybench", "--catalogue", str(path),
                   "--rounds", str(args.rounds)]
        return subprocess.run(command, check=False).returncode


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("bench-search", help="search benchmark (prints figures; synthetic data)")
    p.add_argument("--sizes", default="0,3334,10000,100000",
                   help="catalogue sizes, 0 = bundled sample (default 0,3334,10000,100000)")
    p.add_argument("--rounds", type=int, default=30, help="timed rounds per query (default 30)")
    p.set_defaults(func=cmd_bench_search)

    p = subparsers.add_parser(
        "bench-keys", help="key press to results frame on the search screen (prints figures)")
    p.add_argument("--items", type=int, default=3334,
                   help="synthetic catalogue size, 0 = bundled sample (default 3334)")
    p.add_argument("--rounds", type=int, default=3, help="times each word is typed (default 3)")
    p.set_defaults(func=cmd_bench_keys)

    p = subparsers.add_parser(
        "bench-relevance",
        help="relevance benchmark: success@1/@5, MRR, zero results per query kind")
    p.add_argument("--catalogue", help="a source list (.jsonl/.csv/.xlsx) or a built .sqlite "
                   "(default: the bundled sample and its raw copy)")
    p.add_argument("--queries", help="labelled queries TSV: query, kind, wanted codes "
                   "(default: the set written for the sample, and the district list with its own set)")
    p.add_argument("-v", "--verbose", action="store_true", help="list the queries missed")
    p.set_defaults(func=cmd_bench_relevance)

    p = subparsers.add_parser(
        "sync-stress", help="SIGKILL the sync at random points and check the catalogue survives"
    )
    p.add_argument("--runs", type=int, default=200, help="number of killed runs (default 200)")
    p.add_argument(
        "--items",
        type=int,
        default=0,
        help="publish a synthetic catalogue of this many items (default: the sample)",
    )
    p.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    p.add_argument("--workdir", help="keep files here instead of a temporary directory")
    p.set_defaults(func=cmd_stress)

    p = subparsers.add_parser(
        "sync-bench", help="measure bytes, time and peak memory of syncs on loopback"
    )
    p.add_argument(
        "--items",
        type=int,
        default=100_000,
        help="size of the large synthetic catalogue (default 100000)",
    )
    p.add_argument("--workdir", help="keep files here instead of a temporary directory")
    p.set_defaults(func=cmd_bench)
