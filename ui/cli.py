"""``kiosk run`` and ``kiosk screenshot``: the resident UI's commands; and ``kiosk-ui``.

PySide6 is imported inside the commands, so ``kiosk --help`` works without Qt.

``kiosk-ui`` is ``kiosk run`` without the rest of the ``kiosk`` command: the systemd unit
starts it, so a kiosk's start-up does not pay for finding every plug-in command
(importlib.metadata alone costs about 30 ms) before the resident sees the first screen.
"""

from __future__ import annotations

import argparse
import gc
import logging
import re
import sys
from pathlib import Path
from typing import Any

from kiosk.errors import ItemNotFound, KnownError
from kiosk.ops.logs import setup_logging, setup_logging_later
from kiosk.paths import HomeLayout, home_layout

LANGUAGES = ("zh-Hans", "zh-Hant", "en")  # kiosk.access.script.Language's tags (not imported: --help stays light)
SCREENS_HELP = "home | search:QUERY | item:CODE | browse:THEME | idle | attract | outofservice"


def _size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{3,5})[xX](\d{3,5})", text.strip())
    if m is None:
        raise argparse.ArgumentTypeError(f"size {text!r} must look like 1920x1080")
    return int(m.group(1)), int(m.group(2))


def _screen(text: str) -> str:
    name, _, value = text.partition(":")
    if name not in ("home", "search", "item", "browse", "idle", "attract", "outofservice"):
        raise argparse.ArgumentTypeError(f"screen {text!r} must be one of: {SCREENS_HELP}")
    if name in ("item", "browse") and not value:
        raise argparse.ArgumentTypeError(f"screen {text!r} needs a value after ':'")
    return text


def _add_run_options(run: argparse.ArgumentParser) -> None:
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.add_argument("--size", type=_size, default=None, help="window size WxH (default: the screen)")
    run.set_defaults(func=_run)


def register(subparsers: Any) -> None:
    """Add ``run`` and ``screenshot`` to the ``kiosk`` command (the kiosk.commands entry point)."""
    run = subparsers.add_parser("run", help="start the resident touch UI (full screen)")
    _add_run_options(run)

    shot = subparsers.add_parser("screenshot", help="render one screen offscreen to a PNG")
    shot.add_argument("--out", type=Path, required=True, help="PNG file to write")
    shot.add_argument("--size", type=_size, default=(1920, 1080), help="WxH, default 1920x1080")
    shot.add_argument("--screen", type=_screen, default="home", help=SCREENS_HELP)
    shot.add_argument("--lang", choices=LANGUAGES, default=None,
                      help="the resident's language: zh-Hans (简体), zh-Hant (繁體) or en (default: the configured one)")
    shot.set_defaults(func=_screenshot)


def _layout() -> HomeLayout:
    layout = home_layout().ensure()
    setup_logging(layout, "ui")
    return layout


def _run(args: argparse.Namespace) -> int:
    from ui.app import run

    layout = home_layout().ensure()
    open_log = setup_logging_later(layout, "ui")  # the file is opened after the first frame
    try:
        return run(layout, windowed=args.windowed, size=args.size, after_first_frame=[open_log])
    finally:
        open_log()


def _screenshot(args: argparse.Namespace) -> int:
    from ui.app import screenshot

    try:
        screenshot(_layout(), args.out, size=args.size, screen=args.screen, language=args.lang)
    except ItemNotFound as exc:
        raise KnownError(str(exc)) from None
    except OSError as exc:
        raise KnownError(f"could not write screenshot {args.out}: {exc.strerror or exc}") from None
    return 0


def main(argv: list[str] | None = None) -> int:
    """``kiosk-ui [--windowed] [--size WxH]``: the resident UI, as the systemd unit starts it."""
    parser = argparse.ArgumentParser(
        prog="kiosk-ui", description="自助办 kiosk: the resident touch UI (same as `kiosk run`).")
    _add_run_options(parser)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    # No cyclic garbage collection while starting: it finds next to nothing then, yet runs
    # a dozen times over the objects that imports create. ui.app.run turns it back on after
    # the first frame, freezing what start-up made (Instagram's gc.freeze recipe).
    gc.disable()
    # Warnings to stderr too (the journal, under systemd), as `kiosk run` does.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        from kiosk.ops.owner import act_as_home_owner
        from kiosk.paths import home_layout

        act_as_home_owner(home_layout().root)  # see kiosk.cli.main
        return _run(args)
    except KnownError as exc:
        sys.stderr.write(f"kiosk-ui: {exc}\n")
        return exc.exit_code
    except ImportError as exc:
        sys.stderr.write(f"kiosk-ui: the touch UI needs PySide6 (pip install 'zizhuban-kiosk[ui]'): {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
