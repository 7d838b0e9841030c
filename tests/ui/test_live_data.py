"""Live data and failure: a catalogue swap mid-session, and the out-of-service screen."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from uihelpers import FakeClock, find, tap, visible

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.store import SnapshotStore
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from ui.app import Ui, build_ui

pytestmark = pytest.mark.qt

ALLOW = ["gdzwfw.gov.cn", "gz.gov.cn"]


def install_new_version(layout: HomeLayout, tmp_path: Path, *, version: int, rename: str) -> None:
    """Publish a changed catalogue the way sync does: build in staging, then install."""
    lines = SAMPLE_SOURCE.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        row = json.loads(line)
        if row.get("code") == "SAMPLE-RS-001":
            row["name"] = rename
        if "_meta" in row:
            row["_meta"]["sample"] = False
        out.append(json.dumps(row, ensure_ascii=False))
    source = tmp_path / "changed.jsonl"
    source.write_text("\n".join(out) + "\n", encoding="utf-8")
    layout.staging_dir.mkdir(parents=True, exist_ok=True)
    staged = layout.staging_dir / "new.sqlite"
    meta = build_from_source(source, staged, allow_hosts=ALLOW, version=version)
    SnapshotStore(layout).install(staged, meta)


def test_swap_waits_for_the_next_return_home(ui: Ui, factory: HomeLayout, tmp_path: Path, qtbot) -> None:
    c = ui.controller
    old_version = c.dataVersion
    old_name = c.catalogue.item("SAMPLE-RS-001").name
    c.openItem("SAMPLE-RS-001")
    qtbot.waitUntil(lambda: visible(ui, "itemName"))

    install_new_version(factory, tmp_path, version=2099010101, rename="社保缴费明细查询（新版）")
    with qtbot.assertNotEmitted(c.catalogue_swapped):
        c.poll()
    assert c.pending_swap
    # Under the resident's finger nothing changes.
    assert c.dataVersion == old_version
    assert find(ui, "itemName").property("text") == old_name

    with qtbot.waitSignal(c.catalogue_swapped):
        tap(ui, "homeButton")
    assert c.dataVersion == "2099010101"
    assert not c.sample
    qtbot.waitUntil(lambda: not visible(ui, "sampleBadge"))
    hot_names = [c.hot_model.data(c.hot_model.index(i)) for i in range(c.hot_model.rowCount())]
    assert "社保缴费明细查询（新版）" in hot_names
    c.openItem("SAMPLE-RS-001")
    qtbot.waitUntil(lambda: find(ui, "itemName").property("text") == "社保缴费明细查询（新版）")


def test_swap_happens_when_the_attract_screen_shows(qtbot, factory: HomeLayout, clock: FakeClock, tmp_path: Path) -> None:
    u = build_ui(factory, windowed=True, clock=clock, start_timers=False)
    try:
        install_new_version(factory, tmp_path, version=2099010102, rename="新名称")
        u.controller.poll()
        clock.advance(u.controller.config["idle.attract_seconds"] + 1)
        u.controller.tick()
        assert u.controller.attract
        assert u.controller.dataVersion == "2099010102"
    finally:
        u.close()


def test_corrupt_catalogue_shows_out_of_service(qtbot, kiosk_home: HomeLayout, clock: FakeClock) -> None:
    # Every snapshot unusable: a garbage current file, and a factory path that can be neither
    # opened nor rebuilt (a directory stands where the file should be).
    store = SnapshotStore(kiosk_home)
    kiosk_home.catalogue_dir.mkdir(parents=True, exist_ok=True)
    (kiosk_home.catalogue_dir / "catalogue-v1-bad.sqlite").write_bytes(b"not a database" * 100)
    store.pointer_file.write_text(json.dumps({"current": {
        "file": "catalogue-v1-bad.sqlite", "version": 1, "sha256": "0" * 64,
        "installed_at": "2026-01-01T00:00:00+00:00"}}), encoding="utf-8")
    kiosk_home.factory_snapshot.mkdir(parents=True)
    (kiosk_home.factory_snapshot / "keep").write_text("x")
    (kiosk_home.config_file).write_text('[kiosk]\nid = "GZ-TH-0042"\nlocation = "天河区政务服务中心"\n',
                                        encoding="utf-8")
    u = build_ui(kiosk_home, windowed=True, clock=clock, start_timers=False)
    try:
        u.window.show()
        qtbot.waitUntil(lambda: visible(u, "outOfServiceTitle"))
        assert u.controller.screen == "outofservice"
        assert "GZ-TH-0042" in find(u, "outOfServiceKioskId").property("text")
        # Nothing a resident does leaves the out-of-service screen, and nothing raises.
        u.controller.goHome()
        u.controller.openSearch()
        u.controller.search("sb")
        assert u.controller.screen == "outofservice"

        # The technician repairs it (the factory file comes back): the kiosk recovers by itself.
        shutil.rmtree(kiosk_home.factory_snapshot)
        store.pointer_file.unlink()
        u.controller.poll()
        assert u.controller.screen == "home"
    finally:
        u.close()


def test_second_start_draws_home_from_the_cache_then_opens_the_catalogue(
    qtbot, factory: HomeLayout, clock: FakeClock
) -> None:
    """The first start writes kiosk.session.homecache; the next draws home from it, identical rows."""
    from uihelpers import make_ui

    from kiosk.session import homecache

    first = make_ui(qtbot, factory, clock)
    c = first.controller
    hot = c.hot_model.rows()
    themes, departments = c.themes_model.rows(), c.departments_model.rows()
    first.close()
    assert homecache.read(factory, SnapshotStore(factory).current_token()) is not None

    second = build_ui(factory, windowed=True, clock=clock, start_timers=False)
    try:
        c2 = second.controller
        assert c2.session.live.catalogue is None  # not opened before the first frame ...
        assert c2.hot_model.rows() == hot and c2.themes_model.rows() == themes
        assert c2.departments_model.rows() == departments
        assert c2.dataVersion == c.dataVersion and c2.sample
        resets: list[int] = []
        c2.hot_model.modelReset.connect(lambda: resets.append(1))
        second.window.show()
        qtbot.waitUntil(lambda: second.first_frame_seen)
        assert c2.session.live.catalogue is not None  # ... but right after it
        assert resets == []  # the same rows: home is not redrawn
        c2.openSearch()
        c2.search("sbcx")
        assert c2.results_model.code_at(0) == "SAMPLE-RS-001"
    finally:
        second.close()


def test_cached_home_of_a_snapshot_gone_bad_gives_way_to_the_one_that_opens(
    qtbot, factory: HomeLayout, clock: FakeClock, tmp_path: Path
) -> None:
    """The cache only says what home showed; the snapshot is still checked, right after the first frame."""
    from uihelpers import make_ui

    install_new_version(factory, tmp_path, version=2099010103, rename="新版名称")
    make_ui(qtbot, factory, clock).close()  # writes the cache for the installed snapshot
    current = SnapshotStore(factory).path_of(SnapshotStore(factory).current())
    st = current.stat()
    data = bytearray(current.read_bytes())
    data[:16] = b"garbage garbage!"  # the SQLite header; same size ...
    current.write_bytes(bytes(data))
    os.utime(current, ns=(st.st_atime_ns, st.st_mtime_ns))  # ... and mtime: the cache still matches

    u = build_ui(factory, windowed=True, clock=clock, start_timers=False)
    try:
        c = u.controller
        assert c.dataVersion == "2099010103" and not c.sample  # drawn from the cache
        u.window.show()
        qtbot.waitUntil(lambda: u.first_frame_seen)
        # The damaged snapshot is refused; the factory sample is what is live, and home says so.
        assert c.dataVersion != "2099010103" and c.sample
        qtbot.waitUntil(lambda: visible(u, "sampleBadge"))
        hot_names = [c.hot_model.data(c.hot_model.index(i)) for i in range(c.hot_model.rowCount())]
        assert "新版名称" not in hot_names
    finally:
        u.close()


def test_an_unwritable_home_cache_only_costs_the_next_start(
    qtbot, factory: HomeLayout, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    from uihelpers import make_ui

    factory.cache_dir.parent.mkdir(parents=True, exist_ok=True)
    factory.cache_dir.write_text("a file where the cache directory should be", "utf-8")
    with caplog.at_level("WARNING", logger="ui.controller"):
        u = make_ui(qtbot, factory, clock)
    try:
        assert "cannot write the home cache" in caplog.text
        assert u.controller.catalogue is not None and u.controller.screen == "home"
        u.controller.openSearch()
        u.controller.search("sbcx")
        assert u.controller.results_model.rowCount() > 0
    finally:
        u.close()
