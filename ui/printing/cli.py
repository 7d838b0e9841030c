"""``kiosk print CODE --pdf FILE`` / ``--printer QUEUE``: the slip from the command line.

No Qt import at module level, so ``kiosk --help`` works where PySide6 is absent;
with no display the offscreen platform is used.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.errors import KnownError


class PrintError(KnownError):
    """The slip could not be printed (printer missing, offline, out of paper)."""

    exit_code = 7


def cmd_print(args: argparse.Namespace) -> int:
    from kiosk.cli.main import context, open_live

    layout, cfg = context()
    cat, _origin, _problems = open_live(layout, cfg)
    with cat:
        item = cat.item(args.code)
        meta = cat.meta
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.ops.printer import PrinterState, cups_printer_state
    from ui.printing.service import (
        MSG_STATE,
        PrinterNotReady,
        print_escpos,
        print_pdf,
        print_queue,
        slip_info,
    )

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    info = slip_info(cfg, meta)
    paper = args.paper or cfg["printer.paper"]
    if args.pdf:
        path = Path(args.pdf)
        if not path.parent.is_dir():
            raise PrintError(f"directory {path.parent} does not exist")
        print_pdf(path, item, info, paper)
        sys.stdout.write(f"wrote {path} ({paper}, {item.code})\n")
        return 0
    if args.escpos:
        try:
            print_escpos(args.escpos, item, info, paper)
        except PrinterNotReady as exc:
            raise PrintError(f"ESC/POS printer {exc.detail} — {MSG_STATE[exc.state]}") from None
        sys.stdout.write(f"sent {item.code} to {args.escpos} ({paper})\n")
        return 0
    state, detail = cups_printer_state(args.printer)
    if state is not PrinterState.READY:
        raise PrintError(f"printer {args.printer}: {state.value}: {detail} — {MSG_STATE[state]}")
    try:
        print_queue(args.printer, item, info, paper)
    except LookupError:
        raise PrintError(f"Qt sees no printer named {args.printer!r}") from None
    sys.stdout.write(f"sent {item.code} to {args.printer} ({paper})\n")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("print", help="print an item's 办事指南 slip to a PDF or a CUPS queue")
    p.add_argument("code", metavar="CODE")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", metavar="FILE", help="write a PDF file")
    target.add_argument("--printer", metavar="QUEUE", help="send to this CUPS queue")
    target.add_argument("--escpos", metavar="DEVICE",
                        help="send to an ESC/POS thermal printer, e.g. /dev/usb/lp0")
    p.add_argument("--paper", choices=("58mm", "80mm", "a4"),
                   help="paper layout (default: printer.paper from the config)")
    p.set_defaults(func=cmd_print)
