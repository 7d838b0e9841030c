"""Files built to exhaust the importer: a workbook that is small on disk and huge inside, a
list of a million rows that all fail. Found in the attack lab: a 2 MB XLSX whose sheet expands
to 450 MB was loaded whole by ``kiosk import`` (openpyxl's full mode, chosen by the file's
size on disk): 1.4 GB of memory and still reading after three minutes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from catalogue_factory import ALLOW, HEADER, ROWS, write_csv

from kiosk.catalogue import build as build_mod
from kiosk.catalogue import tables
from kiosk.catalogue.build import import_source
from kiosk.errors import ImportFileError


def _inflated_xlsx(path: Path, copies: int) -> Path:
    """A workbook whose sheet repeats one row ``copies`` times: compresses to almost nothing."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(ROWS[0])
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    head, rest = sheet.split(b"</row>", 1)  # after the header row
    row, tail = rest.split(b"</row>", 1)
    parts["xl/worksheets/sheet1.xml"] = head + b"</row>" + (row + b"</row>") * copies + tail
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_a_workbook_large_inside_is_streamed_however_small_its_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _inflated_xlsx(tmp_path / "inflated.xlsx", 2000)
    with zipfile.ZipFile(src) as z:
        expanded = sum(i.file_size for i in z.infolist())
    assert src.stat().st_size * 20 < expanded  # the shape of a zip bomb
    monkeypatch.setattr(tables, "EXPANDED_STREAMING_LIMIT", expanded // 2)
    report, _ = import_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW, dry_run=True)
    assert any("read without merged-cell filling" in n for n in report.notes), report.notes


def test_a_workbook_that_expands_beyond_any_list_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _inflated_xlsx(tmp_path / "bomb.xlsx", 2000)
    monkeypatch.setattr(tables, "MAX_EXPANDED", 100_000)
    with pytest.raises(ImportFileError, match="zip bomb"):
        import_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW, dry_run=True)


def test_a_list_of_more_rows_than_any_catalogue_is_refused_refused_rows_included(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # every row has the same code: all but the first are refused, none counts as an item
    src = write_csv(tmp_path / "dups.csv", [ROWS[0]] * 30)
    monkeypatch.setattr(build_mod, "MAX_ROWS", 20)
    with pytest.raises(ImportFileError, match="more than 20 rows") as info:
        import_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW, dry_run=True)
    assert info.value.row is not None
    assert not (tmp_path / "out.sqlite").exists()


def test_a_json_lines_row_nested_deeper_than_the_parser_is_refused_naming_the_row(tmp_path: Path) -> None:
    src = tmp_path / "deep.jsonl"
    src.write_text('{"code": "J-1", "name": "社保", "department": "人社局"}\n'
                   + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    with pytest.raises(ImportFileError, match="nested too deeply") as info:
        import_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW)
    assert info.value.row == 2


def test_a_lone_surrogate_is_a_refused_row_not_a_crash(tmp_path: Path) -> None:
    """Before the text rules, json's \\ud800 reached SQLite and the import died (UnicodeEncodeError)."""
    src = tmp_path / "surrogate.jsonl"
    src.write_text('{"code": "J-1", "name": "社保\\ud800", "department": "人社局"}\n'
                   '{"code": "J-2", "name": "社保查询", "department": "人社局"}\n', "utf-8")
    report, meta = import_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW)
    assert meta is not None and meta.item_count == 1
    assert [(p.row, p.column, p.cause) for p in report.problems] == [(1, "name", "not_plain_text")]
