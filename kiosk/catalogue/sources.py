"""Read the official list format (CSV or XLSX with Chinese column headers).

Columns follow the names used in 实施清单 exports and on 广东政务服务网 (see
shared/reference/catalogue.md). Each row becomes the same dict the JSON Lines
source uses, so one validator (kiosk.catalogue.model.item_from_dict) judges them all.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from kiosk.catalogue import tables
from kiosk.catalogue.tables import fold_header, read_any
from kiosk.errors import ImportFileError

log = logging.getLogger("kiosk.db")

# field -> accepted headers, first is canonical. Guide fields are "guide.x".
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("实施编码", "事项实施编码", "TASK_CODE"),
    "name": ("事项名称", "TASK_NAME", "实施清单名称", "事项名称（实施清单）"),
    # Parent/child (业务办理项) exports: the sub-item's own name and code.
    "sub_code": ("业务办理项编码", "办理项编码", "子项编码"),
    "sub_name": ("业务办理项名称", "事项名称（业务办理项）", "办理项名称", "业务办理项", "子项名称"),
    "department": ("实施主体", "实施主体名称", "实施部门", "实施机构", "实施机构名称", "DEPT_NAME",
                   "部门名称", "办理部门", "进驻单位"),
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
    "guide.legal_limit": ("法定办结时限", "ANTICIPATE_DAY"),
    "guide.promise_limit": ("承诺办结时限", "PROMISE_DAY"),
    "guide.fee": ("收费标准", "是否收费", "IS_FEE_TEXT"),
    "guide.phone": ("咨询电话", "咨询方式", "LINK_TEL"),
    "guide.address": ("办理地点",),
    "guide.hours": ("办理时间",),
    "guide.visits": ("到办事现场次数", "到现场次数"),
}
#: Each of these must be there, under one of its names or (for code and name) the sub-item's.
REQUIRED = ("code", "name", "department")
_ALTERNATIVE = {"code": "sub_code", "name": "sub_name"}
#: Columns a sub-item row takes from the rows above when they are blank (merged in the export).
_PARENT_CONTEXT = ("name", "department", "department_code")
_KNOWN = {fold_header(h): f for f, names in HEADERS.items() for h in names}

_STATUS = {
    "": "valid", "在用": "valid", "有效": "valid", "正常": "valid", "valid": "valid",
    "暂停": "suspended", "暂停办理": "suspended", "suspended": "suspended",
    "取消": "cancelled", "已取消": "cancelled", "cancelled": "cancelled",
}
#: 服务对象 as lists write it -> the kiosk's two kinds. Organisations of every sort (the
#: national standard's 企业法人, 事业法人, 社会组织法人, 非法人企业, 行政机关, 其他组织) are 法人:
#: what matters at a kiosk is that the item is not for a resident (lists write "法人,其他组织").
_OBJECTS = {"自然人": "自然人", "个人": "自然人", "公民": "自然人", "法人": "法人", "企业": "法人",
            "法人或其他组织": "法人", "其他组织": "法人", "企业法人": "法人", "事业法人": "法人",
            "事业单位法人": "法人", "社会组织法人": "法人", "非法人企业": "法人", "行政机关": "法人",
            "机关法人": "法人"}
_SPLIT = re.compile(r"[；;、,，\n]+")


def _list(text: str) -> list[str]:
    return [p.strip() for p in _SPLIT.split(text) if p.strip()]


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
            value = list(dict.fromkeys(_OBJECTS.get(p, p) for p in _list(text)))
        elif field == "status":
            value = _STATUS.get(text, text)
        elif field == "guide.materials":
            value = [{"name": n} for n in _list(text.replace(",", "；").replace("，", "；"))]
        elif field == "guide.steps":
            value = [s.strip() for s in re.split(r"[\n；;]+", text) if s.strip()]
        if field.startswith("guide."):
            guide[field[6:]] = value
        else:
            item[field] = value
    item["guide"] = guide
    return item


def _fields(header: list[str]) -> dict[int, str]:
    """Column index -> item field, for the headers the kiosk knows (the first of a field wins)."""
    mapping: dict[int, str] = {}
    for idx, raw in enumerate(header):
        field = _KNOWN.get(fold_header(raw))
        if field is not None and field not in mapping.values():
            mapping[idx] = field  # first matching column wins (e.g. 收费标准 before 是否收费)
    return mapping


class _Headers:
    """The header rule of official lists (kiosk.catalogue.tables.HeaderRule)."""

    def known(self, cells: list[str]) -> int:
        return len(_fields(cells))

    def problem(self, cells: list[str]) -> tuple[str, str | None] | None:
        found = set(_fields(cells).values())
        missing = [HEADERS[f][0] for f in REQUIRED
                   if f not in found and _ALTERNATIVE.get(f) not in found]
        if not missing:
            return None
        message = (f"required column {'、'.join(missing)} is missing "
                   f"(found: {', '.join(c for c in cells if c)})")
        return message, missing[0] if len(missing) == 1 else None


class _ParentRows:
    """Turns parent/child (业务办理项) rows into items: the sub-item's own name and code, the
    parent's name kept as a search keyword, blank parent columns taken from the rows above."""

    def __init__(self) -> None:
        self.context: dict[str, str] = {}
        self.sub_items = 0

    def apply(self, cells: dict[str, str]) -> dict[str, str]:
        sub_name, sub_code = cells.pop("sub_name", ""), cells.pop("sub_code", "")
        if not sub_name and not sub_code:
            self.context = {f: cells.get(f, "") for f in _PARENT_CONTEXT}
            return cells
        for f in _PARENT_CONTEXT:
            if cells.get(f):
                self.context[f] = cells[f]
            else:
                cells[f] = self.context.get(f, "")
        parent = cells.get("name", "")
        if sub_name and sub_name != parent:
            self.sub_items += 1
            cells["name"] = sub_name
            if parent:
                cells["parent"] = parent
                keywords = cells.get("keywords", "")
                cells["keywords"] = f"{keywords}；{parent}" if keywords else parent
        if sub_code:
            cells["code"] = sub_code
        return cells


