"""Home's short list: the list's hot items, else this kiosk's most viewed, else nothing (no panel)."""

from __future__ import annotations

from pathlib import Path

from sessionhelpers import FakeClock

from kiosk.catalogue.reader import Catalogue
from kiosk.paths import HomeLayout
from kiosk.search import popularity
from kiosk.session import homecache
from kiosk.session.live import SHORTLIST_REFRESH_SECONDS, Home
from kiosk.session.resident import ResidentSession
from kiosk.session.shortlist import MIN_VIEWS, Shortlist, most_viewed, shortlist


def test_a_list_with_hot_ranks_shows_them(sample_snapshot: Path) -> None:
    with Catalogue.open(sample_snapshot, views={}) as cat:
        kind, rows = shortlist(cat, {"SAMPLE-MZ-001": 50.0}, 12)
        assert kind is Shortlist.HOT and rows == cat.hot(12)


def test_a_raw_list_shows_most_viewed_from_min_views_or_nothing(raw_snapshot: Path) -> None:
    with Catalogue.open(raw_snapshot, views={}) as cat:
        assert cat.hot() == []
        assert shortlist(cat, {}, 12) == (Shortlist.NONE, [])
        # one resident's few views never show: the next resident must not see what they opened
        assert shortlist(cat, {"SAMPLE-MZ-001": MIN_VIEWS - 0.5}, 12) == (Shortlist.NONE, [])
        views = {"SAMPLE-MZ-001": 4.0, "SAMPLE-GA-003": 9.0, "GONE-FROM-THE-LIST": 30.0,
                 "SAMPLE-RS-001": 1.0}
        kind, rows = shortlist(cat, views, 12)
        assert kind is Shortlist.VIEWED
        assert [r.code for r in rows] == ["SAMPLE-GA-003", "SAMPLE-MZ-001"]  # most viewed first
        assert [r.code for r in most_viewed(cat, views, 1)] == ["SAMPLE-GA-003"]


def test_the_session_follows_the_views_at_a_way_out(raw_factory: HomeLayout, clock: FakeClock) -> None:
    s = ResidentSession(raw_factory, clock=clock)
    s.start()
    s.finish_start()
    try:
        assert s.live.home is not None and s.live.home.shortlist == Shortlist.NONE
        assert s.live.home.hot == () and s.live.home.themes  # themes came from the lexicon
        s.search("")
        assert s.results == []  # an empty search claims no 热门 either
        for _ in range(3):
            assert s.open_item("SAMPLE-MZ-001")
            clock.advance(1)
            s.home()
        assert s.live.home.shortlist == Shortlist.NONE  # not before SHORTLIST_REFRESH_SECONDS
        clock.advance(SHORTLIST_REFRESH_SECONDS)
        s.home()
        home = s.live.home
        assert home.shortlist == Shortlist.VIEWED and [r[1] for r in home.hot] == ["SAMPLE-MZ-001"]
        s.search("")
        assert [r.code for r in s.results] == ["SAMPLE-MZ-001"]
        # recounted at most every SHORTLIST_REFRESH_SECONDS
        for _ in range(5):
            clock.advance(1)
            s.open_item("SAMPLE-GA-003")
            clock.advance(1)
            s.home()
        assert [r[1] for r in s.live.home.hot] == ["SAMPLE-MZ-001"]
        clock.advance(SHORTLIST_REFRESH_SECONDS)
        s.home()
        assert [r[1] for r in s.live.home.hot] == ["SAMPLE-GA-003", "SAMPLE-MZ-001"]
        # the home cache keeps where the rows came from
        s.live.remember_home()
        cached = homecache.read(raw_factory, s.live._token)
        assert cached is not None and Home.from_cache(cached) == s.live.home
    finally:
        s.close()


def test_views_do_not_replace_the_lists_own_hot_ranks(factory: HomeLayout, clock: FakeClock) -> None:
    for _ in range(5):
        popularity.record_view("SAMPLE-MZ-001", factory.root)
    s = ResidentSession(factory, clock=clock)
    s.start()
    s.finish_start()
    try:
        assert s.live.home.shortlist == Shortlist.HOT
        assert "SAMPLE-MZ-001" not in [r[1] for r in s.live.home.hot]
    finally:
        s.close()
