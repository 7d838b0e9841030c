"""kiosk.session.homecache: what home shows, kept for the next start, and refused when it is not exactly right."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from kiosk.paths import HomeLayout
from kiosk.session import homecache

HOME = {
    "meta": {"version": "2026112601", "date": "2026-11-26", "sample": True},
    "hot": [["社保缴费明细查询和打印", "SAMPLE-RS-001", "广州市人力资源和社会保障局", "valid", True, 95, "社保"]],
    "themes": [["社保", 15], ["医保", 9]],
    "departments": [["广州市医疗保障局", 9]],
    "shortlist": "hot",
}


@pytest.fixture()
def snapshot(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue-1.sqlite"
    path.write_bytes(b"not read by the cache, only stat()ed")
    return path


def test_round_trip_and_unchanged_write(kiosk_home: HomeLayout, snapshot: Path) -> None:
    assert homecache.read(kiosk_home, "catalogue-1.sqlite") is None  # nothing cached yet
    assert homecache.write(kiosk_home, "catalogue-1.sqlite", snapshot, HOME)
    assert homecache.read(kiosk_home, "catalogue-1.sqlite") == HOME
    stamp = homecache.cache_file(kiosk_home).stat().st_mtime_ns
    assert not homecache.write(kiosk_home, "catalogue-1.sqlite", snapshot, HOME)  # same: not rewritten
    assert homecache.cache_file(kiosk_home).stat().st_mtime_ns == stamp


def test_another_install_or_a_changed_file_is_not_this_cache(kiosk_home: HomeLayout, snapshot: Path) -> None:
    homecache.write(kiosk_home, "catalogue-1.sqlite", snapshot, HOME)
    assert homecache.read(kiosk_home, "catalogue-2.sqlite") is None  # the store's token moved on
    st = snapshot.stat()
    os.utime(snapshot, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert homecache.read(kiosk_home, "catalogue-1.sqlite") is None  # same name, different file
    snapshot.unlink()
    assert homecache.read(kiosk_home, "catalogue-1.sqlite") is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda h: h.pop("meta"), "meta must have"),
        (lambda h: h["meta"].update(sample="yes"), "meta must have"),
        (lambda h: h["hot"][0].pop(), "hot must be a list of rows"),
        (lambda h: h["hot"][0].__setitem__(4, 1), "hot must be a list of rows"),  # terminal must be true/false
        (lambda h: h["themes"].append(["交通", "7"]), "themes must be a list of [label, count] pairs"),
        (lambda h: h.__setitem__("departments", {}), "departments must be a list"),
        (lambda h: h.__setitem__("shortlist", "popular"), "shortlist must be one of"),  # never a guess
        (lambda h: h.pop("shortlist"), "shortlist must be one of"),  # a format 1 cache
    ],
)
def test_a_malformed_cache_is_ignored_with_a_warning(
    kiosk_home: HomeLayout, snapshot: Path, caplog: pytest.LogCaptureFixture, change, problem  # type: ignore[no-untyped-def]
) -> None:
    homecache.write(kiosk_home, "t", snapshot, HOME)
    data = json.loads(homecache.cache_file(kiosk_home).read_text("utf-8"))
    change(data["home"])
    homecache.cache_file(kiosk_home).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.session.homecache"):
        assert homecache.read(kiosk_home, "t") is None
    assert problem in caplog.text
    with pytest.raises(ValueError, match=problem.split(" ")[0]):
        homecache.write(kiosk_home, "t", snapshot, data["home"])


def test_unreadable_cache_is_ignored(kiosk_home: HomeLayout, caplog: pytest.LogCaptureFixture) -> None:
    path = homecache.cache_file(kiosk_home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"token": "t", "home": ', "utf-8")  # cut short by a power failure
    with caplog.at_level(logging.WARNING, logger="kiosk.session.homecache"):
        assert homecache.read(kiosk_home, "t") is None
    assert "ignoring home cache" in caplog.text
