"""自助终端可办结 and 必要 the list does not give are None, never a guess (schema 0003)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from catalogue_factory import ALLOW, item

from kiosk.catalogue import present
from kiosk.catalogue import sql as db
from kiosk.catalogue.model import item_from_dict


@pytest.mark.parametrize(("given", "expected"), [
    (None, None), ("", None), ("不详", None), ("是", True), ("否", False), ("必要", True),
    ("非必要", False), ("容缺", True), (True, True), (0, False),
])
def test_yes_no_forms(given: object, expected: bool | None) -> None:
    m = {"name": "身份证"} if given is None else {"name": "身份证", "required": given}
    extra = {} if given is None else {"terminal_complete": given}
    it = item_from_dict(item("T-1", "测试", guide={"materials": [m]}, **extra), allow_hosts=ALLOW)
    assert it.guide.materials[0].required is expected
    assert it.terminal_complete is expected


def test_unknown_shows_nothing() -> None:
    it = item_from_dict(item("T-1", "测试", guide={"materials": ["身份证"]}), allow_hosts=ALLOW)
    assert present.necessity(it.guide.materials[0]) is None
    assert present.terminal(it) is None
    assert "必要" not in present.material_detail(it.guide.materials[0])


def test_snapshot_keeps_none_and_old_schema_reads(tmp_path: Path) -> None:
    it = item_from_dict(item("T-1", "测试", guide={"materials": ["身份证"]}), allow_hosts=ALLOW)
    conn = db.create(tmp_path / "new.sqlite")
    db.write_items(conn, [(it, [])])
    back = db.get_item(conn, "T-1")
    assert back is not None and back.terminal_complete is None
    assert back.guide.materials[0].required is None
    assert db.schema_differences(conn) == []
    # a schema-2 file (0/1 NOT NULL) still reads as its 0/1
    old = sqlite3.connect(tmp_path / "old.sqlite", isolation_level=None)
    db.migrate(old, upto=2)
    old.execute("INSERT INTO items (id, code, name, department, terminal_complete)"
                " VALUES (1, 'O-1', '旧', '部门', 1)")
    old.execute("INSERT INTO materials (item_id, ord, name, required) VALUES (1, 0, '证', 0)")
    got = db.get_item(old, "O-1")
    assert got is not None and got.terminal_complete is True
    assert got.guide.materials[0].required is False
    assert db.schema_differences(old) == []
