"""Official exports import as published: title rows, sheets, header spellings, parent/child rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue_factory import ALLOW
from exports import (
    PARENT_CHILD,
    PLAIN,
    VARIANT,
    parent_child_rows,
    plain_rows,
    raw_items,
    write_csv,
    write_xlsx,
)

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.catalogue.sources import open_source
from kiosk.errors import ImportFileError


def _import(src: Path, tmp_path: Path) -> Catalogue:
    out = tmp_path / "out.sqlite"
    build_from_source(src, out, allow_hosts=ALLOW, version=1)
    return Catalogue.open(out)


def _notes(src: Path) -> list[str]:
    source = open_source(src)
    try:
        for _ in source.rows:
            pass
        return source.notes
    finally:
        source.close()


@pytest.mark.parametrize("kind", ["csv", "csv-gb18030", "xlsx"])
def test_title_rows_above_the_header_are_skipped_and_said(tmp_path: Path, kind: str) -> None:
    items = raw_items()
    if kind == "xlsx":
        src = write_xlsx(tmp_path / "清单.xlsx", PLAIN, plain_rows(items), title=True)
    else:
        src = write_csv(tmp_path / "清单.csv", PLAIN, plain_rows(items), title=True,
                        encoding="gb18030" if kind == "csv-gb18030" else "utf-8-sig")
    with _import(src, tmp_path) as cat:
        assert len(cat) == len(items)
        first = cat.item(items[0]["code"])
        assert first.name == items[0]["name"] and first.department == items[0]["department"]
    notes = _notes(src)
    assert "header on row 3: 2 title rows above it skipped" in notes
    assert ("read as GB18030 text" in notes) == (kind == "csv-gb18030")


def test_the_list_on_a_second_sheet_is_found_and_named(tmp_path: Path) -> None:
    items = raw_items()
    src = write_xlsx(tmp_path / "清单.xlsx", PLAIN, plain_rows(items), title=True, second_sheet=True)
    with _import(src, tmp_path) as cat:
        assert len(cat) == len(items)
    assert "sheet '事项清单' of 2 (no list on '填报说明')" in _notes(src)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_header_spellings_fold_full_width_spaces_and_line_breaks(tmp_path: Path, kind: str) -> None:
    items = raw_items()
    writer = write_csv if kind == "csv" else write_xlsx
    src = writer(tmp_path / f"清单.{kind}", VARIANT, plain_rows(items))
    with _import(src, tmp_path) as cat:
        item = cat.item(items[5]["code"])
        assert item.name == items[5]["name"]
        assert item.department == items[5]["department"]  # 实施主体名称
        assert item.service_object == tuple(items[5]["service_object"].split("、"))  # 服务 对象


@pytest.mark.parametrize("kind", ["csv", "xlsx-merged"])
def test_parent_child_rows_keep_the_sub_items_own_name_and_code(tmp_path: Path, kind: str) -> None:
    items = raw_items()
    rows = parent_child_rows(items)
    if kind == "csv":
        src = write_csv(tmp_path / "清单.csv", PARENT_CHILD, rows)
    else:
        src = write_xlsx(tmp_path / "清单.xlsx", PARENT_CHILD, rows, merge_parents=True)
    with _import(src, tmp_path) as cat:
        assert len(cat) == len(items)
        names = {cat.item(i["code"]).name for i in items}
        assert names == {i["name"] for i in items}  # no sub-item named after its parent
        second = cat.item(items[1]["code"])  # a continuation row: parent columns blank or merged
        assert second.department == items[0]["department"]
        parent = f"{items[0]['name']}等3项"
        assert parent in second.keywords
        found = [h.summary.code for h in cat.search(parent, limit=10)]
        assert items[1]["code"] in found and items[2]["code"] in found
    notes = _notes(src)
    assert any(n.startswith(f"{len(items)} rows are 业务办理项") for n in notes), notes
    if kind == "xlsx-merged":
        assert any("merged cell range" in n for n in notes), notes


def test_a_sheet_with_no_list_names_what_is_missing(tmp_path: Path) -> None:
    src = write_xlsx(tmp_path / "清单.xlsx", ["事项名称", "实施主体名称", "备注"],
                     [["甲", "乙", ""]], title=True, second_sheet=True)
    with pytest.raises(ImportFileError) as exc:
        open_source(src)
    assert exc.value.row == 3 and exc.value.column == "实施编码"
    assert "required column 实施编码 is missing" in str(exc.value)
    assert "sheets: 填报说明, 事项清单" in str(exc.value)


def test_a_file_with_no_header_anywhere_says_so(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "x.csv", ["a", "b"], [["1", "2"]])
    with pytest.raises(ImportFileError, match=r"x.csv: no header row with the list's columns in the first 15 rows"):
        open_source(src)
