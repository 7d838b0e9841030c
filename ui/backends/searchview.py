"""The search screen beyond its rows (QML's ``SearchResults``): how many matched, closest items, related groups.

When nothing matches, the session's hits are the closest items (``SearchHit.closest``):
they are shown under their own heading and never counted as matches; the themes and
departments whose names share the query's words (``ResidentSession.related``) are offered
as taps. The rows themselves stay in ``Resident.resultsModel``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlNamedElement, QmlSingleton, QQmlEngine

from ui.backends.models import _RowsModel

if TYPE_CHECKING:
    from kiosk.search.hits import SearchHit

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


class GroupListModel(_RowsModel):
    """Themes and departments to offer: ``label`` (the name) and ``group`` ("theme" or "department")."""

    ROLE_NAMES = ("label", "group")

    def set_groups(self, groups: Sequence[tuple[str, str]]) -> None:
        """``groups`` as the catalogue's ``related`` gives them: (kind, name)."""
        self._set_rows([(name, kind) for kind, name in groups])


@QmlNamedElement("SearchResults")
@QmlSingleton
class SearchView(QObject):  # type: ignore[operator]  # PySide6 6.11 stub: QmlNamedElement has no __call__
    """What the search scene shows around the rows; the Controller owns one and updates it.

    Signals:
        changed: matchCount or closest changed.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches = 0
        self._closest = False
        self.related_model = GroupListModel(self)

    @staticmethod
    def create(engine: QQmlEngine) -> SearchView | None:
        """QML's ``SearchResults``: the one the Controller in ``engine`` owns."""
        return engine.findChild(SearchView)

    def show(self, hits: Sequence[SearchHit[Any]], related: Sequence[tuple[str, str]]) -> None:
        """The session's hits and related groups after a key press (or a reset: both empty)."""
        matches = sum(1 for h in hits if not h.closest)
        closest = matches == 0 and any(h.closest for h in hits)
        self.related_model.set_groups(related)
        if (matches, closest) != (self._matches, self._closest):
            self._matches, self._closest = matches, closest
            self.changed.emit()

    def _get_match_count(self) -> int:
        return self._matches

    def _get_closest(self) -> bool:
        return self._closest

    def _get_related_model(self) -> QObject:
        return self.related_model

    #: Items that matched the query (closest items never count).
    matchCount = Property(int, _get_match_count, notify=changed)
    #: Nothing matched and the rows are the closest items.
    closest = Property(bool, _get_closest, notify=changed)
    relatedModel = Property(QObject, _get_related_model, constant=True)
