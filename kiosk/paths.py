"""Where the kiosk keeps its state: one directory, ``$KIOSK_HOME``.

Everything the kiosk writes (config, live catalogue, staging, trust root, logs)
lives below it, so a technician can back up or wipe one folder and tests can
point it at a temporary directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "zizhuban-kiosk"

#: The repository root when running from a checkout (holds offline_db/, assets/).
SOURCE_ROOT = Path(__file__).resolve().parent.parent
OFFLINE_DB_DIR = SOURCE_ROOT / "offline_db"
ASSETS_DIR = SOURCE_ROOT / "assets"
MIGRATIONS_DIR = OFFLINE_DB_DIR / "migrations"
SAMPLE_SOURCE = OFFLINE_DB_DIR / "sample" / "catalogue.jsonl"
FONTS_DIR = ASSETS_DIR / "fonts"
#: In the names of the bundled fonts' extension files (kiosk.ops.fonts.EXT_FILE): rarer characters,
#: which the UI registers after its first frame.
EXT_FONT_MARK = "Ext-"


def kiosk_home() -> Path:
    """Return ``$KIOSK_HOME``, defaulting to the platform's user data dir."""
    env = os.environ.get("KIOSK_HOME")
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # only when $KIOSK_HOME is unset (tests and kiosks set it)

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class HomeLayout(NamedTuple):
    """The fixed layout below ``$KIOSK_HOME`` (immutable: every path is derived from ``root``)."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "config.toml"

    @property
    def catalogue_dir(self) -> Path:
        """Installed snapshots plus the ``current``/``previous`` pointers."""
        return self.root / "catalogue"

    @property
    def staging_dir(self) -> Path:
        return self.root / "staging"

    @property
    def factory_snapshot(self) -> Path:
        """The bundled sample snapshot built on first start (factory fallback)."""
        return self.root / "factory" / "catalogue.sqlite"

    @property
    def trust_dir(self) -> Path:
        """TUF trusted metadata (root.json and its successors)."""
        return self.root / "trust"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def state_file(self) -> Path:
        """Small JSON with runtime state (last sync result, admin lock-out)."""
        return self.root / "state.json"

    @property
    def cache_dir(self) -> Path:
        """Derived data that can be deleted at any time (it is rebuilt)."""
        return self.root / "cache"

    def ensure(self) -> HomeLayout:
        for d in (self.root, self.catalogue_dir, self.staging_dir, self.logs_dir):
            d.mkdir(parents=True, exist_ok=True)
        return self


def home_layout(root: Path | None = None) -> HomeLayout:
    return HomeLayout(root if root is not None else kiosk_home())
