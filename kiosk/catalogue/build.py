"""Build the kiosk's own catalogue file, from a source list or from a signed feed.

A snapshot is one self-contained SQLite file the kiosk creates with its own migrations:
items, guide, search keys and metadata. It is built in a temporary file next to its
destination (``.<name>.*.building``) and renamed into place only when complete; a build
killed half-way leaves a ``.building`` file that :func:`clean_unfinished` removes at the
next run. Rows are streamed: memory and disk hold one chunk, never a second full copy.
"""

from __future__ import annotations

import collections
import dataclasses
import errno
import glob
import itertools
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.catalogue import feed, themes
from kiosk.catalogue import sql as db
from kiosk.catalogue.model import META_TEXT, Item, RowError, SnapshotMeta, item_from_dict, meta_text
from kiosk.catalogue.sources import SourceRows, open_source
from kiosk.catalogue.verify import MAX_ITEMS, check_version_bounds, meta_from
from kiosk.errors import ImportFileError, SnapshotError
from kiosk.fsutil import file_lock
from kiosk.search import gcpause
from kiosk.search import text as textnorm
from kiosk.search.keys import SearchKey, search_keys

if TYPE_CHECKING:
    from kiosk.catalogue.report import ImportReport

log = logging.getLogger("kiosk.db")



#: Rows per unit of work; after the first chunk, large sources fan out over the cores.
_CHUNK = 2000

_Processed = list[tuple[int, Item | RowError, list[SearchKey]]]


BUILDING_SUFFIX = ".building"
#: Rows an import reads at most, refused ones included (an item limit alone lets a file of
#: millions of duplicate or broken rows run for as long as it is long).
MAX_ROWS = MAX_ITEMS + 100_000


def _process_chunk(chunk: list[tuple[int, dict[str, Any]]], allow_hosts: Sequence[str],
                   http_links: str = "upgrade", stop: bool = True) -> _Processed:
    """Validate rows and compute their search keys (runs in a worker for big sources)."""
    out: _Processed = []
    with gcpause.paused():
        _process_rows(chunk, allow_hosts, http_links, out, stop)
    return out


def _process_rows(chunk: list[tuple[int, dict[str, Any]]], allow_hosts: Sequence[str],
                  http_links: str, out: _Processed, stop: bool) -> None:
    for row_no, row in chunk:
        try:
            item = item_from_dict(row, allow_hosts=allow_hosts, http_links=http_links)
        except RowError as exc:
            out.append((row_no, exc, []))
            if stop:
                break  # the first bad row stops the build
            continue
        item = themes.default().assign(item)  # a list without themes gets the lexicon's
        # The one call site of search_keys: the importer and the publisher's feed both come here.
        out.append((row_no, item, search_keys(item)))


def _upgraded(row: dict[str, Any], item: Item) -> int:
    """How many of the row's URLs the policy upgraded from http:// to https://."""
    return sum(1 for key in ("pc_url", "mobile_url")
               if isinstance(row.get(key), str) and row[key].strip()[:5].lower() == "http:"
               and getattr(item, key))


def _chunks(rows: Iterator[tuple[int, dict[str, Any]]]) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    while chunk := list(itertools.islice(rows, _CHUNK)):
        yield chunk


