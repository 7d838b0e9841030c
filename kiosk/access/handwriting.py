"""Handwriting (手写) recognition: finger strokes to candidate characters, best first.

Zinnia (Debian's ``libzinnia0``) with the tegaki Simplified Chinese model
(``tegaki-zinnia-simplified-chinese``), through a small ctypes binding of Zinnia's C
API: no Python binding is published on PyPI. Strokes from a pad of any size are
mapped onto the model's square canvas, keeping their aspect ratio, because Zinnia
divides x by the width and y by the height and would otherwise squash a wide pad.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import logging
import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import HandwritingMissing, StrokesError

log = logging.getLogger("kiosk.access.handwriting")

#: Where Debian's tegaki-zinnia-simplified-chinese puts its model; $KIOSK_ZINNIA_MODEL overrides.
MODEL_PATH = Path("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
#: The canvas tegaki trains its models on (its Writing default is 1000 x 1000).
CANVAS = 1000
#: Bounds on what a strokes file may hold: a character is a few dozen strokes at most.
MAX_STROKES = 64
MAX_POINTS = 2000
MAX_SIDE = 100_000
MAX_FILE_BYTES = 2_000_000
DEFAULT_CANDIDATES = 10

Point = tuple[float, float]
Stroke = Sequence[Point]


@dataclass(frozen=True)
class Candidate:
    """One recognised character and Zinnia's score (higher is better; scores can be negative)."""

    char: str
    score: float


@dataclass(frozen=True)
class Ink:
    """Strokes as drawn on a pad of ``width`` x ``height`` (pixels, y downwards), in stroke order."""

    width: float
    height: float
    strokes: tuple[tuple[Point, ...], ...]


def _bind(lib: ctypes.CDLL) -> ctypes.CDLL:
    """Declare the argument and return types of the few Zinnia C functions used."""
    p, size, cstr = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p
    sigs: dict[str, tuple[list[Any], Any]] = {
        "zinnia_recognizer_new": ([], p),
        "zinnia_recognizer_open": ([p, cstr], ctypes.c_int),
        "zinnia_recognizer_size": ([p], size),
        "zinnia_recognizer_strerror": ([p], cstr),
        "zinnia_recognizer_classify": ([p, p, size], p),
        "zinnia_recognizer_destroy": ([p], None),
        "zinnia_character_new": ([], p),
        "zinnia_character_set_width": ([p, size], None),
        "zinnia_character_set_height": ([p, size], None),
        "zinnia_character_add": ([p, size, ctypes.c_int, ctypes.c_int], ctypes.c_int),
        "zinnia_character_destroy": ([p], None),
        "zinnia_result_value": ([p, size], cstr),
        "zinnia_result_score": ([p, size], ctypes.c_float),
        "zinnia_result_size": ([p], size),
        "zinnia_result_destroy": ([p], None),
    }
    for name, (args, res) in sigs.items():
        fn = getattr(lib, name)
        fn.argtypes = args
        fn.restype = res
    return lib


def _load_library() -> ctypes.CDLL:
    name = ctypes.util.find_library("zinnia") or "libzinnia.so.0"
    try:
        return _bind(ctypes.CDLL(name))
    except (OSError, AttributeError) as exc:
        raise HandwritingMissing(
            f"the Zinnia library is not installed ({exc}); install the Debian package "
            "libzinnia0 (bash .ci/setup does)") from None


def model_path() -> Path:
    """The Zinnia model file: $KIOSK_ZINNIA_MODEL if set, else the Debian package's."""
    return Path(os.environ.get("KIOSK_ZINNIA_MODEL") or MODEL_PATH)


class Recognizer:
    """An open Zinnia recognizer over one model; thread-safe (classification is serialised).

    Opening is cheap (Zinnia maps the 26 MB model); keep one for the kiosk's lifetime.
    """

    def __init__(self, model: Path | None = None) -> None:
        self.model = model or model_path()
        if not self.model.is_file():
            raise HandwritingMissing(
                f"the handwriting model {self.model} is not installed; install the Debian package "
                "tegaki-zinnia-simplified-chinese (bash .ci/setup does)")
        self._lib = _load_library()
        self._lock = threading.Lock()
        self._rec = self._lib.zinnia_recognizer_new()
        if not self._rec or not self._lib.zinnia_recognizer_open(self._rec, os.fsencode(self.model)):
            why = self._lib.zinnia_recognizer_strerror(self._rec) if self._rec else b"out of memory"
            self.close()
            raise HandwritingMissing(
                f"the handwriting model {self.model} cannot be opened: "
                f"{(why or b'').decode('utf-8', 'replace')}")
        log.info("opened handwriting model %s (%d characters)", self.model, self.size)

    @property
    def size(self) -> int:
        """How many characters the model knows."""
        return int(self._lib.zinnia_recognizer_size(self._rec)) if self._rec else 0

    def close(self) -> None:
        with self._lock:
            if self._rec:
                self._lib.zinnia_recognizer_destroy(self._rec)
                self._rec = None

    def __enter__(self) -> Recognizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def recognize(self, ink: Ink, limit: int = DEFAULT_CANDIDATES) -> list[Candidate]:
        """Candidates for ``ink``, best first; none for an empty pad."""
        if not ink.strokes or limit < 1:
            return []
        lib = self._lib
        with self._lock:
            if not self._rec:
                raise RuntimeError("recognizer is closed")
            char = lib.zinnia_character_new()
            if not char:
                raise MemoryError("zinnia_character_new failed")
            try:
                lib.zinnia_character_set_width(char, CANVAS)
                lib.zinnia_character_set_height(char, CANVAS)
                for sid, stroke in enumerate(to_canvas(ink)):
                    for x, y in stroke:
                        lib.zinnia_character_add(char, sid, x, y)
                result = lib.zinnia_recognizer_classify(self._rec, char, limit)
            finally:
                lib.zinnia_character_destroy(char)
            if not result:
                return []
            try:
                out = []
                for i in range(lib.zinnia_result_size(result)):
                    value = (lib.zinnia_result_value(result, i) or b"").decode("utf-8", "replace")
                    if value:
                        out.append(Candidate(value, round(float(lib.zinnia_result_score(result, i)), 4)))
                return out
            finally:
                lib.zinnia_result_destroy(result)


