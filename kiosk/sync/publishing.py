"""Publishing a catalogue: validate an official list, check it as a kiosk would, sign it.

:func:`publish` writes the feed into the repository (:class:`kiosk.sync.repo.FileRepository`)
with the keys of :mod:`kiosk.sync.signing`; :func:`refresh_timestamp` is the cron job that keeps
the short-lived timestamp fresh.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tuf.api.metadata import Timestamp

from kiosk.catalogue import feed
from kiosk.catalogue.build import Counts, build_from_feed, feed_from_source
from kiosk.catalogue.model import SnapshotMeta
from kiosk.catalogue.verify import VersionRefused, check_version_step
from kiosk.errors import SnapshotError
from kiosk.sync.repo import FileRepository, PublishError
from kiosk.sync.signing import load_signers

log = logging.getLogger("kiosk.sync")


@dataclass(frozen=True)
class PublishResult:
    meta: SnapshotMeta
    #: sha256 and length of the manifest (the signed target).
    sha256: str
    length: int
    timestamp_version: int
    #: Bytes of all shards, and of the shards this publication added.
    feed_bytes: int = 0
    new_bytes: int = 0
    upgraded_urls: int = 0


def open_repository(
    repo_dir: Path, keys_dir: Path, expiry: Mapping[str, timedelta] | None = None
) -> FileRepository:
    """Open (or create, if empty) the repository in ``repo_dir`` with the keys in ``keys_dir``."""
    repo = FileRepository(repo_dir, load_signers(keys_dir), expiry)
    if not repo.exists():
        log.info("creating new repository in %s", repo_dir)
        repo.create()
    return repo


def published_version(repo: FileRepository) -> int | None:
    current = repo.current_target()
    version = (current.custom or {}).get("version") if current is not None else None
    return version if isinstance(version, int) else None


def publish(
    source: Path,
    repo_dir: Path,
    keys_dir: Path,
    *,
    allow_hosts: Sequence[str],
    http_links: str = "upgrade",
    expiry: Mapping[str, timedelta] | None = None,
    version: int | None = None,
    allow_older: bool = False,
) -> PublishResult:
    """Validate an official list, write it as a feed, check it as a kiosk would, sign it."""
    if source.suffix.lower() in (".sqlite", ".db"):
        raise PublishError(
            f"{source}: publish the list itself (.jsonl, .csv or .xlsx); kiosks build their own "
            "catalogue file and never take a database from a publisher")
    build_dir = repo_dir / ".build"
    import shutil
    import tempfile

    build_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=build_dir))
    counts = Counts()
    try:
        manifest, files = feed_from_source(source, work, allow_hosts=allow_hosts,
                                           http_links=http_links, version=version, counts=counts)
        manifest_bytes = manifest.to_json()
        # What a kiosk does with it, here: the same parser, bounds and rows, into a throwaway file.
        try:
            feed.parse_manifest(manifest_bytes)
            meta = build_from_feed(manifest, [files[s.sha256] for s in manifest.shards],
                                   work / "check.sqlite", allow_hosts=allow_hosts)
        except SnapshotError as exc:
            raise PublishError(f"a kiosk would refuse this catalogue: {exc}") from None
        repo = open_repository(repo_dir, keys_dir, expiry)
        if not allow_older:
            try:
                check_version_step(manifest.version, published_version(repo), strictly_newer=True)
            except VersionRefused as exc:
                raise PublishError(f"{exc}; kiosks would refuse it") from None
        target, new_bytes = repo.add_feed(manifest_bytes, files, {
            "version": meta.version,
            "item_count": meta.item_count,
            "schema_version": meta.schema_version,
            "published_at": meta.published_at,
        })
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if counts.upgraded_urls:
        log.warning("%d http:// links on allowed hosts were published as https://",
                    counts.upgraded_urls)
    return PublishResult(
        meta=meta,
        sha256=target.hashes["sha256"],
        length=target.length,
        timestamp_version=repo.timestamp().version,
        feed_bytes=sum(s.length for s in manifest.shards),
        new_bytes=new_bytes,
        upgraded_urls=counts.upgraded_urls,
    )


def refresh_timestamp(
    repo_dir: Path, keys_dir: Path, expiry: Mapping[str, timedelta] | None = None
) -> int:
    """Re-sign the timestamp with a fresh expiry (cron job); return its new version.

    Only the timestamp key is needed, so the other keys can stay offline.
    """
    repo = FileRepository(repo_dir, load_signers(keys_dir, (Timestamp.type,)), expiry)
    if not repo.exists():
        raise PublishError(f"{repo_dir} is not a catalogue repository (no metadata/root.json)")
    repo.do_timestamp(force=True)
    snap = repo.snapshot()
    left = snap.expires - datetime.now(UTC)
    if left < timedelta(days=30):
        log.warning("snapshot metadata expires %s: publish again soon", snap.expires.isoformat())
    return repo.timestamp().version
