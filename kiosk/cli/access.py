"""``kiosk handwrite`` and ``kiosk speak``: the core's handwriting and read-aloud, from a shell.

Each command calls one library function; known failures (a bad strokes file, Zinnia or
a voice not installed, an unknown item) become the ``kiosk`` CLI's message and exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from kiosk.access import handwriting, reader, readout, speech
from kiosk.errors import KnownError


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def cmd_handwrite(args: argparse.Namespace) -> int:
    ink = handwriting.read_ink(Path(args.strokes))
    candidates = handwriting.recognize(ink, args.limit)
    if args.json:
        _out(json.dumps([{"char": c.char, "score": c.score} for c in candidates],
                        ensure_ascii=False, indent=1))
    elif not candidates:
        _out("没有识别结果 (no candidates: the pad is empty)")
    else:
        for rank, c in enumerate(candidates, 1):
            _out(f"{rank}\t{c.char}\t{c.score:.3f}")
    return 0


def cmd_speak(args: argparse.Namespace) -> int:
    from kiosk.cli.main import context, open_live

    voice = speech.Voice(args.lang)
    speech.require_voice(voice)
    layout, cfg = context()
    cat, _, _ = open_live(layout, cfg)
    with cat:
        item = cat.item(args.code)
    lines = readout.sentences(item)
    if args.out:
        out = speech.render_sentences(lines, voice, Path(args.out), volume=args.volume)
        for line in lines:
            _out(line)
        _out(f"# {voice.label} ({voice}): {len(lines)} sentences, "
             f"{speech.wav_seconds(out):.1f} s, written to {out}")
        return 0
    done = threading.Event()
    failed: list[str] = []

    def on_event(event: reader.ReadEvent) -> None:
        if event.outcome is None:
            _out(event.text)
            return
        if event.outcome is reader.ReadOutcome.FAILED:
            failed.append(event.message)
        done.set()

    player = reader.Reader(on_event=on_event, volume=args.volume)
    player.start(lines, voice)
    try:
        while not done.wait(0.2):
            pass
    except KeyboardInterrupt:
        player.stop()
        player.wait(5)
        raise
    if failed:
        raise KnownError(f"cannot play the speech here: {failed[0]} "
                         "(use --out FILE.wav to write it to a file instead)")
    return 0


def _volume(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0 <= v <= 1:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return v


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("handwrite", help="recognise handwritten strokes (Zinnia), "
                              "candidates best first")
    p.add_argument("--strokes", required=True, metavar="FILE.json",
                   help='{"width": W, "height": H, "strokes": [[[x, y], ...], ...]}')
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=handwriting.DEFAULT_CANDIDATES,
                   help=f"at most this many candidates (default {handwriting.DEFAULT_CANDIDATES})")
    p.set_defaults(func=cmd_handwrite)

    p = subparsers.add_parser("speak", help="read an item's essentials aloud (espeak-ng) and "
                              "print the captions")
    p.add_argument("code", help="the item's code")
    p.add_argument("--lang", choices=[v.value for v in speech.Voice], default=speech.Voice.CMN.value,
                   help="cmn = 普通话 (default), yue = 粤语")
    p.add_argument("--out", metavar="FILE.wav", help="write a WAV file instead of playing it")
    p.add_argument("--volume", type=_volume, default=speech.DEFAULT_VOLUME,
                   help=f"0 to 1 (default {speech.DEFAULT_VOLUME}, espeak-ng's normal loudness)")
    p.set_defaults(func=cmd_speak)