def to_canvas(ink: Ink) -> list[list[tuple[int, int]]]:
    """The strokes scaled onto the model's square canvas, centred, aspect ratio kept.

    Points off the pad (a finger sliding over the edge) are clamped to it first.
    """
    side = max(ink.width, ink.height)
    scale = CANVAS / side
    dx = (side - ink.width) / 2
    dy = (side - ink.height) / 2
    out = []
    for stroke in ink.strokes:
        pts = []
        for x, y in stroke:
            cx = min(max(x, 0.0), ink.width)
            cy = min(max(y, 0.0), ink.height)
            pts.append((round((cx + dx) * scale), round((cy + dy) * scale)))
        out.append(pts)
    return out


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise StrokesError(f"{where}: expected a number, got {json.dumps(value)[:40]}")
    return float(value)


def ink_from_json(data: Any, where: str = "strokes") -> Ink:
    """Validate ``{"width": W, "height": H, "strokes": [[[x, y], ...], ...]}``; StrokesError names the bad part."""
    if not isinstance(data, dict):
        raise StrokesError(f"{where}: expected an object with width, height and strokes")
    for key in ("width", "height", "strokes"):
        if key not in data:
            raise StrokesError(f"{where}: '{key}' is missing")
    width = _number(data["width"], f"{where}: width")
    height = _number(data["height"], f"{where}: height")
    for name, v in (("width", width), ("height", height)):
        if not 0 < v <= MAX_SIDE:
            raise StrokesError(f"{where}: {name} must be between 1 and {MAX_SIDE}, got {v:g}")
    raw = data["strokes"]
    if not isinstance(raw, list):
        raise StrokesError(f"{where}: 'strokes' must be a list of strokes")
    if len(raw) > MAX_STROKES:
        raise StrokesError(f"{where}: more than {MAX_STROKES} strokes")
    strokes: list[tuple[Point, ...]] = []
    total = 0
    for i, stroke in enumerate(raw):
        if not isinstance(stroke, list) or not stroke:
            raise StrokesError(f"{where}: stroke {i + 1} must be a non-empty list of [x, y] points")
        total += len(stroke)
        if total > MAX_POINTS:
            raise StrokesError(f"{where}: more than {MAX_POINTS} points in all")
        pts: list[Point] = []
        for j, pt in enumerate(stroke):
            at = f"{where}: stroke {i + 1}, point {j + 1}"
            if not isinstance(pt, list) or len(pt) != 2:
                raise StrokesError(f"{at}: expected [x, y], got {json.dumps(pt)[:40]}")
            pts.append((_number(pt[0], f"{at}, x"), _number(pt[1], f"{at}, y")))
        strokes.append(tuple(pts))
    return Ink(width, height, tuple(strokes))


def read_ink(path: Path) -> Ink:
    """Read a strokes JSON file (UTF-8); a bad file raises StrokesError naming it and what is wrong."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise StrokesError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise StrokesError(f"{path}: larger than {MAX_FILE_BYTES} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StrokesError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise StrokesError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                           f"{exc.msg})") from None
    return ink_from_json(data, str(path))


_shared: Recognizer | None = None
_shared_lock = threading.Lock()


def shared_recognizer() -> Recognizer:
    """One recognizer per process, opened on first use (HandwritingMissing when not installed)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Recognizer()
        return _shared


def available() -> bool:
    """Whether handwriting can be offered here (the UI hides the pad when not)."""
    try:
        shared_recognizer()
    except HandwritingMissing as exc:
        log.warning("handwriting unavailable: %s", exc)
        return False
    return True


def recognize(ink: Ink, limit: int = DEFAULT_CANDIDATES) -> list[Candidate]:
    """Candidates for ``ink`` from the shared recognizer, best first."""
    return shared_recognizer().recognize(ink, limit)
