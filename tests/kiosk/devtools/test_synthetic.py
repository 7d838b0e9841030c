from __future__ import annotations

import json
from pathlib import Path

from catalogue_factory import ALLOW

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.devtools.synthetic import rows, write_jsonl


def test_synthetic_rows_are_marked_and_deterministic() -> None:
    a, b = list(rows(50)), list(rows(50))
    assert a == b
    assert all(r["code"].startswith("SYNTHETIC-") and "合成" in r["name"] for r in a)


def test_large_source_builds_through_the_worker_pool(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "syn.jsonl", 4500)  # three chunks: two go to the pool
    meta = json.loads(src.read_text("utf-8").splitlines()[0])["_meta"]
    assert meta["sample"] is True and "synthetic" in meta["source"]
    out = build_from_source(src, tmp_path / "syn.sqlite", allow_hosts=ALLOW)
    assert out.item_count == 4500 and out.sample is True
    with Catalogue.open(tmp_path / "syn.sqlite") as cat:
        last = cat.item("SYNTHETIC-004500")
        assert "合成4500" in last.name
        assert cat.search(last.name)[0].summary.code == "SYNTHETIC-004500"


def test_bad_row_in_a_pooled_chunk_names_its_row(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "syn.jsonl", 4500)
    lines = src.read_text("utf-8").splitlines()
    bad = json.loads(lines[4001])
    bad["pc_url"] = "https://phish.example/"
    lines[4001] = json.dumps(bad, ensure_ascii=False)
    src.write_text("\n".join(lines) + "\n", "utf-8")
    import pytest

    from kiosk.errors import ImportFileError

    with pytest.raises(ImportFileError) as exc:
        build_from_source(src, tmp_path / "o.sqlite", allow_hosts=ALLOW)
    assert exc.value.row == 4002 and exc.value.column == "pc_url"
    assert not (tmp_path / "o.sqlite").exists()
