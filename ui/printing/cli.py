"""``kiosk print CODE --pdf FILE`` / ``--printer QUEUE``: the slip from the command line.

No Qt import at module level, so ``kiosk --help`` works where PySide6 is absent;
with no display the offscreen platform is used.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.errors import ExitCode, KnownError


class PrintError(KnownError):
    """The slip could not be printed (printer missing, offline, out of paper)."""

    exit_code: int = ExitCode.PRINT


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

    from kiosk.ops.printer import DeviceTimeout, JobOutcome, SubmitError
    from ui.printing.devices import PrinterNotReady, print_escpos, print_pdf
    from ui.printing.layout import slip_info
    from ui.printing.service import MSG_OUTCOME, MSG_STATE, JobFailed, send_to_queue

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    from kiosk.access.script import Language

    language = Language.parse(args.lang or cfg["kiosk.language"])
    info = slip_info(cfg, meta, language=language.qt_locale)
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
            print_escpos(args.escpos, item, info, paper, float(cfg["printer.job_timeout_seconds"]))
        except PrinterNotReady as exc:
            raise PrintError(f"ESC/POS printer {exc.detail} — {MSG_STATE[exc.state]}") from None
        except DeviceTimeout as exc:
            raise PrintError(f"ESC/POS printer {exc} — {MSG_OUTCOME[JobOutcome.TIMED_OUT]}") from None
        sys.stdout.write(f"sent {item.code} to {args.escpos} ({paper})\n")
        return 0
    try:
        job_id = send_to_queue(args.printer, item, info, paper, float(cfg["printer.job_timeout_seconds"]))
    except PrinterNotReady as exc:
        raise PrintError(f"printer {args.printer}: {exc.state.value}: {exc.detail} — "
                         f"{MSG_STATE[exc.state]}") from None
    except SubmitError as exc:
        raise PrintError(f"printer {args.printer}: CUPS did not accept the job: {exc}") from None
    except JobFailed as exc:
        raise PrintError(f"printer {args.printer}: job {exc}, nothing printed — {exc.message}") from None
    sys.stdout.write(f"printed {item.code} on {args.printer} as job {job_id} ({paper})\n")
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
    p.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"),
                   help="the slip's language (default: kiosk.language from the config)")
    p.set_defaults(func=cmd_print)
