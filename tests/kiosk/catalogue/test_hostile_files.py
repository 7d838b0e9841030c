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


_ROW = '{"code": "J-%d", "name": "社保查询", "department": "人社局"}\n'


def test_a_json_lines_row_longer_than_the_limit_is_refused_without_reading_it_whole(
        tmp_path: Path) -> None:
    """Before, a 64 MB line with no newline was read whole (and decoded, and parsed) before any
    check; now at most MAX_ROW_BYTES of it is in memory when the import stops naming its line."""
    import tracemalloc

    src = tmp_path / "long.jsonl"
    with src.open("wb") as fh:
        fh.write((_ROW % 1).encode())
        fh.write(b'{"code": "J-2", "name": "')
        block = b"x" * 2**20
        for _ in range(64):  # 64 MB, and no newline at all
            fh.write(block)
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError) as info:
            import_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW, dry_run=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.row == 2
    assert f"longer than the {tables.MAX_ROW_BYTES} bytes a row may have" in str(info.value)
    assert str(info.value).startswith(f"{src}, row 2: ")
    assert peak < 16 * 2**20, peak  # a few row buffers, not the 64 MB line


@pytest.mark.parametrize("newline", [True, False])
def test_a_json_lines_row_of_exactly_the_limit_is_read_one_byte_more_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: bool) -> None:
    monkeypatch.setattr(tables, "MAX_ROW_BYTES", 200)
    meta = '{"_meta": {"source": "长行测试"}}\n'
    short = (_ROW % 1).rstrip("\n")
    pad = 200 - len(short.encode()) + 1  # the '}' moves right: pad the object with spaces
    exact = short[:-1] + " " * (pad - 1) + "}"
    assert len(exact.encode()) == 200
    end = "\n" if newline else ""
    src = tmp_path / "edge.jsonl"
    src.write_text(meta + exact + "\n" + (_ROW % 2) + exact.replace("J-1", "J-3") + end, "utf-8")
    report, built = import_source(src, tmp_path / "ok.sqlite", allow_hosts=ALLOW)
    assert built is not None and built.item_count == 3 and report.imported == 3
    assert built.source == "长行测试"  # the metadata line is still read

    over = exact[:-1] + " }"
    src.write_text(meta + (_ROW % 2) + over + end + ("\n" + _ROW % 4 if newline else ""), "utf-8")
    with pytest.raises(ImportFileError, match="longer than the 200 bytes") as info:
        import_source(src, tmp_path / "refused.sqlite", allow_hosts=ALLOW)
    assert info.value.row == 3
    assert not (tmp_path / "refused.sqlite").exists()


def test_a_json_lines_first_line_longer_than_a_row_is_refused_not_taken_for_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "MAX_ROW_BYTES", 100)
    src = tmp_path / "longmeta.jsonl"
    src.write_text('{"_meta": {"source": "' + "长" * 100 + '"}}\n' + _ROW % 1, "utf-8")
    with pytest.raises(ImportFileError, match="longer than the 100 bytes") as info:
        import_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW)
    assert info.value.row == 1


def test_the_import_row_limit_fits_a_row_of_the_signed_feed() -> None:
    from kiosk.catalogue import feed

    assert tables.MAX_ROW_BYTES <= feed.MAX_ROW_BYTES
