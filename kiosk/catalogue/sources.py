"""Read the official list format (CSV or XLSX with Chinese column headers).

Columns follow the names used in 实施清单 exports and on 广东政务服务网 (see
shared/reference/catalogue.md). Each row becomes the same dict the JSON Lines
source uses, so one validator (kiosk.catalogue.model.item_from_dict) judges them all.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.errors import ImportFileError

log = logging.getLogger("kiosk.db")

# field -> accepted headers, first is canonical. Guide fields are "guide.x".
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("实施编码", "事项实施编码", "TASK_CODE", "业务办理项编码"),
    "name": ("事项名称", "TASK_NAME", "实施清单名称"),
    "department": ("实施主体", "实施部门", "DEPT_NAME", "部门名称", "进驻单位"),
    "department_code": ("实施主体编码", "实施部门编码"),
    "item_type": ("事项类型", "TASK_TYPE_TEXT"),
    "service_object": ("服务对象", "SERVE_TYPE_TEXT"),
    "aliases": ("事项别名", "别名"),
    "keywords": ("搜索关键词", "关键词"),
    "themes": ("主题分类", "主题", "事项主题"),
    "list_tags": ("清单类型", "事项标签", "清单标签"),
    "handling_types": ("办理类型", "办理方式"),
    "terminal_complete": ("是否支持终端办理", "是否支持自助终端办理", "自助终端可办结"),
    "terminal_kinds": ("终端类型", "硬件终端"),
    "pc_url": ("计算机端在线办理地址", "在线办理地址", "TRANSACT_WEB_URL"),
    "mobile_url": ("移动端办理地址", "TRANSACT_APP_URL"),
    "auth": ("身份认证方式",),
    "status": ("事项状态", "状态"),
    "hot": ("热门排序", "热门"),
    "guide.conditions": ("受理条件",),
    "guide.materials": ("申请材料", "申请材料名称"),
    "guide.steps": ("办理流程",),
    "guide.case_type": ("办件类型",),
    "guide.legal_days": ("法定办结时限", "ANTICIPATE_DAY"),
    "guide.promise_days": ("承诺办结时限", "PROMISE_DAY"),
    "guide.fee": ("收费标准", "是否收费", "IS_FEE_TEXT"),
    "guide.phone": ("咨询电话", "咨询方式", "LINK_TEL"),
    "guide.address": ("办理地点",),
    "guide.hours": ("办理时间",),
    "guide.visits": ("到办事现场次数", "到现场次数"),
}
REQUIRED = ("code", "name", "department")

_STATUS = {
    "": "valid", "在用": "valid", "有效": "valid", "正常": "valid", "valid": "valid",
    "暂停": "suspended", "暂停办理": "suspended", "suspended": "suspended",
    "取消": "cancelled", "已取消": "cancelled", "cancelled": "cancelled",
}
_OBJECTS = {"自然人": "自然人", "个人": "自然人", "法人": "法人", "企业": "法人", "法人或其他组织": "法人"}
_SPLIT = re.compile(r"[；;、,，\n]+")
_DAYS = re.compile(r"(\d+)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _list(text: str) -> list[str]:
    return [p.strip() for p in _SPLIT.split(text) if p.strip()]


def _days(text: str) -> str:
    """'20个工作日' -> '20'; '即办' -> '0'. Anything else is left for the validator to reject."""
    if text in ("", "即办", "即办件", "无"):
        return "0"
    m = _DAYS.search(text)
    return m.group(1) if m else text


def _row_to_item(cells: dict[str, str]) -> dict[str, Any]:
    """Turn one row's cells (keyed by field) into the item dict of the JSONL format."""
    item: dict[str, Any] = {}
    guide: dict[str, Any] = {}
    for field, text in cells.items():
        value: Any = text
        if field in ("aliases", "keywords", "themes", "list_tags", "handling_types",
                     "terminal_kinds", "auth"):
            value = _list(text)
        elif field == "service_object":
            value = [_OBJECTS.get(p, p) for p in _list(text)]
        elif field == "status":
            value = _STATUS.get(text, text)
        elif field == "guide.materials":
            value = [{"name": n} for n in _list(text.replace(",", "；").replace("，", "；"))]
        elif field == "guide.steps":
            value = [s.strip() for s in re.split(r"[\n；;]+", text) if s.strip()]
        elif field in ("guide.legal_days", "guide.promise_days"):
            value = _days(text)
        if field.startswith("guide."):
            guide[field[6:]] = value
        else:
            item[field] = value
    item["guide"] = guide
    return item


