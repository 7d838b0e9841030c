"""Build catalogue snapshots from source lists, and verify snapshot files.

A snapshot is one self-contained SQLite file: items, guide, precomputed search
keys and metadata. It is built in a temporary file next to its destination and
renamed into place only when complete, so a failed build leaves nothing behind.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import itertools
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk import db, textnorm
from kiosk.errors import ImportFileError, SnapshotError
from kiosk.model import Item, RowError, SnapshotMeta, item_from_dict

log = logging.getLogger("kiosk.db")

#: A snapshot with more items than this is refused (memory on a small device).
MAX_ITEMS = 500_000
REQUIRED_META = ("version", "published_at", "source", "title", "sample", "item_count", "built_at")


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
        from kiosk import importer

        return importer.read_table(path)
    raise ImportFileError(f"unsupported file type {suffix!r} (use .jsonl, .csv or .xlsx)",
                          path=str(path))


@functools.lru_cache(maxsize=4096)
def _cached_key(field: str, text: str) -> db.SearchKey | None:
    return _key(field, text)


def _key(field: str, text: str) -> db.SearchKey | None:
    norm = textnorm.normalize(text)
    if not norm:
        return None
    variants = textnorm.pinyin_variants(norm)
    return db.SearchKey(
        field=field,
        norm=norm,
        initials="|".join(dict.fromkeys(textnorm.initials(v) for v in variants)),
    )


def search_keys(item: Item) -> list[db.SearchKey]:
    """The searchable texts of an item, folded, with the initials of every reading."""
    keys = [_key("name", item.name)]
    keys += [_key("alias", a) for a in item.aliases]
    # keywords and department names repeat across items: cache them
    keys += [_cached_key("keyword", k) for k in item.keywords]
    keys.append(_cached_key("department", item.department))
    return [k for k in keys if k is not None]


#: Rows per unit of work; after the first chunk, large sources fan out over the cores.
_CHUNK = 2000

_Processed = list[tuple[int, Item | RowError, list[db.SearchKey]]]


def _process_chunk(chunk: list[tuple[int, dict[str, Any]]], allow_hosts: Sequence[str]) -> _Processed:
    """Validate rows and compute their search keys (runs in a worker for big sources)."""
    out: _Processed = []
    for row_no, row in chunk:
        try:
            item = item_from_dict(row, allow_hosts=allow_hosts)
        except RowError as exc:
            out.append((row_no, exc, []))
            break  # the first bad row stops the build
        out.append((row_no, item, search_keys(item)))
    return out


def _chunks(rows: Iterator[tuple[int, dict[str, Any]]]) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    while chunk := list(itertools.islice(rows, _CHUNK)):
        yield chunk


def _processed(source: SourceRows, allow_hosts: Sequence[str]) -> Iterator[_Processed]:
    """Processed chunks in source order: the first here, the rest on a process pool."""
    chunks = _chunks(source.rows)
    first = next(chunks, None)
    if first is None:
        return
    yield _process_chunk(first, allow_hosts)
    second = next(chunks, None)
    if second is None:
        return
    import concurrent.futures  # builds only: the kiosk's start-up never needs a pool

    workers = max(1, min(4, os.cpu_count() or 1))
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        pending: collections.deque[concurrent.futures.Future[_Processed]] = collections.deque()
        for chunk in itertools.chain([second], chunks):
            pending.append(pool.submit(_process_chunk, chunk, list(allow_hosts)))
            if len(pending) > 2 * workers:  # bounded look-ahead keeps memory flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _validated(source: SourceRows, allow_hosts: Sequence[str]) -> Iterator[tuple[Item, list[db.SearchKey]]]:
    seen: dict[str, int] = {}
    for chunk in _processed(source, allow_hosts):
        for row_no, item, keys in chunk:
            if isinstance(item, RowError):
                exc = item
                base = exc.field.split("[")[0]
                column = (source.columns.get(exc.field) or source.columns.get(base)
                          or source.columns.get(base.split(".")[0]) or exc.field)
                raise ImportFileError(exc.reason, path=str(source.path), row=row_no, column=column)
            if item.code in seen:
                raise ImportFileError(
                    f"duplicate code {item.code!r} (first seen at row {seen[item.code]})",
                    path=str(source.path), row=row_no, column=source.columns.get("code", "code"))
            seen[item.code] = row_no
            if len(seen) > MAX_ITEMS:
                raise ImportFileError(f"more than {MAX_ITEMS} items", path=str(source.path),
                                      row=row_no)
            yield item, keys


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _meta_value(meta: dict[str, Any], key: str, default: Any) -> Any:
    value = meta.get(key, default)
    return default if value in (None, "") else value


def build(
    items: Iterable[tuple[Item, list[db.SearchKey]]],
    out: Path,
    *,
    meta: dict[str, Any],
) -> SnapshotMeta:
    """Write a complete snapshot to ``out`` atomically (temp file, fsync, rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".building")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = db.create(tmp)
        chars: set[str] = set()

        def noting_chars() -> Iterator[tuple[Item, list[db.SearchKey]]]:
            for item, keys in items:
                for k in keys:
                    chars.update(k.norm)
                yield item, keys

        try:
            count = db.write_items(conn, noting_chars())
            db.write_char_readings(
                conn, {c: textnorm.readings(c) for c in chars if textnorm.is_cjk(c)})
            version = int(meta["version"])
            final = {
                "version": str(version),
                "published_at": str(meta["published_at"]),
                "source": str(meta["source"]),
                "title": str(meta["title"]),
                "sample": "1" if meta["sample"] else "0",
                "item_count": str(count),
                "built_at": _now(),
            }
            db.write_meta(conn, final)
            conn.execute("ANALYZE")
            conn.execute("VACUUM")
        finally:
            conn.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
        dir_fd = os.open(out.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return _meta_from(final, db.SCHEMA_VERSION)


def build_from_source(
    source: Path,
    out: Path,
    *,
    allow_hosts: Sequence[str],
    version: int | None = None,
    sample: bool | None = None,
) -> SnapshotMeta:
    """Import a source list (.jsonl/.csv/.xlsx) into a snapshot at ``out``.

    Every row is validated; the first bad row stops the build with an error
    naming file, row and column, and ``out`` is left as it was.
    """
    src = open_source(source)
    meta: dict[str, Any] = {
        "version": version if version is not None else _meta_value(
            src.meta, "version", int(datetime.now(UTC).strftime("%Y%m%d%H%M"))),
        "published_at": _meta_value(src.meta, "published_at", _now()),
        "source": _meta_value(src.meta, "source", source.name),
        "title": _meta_value(src.meta, "title", source.stem),
        "sample": bool(src.meta.get("sample", False)) if sample is None else sample,
    }
    try:
        meta["version"] = int(meta["version"])
    except (TypeError, ValueError):
        raise ImportFileError(f"_meta.version must be a whole number, got {meta['version']!r}",
                              path=str(source), row=1) from None
    try:
        result = build(_validated(src, allow_hosts), out, meta=meta)
    finally:
        src.close()
    if result.item_count == 0:
        out.unlink(missing_ok=True)
        raise ImportFileError("contains no items", path=str(source))
    log.info("built snapshot %s: version %s, %d items", out, result.version, result.item_count)
    return result


def _meta_from(meta: dict[str, str], schema_version: int) -> SnapshotMeta:
    return SnapshotMeta(
        version=int(meta["version"]),
        published_at=meta["published_at"],
        source=meta["source"],
        title=meta["title"],
        sample=meta["sample"] == "1",
        item_count=int(meta["item_count"]),
        schema_version=schema_version,
        built_at=meta["built_at"],
    )


def read_meta(conn: sqlite3.Connection, path: Path) -> SnapshotMeta:
    """Metadata of an open snapshot; SnapshotError if it is missing or malformed."""
    try:
        meta = db.read_meta(conn)
    except sqlite3.DatabaseError as exc:
        raise SnapshotError(f"{path}: cannot read metadata ({exc})") from None
    missing = [k for k in REQUIRED_META if k not in meta]
    if missing:
        raise SnapshotError(f"{path}: metadata lacks {', '.join(missing)}")
    try:
        return _meta_from(meta, db.schema_version(conn))
    except ValueError as exc:
        raise SnapshotError(f"{path}: malformed metadata ({exc})") from None


def verify_snapshot(path: Path, *, allow_hosts: Sequence[str], full: bool = True) -> SnapshotMeta:
    """Check a snapshot file before it is trusted; raise SnapshotError naming the problem.

    quick_check, schema version, metadata, and (``full``) every row re-validated
    with the same rules as the importer, including the URL allow-list.
    """
    conn = db.open_readonly(path)
    try:
        problems = db.check(conn, "quick_check")
        if problems:
            raise SnapshotError(f"{path}: SQLite quick_check failed: {problems[0]}")
        version = db.schema_version(conn)
        if version != db.SCHEMA_VERSION:
            raise SnapshotError(
                f"{path}: schema version {version}, this kiosk reads version {db.SCHEMA_VERSION}")
        meta = read_meta(conn, path)
        try:
            count = db.count_items(conn)
        except sqlite3.DatabaseError as exc:
            raise SnapshotError(f"{path}: cannot read items ({exc})") from None
        if count != meta.item_count:
            raise SnapshotError(f"{path}: metadata says {meta.item_count} items, file has {count}")
        if count == 0 or count > MAX_ITEMS:
            raise SnapshotError(f"{path}: item count {count} outside 1..{MAX_ITEMS}")
        if full:
            try:
                for _, item in db.iter_item_rows(conn):
                    try:
                        item_from_dict(dataclasses.asdict(item), allow_hosts=allow_hosts)
                    except RowError as exc:
                        raise SnapshotError(f"{path}: item {item.code!r}: {exc}") from None
            except sqlite3.DatabaseError as exc:
                raise SnapshotError(f"{path}: cannot read items ({exc})") from None
        return meta
    finally:
        conn.close()
