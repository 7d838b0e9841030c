"""Catalogues made before the typed facts still load: feed format 1 and schema-1 snapshots."""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from catalogue_factory import ALLOW

from kiosk.catalogue import feed
from kiosk.catalogue import sql as db
from kiosk.catalogue.build import build_from_feed
from kiosk.catalogue.model import item_from_dict, item_to_row
from kiosk.catalogue.reader import Catalogue
from kiosk.catalogue.values import Quantity
from kiosk.catalogue.verify import verify_snapshot
from kiosk.paths import SAMPLE_SOURCE
from kiosk.search.keys import search_keys


def _sample_items() -> list:  # type: ignore[type-arg]
    rows = [json.loads(line) for line in SAMPLE_SOURCE.read_text("utf-8").splitlines()[1:]]
    return [item_from_dict(r, allow_hosts=ALLOW) for r in rows]


def _v1_feed(tmp_path: Path, lines: list[bytes]) -> tuple[feed.Manifest, list[Path]]:
    raw = b"".join(lines)
    blob = gzip.compress(raw, mtime=0)
    digest = hashlib.sha256(blob).hexdigest()
    shard = tmp_path / f"{digest}.jsonl.gz"
    shard.write_bytes(blob)
    doc = {"format": "zizhuban-feed/1", "version": 5, "published_at": "2026-11-26T00:00:00+08:00",
           "source": "a feed published by the release before", "title": "old", "sample": True,
           "item_count": len(lines), "shards": [[digest, len(blob), len(raw), len(lines)]]}
    return feed.parse_manifest(json.dumps(doc).encode()), [shard]


def _line(row: dict, keys: list) -> bytes:  # type: ignore[type-arg]
    return json.dumps({"item": row, "keys": keys}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode() + b"\n"


def test_a_format_1_feed_still_builds(tmp_path: Path) -> None:
    items = _sample_items()
    lines = [_line(item_to_row(i, 1), [[k.field, k.norm, k.initials] for k in search_keys(i)])
             for i in items]
    assert b'"promise_days":10' in b"".join(lines)  # the old whole-number form
    manifest, shards = _v1_feed(tmp_path, lines)
    assert manifest.row_format == 1
    out = tmp_path / "cat.sqlite"
    build_from_feed(manifest, shards, out, allow_hosts=ALLOW)
    with Catalogue.open(out) as cat:
        item = cat.item("SAMPLE-RS-006")
        assert item.guide.promise_limit == Quantity(10, "working_days", "")
        assert cat.item("SAMPLE-RS-001").guide.visits is None  # an old 0: not given


def test_a_format_1_feed_row_in_format_2_form_is_refused(tmp_path: Path) -> None:
    item = _sample_items()[0]
    manifest, shards = _v1_feed(tmp_path, [_line(item_to_row(item), [])])
    with pytest.raises(feed.FeedError, match="canonical form"):
        build_from_feed(manifest, shards, tmp_path / "cat.sqlite", allow_hosts=ALLOW)


_V1_INSERT = (
    "INSERT INTO items (id, code, name, department, pc_url, status, hot, case_type, legal_days,"
    " promise_days, visits) VALUES (?, ?, ?, ?, ?, 'valid', 0, ?, ?, ?, ?)")


def test_a_schema_1_snapshot_still_verifies_and_opens(tmp_path: Path) -> None:
    """A snapshot the release before built and installed (schema 1: whole numbers, 0 = unknown)."""
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, upto=1)
    conn.execute(_V1_INSERT, (1, "SAMPLE-OLD-1", "示例事项一", "示例部门", "https://www.gz.gov.cn/",
                              "承诺件", 20, 5, 1))
    conn.execute(_V1_INSERT, (2, "SAMPLE-OLD-2", "示例事项二", "示例部门", "", "", 0, 0, 0))
    conn.execute("INSERT INTO search_keys VALUES (1, 'name', '示例事项一', 'slsxy')")
    meta = {"version": "3", "published_at": "2026-01-01", "source": "old", "title": "old",
            "sample": "1", "item_count": "2", "built_at": "2026-01-01T00:00:00+00:00"}
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    conn.close()
    assert verify_snapshot(path, allow_hosts=ALLOW).schema_version == 1
    with Catalogue.open(path) as cat:
        one, two = cat.item("SAMPLE-OLD-1"), cat.item("SAMPLE-OLD-2")
    assert one.guide.promise_limit == Quantity(5, "working_days", "")
    assert one.guide.legal_limit == Quantity(20, "working_days", "")
    assert one.guide.visits == Quantity(1, "visits", "")
    assert (two.guide.promise_limit, two.guide.legal_limit, two.guide.visits) == (None, None, None)
    assert one.parent == "" and cat.summary("SAMPLE-OLD-1") is not None
