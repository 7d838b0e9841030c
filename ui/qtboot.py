"""Import PySide6 for the resident UI, without it re-reading the source of every later module.

PySide6's feature switching (``from __feature__ import snake_case``) hooks imports: for
each module imported after PySide6 it asks whether the module's source mentions
"PySide6", using ``inspect.getsource`` (PYSIDE-2029). That reads the whole file through
``linecache``, which keeps every line: for the kiosk's start-up, about 2.5 MiB that is
never freed and several milliseconds. This asks the same question of the file's raw bytes
and keeps nothing. Anything that is not a plain ``.py`` file goes to PySide6's own
function, and a PySide6 release without this internal is left alone.

``kiosk-ui`` imports this first; tests and tools do not need it.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401 - installs the import hook patched below


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
