"""kiosk import reads every row of a raw export and reports what it imported, fixed and refused.

The files are made from a raw copy of the bundled sample (tests/helpers/exports.py): http links,
实施主体名称, facts as free text, and the faults real lists have.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue_factory import ALLOW
from exports import REPORT_HEADER, raw_items, report_rows, write_csv, write_xlsx

from kiosk.catalogue import present
from kiosk.catalogue.build import import_source
from kiosk.catalogue.reader import Catalogue
from kiosk.catalogue.verify import verify_snapshot


def _export(tmp_path: Path, kind: str) -> tuple[Path, dict[str, int], int]:
    items = raw_items()
    rows, faults = report_rows(items)
    if kind == "xlsx":
        src = write_xlsx(tmp_path / "清单.xlsx", REPORT_HEADER, rows, title=True)
    else:
        src = write_csv(tmp_path / "清单.csv", REPORT_HEADER, rows,
                        encoding="gb18030" if kind == "csv-gb18030" else "utf-8-sig")
    offset = 2 if kind == "xlsx" else 0  # two title rows above the header
    return src, {k: v + offset for k, v in faults.items()}, len(rows)


@pytest.mark.parametrize("kind", ["csv", "csv-gb18030", "xlsx"])
def test_valid_rows_are_imported_and_the_rest_refused_by_cause(tmp_path: Path, kind: str) -> None:
    src, faults, n_rows = _export(tmp_path, kind)
    out = tmp_path / "out.sqlite"
    report, meta = import_source(src, out, allow_hosts=ALLOW, version=1)
    assert report.rows_read == n_rows and report.refused == 3
    assert report.imported == n_rows - 3 and meta is not None and meta.item_count == n_rows - 3
    assert report.outcome == "imported"
    assert report.causes() == {"url_host_not_allowed": 1, "required_empty": 1, "duplicate_code": 1}
    by_cause = {p.cause: p for p in report.problems}
    off = by_cause["url_host_not_allowed"]
    assert (off.row, off.column) == (faults["off_list"], "计算机端在线办理地址")
    assert "kiosk config add catalogue.url_allow_hosts www.example-city.gov.cn" in off.hint
    assert (by_cause["required_empty"].row, by_cause["required_empty"].column) == (
        faults["empty_name"], "事项名称")
    assert by_cause["duplicate_code"].row == faults["duplicate_code"]
    # fixed, and said how
    assert report.fixes["http_upgraded"] == report.imported  # every link was http://
    assert ("实施主体名称", "实施主体") in report.header_variants
    assert report.parsed["same_day"] > 0 and report.parsed["months"] > 0
    assert report.parsed["calendar_days"] > 0 and report.parsed["visits"] > 0
    assert report.kept_text["到现场次数"] > 0 and "最多跑一次" in report.kept_examples
    text = "\n".join(report.lines())
    assert f"rows read {n_rows}, imported {n_rows - 3}, refused 3" in text
    assert f"{src}, row {faults['off_list']}, column 计算机端在线办理地址" in text
    assert "fix: if www.example-city.gov.cn is an official portal" in text
    assert "'实施主体名称' → 实施主体" in text
    assert "rows refused and left out (policy: import the rows that validate" in text
    if kind == "csv-gb18030":
        assert "read as GB18030 text" in report.notes
    verify_snapshot(out, allow_hosts=ALLOW)
    with Catalogue.open(out) as cat:
        items = raw_items()
        first = cat.item(items[0]["code"])
        assert first.pc_url.startswith("https://")
        assert first.guide.promise_limit is not None and first.guide.promise_limit.unit == "same_day"
        second = cat.item(items[1]["code"])  # 3个月, 0次
        assert present.promise_limit(second.guide) == "3 个月"
        assert present.visits(second.guide) == "无需到现场"  # the list says 0次


def test_repeated_names_are_listed_and_told_apart(tmp_path: Path) -> None:
    src, _, _ = _export(tmp_path, "csv")
    out = tmp_path / "out.sqlite"
    report, _ = import_source(src, out, allow_hosts=ALLOW, version=1)
    items = raw_items()
    name = items[1]["name"]
    dups = report.duplicates()
    assert [d["name"] for d in dups] == [name]
    assert {i["code"] for i in dups[0]["items"]} == {items[1]["code"], "SAMPLE-TWIN-9876"}
    assert f"{name}: " in "\n".join(report.lines())
    with Catalogue.open(out) as cat:
        twins = [h.summary for h in cat.search(name, limit=5) if h.summary.name == name]
        lines = {s.code: present.distinguish(s) for s in twins}
    # same department, no parent: the code's tail tells them apart
    assert lines == {items[1]["code"]: f"编码末4位 {items[1]['code'][-4:]}",
                     "SAMPLE-TWIN-9876": "编码末4位 9876"}


def test_strict_refuses_the_whole_file_and_leaves_the_output_alone(tmp_path: Path) -> None:
    src, _, n_rows = _export(tmp_path, "csv")
    out = tmp_path / "out.sqlite"
    out.write_bytes(b"the previous file")
    report, meta = import_source(src, out, allow_hosts=ALLOW, version=1, strict=True)
    assert meta is None and report.outcome == "refused" and report.refused == 3
    assert report.rows_read == n_rows  # every row was still read and judged
    assert out.read_bytes() == b"the previous file"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no half-built file
    assert "file refused (--strict and 3 refused rows): nothing changed" in report.lines()[-1]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    src, _, n_rows = _export(tmp_path, "xlsx")
    before = sorted(tmp_path.iterdir())
    report, meta = import_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW, version=1,
                                 dry_run=True)
    assert meta is None and report.outcome == "checked"
    assert report.imported == n_rows - 3 and report.refused == 3
    assert sorted(tmp_path.iterdir()) == before


def test_a_file_whose_every_row_is_refused_changes_nothing(tmp_path: Path) -> None:
    items = raw_items()[:6]
    rows, _ = report_rows(items)
    for r in rows:
        r[4] = "http://www.example-city.gov.cn/"
    src = write_csv(tmp_path / "清单.csv", REPORT_HEADER, rows)
    out = tmp_path / "out.sqlite"
    report, meta = import_source(src, out, allow_hosts=ALLOW, version=1)
    assert meta is None and report.outcome == "refused" and report.imported == 0
    assert not out.exists()


def test_http_refused_by_setting_names_the_setting(tmp_path: Path) -> None:
    src, _, _ = _export(tmp_path, "csv")
    report, _ = import_source(src, tmp_path / "o.sqlite", allow_hosts=ALLOW, version=1,
                              http_links="refuse")
    assert report.causes()["url_http"] > 80
    hint = next(p.hint for p in report.problems if p.cause == "url_http")
    assert "kiosk config set catalogue.http_links upgrade" in hint
    assert report.summary()["first_problems"][0]["hint"]
