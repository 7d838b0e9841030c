"""Read the table of an official list (CSV or XLSX) in the shapes real exports come in.

Real 实施清单 exports are not one clean header row over data: they carry a title row or two
above the header (《…事项清单》, 填报单位, 导出时间), put the list on a second sheet behind a
说明 sheet, write headers with full-width brackets, spaces or line breaks inside them
(``事项名称\\n（业务办理项）``), and merge cells vertically where one item has several
业务办理项. This module finds the header row and the sheet that holds one, folds header
spellings, and fills merged cells, so that :mod:`kiosk.catalogue.sources` sees plain rows.
It says what it did (:attr:`Table.notes`) for the import report.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from kiosk.errors import ImportFileError

#: How far down a sheet the header row is looked for (title rows above it).
HEADER_SEARCH_ROWS = 15
#: Above this size an XLSX file is read in openpyxl's streaming mode, which cannot see merged
#: cells (a full load of a large workbook takes ~50x its size in memory).
MERGED_CELL_LIMIT = 20 * 2**20
#: The same bound on what the workbook's parts expand to (a real list's XML is ~15x its file):
#: a 2 MB zip bomb expanding to 450 MB was loaded whole (1.4 GB and minutes, still going).
EXPANDED_STREAMING_LIMIT = 15 * MERGED_CELL_LIMIT
#: A workbook whose parts expand to more than this is refused before it is read (a list of
#: 100,000 items is ~200 MB of XML).
MAX_EXPANDED = 2 * 2**30
#: The longest row (a JSON Lines line) a list may have, in bytes: read at most this much before
#: refusing it, so one line of hundreds of MB (or a file with no newline) is never read whole.
#: The validator's own limits (model.MAX_TEXT …) keep a real item far below it, and the same bound
#: as a row of the signed feed (kiosk.catalogue.feed.MAX_ROW_BYTES): a longer row could not reach
#: the kiosks anyway.
MAX_ROW_BYTES = 512 * 1024

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


def fold_header(text: str) -> str:
    """A header as compared: NFKC (full-width brackets and letters folded), no white space."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def cell_text(value: Any) -> str:
    """One cell as text: whole floats without '.0', dates in ISO form, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


@dataclass
class Table:
    """The data rows under a recognised header.

    Attributes:
        header: the header cells as written in the file.
        header_row: the header's 1-based row number in its sheet or file.
        rows: (1-based row number, cells) for every row below the header.
        sheet: the sheet's name (XLSX), else None.
        notes: what was done to read this shape, for the import report.
    """

    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[str]]]
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)


class HeaderRule(Protocol):
    """What makes a row the header: the caller's list of known columns."""

    def known(self, cells: list[str]) -> int:
        """How many of the row's cells are known column names."""

    def problem(self, cells: list[str]) -> tuple[str, str | None] | None:
        """None when the row is a usable header, else what it lacks (and the column, if one)."""


@dataclass
class _Search:
    """The header search over one sheet: the header, or the likeliest row and what it lacks."""

    found: tuple[int, list[str]] | None = None
    best: tuple[int, int, list[str]] = (-1, 0, [])  # (known columns, row, cells)


def _find_header(rows: Iterator[list[str]], rule: HeaderRule) -> _Search:
    search = _Search()
    for row_no, cells in enumerate(rows, start=1):
        if row_no > HEADER_SEARCH_ROWS:
            break
        if rule.problem(cells) is None:
            search.found = (row_no, cells)
            break
        known = rule.known(cells)
        if known > search.best[0]:
            search.best = (known, row_no, cells)
    return search


def _no_header(path: Path, rule: HeaderRule, search: _Search, where: str = "") -> ImportFileError:
    known, row_no, cells = search.best
    problem = rule.problem(cells) if known > 0 else None
    if problem is not None:
        message, column = problem
        return ImportFileError(message + where, path=str(path), row=row_no, column=column)
    return ImportFileError(
        f"no header row with the list's columns in the first {HEADER_SEARCH_ROWS} rows{where}",
        path=str(path))


def _title_note(header_row: int) -> list[str]:
    if header_row == 1:
        return []
    above = header_row - 1
    return [f"header on row {header_row}: {above} title row{'s' if above > 1 else ''} above it skipped"]