def _processed(source: SourceRows, allow_hosts: Sequence[str], http_links: str, stop: bool
               ) -> Iterator[_Processed]:
    """Processed chunks in source order: the first here, the rest on a process pool."""
    chunks = _chunks(source.rows)
    first = next(chunks, None)
    if first is None:
        return
    yield _process_chunk(first, allow_hosts, http_links, stop)
    second = next(chunks, None)
    if second is None:
        return
    import concurrent.futures  # builds only: the kiosk's start-up never needs a pool

    workers = max(1, min(4, os.cpu_count() or 1))
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        pending: collections.deque[concurrent.futures.Future[_Processed]] = collections.deque()
        for chunk in itertools.chain([second], chunks):
            pending.append(pool.submit(_process_chunk, chunk, list(allow_hosts), http_links, stop))
            if len(pending) > 2 * workers:  # bounded look-ahead keeps memory flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class Counts:
    """What a build noticed on the way.

    Attributes:
        upgraded_urls: URLs upgraded from http:// (catalogue.http_links).
        lexicon_themes: items the list gave no theme that got one from the theme lexicon.
        no_theme: items that have no theme at all (neither the list nor the lexicon gave one).
    """

    def __init__(self) -> None:
        self.upgraded_urls = 0
        self.lexicon_themes = 0
        self.no_theme = 0

    def count_themes(self, item: Item, listed: object) -> None:
        """Note where ``item``'s themes came from; ``listed`` is the row's own themes cell."""
        if not item.themes:
            self.no_theme += 1
        elif not listed:
            self.lexicon_themes += 1


def _column(source: SourceRows, field: str) -> str:
    """The file's own header for a RowError's field (guide.materials[2].name -> 申请材料)."""
    base = field.split("[")[0]
    return (source.columns.get(field) or source.columns.get(base)
            or source.columns.get(base.split(".")[0]) or field)


def _validated(source: SourceRows, allow_hosts: Sequence[str], http_links: str = "upgrade",
               counts: Counts | None = None, report: ImportReport | None = None
               ) -> Iterator[tuple[Item, list[SearchKey]]]:
    """Valid items in source order. Without a report the first bad row raises ImportFileError;
    with one, bad rows are refused into it and the rest go on (``report.strict``: refused rows
    make the whole file fail once every row has been read)."""
    seen: dict[str, int] = {}
    raw_rows: dict[int, dict[str, Any]] = {}
    rows = source.rows
    path = str(source.path)

    def remembering() -> Iterator[tuple[int, dict[str, Any]]]:
        for n, (row_no, row) in enumerate(rows, 1):  # keep the URL cells until the row is processed
            if n > MAX_ROWS:  # refused rows count too: a file of a million bad rows is refused
                raise ImportFileError(f"more than {MAX_ROWS} rows (at most {MAX_ITEMS} items)",
                                      path=path, row=row_no)
            raw_rows[row_no] = {k: row.get(k) for k in ("pc_url", "mobile_url", "code", "themes")}
            if report is not None:
                report.rows_read += 1
            yield row_no, row

    source = dataclasses.replace(source, rows=remembering())
    for chunk in _processed(source, allow_hosts, http_links, stop=report is None):
        for row_no, item, keys in chunk:
            raw = raw_rows.pop(row_no, {})
            if isinstance(item, Item) and item.code in seen:
                item = RowError("code", f"duplicate code {item.code!r} (first seen at row "
                                        f"{seen[item.code]})")
            if isinstance(item, RowError):
                column = _column(source, item.field)
                if report is None:
                    raise ImportFileError(item.reason, path=path, row=row_no, column=column)
                code = raw.get("code")
                report.refuse(row_no, item, column, code if isinstance(code, str) else "")
                continue
            seen[item.code] = row_no
            upgraded = _upgraded(raw, item)
            if counts is not None:
                counts.upgraded_urls += upgraded
                counts.count_themes(item, raw.get("themes"))
            if report is not None:
                report.accept(item, upgraded)
                report.note_themes(item, raw.get("themes"))
            if len(seen) > MAX_ITEMS:
                raise ImportFileError(f"more than {MAX_ITEMS} items", path=str(source.path),
                                      row=row_no)
            yield item, keys
    if report is not None and report.strict and report.refused:
        raise _StrictRefusal(f"{report.refused} rows refused (--strict)", path=path)


