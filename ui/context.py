"""What the resident UI shares with the technician screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kiosk.catalogue.reader import Catalogue
    from kiosk.paths import HomeLayout


class AppContext(NamedTuple):
    """Handles the UI passes to ``ui.backends.admin.AdminController``.

    Attributes:
        layout: the ``$KIOSK_HOME`` layout.
        catalogue: a callable returning the live Catalogue, or None when out of service.
    """

    layout: HomeLayout
    catalogue: Callable[[], Catalogue | None]