def _rows(path: Path) -> SourceRows:
    table = read_any(path, _Headers())
    header = table.header
    mapping = _fields(header)
    columns = {field: header[idx].strip() for idx, field in mapping.items()}
    columns.update({f.split(".", 1)[1]: c for f, c in columns.items() if f.startswith("guide.")})
    for own, sub in _ALTERNATIVE.items():
        columns.setdefault(own, columns.get(sub, HEADERS[own][0]))
    unused = [h for i, h in enumerate(header) if h and i not in mapping]
    if unused:
        log.info("%s: columns not used by the kiosk: %s", path.name, ", ".join(unused))
    parents = _ParentRows()
    variants = [(header[idx], HEADERS[field][0]) for idx, field in mapping.items()
                if header[idx].strip() != HEADERS[field][0]]
    source = SourceRows(path=path, meta={}, rows=iter(()), columns=columns, notes=table.notes,
                        sheet=table.sheet, header_variants=variants)

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for row_no, cells in table.rows:
                if not any(cells):
                    continue
                if len(cells) > len(header) and any(cells[len(header):]):
                    raise ImportFileError(
                        f"row has {len(cells)} cells but the header has {len(header)}",
                        path=str(path), row=row_no)
                by_field = {field: cells[idx] if idx < len(cells) else ""
                            for idx, field in mapping.items()}
                yield row_no, _row_to_item(parents.apply(by_field))
        finally:
            if parents.sub_items:
                source.notes.append(
                    f"{parents.sub_items} rows are 业务办理项 of a parent item: each keeps its own "
                    "name and code, with the parent's name as a search keyword")

    source.rows = rows()
    return source


def read_table(path: Path) -> SourceRows:
    """Open an official list (.csv or .xlsx) as SourceRows."""
    return _rows(path)


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
    #: What was done to read the file's shape (title rows, sheet, merged cells …).
    notes: list[str] = dataclasses.field(default_factory=list)
    sheet: str | None = None
    #: (header as written, the name it was read as) for each header that is not the canonical one.
    header_variants: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    def close(self) -> None:
        """Release the file now, also when reading stopped early at a bad row."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()


def _overlong(raw: bytes) -> bool:
    """``raw``, read with ``readline(MAX_ROW_BYTES + 1)``, is only the start of a longer line."""
    return len(raw) > tables.MAX_ROW_BYTES and not raw.endswith(b"\n")


def _bounded_lines(fh: BinaryIO, path: Path) -> Iterator[bytes]:
    """The file's lines, each read at most :data:`~kiosk.catalogue.tables.MAX_ROW_BYTES` (and
    its newline) at a time: a longer line is refused by its number before the rest is read."""
    limit = tables.MAX_ROW_BYTES
    line_no = 0
    while raw := fh.readline(limit + 1):
        line_no += 1
        if _overlong(raw):
            raise ImportFileError(f"line longer than the {limit} bytes a row may have "
                                  "(a row of a list is a few KB)", path=str(path), row=line_no)
        yield raw


def read_jsonl(path: Path) -> SourceRows:
    """A JSON Lines list: optional first line ``{"_meta": {...}}``, then one item per line."""

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        with path.open("rb") as fh:
            for line_no, raw in enumerate(_bounded_lines(fh, path), start=1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise ImportFileError(f"not UTF-8 text (byte {exc.start + 1} of the line)",
                                          path=str(path), row=line_no) from None
                if not line.strip():
                    continue
                if line_no == 1 and meta:
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ImportFileError(f"not valid JSON ({exc.msg})", path=str(path),
                                          row=line_no) from None
                except RecursionError:  # [[[[…]]]] deeper than the parser's stack
                    raise ImportFileError("not valid JSON (nested too deeply)", path=str(path),
                                          row=line_no) from None
                if not isinstance(obj, dict):
                    raise ImportFileError("expected a JSON object", path=str(path), row=line_no)
                yield line_no, obj

    meta: dict[str, Any] = {}
    try:
        with path.open("rb") as fh:
            raw = fh.readline(tables.MAX_ROW_BYTES + 1)
        # a first line longer than a row is no metadata (the rows then refuse it by number)
        first = "" if _overlong(raw) else raw.decode()
    except UnicodeDecodeError:
        raise ImportFileError("not UTF-8 text", path=str(path)) from None
    except OSError as exc:
        raise ImportFileError(f"cannot read file ({exc.strerror})", path=str(path)) from None
    try:
        head = json.loads(first) if first.strip() else None
    except (json.JSONDecodeError, RecursionError):
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