class _StrictRefusal(ImportFileError):
    """--strict and a row was refused: the build stops and leaves nothing behind."""


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

    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=BUILDING_SUFFIX)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = db.create(tmp)
        try:
            with gcpause.paused():
                count = db.write_items(conn, items)
            db.write_char_readings(
                conn, {c: textnorm.readings(c) for c in db.key_chars(conn) if textnorm.is_cjk(c)})
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
            conn.execute("PRAGMA cache_size = -2000")  # VACUUM's copy needs no big cache
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
    except sqlite3.OperationalError as exc:
        tmp.unlink(missing_ok=True)
        # SQLite says a full disk in its own words: as an OSError it is the one-line disk
        # message every command gives (kiosk import --install printed a traceback).
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out)) from exc
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return meta_from(final, db.SCHEMA_VERSION)


def _source_meta(src: SourceRows, source: Path, version: int | None,
                 sample: bool | None) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "version": version if version is not None else _meta_value(
            src.meta, "version", int(datetime.now(UTC).strftime("%Y%m%d%H%M"))),
        "published_at": _meta_value(src.meta, "published_at", _now()),
        "source": _meta_value(src.meta, "source", source.name[:500]),
        "title": _meta_value(src.meta, "title", source.stem[:200] or source.name[:200]),
        "sample": bool(src.meta.get("sample", False)) if sample is None else sample,
    }
    for key in META_TEXT:
        try:
            meta[key] = meta_text(key, str(meta[key]) if key != "published_at" else meta[key])
        except RowError as exc:
            raise ImportFileError(f"_meta.{exc}", path=str(source), row=1) from None
    try:
        meta["version"] = int(meta["version"])
        check_version_bounds(meta["version"])
    except (TypeError, ValueError):
        raise ImportFileError(f"_meta.version must be a whole number, got {meta['version']!r}",
                              path=str(source), row=1) from None
    except SnapshotError as exc:
        raise ImportFileError(str(exc), path=str(source), row=1) from None
    return meta


def build_from_source(source: Path, out: Path, *, allow_hosts: Sequence[str],
                      **options: Any) -> SnapshotMeta:
    """Import a source list (.jsonl/.csv/.xlsx) into a snapshot at ``out``, all or nothing.

    :func:`import_source` with ``strict``: a bad row refuses the file with an error naming
    file, row and column (the first refused), and ``out`` is left as it was. ``options`` are
    import_source's (http_links, version, sample, counts).
    """
    report, result = import_source(source, out, allow_hosts=allow_hosts, strict=True, **options)
    if report.problems:
        first = report.problems[0]
        raise ImportFileError(first.reason, path=str(source), row=first.row, column=first.column)
    if result is None:
        raise ImportFileError("contains no items", path=str(source))
    log.info("built snapshot %s: version %s, %d items", out, result.version, result.item_count)
    return result


def import_source(
    source: Path,
    out: Path,
    *,
    allow_hosts: Sequence[str],
    http_links: str = "upgrade",
    version: int | None = None,
    sample: bool | None = None,
    strict: bool = False,
    dry_run: bool = False,
    counts: Counts | None = None,
) -> tuple[ImportReport, SnapshotMeta | None]:
    """Import a source list with a report (kiosk.catalogue.report): the rows that validate are
    built into ``out``, the rest refused and listed. ``strict``: a refused row refuses the file;
    ``dry_run``: every row is read and judged, nothing is written. The snapshot meta is None
    when nothing was written; ``out`` is then left as it was.

    A file that cannot be read as a list at all (missing columns, not a table) still raises
    ImportFileError.
    """
    from kiosk.catalogue.report import ImportReport

    report = ImportReport(path=str(source), strict=strict, dry_run=dry_run)
    src = open_source(source)
    report.sheet, report.header_variants = src.sheet, list(src.header_variants)
    result: SnapshotMeta | None = None
    try:
        meta = _source_meta(src, source, version, sample)
        items = _validated(src, allow_hosts, http_links, counts=counts, report=report)
        if dry_run:
            for _ in items:
                pass
        else:
            # built beside ``out`` and moved onto it only with items in it: a file whose
            # every row is refused leaves ``out`` as it was
            staged = out.with_name(f".{out.name}.import")
            # One import into ``out``'s directory at a time (a lock on the directory itself:
            # no lock file is left beside ``out``); under it, what a killed import of the same
            # name left (its temporary build, a whole snapshot) is removed.
            out.parent.mkdir(parents=True, exist_ok=True)
            with file_lock(out.parent):
                for left in out.parent.glob(f".{glob.escape(staged.name)}.*{BUILDING_SUFFIX}"):  # build()'s temp
                    log.info("removing what a killed import left: %s", left.name)
                    left.unlink(missing_ok=True)
                result = build(items, staged, meta=meta)
                if result.item_count:
                    os.replace(staged, out)
                else:
                    staged.unlink(missing_ok=True)
                    result = None
    except _StrictRefusal:
        result = None
    finally:
        src.close()
        report.notes = list(src.notes)
    if dry_run:
        report.outcome = "checked"
    elif result is None:
        report.outcome = "refused"
    else:
        report.outcome = "imported"
        report.snapshot, report.version = str(out), result.version
    return report, result


