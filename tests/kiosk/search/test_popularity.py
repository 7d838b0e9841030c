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
