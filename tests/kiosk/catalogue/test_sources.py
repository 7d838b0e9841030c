from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from catalogue_factory import ALLOW, HEADER, ROWS, write_csv

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.catalogue.values import Quantity
from kiosk.errors import ImportFileError


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "csv-gb18030", "xlsx"])
def test_official_list_imports(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        src = write_xlsx(tmp_path / "清单.xlsx", ROWS)
    else:
        src = write_csv(tmp_path / "清单.csv", ROWS, "gb18030" if kind == "csv-gb18030" else "utf-8-sig")
    meta = build_from_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW, version=7)
    assert meta.item_count == 2 and meta.version == 7 and meta.sample is False
    with Catalogue.open(tmp_path / "out.sqlite") as cat:
        a = cat.item("TEST-0001")
        assert a.service_object == ("自然人",)
        assert [m.name for m in a.guide.materials] == ["居民身份证", "社保卡"]
        assert a.guide.steps == ("刷身份证", "选择时段", "打印")
        assert a.guide.phone == "12333" and a.keywords == ("社保查询", "缴费记录")
        b = cat.item("TEST-0002")
        assert b.status == "suspended" and b.guide.promise_limit == Quantity(3, "working_days", "3个工作日") and b.service_object == ("法人",)
        assert [h.summary.code for h in cat.search("sbcx")][:1] == ["TEST-0001"]


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    src = tmp_path / "no-code.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["事项名称", "实施主体"], ["甲", "乙"]])
    with pytest.raises(ImportFileError, match=r"no-code.csv, row 1, column 实施编码: required column 实施编码"):
        build_from_source(src, tmp_path / "o.sqlite", allow_hosts=ALLOW)


@pytest.mark.parametrize(
    ("cell", "value", "column", "reason"),
    [
        (6, "javascript:alert(1)", "计算机端在线办理地址", "not https"),
        (6, "https://phish.example/", "计算机端在线办理地址", "allow-list"),
        (3, "外星人", "服务对象", "自然人 or 法人"),
        (10, "作废", "事项状态", "must be one of"),
        (0, "", "事项名称", "required"),
        (7, "9999个工作日", "承诺办结时限", "more than 3650"),
    ],
)
def test_bad_cell_names_file_row_and_column(tmp_path: Path, cell: int, value: str, column: str,
                                            reason: str) -> None:
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[1][cell] = value
    src = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / "o.sqlite"
    with pytest.raises(ImportFileError) as exc:
        build_from_source(src, out, allow_hosts=ALLOW)
    assert (exc.value.row, exc.value.column) == (3, column)
    assert reason in exc.value.reason
    assert str(exc.value).startswith(f"{src}, row 3, column {column}: ")
    assert not out.exists()


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "fake.xlsx"
    bad.write_bytes(b"PK\x03\x04 definitely not a zip")
    with pytest.raises(ImportFileError, match="fake.xlsx: not a readable XLSX"):
        build_from_source(bad, tmp_path / "o.sqlite", allow_hosts=ALLOW)


def test_unsupported_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="file does not exist"):
        build_from_source(tmp_path / "nope.csv", tmp_path / "o.sqlite", allow_hosts=ALLOW)
    doc = tmp_path / "list.docx"
    doc.write_bytes(b"x")
    with pytest.raises(ImportFileError, match="unsupported file type '.docx'"):
        build_from_source(doc, tmp_path / "o.sqlite", allow_hosts=ALLOW)
