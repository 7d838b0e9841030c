"""``python -m kiosk.sync COMMAND``: the sync commands without the rest of the CLI.

The stress and benchmark commands start sync runs this way, so they measure (and
kill) exactly one sync process.
"""

from __future__ import annotations

import argparse
import logging
import sys

from kiosk.errors import KnownError
from kiosk.sync.cli import register


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.sync")
    register(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except KnownError as exc:
        sys.stderr.write(f"{args.command}: {exc}\n")
        return exc.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
