"""Official-export shapes made from a raw copy of the bundled sample, for import tests.

The raw copy has what a published 实施清单 has and nothing the sample adds by hand: no
aliases, keywords, themes, hot ranks or guide fields. The shapes are the ones real exports
come in: title rows above the header, the list on a second sheet, header spellings with
full-width brackets, spaces and line breaks, and parent/child (业务办理项) rows whose parent
columns are merged (XLSX) or left blank under the first row (CSV).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl

from kiosk.paths import SAMPLE_SOURCE

#: Header cells as exports write them (each folds to a name the importer knows).
PLAIN = ["事项名称", "实施编码", "实施主体", "服务对象", "计算机端在线办理地址", "事项状态"]
VARIANT = ["事项\n名称", "实施编码 ", "实施主体名称", "服务 对象", "计算机端在线办理地址", "事项状态"]
PARENT_CHILD = ["事项名称", "实施编码", "事项名称（业务办理项）", "业务办理项编码", "实施主体名称",
                "服务对象", "计算机端在线办理地址"]
TITLE_ROWS = [["《示例市2026年度自助办事项清单》（示例数据，非官方）"], ["填报单位：示例", "", "导出时间：2026-11-30"]]


def raw_items() -> list[dict[str, Any]]:
    """The sample's items with only the fields an official list carries."""
    out = []
    with SAMPLE_SOURCE.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if "_meta" in row:
                continue
            out.append({
                "name": row["name"], "code": row["code"], "department": row["department"],
                "service_object": "、".join(row.get("service_object", [])),
                "pc_url": row.get("pc_url", ""), "status": "在用",
            })
    return out


def plain_rows(items: list[dict[str, Any]]) -> list[list[str]]:
    return [[i["name"], i["code"], i["department"], i["service_object"], i["pc_url"], i["status"]]
            for i in items]


def parent_child_rows(items: list[dict[str, Any]], per_parent: int = 3) -> list[list[str]]:
    """Groups of items become the 业务办理项 of one parent named after the first of the group.

    Only the first row of a group writes the parent's columns; the rest leave them blank (a CSV
    of merged cells). The sub-item keeps the item's own name and code.
    """
    rows = []
    for start in range(0, len(items), per_parent):
        group = items[start:start + per_parent]
        parent = f"{group[0]['name']}等{len(group)}项"
        for n, i in enumerate(group):
            first = n == 0
            rows.append([parent if first else "", f"PARENT-{start:04d}" if first else "",
                         i["name"], i["code"], i["department"] if first else "",
                         i["service_object"], i["pc_url"]])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, encoding: str = "utf-8-sig",
              title: bool = False) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        if title:
            w.writerows(TITLE_ROWS)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[str]], *, title: bool = False,
               second_sheet: bool = False, merge_parents: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if second_sheet:
        ws.title = "填报说明"
        ws.append(["本表为示例数据，非官方清单。"])
        ws = wb.create_sheet("事项清单")
    if title:
        for r in TITLE_ROWS:
            ws.append(r)
    ws.append(header)
    first_data = ws.max_row + 1
    for r in rows:
        ws.append(r)
    if merge_parents:
        # Merge each parent's blank continuation cells into its first row, column by column.
        parent_cols = [c for c, h in enumerate(header, start=1)
                       if h in ("事项名称", "实施编码", "实施主体名称")]
        row = first_data
        last = ws.max_row
        while row <= last:
            end = row
            while end + 1 <= last and not ws.cell(row=end + 1, column=parent_cols[0]).value:
                end += 1
            if end > row:
                for col in parent_cols:
                    ws.merge_cells(start_row=row, start_column=col, end_row=end, end_column=col)
            row = end + 1
    wb.save(path)
    return path


#: A raw export as a district publishes it: http links, 实施主体名称, the service facts as free
#: text (the way 实施清单 write them), and the faults real lists have.
REPORT_HEADER = ["事项名称", "实施编码", "实施主体名称", "服务对象", "计算机端在线办理地址",
                 "承诺办结时限", "到办事现场次数", "事项状态"]
#: (承诺办结时限, 到办事现场次数) written on the rows in turn.
FACT_TEXTS = [("当场办结", "1次"), ("3个月", "0次"), ("1.5个工作日", "最多跑一次"), ("30日", "1"),
              ("5个工作日", ""), ("5", "2次"), ("", ""), ("详见窗口公示", "")]


def report_rows(items: list[dict[str, Any]]) -> tuple[list[list[str]], dict[str, int]]:
    """Rows of :data:`REPORT_HEADER` with every link http://, facts as text, and faults: a link
    off the allow-list, an empty name, a code given twice and a name given twice (its own code).
    Returns the rows and the 1-based file row of each fault (the header is row 1)."""
    rows = []
    for n, i in enumerate(items):
        promise, visits = FACT_TEXTS[n % len(FACT_TEXTS)]
        url = i["pc_url"].replace("https://", "http://", 1)
        rows.append([i["name"], i["code"], i["department"], i["service_object"], url, promise,
                     visits, i["status"]])
    faults = {"off_list": 4, "empty_name": 6, "duplicate_code": len(rows) + 2,
              "duplicate_name": len(rows) + 3}
    rows[faults["off_list"] - 2][4] = "http://www.example-city.gov.cn/guide/1"
    rows[faults["empty_name"] - 2][0] = ""
    again = list(rows[0])
    rows.append(again)  # the first item's code again
    twin = list(rows[1])
    twin[1] = "SAMPLE-TWIN-9876"
    rows.append(twin)  # the second item's name again, with its own code, same department
    return rows, faults
