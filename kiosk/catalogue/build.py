"""Build catalogue snapshots from source lists.

A snapshot is one self-contained SQLite file: items, guide, precomputed search
keys and metadata. It is built in a temporary file next to its destination and
renamed into place only when complete, so a failed build leaves nothing behind.
"""

from __future__ import annotations

import collections
import itertools
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.catalogue import sql as db
from kiosk.catalogue.model import Item, RowError, SnapshotMeta, item_from_dict
from kiosk.catalogue.sources import SourceRows, open_source
from kiosk.catalogue.verify import MAX_ITEMS, meta_from
from kiosk.errors import ImportFileError
from kiosk.search import text as textnorm
from kiosk.search.keys import SearchKey, search_keys

log = logging.getLogger("kiosk.db")



#: Rows per unit of work; after the first chunk, large sources fan out over the cores.
_CHUNK = 2000

_Processed = list[tuple[int, Item | RowError, list[SearchKey]]]


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


def _validated(source: SourceRows, allow_hosts: Sequence[str]) -> Iterator[tuple[Item, list[SearchKey]]]:
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
    items: Iterable[tuple[Item, list[SearchKey]]],
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

        def noting_chars() -> Iterator[tuple[Item, list[SearchKey]]]:
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
    return meta_from(final, db.SCHEMA_VERSION)


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


