"""An opened catalogue snapshot: items, browsing facets and the search index.

The UI and the CLI only ever talk to this class; it turns the SQL module's
rows into dataclasses and keeps the search index in memory.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from kiosk.catalogue import sql as db
from kiosk.catalogue.model import Item, ItemSummary, SnapshotMeta
from kiosk.catalogue.present import mark_twins
from kiosk.catalogue.verify import read_meta
from kiosk.errors import ItemNotFound, SnapshotError
from kiosk.search import gcpause, popularity
from kiosk.search.index import SearchHit, SearchIndex

log = logging.getLogger("kiosk.db")


class Catalogue:
    """A read-only view of one snapshot file.

    Attributes:
        path: the snapshot file.
        meta: its SnapshotMeta (version, date, source, sample flag, item count).
    """

    def __init__(self, path: Path, conn: sqlite3.Connection,
                 views: Mapping[str, float] | None = None) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.Lock()  # one connection, possibly used from a worker thread
        self.meta: SnapshotMeta = read_meta(conn, path)
        try:
            with gcpause.paused():
                listed = db.summaries(conn)
                items = list(zip((i for i, _ in listed),
                                 mark_twins([s for _, s in listed]), strict=True))
                self._index = SearchIndex(
                    items, db.search_key_rows(conn), db.char_readings(conn),
                    objects=db.service_objects(conn),
                    views=popularity.scores() if views is None else views)
                self._themes = db.term_index(conn, "theme")
                self._tags = db.term_index(conn, "tag")
        except sqlite3.DatabaseError as exc:
            raise SnapshotError(f"{path}: cannot read catalogue ({exc})") from None
        self._by_id = dict(items)
        self._by_code = {s.code: s for s in self._by_id.values()}
        # browsing lists follow the search ranking: hot items first, then catalogue order
        self._rank = {s.code: i for i, s in enumerate(self._index.summaries)}

    @classmethod
    def open(cls, path: Path, views: Mapping[str, float] | None = None) -> Catalogue:
        """Open a snapshot; ``views`` (item code -> count) defaults to this kiosk's view counts."""
        conn = db.open_readonly(path)
        try:
            return cls(path, conn, views)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._index)

    # -- search and items ---------------------------------------------------

    def prepare_search(self) -> None:
        """Build the search tables first use would build (kiosk.search.index.SearchIndex.prepare)."""
        self._index.prepare()

    def search(self, query: str, limit: int = 50) -> list[SearchHit[ItemSummary]]:
        return self._index.search(query, limit)

    def related(self, query: str, limit: int = 6) -> list[tuple[str, str]]:
        """Themes and departments sharing a word with ``query``: ("theme"|"department", name)."""
        return self._index.related_groups(query, limit)

    def item(self, code: str) -> Item:
        with self._lock:
            try:
                item = db.get_item(self._conn, code)
            except sqlite3.DatabaseError as exc:
                raise SnapshotError(f"{self.path}: cannot read item ({exc})") from None
        if item is None:
            raise ItemNotFound(f"no item with code {code!r} in catalogue version {self.meta.version}")
        return item

    def summary(self, code: str) -> ItemSummary | None:
        """The list row of one item (with what tells it from its namesakes), or None."""
        return self._by_code.get(code)

    def hot(self, limit: int = 12) -> list[ItemSummary]:
        return [s for s in self._index.summaries if s.hot > 0][:limit]

    # -- browsing -----------------------------------------------------------

    def _sorted(self, summaries: list[ItemSummary]) -> list[ItemSummary]:
        return sorted(summaries, key=lambda s: self._rank[s.code])

    @staticmethod
    def _facet(values: list[str]) -> list[tuple[str, int]]:
        counts = Counter(values)
        first_seen = {v: i for i, v in reversed(list(enumerate(values)))}
        return sorted(counts.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))

    def themes(self) -> list[tuple[str, int]]:
        """Themes with their item counts, largest first (taken from the data)."""
        return self._facet([v for v, _ in self._themes])

    def list_tags(self) -> list[tuple[str, int]]:
        return self._facet([v for v, _ in self._tags])

    def departments(self) -> list[tuple[str, int]]:
        return self._facet([s.department for s in self._by_id.values()])

    def browse(
        self, theme: str | None = None, department: str | None = None, tag: str | None = None
    ) -> list[ItemSummary]:
        ids = set(self._by_id)
        if theme is not None:
            ids &= {i for v, i in self._themes if v == theme}
        if tag is not None:
            ids &= {i for v, i in self._tags if v == tag}
        if department is not None:
            ids = {i for i in ids if self._by_id[i].department == department}
        return self._sorted([self._by_id[i] for i in ids])
