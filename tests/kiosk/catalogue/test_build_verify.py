from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from catalogue_factory import ALLOW, item, make_catalogue

from kiosk.catalogue import sql as db
from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.catalogue.verify import verify_snapshot
from kiosk.errors import ImportFileError, ItemNotFound, SnapshotError
from kiosk.paths import SAMPLE_SOURCE


def test_sample_snapshot_is_marked_sample_and_large_enough(sample_snapshot: Path) -> None:
    meta = verify_snapshot(sample_snapshot, allow_hosts=ALLOW)
    assert meta.sample is True
    assert "示例" in meta.source
    assert meta.item_count >= 60
    with Catalogue.open(sample_snapshot) as cat:
        assert len(cat.departments()) >= 10
        assert len(cat.themes()) >= 8
        names = {s.name for s in cat.browse()}
    for required in ("个人名下房产查询", "个人完税证明打印", "港澳台签注申请", "驾驶员和车辆违章查询",
                     "社保缴费明细查询和打印", "医保参保明细查询和打印"):
        assert required in names


def test_sample_source_is_honest() -> None:
    lines = SAMPLE_SOURCE.read_text("utf-8").splitlines()
    assert json.loads(lines[0])["_meta"]["sample"] is True
    for line in lines[1:]:
        row = json.loads(line)
        assert row["code"].startswith("SAMPLE-"), row["code"]
        assert row["department_code"] == ""
        assert row["mobile_url"] == ""
        # only the portal's entry page or a department home page: no invented deep links
        assert row["pc_url"].count("/") == 3 and row["pc_url"].endswith("/"), row["pc_url"]


def test_migrations_are_recorded(sample_snapshot: Path) -> None:
    conn = sqlite3.connect(sample_snapshot)
    rows = conn.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert rows == [(1, "initial"), (2, "typed_facts"), (3, "unknown_yes_no")]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION == 3


def test_item_round_trips_every_guide_field(sample_catalogue: Catalogue) -> None:
    it = sample_catalogue.item("SAMPLE-RS-001")
    assert it.name == "社保缴费明细查询和打印"
    assert it.guide.materials and it.guide.materials[0].name
    assert len(it.guide.steps) >= 3
    assert it.guide.phone and it.guide.address and it.guide.hours
    assert it.online_url.startswith("https://")
    assert "自助办" in it.list_tags
    with pytest.raises(ItemNotFound, match="NOPE"):
        sample_catalogue.item("NOPE")


def test_statuses_survive(sample_catalogue: Catalogue) -> None:
    statuses = {s.status for s in sample_catalogue.browse()}
    assert statuses == {"valid", "suspended", "cancelled"}


def test_corrupt_file_is_refused_with_its_name(tmp_path: Path, sample_snapshot: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    data = bytearray(sample_snapshot.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    bad.write_bytes(bytes(data))
    with pytest.raises(SnapshotError, match="bad.sqlite"):
        verify_snapshot(bad, allow_hosts=ALLOW)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SnapshotError, match="junk.sqlite"):
        verify_snapshot(junk, allow_hosts=ALLOW)


def _tampered(sample_snapshot: Path, out: Path, sql: str) -> Path:
    """A copy of the sample snapshot with ``sql`` run on it (an attacker's edit)."""
    shutil.copy(sample_snapshot, out)
    conn = sqlite3.connect(out)
    conn.execute(sql)
    conn.commit()
    conn.close()
    return out


def test_verify_rejects_rows_the_importer_would_reject(tmp_path: Path, sample_snapshot: Path) -> None:
    bad = _tampered(sample_snapshot, tmp_path / "evil.sqlite",
                    "UPDATE items SET pc_url = 'javascript:alert(1)' WHERE code = 'SAMPLE-RS-001'")
    with pytest.raises(SnapshotError, match="SAMPLE-RS-001.*pc_url.*not https"):
        verify_snapshot(bad, allow_hosts=ALLOW)


def test_verify_rejects_newer_schema(tmp_path: Path, sample_snapshot: Path) -> None:
    newer = _tampered(sample_snapshot, tmp_path / "newer.sqlite", "PRAGMA user_version = 99")
    with pytest.raises(SnapshotError, match="schema version 99"):
        verify_snapshot(newer, allow_hosts=ALLOW)


@pytest.mark.parametrize(
    ("row", "field", "reason"),
    [
        (item("A", "x", pc_url="ftp://www.gdzwfw.gov.cn/"), "pc_url", "not https"),
        (item("A", "x", pc_url="http://evil.example/"), "pc_url", "allow-list"),
        (item("A", "x", pc_url="https://evil.example\\@a.gz.gov.cn/"), "pc_url", "allow-list"),
        (item("A", "x", pc_url="https://evil.example/"), "pc_url", "allow-list"),
        (item("A", "x", pc_url="https://gdzwfw.gov.cn.evil.example/"), "pc_url", "allow-list"),
        (item("A", "x", mobile_url="javascript:alert(1)"), "mobile_url", "not https"),
        (item("A", "x", pc_url="https://user:pw@www.gz.gov.cn/"), "pc_url", "user name or password"),
        (item("A", "x", pc_url="https://127.0.0.1/"), "pc_url", "IP address"),
        (item("A", ""), "name", "required"),
        (item("A", "x", status="gone"), "status", "must be one of"),
        (item("A", "x" * 201), "name", "longer than"),
        (item("A", "x", hot="lots"), "hot", "whole number"),
        (item("A", "x", guide={"materials": [{"name": ""}]}), "guide.materials[0].name", "required"),
        (item("A", "x", service_object=["外星人"]), "service_object", "自然人 or 法人"),
    ],
)
def test_bad_rows_name_file_row_and_field(tmp_path: Path, row: dict, field: str, reason: str) -> None:
    src = tmp_path / "list.jsonl"
    good = item("OK", "好的事项")
    src.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(row, ensure_ascii=False) + "\n",
                   "utf-8")
    out = tmp_path / "out.sqlite"
    with pytest.raises(ImportFileError) as exc:
        build_from_source(src, out, allow_hosts=ALLOW)
    assert exc.value.row == 2
    assert exc.value.column == field
    assert reason in str(exc.value)
    assert "list.jsonl" in str(exc.value)
    assert not out.exists()
    assert not list(tmp_path.glob(".out.sqlite*"))  # no half-written temp file either


def test_failed_rebuild_keeps_the_previous_file(tmp_path: Path) -> None:
    out = make_catalogue(tmp_path / "live.sqlite", [item("A", "甲")])
    before = out.read_bytes()
    src = tmp_path / "broken.jsonl"
    src.write_text(json.dumps(item("B", "乙")) + "\n{not json\n", "utf-8")
    with pytest.raises(ImportFileError, match="row 2"):
        build_from_source(src, out, allow_hosts=ALLOW)
    assert out.read_bytes() == before


def test_duplicate_codes_are_refused(tmp_path: Path) -> None:
    src = tmp_path / "dup.jsonl"
    src.write_text("\n".join(json.dumps(item("A", n)) for n in ("一", "二")) + "\n", "utf-8")
    with pytest.raises(ImportFileError, match="duplicate code 'A' \\(first seen at row 1\\)"):
        build_from_source(src, tmp_path / "o.sqlite", allow_hosts=ALLOW)
