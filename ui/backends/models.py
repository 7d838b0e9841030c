"""List models over catalogue query results (model/view: never one object per row)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex

from kiosk.access.script import to_traditional
from kiosk.session.homecache import HOT_FIELDS
from kiosk.session.live import summary_row

if TYPE_CHECKING:
    from kiosk.catalogue.model import ItemSummary
    from kiosk.search.index import SearchHit

_Index = QModelIndex | QPersistentModelIndex

# Qt.ItemDataRole.DisplayRole and .UserRole as plain ints: the first use of PySide6's ``Qt``
# namespace builds all its enums (about 20 ms), which the resident's first frame does not need.
DISPLAY_ROLE = 0
USER_ROLE = 0x0100


class _RowsModel(QAbstractListModel):
    """A read-only list of tuples; subclasses name the roles (one per tuple field)."""

    ROLE_NAMES: tuple[str, ...] = ()
    #: Roles holding catalogue text, shown in Traditional (s2hk) while the resident reads 繁體.
    TEXT_ROLES: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Any, ...]] = []
        self._traditional = False
        self._text_fields = frozenset(self.ROLE_NAMES.index(r) for r in self.TEXT_ROLES)

    def set_traditional(self, traditional: bool) -> None:
        """Show the text roles in Traditional (zh-Hant) or as the catalogue gives them."""
        if traditional != self._traditional:
            self.beginResetModel()
            self._traditional = traditional
            self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        names = {DISPLAY_ROLE: QByteArray(b"display")}
        for i, name in enumerate(self.ROLE_NAMES):
            names[USER_ROLE + 1 + i] = QByteArray(name.encode())
        return names

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        field = 0 if role == DISPLAY_ROLE else role - USER_ROLE - 1
        if not 0 <= field < len(row):
            return None
        if self._traditional and field in self._text_fields:
            return to_traditional(row[field])  # cached per text: a row drawn again costs a lookup
        return row[field]

    def _set_rows(self, rows: list[tuple[Any, ...]]) -> None:
        if rows == self._rows:
            return  # same rows: no reset, so the view keeps its delegates and draws nothing
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _replace_rows(self, rows: list[tuple[Any, ...]]) -> None:
        """Like ``_set_rows`` but in place: rows whose fields changed are announced with
        dataChanged, the extra ones inserted or removed at the end.

        A view keeps the delegates of the rows it shows and gives them the new fields; on a
        reset it destroys and remakes them all: a pad tap's p95 frame was 13.9–18.2 ms with a
        reset, 7.5–7.9 ms in place (3,334 items, ui.keybench, 2026-12-02).
        """
        old = self._rows
        if rows == old:
            return
        root = QModelIndex()
        if len(rows) < len(old):
            self.beginRemoveRows(root, len(rows), len(old) - 1)
            self._rows = old[: len(rows)]
            self.endRemoveRows()
        elif len(rows) > len(old):
            self.beginInsertRows(root, len(old), len(rows) - 1)
            self._rows = old + rows[len(old):]
            self.endInsertRows()
        self._rows = rows
        changed = [i for i in range(min(len(old), len(rows))) if old[i] != rows[i]]
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        """Rows as ``rows()`` returns them (from kiosk.session.homecache, say)."""
        self._set_rows([tuple(r) for r in rows])

    def rows(self) -> list[list[Any]]:
        """The rows as plain lists (JSON-ready)."""
        return [list(r) for r in self._rows]

    def clear(self) -> None:
        self._set_rows([])


class SummaryListModel(_RowsModel):
    """Items as list rows: search results, hot items, a theme's or department's items.

    ``status`` is one of valid/suspended/cancelled; ``terminal`` is True when the
    item can be finished at this terminal.
    """

    # The row layout kiosk.session.homecache keeps for the next start: one list of names for both;
    # then ``marked`` (the name with what matched the search in <u>…</u>, escaped) and
    # ``closest`` (offered because nothing matched), which only search results fill; and
    # ``distinguish`` (what tells an item from others of the same name, kiosk.catalogue.present).
    ROLE_NAMES = (*HOT_FIELDS, "marked", "closest", "distinguish")
    TEXT_ROLES = ("name", "department", "themes", "marked", "distinguish")

    _MARKED = len(HOT_FIELDS)  # the field ``marked`` is worked out when the view asks for it

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit[Any]] = []
        self._marks: dict[int, str] = {}
        #: The last ``set_items`` arguments and the rows they made, as objects: the session
        #: gives new lists when its results change.
        self._given: tuple[Sequence[Any], Sequence[Any], list[tuple[Any, ...]]] | None = None

    def set_items(self, items: Sequence[ItemSummary], hits: Sequence[SearchHit[Any]] = ()) -> None:
        """List rows; with ``hits`` (the search results for ``items``) the highlight too.

        The highlight of a row is made when the view first draws it: all sixty of a
        search's rows took ~10 ms a key press at 3,334 items (ui.keybench), the screen shows eight.
        """
        given = self._given
        if given is not None and items is given[0] and hits is given[1] and self._rows is given[2]:
            return  # the controller mirrors the session on every press: nothing to redo then
        self._set_items(items, hits)
        self._given = (items, hits, self._rows)

    def _set_items(self, items: Sequence[ItemSummary], hits: Sequence[SearchHit[Any]]) -> None:
        if not items:  # home's first frame: the catalogue's modules load after it
            self._hits, self._marks = [], {}
            self._set_rows([])
            return
        from kiosk.catalogue.present import distinguish

        rows = [(*summary_row(s), "", hits[i].closest if i < len(hits) else False, distinguish(s) or "")
                for i, s in enumerate(items)]
        had = bool(self._hits)
        self._hits, self._marks = list(hits), {}
        marked = [USER_ROLE + 1 + self._MARKED]
        if not hits:  # the short list, or a browse: a new list
            if rows == self._rows and rows and had:  # same rows without their highlight
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1), marked)
            self._set_rows(rows)
            return
        # A key press: the view keeps its rows' delegates and takes the changed fields. A row
        # may hold the same item with another highlight (made when the view asks for it):
        # the view is told to ask again for every row.
        self._replace_rows(rows)
        self.dataChanged.emit(self.index(0), self.index(len(rows) - 1), marked)

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        if role == USER_ROLE + 1 + self._MARKED and index.isValid() and self._hits:
            row = index.row()
            if 0 <= row < min(len(self._rows), len(self._hits)):
                if row not in self._marks:
                    from kiosk.search.highlight import markup  # with the first search

                    hit = self._hits[row]
                    self._marks[row] = markup(hit.summary.name, hit.marks) if hit.marks else ""
                marked = self._marks[row]
                return to_traditional(marked) if self._traditional else marked
        return super().data(index, role)

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self._hits, self._marks = [], {}
        self._set_rows([(*r[: len(HOT_FIELDS)], "", False, "") for r in rows])

    def rows(self) -> list[list[Any]]:
        return [list(r[: len(HOT_FIELDS)]) for r in self._rows]

    def code_at(self, row: int) -> str:
        return self._rows[row][1] if 0 <= row < len(self._rows) else ""


class FacetListModel(_RowsModel):
    """Themes or departments with how many items each holds."""

    ROLE_NAMES = ("label", "count")
    TEXT_ROLES = ("label",)

    def set_facets(self, facets: Sequence[tuple[str, int]]) -> None:
        self._set_rows([(label, int(count)) for label, count in facets])

    def catalogue_label(self, shown: str) -> str:
        """The catalogue's own label for one QML showed (in Traditional, perhaps): what queries use."""
        if self._traditional:
            for label, _count in self._rows:
                if to_traditional(label) == shown:
                    return str(label)
        return shown

    def labels(self) -> list[str]:
        return [r[0] for r in self._rows]
