"""The live catalogue: the snapshot the resident sees, the swap to a newer one, and the online rule.

Opening picks the best snapshot (``SnapshotStore.open_best``). Sync installs new snapshots
behind the resident's back; :meth:`LiveCatalogue.poll` notices and the swap waits for a safe
moment (the session calls :meth:`LiveCatalogue.swap` on the way home or at the attract
screen), so nothing changes under a finger. Plain Python: no Qt.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.catalogue.store import in_use_summary
from kiosk.errors import SnapshotError
from kiosk.search import popularity
from kiosk.session import homecache
from kiosk.session.shortlist import Shortlist, shortlist
from kiosk.state import read_state
from kiosk.sync.outcome import SyncOutcome

if TYPE_CHECKING:  # at run time these load with the catalogue, after home is drawn (homecache)
    from kiosk.catalogue.model import ItemSummary, SnapshotMeta
    from kiosk.catalogue.reader import Catalogue
    from kiosk.catalogue.store import SnapshotStore
    from kiosk.config import Config
    from kiosk.paths import HomeLayout

log = logging.getLogger("kiosk.session.live")

HOT_LIMIT = 12
#: Most viewed items are recounted at a way out at most this often (monotonic seconds).
SHORTLIST_REFRESH_SECONDS = 900.0
#: Out of service, opening is retried on every this many polls (a new snapshot: at once).
RETRY_POLLS = 10
#: Online while the last successful sync is at most this many sync intervals old.
ONLINE_INTERVALS = 3
#: A last success this far in the future (seconds) is a clock set back, not a recent success.
CLOCK_SKEW_S = 300.0


def summary_row(s: ItemSummary) -> tuple[Any, ...]:
    """One list row, in the order of ``homecache.HOT_FIELDS``."""
    return (s.name, s.code, s.department, str(s.status), s.terminal_complete is True, s.hot, "、".join(s.themes))


@dataclass(frozen=True)
class Home:
    """What the home screen shows of the live catalogue (also what homecache keeps)."""

    version: str = ""
    date: str = ""
    sample: bool = False
    hot: tuple[tuple[Any, ...], ...] = ()
    themes: tuple[tuple[str, int], ...] = ()
    departments: tuple[tuple[str, int], ...] = ()
    #: where ``hot`` comes from (kiosk.session.shortlist): the list's hot ranks, views, or nothing
    shortlist: str = Shortlist.NONE

    @classmethod
    def of(cls, cat: Catalogue, rows: list[ItemSummary] | None = None,
           kind: Shortlist = Shortlist.HOT) -> Home:
        """Home for ``cat``; ``rows`` is the short list (default: the catalogue's hot items)."""
        m = cat.meta
        if rows is None:
            rows = cat.hot(HOT_LIMIT)
            kind = Shortlist.HOT if rows else Shortlist.NONE
        return cls(str(m.version), (m.published_at or "")[:10], bool(m.sample),
                   tuple(summary_row(s) for s in rows),
                   tuple(cat.themes()), tuple(cat.departments()), str(kind))

    @classmethod
    def from_cache(cls, data: Mapping[str, Any]) -> Home:
        meta = data["meta"]
        return cls(meta["version"], meta["date"], meta["sample"],
                   tuple(tuple(r) for r in data["hot"]),
                   tuple((str(f[0]), int(f[1])) for f in data["themes"]),
                   tuple((str(f[0]), int(f[1])) for f in data["departments"]),
                   str(data["shortlist"]))

    def to_cache(self) -> dict[str, Any]:
        return {"meta": {"version": self.version, "date": self.date, "sample": self.sample},
                "hot": [list(r) for r in self.hot],
                "themes": [list(f) for f in self.themes],
                "departments": [list(f) for f in self.departments],
                "shortlist": self.shortlist}


def is_online(state: Mapping[str, Any], interval_minutes: float, now: datetime | None = None) -> bool:
    """Online when the last sync succeeded, at most ONLINE_INTERVALS sync intervals ago."""
    last = state.get("last_sync")
    at = state.get("last_success_at")
    if not isinstance(last, Mapping) or not isinstance(at, str):
        return False
    try:
        if not SyncOutcome(str(last.get("result"))).succeeded:
            return False
        when = datetime.fromisoformat(at)
        age = ((now or datetime.now().astimezone()) - when).total_seconds()
    except (TypeError, ValueError):  # an unknown outcome, a bad or naive time stamp
        return False
    # A success stamped in the future: the clock was set back since (a fast RTC corrected by
    # NTP), and how long ago it really was is unknown. 在线 would show for as long as the jump.
    return -CLOCK_SKEW_S < age < ONLINE_INTERVALS * 60 * interval_minutes


class LiveCatalogue:
    """The catalogue the resident sees.

    Attributes:
        catalogue: the open Catalogue, or None (not opened yet, or out of service).
        home: what home shows; None when out of service.
        pending_swap: a newer snapshot is installed and goes live at the next safe moment.
        generation: grows on every open, so a viewer knows to reload its lists.
        in_use: what ``kiosk status`` says of it (kiosk.catalogue.store.in_use_summary);
            None until the first open.
    """

    def __init__(self, layout: HomeLayout, store: SnapshotStore, config: Callable[[], Config]) -> None:
        self._layout = layout
        self._store = store
        self._config = config
        self.catalogue: Catalogue | None = None
        self.home: Home | None = None
        self.pending_swap = False
        self.generation = 0
        self.out_of_service = False
        self.in_use: dict[str, Any] | None = None
        self._token = ""
        self._open_pending = False
        self._polls = 0
        #: home's short list as list rows (what an empty search shows too)
        self.shortlist: list[ItemSummary] = []
        self._counted_at: float | None = None

    @property
    def meta(self) -> SnapshotMeta | None:
        return self.catalogue.meta if self.catalogue is not None else None

    def start(self) -> None:
        """Draw home from homecache when it matches the installed snapshot, else open now."""
        self._token = self._store.current_token()
        cached = homecache.read(self._layout, self._token)
        if cached is None:
            self.open()
            return
        self.home = Home.from_cache(cached)
        self._open_pending = True
        self.generation += 1

    def ensure_open(self) -> Catalogue | None:
        """The open catalogue, opening it first if home was drawn from the cache."""
        if self._open_pending:
            self.open()
        return self.catalogue

    def open(self) -> bool:
        """Open the best snapshot; False (out of service) when none opens."""
        self._open_pending = False
        self._token = self._store.current_token()
        old, self.catalogue = self.catalogue, None
        try:
            cat, origin, problems = self._store.open_best(self._config()["catalogue.url_allow_hosts"])
        except SnapshotError as exc:
            log.error("no catalogue can be opened, out of service: %s", exc)
            self.home, self.out_of_service = None, True
            self.in_use = in_use_summary(None, None, [str(exc)])
        else:
            for p in problems:
                log.warning("catalogue: %s", p)
            log.info("catalogue version %s (%s) is live", cat.meta.version, origin)
            kind, self.shortlist = shortlist(cat, popularity.scores(self._layout.root), HOT_LIMIT)
            self._counted_at = None
            self.catalogue, self.home, self.out_of_service = cat, Home.of(cat, self.shortlist, kind), False
            # the search tables a first key would build, built while nobody types yet
            threading.Thread(target=cat.prepare_search, name="search-prepare", daemon=True).start()
            self.in_use = in_use_summary(cat.meta, origin, problems)
        if old is not None:
            old.close()
        self.pending_swap = False
        self.generation += 1
        return self.catalogue is not None

    def swap(self) -> bool:
        """At a safe moment: open the newer snapshot if one is pending; True if the version changed."""
        if not (self.pending_swap or self.catalogue is None or self._open_pending):
            return False
        before = self.home.version if self.home else ""
        self.open()
        self.remember_home()
        return self.home is not None and self.home.version != before

    def poll(self) -> bool:
        """Notice a newly installed snapshot; out of service, retry. True when a swap happened."""
        self.ensure_open()
        if self._store.current_token() != self._token and not self.pending_swap:
            log.info("a new catalogue snapshot is installed; switching at the next safe moment")
            self.pending_swap = True
        if self.catalogue is not None:
            return False
        self._polls += 1
        if self.pending_swap or self._polls >= RETRY_POLLS:
            self._polls = 0
            return self.swap()
        return False

    def recount_views(self, now: float) -> bool:
        """At a way out: with no hot ranks, take in new view counts (at most every
        SHORTLIST_REFRESH_SECONDS). True when home's short list changed (``generation`` grew)."""
        cat, home = self.catalogue, self.home
        if cat is None or home is None or home.shortlist == Shortlist.HOT:
            return False
        if self._counted_at is None:  # opening counted; the clock starts at the first way out
            self._counted_at = now
        if now - self._counted_at < SHORTLIST_REFRESH_SECONDS:
            return False
        self._counted_at = now
        kind, rows = shortlist(cat, popularity.scores(self._layout.root), HOT_LIMIT)
        fresh = Home.of(cat, rows, kind)
        if fresh == home:
            return False
        self.shortlist, self.home = rows, fresh
        self.generation += 1
        return True

    def remember_home(self) -> None:
        """Keep what home shows for the next start (homecache); only the next start suffers a failure."""
        if self.catalogue is None or self.home is None:
            return
        try:
            if homecache.write(self._layout, self._token, self.catalogue.path, self.home.to_cache()):
                log.info("home cache written for catalogue version %s", self.home.version)
        except (OSError, ValueError) as exc:
            log.warning("cannot write the home cache: %s", exc)

    def online(self, now: datetime | None = None) -> bool:
        return is_online(read_state(self._layout), self._config()["sync.interval_minutes"], now)

    def close(self) -> None:
        if self.catalogue is not None:
            self.catalogue.close()
            self.catalogue = None
