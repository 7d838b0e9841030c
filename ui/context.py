"""What the resident UI shares with the technician screen and the printing service."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kiosk.catalogue.reader import Catalogue
    from kiosk.catalogue.store import SnapshotStore
    from kiosk.config import Config
    from kiosk.paths import HomeLayout


class AppContext(NamedTuple):
    """Handles the UI passes to ``ui.backends.admin.AdminController`` and ``ui.printing.service.PrintService``.

    Attributes:
        layout: the ``$KIOSK_HOME`` layout.
        config: a callable returning the current validated Config (it may be reloaded).
        store: the snapshot store (current token, installed version, install).
        catalogue: a callable returning the live Catalogue, or None when out of service.
        kiosk_id: this terminal's ID from the config.
    """

    layout: HomeLayout
    config: Callable[[], Config]
    store: SnapshotStore
    catalogue: Callable[[], Catalogue | None]
    kiosk_id: str