def feed_from_source(
    source: Path,
    out_dir: Path,
    *,
    allow_hosts: Sequence[str],
    http_links: str = "upgrade",
    version: int | None = None,
    counts: Counts | None = None,
) -> tuple[feed.Manifest, dict[str, Path]]:
    """The publisher's half: validate a source list and write it as a feed (manifest, shards)."""
    src = open_source(source)
    try:
        meta = _source_meta(src, source, version, None)
        manifest, files = feed.write_feed(_validated(src, allow_hosts, http_links, counts),
                                          out_dir, meta)
    finally:
        src.close()
    if manifest.item_count == 0:
        raise ImportFileError("contains no items", path=str(source))
    return manifest, files


def _feed_rows(manifest: feed.Manifest, shard_paths: Sequence[Path], allow_hosts: Sequence[str],
               counts: Counts | None = None) -> Iterator[tuple[Item, list[SearchKey]]]:
    seen: set[str] = set()
    lexicon = themes.default()
    for index, (shard, path) in enumerate(zip(manifest.shards, shard_paths, strict=True)):
        for row, (item, keys) in enumerate(feed.iter_shard(path, shard, index, allow_hosts,
                                                               manifest.row_format), 1):
            if item.code in seen:
                raise feed.FeedError(f"shard {index + 1}, row {row}: duplicate code {item.code!r}")
            seen.add(item.code)
            themed = lexicon.assign(item)  # a feed from an older publisher may carry none
            if counts is not None:
                counts.count_themes(themed, item.themes)
            yield themed, keys


def build_from_feed(
    manifest: feed.Manifest, shard_paths: Sequence[Path], out: Path, *, allow_hosts: Sequence[str],
    counts: Counts | None = None,
) -> SnapshotMeta:
    """The kiosk's half: build its own catalogue file from a verified feed, rows streamed.

    Raises FeedError (a SnapshotError) naming the shard, row and rule; ``out`` is left as it was.
    """
    meta = manifest.meta()
    result = build(_feed_rows(manifest, shard_paths, allow_hosts, counts), out, meta=meta)
    if result.item_count != manifest.item_count:
        out.unlink(missing_ok=True)
        raise feed.FeedError(f"feed holds {result.item_count} items, manifest says "
                             f"{manifest.item_count}")
    log.info("built catalogue %s from feed: version %s, %d items", out, result.version,
             result.item_count)
    return result


def clean_unfinished(directory: Path) -> list[str]:
    """Remove builds a killed or failed run left in ``directory``; return their names."""
    removed = []
    for path in directory.glob(f".*{BUILDING_SUFFIX}"):
        try:
            path.unlink()
            removed.append(path.name)
        except OSError as exc:
            log.warning("could not remove unfinished build %s: %s", path, exc)
    return removed