def _decode_csv(path: Path) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"cannot read file ({exc.strerror})", path=str(path)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError("not UTF-8 or GB18030 text", path=str(path))  # pragma: no cover


def read_csv(path: Path, rule: HeaderRule) -> Table:
    """The table of a CSV file (UTF-8, with or without BOM, or GB18030)."""
    text, encoding = _decode_csv(path)

    def lines() -> Iterator[list[str]]:
        try:
            for raw in csv.reader(io.StringIO(text, newline="")):
                yield [cell_text(c) for c in raw]
        except csv.Error as exc:
            raise ImportFileError(f"malformed CSV ({exc})", path=str(path)) from None

    rows = lines()
    search = _find_header(rows, rule)
    if search.found is None:
        raise _no_header(path, rule, search)
    header_row, header = search.found
    notes = _title_note(header_row)
    if encoding == "gb18030":
        notes.append("read as GB18030 text")
    return Table(header=header, header_row=header_row, rows=enumerate(rows, start=header_row + 1),
                 notes=notes)


def _sheet_rows(sheet: Any) -> Iterator[list[str]]:
    for row in sheet.iter_rows(values_only=True):
        yield [cell_text(c) for c in row]


def _fill_merged(sheet: Any) -> int:
    """Give every cell of a merged range its top-left value; return the ranges filled."""
    ranges = list(sheet.merged_cells.ranges)
    for rng in ranges:
        value = sheet.cell(row=rng.min_row, column=rng.min_col).value
        sheet.unmerge_cells(str(rng))
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                sheet.cell(row=row, column=col).value = value
    return len(ranges)


def read_xlsx(path: Path, rule: HeaderRule) -> Table:
    """The table of the first sheet of a workbook that has a recognised header row."""
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(path) as z:
            # the sizes its directory declares; zipfile never expands a part beyond them
            expanded = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(f"not a readable XLSX workbook ({exc})", path=str(path)) from None
    if expanded > MAX_EXPANDED:
        raise ImportFileError(f"workbook expands to {expanded} bytes, more than the {MAX_EXPANDED} "
                              "a list needs (a zip bomb?)", path=str(path))
    streaming = path.stat().st_size > MERGED_CELL_LIMIT or expanded > EXPANDED_STREAMING_LIMIT
    try:
        wb = openpyxl.load_workbook(path, read_only=streaming, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(f"not a readable XLSX workbook ({exc})", path=str(path)) from None
    names = [ws.title for ws in wb.worksheets]
    best = _Search()
    for index, sheet in enumerate(wb.worksheets):
        merged = 0 if streaming else _fill_merged(sheet)
        rows = _sheet_rows(sheet)
        search = _find_header(rows, rule)
        if search.found is None:
            best = max(best, search, key=lambda s: s.best[0])
            continue
        header_row, header = search.found
        notes = []
        if len(names) > 1:
            skipped = [n for n in names[:index]]
            notes.append(f"sheet {sheet.title!r} of {len(names)}"
                         + (f" (no list on {', '.join(repr(n) for n in skipped)})" if skipped else ""))
        notes += _title_note(header_row)
        if merged:
            notes.append(f"{merged} merged cell range{'s' if merged > 1 else ''} filled in")
        if streaming:
            notes.append(f"large workbook (over {MERGED_CELL_LIMIT >> 20} MB, or "
                         f"{EXPANDED_STREAMING_LIMIT >> 20} MB expanded) read without "
                         "merged-cell filling")

        def data(rows: Iterator[list[str]] = rows, first: int = header_row + 1,
                 ) -> Iterator[tuple[int, list[str]]]:
            try:
                yield from enumerate(rows, start=first)
            finally:
                wb.close()

        return Table(header=header, header_row=header_row, rows=data(), sheet=sheet.title,
                     notes=notes)
    wb.close()
    where = f" (sheets: {', '.join(names)})" if len(names) > 1 else ""
    raise _no_header(path, rule, best, where)


def read_any(path: Path, rule: HeaderRule) -> Table:
    """The table of a .csv or .xlsx file."""
    if path.suffix.lower() == ".csv":
        return read_csv(path, rule)
    return read_xlsx(path, rule)
