"""The print font of the 办事指南 slip: the CJK fonts registered once for printing.

The bundled fonts' print copies (:func:`kiosk.ops.fonts.print_font_bytes`) form their own
families, so a slip never depends on what the screen registered; without them, the system's
Noto Sans CJK SC (found with ``fc-match``).
"""

from __future__ import annotations

import logging
import subprocess
import threading
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase

from kiosk.ops.fonts import FONT_ERRORS, PRINT_EXT_FAMILY, PRINT_FAMILY, print_font_bytes
from kiosk.paths import EXT_FONT_MARK, FONTS_DIR

log = logging.getLogger("print")

FALLBACK_FAMILY = "Noto Sans CJK SC"
_family_lock = threading.Lock()
_family: str | None = None


def _cjk_font_files(fonts_dir: Path) -> list[tuple[Path, int, str]]:
    """(file, face index, print family) of the CJK fonts to print with.

    The bundled ones (regular and bold, each a main file and an extension file), else the
    system's Noto Sans CJK SC.
    """
    bundled = [(p, 0, PRINT_EXT_FAMILY if EXT_FONT_MARK in p.name else PRINT_FAMILY)
               for style in ("Regular", "Bold") for p in sorted(fonts_dir.glob(f"*CJK*-{style}.otf"))]
    if bundled:
        return bundled
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}:%{index}", f"{FALLBACK_FAMILY}:style=Regular"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout
        file, _, index = found.rpartition(":")
        return [(Path(file), int(index or 0), PRINT_FAMILY)] if file else []
    except (OSError, ValueError, subprocess.SubprocessError):
        return []


def slip_family(fonts_dir: Path = FONTS_DIR) -> str:
    """Register the print copies of the CJK fonts once; return their family (or the system one).

    The extension files' copies form a family of their own, PRINT_EXT_FAMILY, to which Qt
    falls back for the rarer characters, as on screen.
    """
    global _family
    with _family_lock:
        if _family is None:
            _family = FALLBACK_FAMILY
            sources = _cjk_font_files(fonts_dir)
            if not sources:
                log.warning("no CJK font in %s and none found by fc-match", fonts_dir)
            for path, index, family in sources:
                try:
                    data = print_font_bytes(path, index, family)
                except FONT_ERRORS as exc:
                    log.warning("print font %s unusable (%s)", path, exc)
                    continue
                font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
                if font_id >= 0 and family == PRINT_FAMILY:
                    _family = QFontDatabase.applicationFontFamilies(font_id)[0]
                    log.info("print font %s from %s", _family, path)
        return _family


def slip_font(family: str, size: float) -> QFont:
    font = QFont(family)
    font.setPixelSize(max(1, round(size)))
    # Noto CJK's 'locl' swaps Latin digits after letters ("RS-001") for glyphs with no
    # cmap entry, so the PDF's text layer would lose them; SC glyphs need no 'locl'.
    font.setFeature(QFont.Tag("locl"), 0)
    # English slips: the "ffi"/"fi" ligatures have no cmap entry either ("official" read "ocial").
    font.setFeature(QFont.Tag("liga"), 0)
    return font
