"""The first steps of the resident UI: PySide6, the QGuiApplication and the fonts.

``kiosk-ui`` imports this before anything else, creates the application and registers the
bundled fonts with :func:`start_application`, and only then imports the rest of the UI.
Registering the first font loads Qt's font database (fontconfig's configuration and
caches, ~5 ms), which any Qt Quick program pays for at its first Text; the bundled faces
themselves add ~1 ms. (A second thread for this bought nothing: PySide6 holds Python's
GIL through ``QFontDatabase.addApplicationFont``, so the main thread waited anyway.)

Importing this module also patches one thing in PySide6. Its feature switching
(``from __feature__ import snake_case``) hooks imports: for each module imported after
PySide6 it asks whether the module's source mentions "PySide6", using
``inspect.getsource`` (PYSIDE-2029). That reads the whole file through ``linecache``,
which keeps every line: for the kiosk's start-up about 2.5 MiB never freed, and several
milliseconds. The patch asks the same question of the file's raw bytes and keeps nothing.
Anything that is not a plain ``.py`` file goes to PySide6's own function, and a PySide6
release without this internal is left alone.
"""

from __future__ import annotations

import logging
import os
import sys
from types import ModuleType
from typing import TYPE_CHECKING

import PySide6  # noqa: F401 - installs the import hook patched below
from PySide6.QtGui import QFontDatabase, QGuiApplication

from kiosk.paths import EXT_FONT_MARK, FONTS_DIR

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger("ui.app")

# The bundled fonts' family (kiosk.ops.fonts.BUNDLED_FAMILY; ui/qml/Theme.qml holds it too), else
# the system's Noto Sans CJK SC.
CJK_FAMILY = "Kiosk Sans CJK SC"
SYSTEM_CJK_FAMILY = "Noto Sans CJK SC"


def _patch_source_scan() -> bool:
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_raw_bytes", False):
        return False

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as fh:
                return b"PySide6" in fh.read()
        except OSError:
            return bool(original(module))

    mod_uses_pyside._raw_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[union-attr]
    return True


PATCHED = _patch_source_scan()


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
