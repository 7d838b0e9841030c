"""The catalogue feed's files on the kiosk: the shard cache, the space check, what a killed run left.

Shards are kept by their hash below the snapshot store (``feed/<sha256>.jsonl.gz``), so the
next small update and a repair download only what changed. TUF checks every download against
the hash and length the signed manifest gives.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tuf.api import exceptions as tuf_exc
from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater

from kiosk.catalogue import feed
from kiosk.catalogue.build import clean_unfinished
from kiosk.catalogue.store import SnapshotStore
from kiosk.paths import HomeLayout
from kiosk.sync.outcome import SyncOutcome
from kiosk.sync.problems import SyncProblem, classify
from kiosk.sync.repo import SHARD_TARGET


def clean_staging(layout: HomeLayout, store: SnapshotStore) -> None:
    """Remove what a killed run left: partial downloads and unfinished builds (we hold the lock)."""
    for stale in layout.staging_dir.glob("*.part"):
        stale.unlink(missing_ok=True)
    for stale in store.feed_dir.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    clean_unfinished(layout.staging_dir)
    clean_unfinished(store.dir)


def check_space(layout: HomeLayout, store: SnapshotStore, manifest: feed.Manifest, raw: int) -> None:
    """Refuse to start when the disk cannot hold the new shards and the built file."""
    missing = sum(sh.length for sh in manifest.shards
                  if not (store.feed_dir / f"{sh.sha256}.jsonl.gz").exists())
    need = missing + 2 * raw  # the built file is about 1.5 x the rows; keep a margin
    free = shutil.disk_usage(layout.staging_dir).free
    if free < need:
        raise SyncProblem(SyncOutcome.ERROR,
                          f"disk full: the update needs about {need // (1 << 20) + 1} MB free on "
                          f"{layout.root}'s file system, {free // (1 << 20)} MB are free")


def fetch_shards(updater: Updater, store: SnapshotStore, manifest: feed.Manifest) -> list[Path]:
    """Every shard, from the cache when its hash matches, else downloaded (TUF checks hash and length)."""
    store.feed_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for sh in manifest.shards:
        info = TargetFile(sh.length, {"sha256": sh.sha256}, SHARD_TARGET)
        path = store.feed_dir / f"{sh.sha256}.jsonl.gz"
        if updater.find_cached_target(info, str(path)) is None:
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            try:
                updater.download_target(info, filepath=str(tmp))
                os.replace(tmp, path)
            except (tuf_exc.RepositoryError, tuf_exc.DownloadError) as exc:
                raise classify(exc) from None
            finally:
                tmp.unlink(missing_ok=True)
        paths.append(path)
    return paths


def prune_feed(store: SnapshotStore, manifest: feed.Manifest) -> None:
    """Keep only the installed feed's shards (what the next small update and a repair reuse)."""
    wanted = {f"{sh.sha256}.jsonl.gz" for sh in manifest.shards}
    for path in store.feed_dir.glob("*.jsonl.gz"):
        if path.name not in wanted:
            path.unlink(missing_ok=True)

