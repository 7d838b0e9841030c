"""The first steps of the resident UI: the Qt environment, the QGuiApplication and the fonts.

The bundled fonts are registered before any scene exists, so the first frame already draws
Chinese in the bundled family; the larger extension files wait until after that frame.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication

from kiosk.paths import EXT_FONT_MARK, FONTS_DIR

log = logging.getLogger("ui.app")

# The bundled fonts' family (kiosk.ops.fonts.BUNDLED_FAMILY; ui/qml/Kiosk/Theme.qml holds it too), else
# the system's Noto Sans CJK SC.
CJK_FAMILY = "Kiosk Sans CJK SC"
SYSTEM_CJK_FAMILY = "Noto Sans CJK SC"


def prepare_environment(*, offscreen: bool = False) -> None:
    """Set what Qt reads at start-up; call before the QGuiApplication exists."""
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _bundled_font_files(*, extension: bool) -> list[Path]:
    if not FONTS_DIR.is_dir():
        return []
    return [p for p in sorted(FONTS_DIR.iterdir())
            if p.suffix.lower() in (".otf", ".ttf", ".ttc") and (EXT_FONT_MARK in p.name) == extension]


def _register(path: Path) -> list[str]:
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("font %s could not be loaded", path)
        return []
    return QFontDatabase.applicationFontFamilies(font_id)


def load_fonts() -> str:
    """Register the bundled fonts; return the CJK family to use (bundled or the system's).

    The extension files wait for :func:`load_extension_fonts`.
    """
    families = [f for path in _bundled_font_files(extension=False) for f in _register(path)]
    if CJK_FAMILY in families:
        return CJK_FAMILY
    if SYSTEM_CJK_FAMILY in QFontDatabase.families():
        log.warning("bundled font %r not found; using the system's %r", CJK_FAMILY, SYSTEM_CJK_FAMILY)
        return SYSTEM_CJK_FAMILY
    log.warning("font %r not found; Chinese text may not render", CJK_FAMILY)
    return families[0] if families else QGuiApplication.font().family()


_extension_loaded = False


def load_extension_fonts() -> None:
    """Register the bundled fonts' extension files (kiosk.ops.fonts.EXT_FAMILY), once.

    They hold GBK's characters beyond GB 2312, such as those of Cantonese place names in a
    window address, and are twice the size of the main files: the UI registers them just
    after its first frame. Qt takes from them any character the main family lacks, and lays
    out again any text that showed a box for one meanwhile.
    """
    global _extension_loaded
    if _extension_loaded:
        return
    _extension_loaded = True
    families = {f for path in _bundled_font_files(extension=True) for f in _register(path)}
    log.info("extension fonts registered: %s", ", ".join(sorted(families)) or "none found")


def start_application() -> tuple[QGuiApplication, str]:
    """Create the QGuiApplication and register the fonts; return it and the CJK family."""
    prepare_environment()
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("zizhuban-kiosk")
    try:
        family = load_fonts()
    except Exception:  # a font problem must not stop the kiosk: the system's fonts remain
        log.exception("registering the bundled fonts failed")
        family = QGuiApplication.font().family()
    return app, family
