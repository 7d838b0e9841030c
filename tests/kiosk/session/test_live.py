"""kiosk.session.live: the online rule on what sync really writes, the pending swap, out of service."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sessionhelpers import FakeClock
from synchelpers import ALLOW_HOSTS, sync

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.store import SnapshotStore
from kiosk.devtools.loopback import LoopbackServer
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from kiosk.session.live import ONLINE_INTERVALS, is_online
from kiosk.session.navigation import Screen
from kiosk.session.resident import ResidentSession
from kiosk.state import read_state, update_state
from kiosk.sync import publishing, signing
from kiosk.sync.outcome import SyncOutcome
from kiosk.sync.trust import install_trust_root

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _state(outcome: str, ago: timedelta) -> dict[str, object]:
    at = (NOW - ago).isoformat(timespec="seconds")
    return {"last_sync": {"at": at, "result": outcome, "message": "", "version": 1}, "last_success_at": at}


@pytest.mark.parametrize("outcome", list(SyncOutcome))
def test_online_exactly_when_the_last_sync_succeeded(outcome: SyncOutcome) -> None:
    assert is_online(_state(outcome, timedelta(minutes=5)), 60, NOW) is outcome.succeeded


def test_online_only_within_three_sync_intervals() -> None:
    limit = timedelta(minutes=ONLINE_INTERVALS * 60)
    assert is_online(_state("updated", limit - timedelta(seconds=1)), 60, NOW)
    assert not is_online(_state("unchanged", limit + timedelta(seconds=1)), 60, NOW)


def test_a_success_stamped_in_the_future_is_not_online() -> None:
    """The clock was set back a day after the last sync (a fast RTC put right): 在线 showed for
    a day and three intervals whatever the network did since."""
    assert not is_online(_state("updated", -timedelta(days=1)), 60, NOW)
    assert is_online(_state("updated", -timedelta(seconds=30)), 60, NOW)  # two clocks a little apart


@pytest.mark.parametrize("state", [
    {},
    {"last_sync": "updated", "last_success_at": NOW.isoformat()},
    {"last_sync": {"result": "ok"}, "last_success_at": NOW.isoformat()},  # the old, wrong names
    {"last_sync": {"result": "success"}, "last_success_at": NOW.isoformat()},
    {"last_sync": {"result": "updated"}, "last_success_at": "yesterday"},
    {"last_sync": {"result": "updated"}, "last_success_at": "2026-12-01T12:00:00"},  # naive time
    {"last_sync": {"result": "updated"}},
    {"last_sync": {"result": None}, "last_success_at": NOW.isoformat()},
])
def test_anything_else_is_offline(state: dict[str, object]) -> None:
    assert not is_online(state, 60, NOW)


def test_update_state_with_what_sync_writes_is_online(session: ResidentSession, factory: HomeLayout) -> None:
    assert not session.online
    at = datetime.now(UTC).isoformat(timespec="seconds")
    update_state(factory, last_sync={"at": at, "result": SyncOutcome.UNCHANGED, "message": "up to date",
                                     "version": 1}, last_success_at=at)
    session.poll()
    assert session.online
    update_state(factory, last_sync={"at": at, "result": SyncOutcome.OFFLINE, "message": "", "version": None})
    session.poll()
    assert not session.online


def test_a_real_sync_makes_the_session_online(session: ResidentSession, factory: HomeLayout,
                                              tmp_path: Path) -> None:
    keys, repo_dir = tmp_path / "keys", tmp_path / "repo"
    signing.init_keys(keys)
    publishing.publish(SAMPLE_SOURCE, repo_dir, keys, allow_hosts=ALLOW_HOSTS, version=2099010101)
    install_trust_root(factory, repo_dir / "metadata" / "root.json")
    with LoopbackServer(repo_dir) as server:
        result = sync(factory, server.url)
    assert result.outcome is SyncOutcome.UPDATED
    assert json.loads(factory.state_file.read_text("utf-8"))["last_sync"]["result"] == "updated"
    session.poll()
    assert session.online
    assert session.live.pending_swap  # the new catalogue waits for a safe moment
    assert session.live.home is not None and session.live.home.version != "2099010101"
    assert session.home()  # 首页 is one: the swap happens
    assert session.live.home.version == "2099010101"
    interval = session.config["sync.interval_minutes"]  # much later: more than three intervals
    late = datetime.now(UTC) - timedelta(minutes=ONLINE_INTERVALS * interval + 1)
    update_state(factory, last_success_at=late.isoformat())
    session.poll()
    assert not session.online
    assert read_state(factory)["last_sync"]["result"] == SyncOutcome.UPDATED


def _install(layout: HomeLayout, tmp_path: Path, version: int) -> None:
    staged = layout.staging_dir / f"v{version}.sqlite"
    layout.staging_dir.mkdir(parents=True, exist_ok=True)
    meta = build_from_source(SAMPLE_SOURCE, staged, allow_hosts=ALLOW_HOSTS, version=version)
    SnapshotStore(layout).install(staged, meta)


def test_swap_waits_for_a_way_out(session: ResidentSession, factory: HomeLayout, clock: FakeClock,
                                  tmp_path: Path) -> None:
    before = session.live.home.version if session.live.home else ""
    session.open_item("SAMPLE-RS-001")
    _install(factory, tmp_path, 2099010102)
    assert not session.poll()
    assert session.live.pending_swap and session.live.home and session.live.home.version == before
    clock.advance(1)
    session.back()  # back to home: a way out, the swap happens
    assert session.live.home and session.live.home.version == "2099010102"
    assert not session.live.pending_swap


def test_swap_at_the_attract_screen(session: ResidentSession, factory: HomeLayout, clock: FakeClock,
                                    tmp_path: Path) -> None:
    _install(factory, tmp_path, 2099010103)
    session.poll()
    clock.advance(session.idle.attract + 1)
    assert session.tick()
    assert session.attract and session.live.home and session.live.home.version == "2099010103"


def test_out_of_service_then_recovery(kiosk_home: HomeLayout, clock: FakeClock, sample_snapshot: Path) -> None:
    kiosk_home.factory_snapshot.mkdir(parents=True)  # a directory where the file should be
    s = ResidentSession(kiosk_home, clock=clock)
    s.start()
    try:
        assert s.nav.screen is Screen.OUT_OF_SERVICE and s.live.home is None
        s.open_search()
        s.home()
        assert s.nav.screen is Screen.OUT_OF_SERVICE
        kiosk_home.factory_snapshot.rmdir()
        for _ in range(20):  # retried every few polls
            s.poll()
        assert s.nav.screen is Screen.HOME and s.live.home is not None
    finally:
        s.close()


def test_an_opened_catalogue_builds_its_search_tables_before_the_first_key(
        session: ResidentSession) -> None:
    """The resident's first key must not pay for tables a search builds on first use (a
    first ``ybjf`` built the pinyin slip index: ~90 ms at 3,334 items)."""
    import threading
    import time

    cat = session.live.ensure_open()
    assert cat is not None
    deadline = time.monotonic() + 30
    while any(t.name == "search-prepare" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the search tables were not built within 30 s"
        time.sleep(0.01)
    index = cat._index
    assert index._slips is not None and index._masks is not None and index._groups is not None
