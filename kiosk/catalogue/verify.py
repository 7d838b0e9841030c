"""Verify snapshot files before they are trusted: integrity, schema, metadata and every row."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from kiosk.catalogue import sql as db
from kiosk.catalogue.model import RowError, SnapshotMeta, item_from_dict
from kiosk.errors import SnapshotError

#: A snapshot with more items than this is refused (memory on a small device).
MAX_ITEMS = 500_000
#: Catalogue versions are whole numbers such as 2026112601 or 202612011530 (YYYYMMDDhhmm).
#: Bounded well below 2^53 (exact in JSON) and 2^63-1 (SQLite), so no signed version can
#: leave no room above it.
MAX_VERSION = 10**15 - 1
#: Largest step from the installed version: a year of minute-stamped versions is ~10^8 and
#: moving from YYYYMMDDNN to YYYYMMDDhhmm ~2*10^11. A mistaken or hostile jump can therefore
#: only move the floor by this much, and the publisher recovers by publishing above it.
MAX_VERSION_STEP = 10**12


class VersionRefused(SnapshotError):
    """A catalogue version outside the rules (older, too large, too big a step)."""


def check_version_bounds(version: int) -> None:
    """Raise VersionRefused unless ``version`` is in 1..MAX_VERSION."""
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        raise VersionRefused(f"catalogue version {version!r} outside 1..{MAX_VERSION}")


def check_version_step(version: int, installed: int | None, *, strictly_newer: bool = False) -> None:
    """The one version rule: only grows (``strictly_newer`` for a publisher), by a bounded step.

    ``installed`` is the kiosk's installed version, or for a publisher the published one;
    None (nothing yet) accepts any version within the bounds.
    """
    check_version_bounds(version)
    if installed is None:
        return
    if strictly_newer and version <= installed:
        raise VersionRefused(
            f"catalogue version {version} is not newer than the published version {installed}")
    if version < installed:
        raise VersionRefused(
            f"catalogue version {version} is older than the installed version {installed} "
            "(rollback or replayed catalogue)")
    if version - installed > MAX_VERSION_STEP:
        raise VersionRefused(
            f"catalogue version {version} jumps more than {MAX_VERSION_STEP} above "
            f"{'the published' if strictly_newer else 'the installed'} version {installed} "
            "(a mistyped or hostile version would lock out later genuine ones)")
REQUIRED_META = ("version", "published_at", "source", "title", "sample", "item_count", "built_at")


def meta_from(meta: dict[str, str], schema_version: int) -> SnapshotMeta:
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
        return meta_from(meta, db.schema_version(conn))
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
        if version not in db.READABLE_VERSIONS:
            raise SnapshotError(
                f"{path}: schema version {version}, this kiosk reads versions "
                f"{', '.join(map(str, db.READABLE_VERSIONS))}")
        meta = read_meta(conn, path)
        try:
            count = db.count_items(conn)
        except sqlite3.DatabaseError as exc:
            raise SnapshotError(f"{path}: cannot read items ({exc})") from None
        if count != meta.item_count:
            raise SnapshotError(f"{path}: metadata says {meta.item_count} items, file has {count}")
        if count == 0 or count > MAX_ITEMS:
            raise SnapshotError(f"{path}: item count {count} outside 1..{MAX_ITEMS}")
        odd = db.schema_differences(conn)
        if odd:
            raise SnapshotError(f"{path}: not a catalogue this kiosk built ({odd[0]})")
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
