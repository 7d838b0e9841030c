"""View counts: per item code only, decaying, kept across catalogue updates, never a query."""

from __future__ import annotations

import json
import os
from pathlib import Path

from catalogue_factory import item, make_catalogue

from kiosk.catalogue.reader import Catalogue
from kiosk.search import popularity

DAY = 86400.0


def test_counts_decay_by_half_life(tmp_path: Path) -> None:
    popularity.record_view("SAMPLE-RS-001", tmp_path, now=0.0)
    popularity.record_view("SAMPLE-RS-001", tmp_path, now=0.0)
    assert popularity.scores(tmp_path, now=0.0) == {"SAMPLE-RS-001": 2.0}
    later = popularity.scores(tmp_path, now=popularity.HALF_LIFE_DAYS * DAY)
    assert abs(later["SAMPLE-RS-001"] - 1.0) < 1e-6


def test_a_clock_set_back_at_boot_does_not_wipe_the_counts(tmp_path: Path) -> None:
    """A flat RTC battery: the kiosk boots in 1970 and residents open items before NTP answers.
    Every count was stamped 1970 then, and once the clock was right all of them had decayed by
    56 years (本机常用事项 emptied)."""
    today = 20_000 * DAY  # 2024-10
    for _ in range(8):
        popularity.record_view("SAMPLE-RS-001", tmp_path, now=today)
    popularity.record_view("SAMPLE-MZ-003", tmp_path, now=3600.0)  # 1970-01-01, before NTP
    popularity.record_view("SAMPLE-MZ-003", tmp_path, now=7200.0)
    after = popularity.scores(tmp_path, now=today + DAY)  # NTP has put the clock right
    assert after["SAMPLE-RS-001"] > 7.9
    assert after["SAMPLE-MZ-003"] > 1.9  # counted, at the latest trustworthy stamp


def test_file_holds_codes_and_counts_only(tmp_path: Path) -> None:
    popularity.record_view("SAMPLE-MZ-003", tmp_path, now=100 * DAY)
    data = json.loads(popularity.views_file(tmp_path).read_text("utf-8"))
    assert set(data) == {"format", "half_life_days", "items"}
    assert set(data["items"]) == {"SAMPLE-MZ-003"}
    assert all(isinstance(v, list) and len(v) == 2 and all(isinstance(x, float | int) for x in v)
               for v in data["items"].values())


def test_no_query_ever_reaches_the_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    path = make_catalogue(tmp_path / "c.sqlite", [item("A", "最低生活保障待遇查询")])
    with Catalogue.open(path) as cat:
        hit = cat.search("我要查低保xyz秘密")[0]
        popularity.record_view(hit.summary.code)
    text = popularity.views_file().read_text("utf-8")
    assert "A" in json.loads(text)["items"]
    for secret in ("低保", "xyz", "秘密", "我要"):
        assert secret not in text
    # nothing else under $KIOSK_HOME holds it either
    for root, _, files in os.walk(tmp_path):
        for f in files:
            p = Path(root) / f
            if p.suffix != ".sqlite":
                assert "秘密" not in p.read_text("utf-8", errors="replace")


def test_counts_survive_a_catalogue_update_by_code(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    popularity.record_view("B")
    popularity.record_view("B")
    v2 = make_catalogue(tmp_path / "v2.sqlite", [
        item("A", "婚姻登记预约"), item("C", "新事项"), item("B", "婚姻登记查询")], version=2)
    with Catalogue.open(v2) as cat:  # reads this kiosk's counts
        assert cat.search("hy")[0].summary.code == "B"


def test_a_broken_or_hostile_file_is_ignored(tmp_path: Path) -> None:
    f = popularity.views_file(tmp_path)
    for junk in ("not json", "[]", '{"format": 1, "items": {"A": "x"}}',
                 '{"format": 1, "items": {"A": [1e400, 0], "B": [-1, 0]}}'):
        f.write_text(junk, "utf-8")
        assert popularity.scores(tmp_path) == {}
    popularity.record_view("A", tmp_path)
    assert set(popularity.scores(tmp_path)) == {"A"}
    popularity.record_view("x" * 1000, tmp_path)  # not a code: ignored
    assert set(popularity.scores(tmp_path)) == {"A"}


def test_views_opened_under_a_wrong_wall_clock_keep_the_counts(tmp_path: Path) -> None:
    """The same with a real process whose wall clock libfaketime sets to 1970-01-02."""
    import shutil
    import subprocess
    import sys
    import time

    import pytest

    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed (bash .ci/setup --test installs it)")
    for _ in range(8):
        popularity.record_view("SAMPLE-RS-001", tmp_path)
    script = ("import sys, time; from kiosk.search import popularity; assert time.time() < 86400 * 365; "
              "from pathlib import Path; popularity.record_view('SAMPLE-MZ-003', Path(sys.argv[1]))")
    proc = subprocess.run(["faketime", "1970-01-02 08:00:00", sys.executable, "-c", script, str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    after = popularity.scores(tmp_path, now=time.time() + DAY)
    assert after["SAMPLE-RS-001"] > 7.9 and after["SAMPLE-MZ-003"] > 0.9