def _header_map(path: Path, header: list[str]) -> dict[int, str]:
    known = {h: f for f, names in HEADERS.items() for h in names}
    mapping: dict[int, str] = {}
    for idx, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        field = known.get(name)
        if field is None:
            if name:
                log.info("%s: column %s is not used by the kiosk", path.name, name)
            continue
        if field in mapping.values():
            continue  # first matching column wins (e.g. 收费标准 before 是否收费)
        mapping[idx] = field
    for field in REQUIRED:
        if field not in mapping.values():
            raise ImportFileError(
                f"required column {HEADERS[field][0]} is missing (found: {', '.join(h for h in header if h)})",
                path=str(path), row=1, column=HEADERS[field][0])
    return mapping


def _rows(path: Path, table: Iterator[list[Any]]) -> SourceRows:
    try:
        header = [_cell(c) for c in next(table)]
    except StopIteration:
        raise ImportFileError("file is empty", path=str(path)) from None
    mapping = _header_map(path, header)
    columns = {field: header[idx].strip() for idx, field in mapping.items()}
    columns.update({f.split(".", 1)[1]: c for f, c in columns.items() if f.startswith("guide.")})

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for row_no, raw in enumerate(table, start=2):
            cells = [_cell(c) for c in raw]
            if not any(cells):
                continue
            if len(cells) > len(header):
                raise ImportFileError(f"row has {len(cells)} cells but the header has {len(header)}",
                                      path=str(path), row=row_no)
            yield row_no, _row_to_item(
                {field: cells[idx] if idx < len(cells) else "" for idx, field in mapping.items()})

    return SourceRows(path=path, meta={}, rows=rows(), columns=columns)


def _csv_table(path: Path) -> Iterator[list[Any]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ImportFileError("not UTF-8 or GB18030 text", path=str(path))
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as exc:
        raise ImportFileError(f"malformed CSV ({exc})", path=str(path)) from None


def _xlsx_table(path: Path) -> Iterator[list[Any]]:
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(f"not a readable XLSX workbook ({exc})", path=str(path)) from None
    try:
        sheet = wb.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        wb.close()


def read_table(path: Path) -> SourceRows:
    """Open an official list (.csv or .xlsx) as SourceRows."""
    table = _csv_table(path) if path.suffix.lower() == ".csv" else _xlsx_table(path)
    return _rows(path, table)


@dataclasses.dataclass
class SourceRows:
    """An opened source list: its metadata and an iterator of (row number, row dict).

    ``columns`` maps an item field to the source's own column header, so an
    error can name the column the technician sees in the file.
    """

    path: Path
    meta: dict[str, Any]
    rows: Iterator[tuple[int, dict[str, Any]]]
    columns: dict[str, str] = dataclasses.field(default_factory=dict)

    def close(self) -> None:
        """Release the file now, also when reading stopped early at a bad row."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()


def read_jsonl(path: Path) -> SourceRows:
    """A JSON Lines list: optional first line ``{"_meta": {...}}``, then one item per line."""

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        with path.open("r", encoding="utf-8") as fh:
            for line_no, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                if line_no == 1 and meta:
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ImportFileError(f"not valid JSON ({exc.msg})", path=str(path),
                                          row=line_no) from None
                if not isinstance(obj, dict):
                    raise ImportFileError("expected a JSON object", path=str(path), row=line_no)
                yield line_no, obj

    meta: dict[str, Any] = {}
    try:
        with path.open("r", encoding="utf-8") as fh:
            first = fh.readline()
    except UnicodeDecodeError:
        raise ImportFileError("not UTF-8 text", path=str(path)) from None
    except OSError as exc:
        raise ImportFileError(f"cannot read file ({exc.strerror})", path=str(path)) from None
    try:
        head = json.loads(first) if first.strip() else None
    except json.JSONDecodeError:
        head = None
    if isinstance(head, dict) and isinstance(head.get("_meta"), dict):
        meta = head["_meta"]
    return SourceRows(path=path, meta=meta, rows=rows())


def open_source(path: Path) -> SourceRows:
    """Open any supported source list by its extension (.jsonl, .csv, .xlsx)."""
    if not path.is_file():
        raise ImportFileError("file does not exist", path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path)
    if suffix in (".csv", ".xlsx"):
        return read_table(path)
    raise ImportFileError(f"unsupported file type {suffix!r} (use .jsonl, .csv or .xlsx)",
                          path=str(path))
