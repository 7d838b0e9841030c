"""One sync run on the kiosk: TUF-verify the repository, download, check, install.

The outcome is one of five, each with its own exit code (see :class:`kiosk.sync.outcome.SyncOutcome`):

* ``updated``   a new catalogue was verified and installed;
* ``unchanged`` the repository offers the catalogue already installed;
* ``offline``   network or server unavailable (no answer, time-out, HTTP 5xx, cut off,
  an HTML page such as a captive portal's login instead of the repository);
* ``rejected``  something failed verification: signatures, expiry, hashes/lengths,
  a version older than the installed one or too far above it, an oversized file, a feed
  that breaks a bound, rows that break the checks (URLs refused by kiosk.catalogue.urls,
  missing fields, duplicate codes), a file on a USB source that is not a regular file;
* ``error``     a local problem: no trust root, no source configured, disk, another run.

In every case but ``updated`` the installed catalogue is untouched. This module runs the steps
and records the result; the trust anchor and metadata cache are :mod:`kiosk.sync.trust`, the
shard cache :mod:`kiosk.sync.shards`, what a failure means :mod:`kiosk.sync.problems`.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tuf.api import exceptions as tuf_exc
from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater, UpdaterConfig

from kiosk.catalogue import feed
from kiosk.catalogue.build import build_from_feed
from kiosk.catalogue.store import SnapshotStore
from kiosk.catalogue.verify import VersionRefused, check_version_step
from kiosk.config import Config, load_config_safe
from kiosk.errors import SnapshotError
from kiosk.paths import HomeLayout
from kiosk.state import modify_state, update_state
from kiosk.sync.fetcher import KIOSK_VERSION, KioskFetcher, NetSettings
from kiosk.sync.outcome import SyncOutcome
from kiosk.sync.problems import SyncProblem, classify, known_rejection, remember_rejection
from kiosk.sync.repo import TARGET_NAME
from kiosk.sync.shards import check_space, clean_staging, fetch_shards, prune_feed
from kiosk.sync.trust import (
    check_timestamp_floor,
    metadata_cache,
    read_anchor,
    set_aside_expired_timestamp,
)

log = logging.getLogger("kiosk.sync")

@dataclass
class SyncResult:
    outcome: SyncOutcome
    message: str
    version: int | None = None
    source: str = ""
    bytes_received: int = 0
    requests_made: int = 0
    seconds: float = 0.0
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def exit_code(self) -> int:
        return self.outcome.exit_code

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"exit_code": self.exit_code}


@dataclass(frozen=True)
class SyncOptions:
    """Overrides for one run; None means "take it from the config"."""

    source: str | None = None
    net: NetSettings | None = None


def net_settings(cfg: Config) -> NetSettings:
    return NetSettings(
        connect_timeout=cfg["sync.connect_timeout"],
        read_timeout=cfg["sync.read_timeout"],
        proxy=cfg["sync.proxy"],
        ca_bundle=cfg["sync.ca_bundle"],
        total_deadline=float(cfg["sync.total_deadline_seconds"]),
    )


def base_urls(source: str) -> tuple[str, str]:
    """Metadata and targets base URLs for an http(s) URL or a directory."""
    if urlsplit(source).scheme in ("http", "https"):
        root = source.rstrip("/")
        return f"{root}/metadata/", f"{root}/targets/"
    path = Path(source).expanduser()
    if not path.is_dir():
        raise SyncProblem(
            SyncOutcome.OFFLINE, f"sync source directory {path} is not there (USB stick not mounted?)"
        )
    uri = path.resolve().as_uri().rstrip("/")
    return f"{uri}/metadata/", f"{uri}/targets/"


@contextmanager
def _sync_lock(layout: HomeLayout) -> Iterator[None]:
    layout.staging_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(layout.staging_dir / "sync.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncProblem(SyncOutcome.ERROR, "another sync is already running") from None
        yield
    finally:
        os.close(fd)


def run_sync(layout: HomeLayout, options: SyncOptions | None = None) -> SyncResult:
    """One complete sync run; never raises for known failures. Records the result in state."""
    options = options or SyncOptions()
    started = time.monotonic()
    cfg, cfg_error = load_config_safe(layout)
    if cfg_error is not None:
        log.warning("sync uses the last valid settings: %s", cfg_error)
    source = options.source or cfg["sync.source"]
    fetcher = KioskFetcher(options.net or net_settings(cfg), temp_dir=layout.staging_dir)
    try:
        layout.ensure()
        with _sync_lock(layout):
            result = _sync(layout, cfg, source, fetcher)
    except SyncProblem as exc:
        result = SyncResult(exc.outcome, exc.message)
    except OSError as exc:
        result = SyncResult(SyncOutcome.ERROR, local_problem(exc))
    except Exception as exc:  # a bug must not end the daemon or leave the lock held
        log.exception("sync failed unexpectedly")
        result = SyncResult(SyncOutcome.ERROR, f"unexpected failure ({type(exc).__name__}: {exc}); "
                                               "see the log")
    finally:
        fetcher.close()
    result = replace(
        result,
        source=source,
        bytes_received=fetcher.bytes_received,
        requests_made=fetcher.requests_made,
        seconds=round(time.monotonic() - started, 3),
    )
    # offline is routine on a kiosk; a rejection or a local error needs a technician
    log_fn = log.info if result.outcome.succeeded else log.warning
    log_fn(
        "sync %s: %s (%d bytes, %d requests)",
        result.outcome,
        result.message,
        result.bytes_received,
        result.requests_made,
    )
    _record(layout, result)
    return result


def local_problem(exc: OSError) -> str:
    """One line for a disk problem during sync (kiosk.errors.disk_message)."""
    from kiosk.errors import disk_message

    return disk_message(exc)


def _record(layout: HomeLayout, result: SyncResult) -> None:
    fields: dict[str, Any] = {
        "last_sync": {
            "at": result.at,
            "result": result.outcome,
            "message": result.message,
            "version": result.version,
        }
    }
    if result.outcome in (SyncOutcome.UPDATED, SyncOutcome.UNCHANGED):
        fields["last_success_at"] = result.at

    def change(state: dict[str, Any]) -> None:
        state.update(fields)
        counts: dict[str, Any] = dict(state.get("sync_counts") or {}) if isinstance(state.get("sync_counts"), dict) else {}
        ok = result.outcome.succeeded
        counts["ok" if ok else "failed"] = int(counts.get("ok" if ok else "failed", 0) or 0) + 1
        counts["failed_in_row"] = 0 if ok else int(counts.get("failed_in_row", 0) or 0) + 1
        state["sync_counts"] = counts

    try:
        modify_state(layout, change)
    except (OSError, ValueError) as exc:
        log.error("could not record sync result: %s", exc)


def _sync(layout: HomeLayout, cfg: Config, source: str, fetcher: KioskFetcher) -> SyncResult:
    if not source:
        raise SyncProblem(SyncOutcome.ERROR, "no sync source: set sync.source in the config or pass --source")
    anchor, bootstrap = read_anchor(layout)
    metadata_url, targets_url = base_urls(source)
    if metadata_url.startswith("file:"):
        fetcher.file_root = Path(source).expanduser().resolve()
    cache = metadata_cache(layout)
    cache.mkdir(parents=True, exist_ok=True)
    allow_hosts: list[str] = cfg["catalogue.url_allow_hosts"]
    max_bytes = cfg["sync.max_snapshot_mb"] * 1024 * 1024
    store = SnapshotStore(layout)
    clean_staging(layout, store)
    floor = set_aside_expired_timestamp(cache)

    try:
        updater = Updater(
            metadata_dir=str(cache),
            metadata_base_url=metadata_url,
            target_base_url=targets_url,
            fetcher=fetcher,
            config=UpdaterConfig(app_user_agent=f"zizhuban-kiosk/{KIOSK_VERSION}"),
            bootstrap=bootstrap,
        )
    except (tuf_exc.RepositoryError, ValueError) as exc:
        raise SyncProblem(
            SyncOutcome.ERROR,
            f"trust root {anchor} is not usable root metadata ({exc}); "
            "install the repository's root.json again",
        ) from None
    try:
        updater.refresh()
        info = updater.get_targetinfo(TARGET_NAME)
    except (tuf_exc.RepositoryError, tuf_exc.DownloadError, ValueError) as exc:
        raise classify(exc) from None
    check_timestamp_floor(cache, floor)
    if info is None:
        raise SyncProblem(SyncOutcome.REJECTED, f"the repository offers no {TARGET_NAME}")

    sha256 = info.hashes.get("sha256", "")
    if not sha256:
        raise SyncProblem(SyncOutcome.REJECTED, f"{TARGET_NAME} is signed without a sha256 hash")
    offered = _offered_version(info)
    current = store.current()
    repair = False
    if current is not None and current.feed == sha256:
        if store.current_intact():
            # installed by a kiosk with older row rules: this one may not show it
            known = known_rejection(layout, sha256, allow_hosts)
            problem = known or store.check_current(allow_hosts)
            if problem:
                if known:
                    raise SyncProblem(SyncOutcome.REJECTED, known)
                raise remember_rejection(
                    layout, sha256, allow_hosts,
                    f"the installed catalogue version {current.version} fails this kiosk's "
                    f"checks and is not shown: {problem}; publish a corrected catalogue")
            return SyncResult(SyncOutcome.UNCHANGED,
                              f"catalogue version {current.version} is up to date",
                              version=current.version)
        repair = True  # the file on disk is not what was installed: build it again
        log.warning("installed catalogue %s changed on disk since it was verified; rebuilding",
                    current.file)
    known = None if repair else known_rejection(layout, sha256, allow_hosts)
    if known:
        raise SyncProblem(SyncOutcome.REJECTED, known)

    def reject(message: str) -> SyncProblem:
        return remember_rejection(layout, sha256, allow_hosts, message)

    if offered is None:
        raise reject(f"{TARGET_NAME} is signed without a whole-number catalogue version")
    try:
        check_version_step(offered, store.installed_version())
    except VersionRefused as exc:
        raise reject(f"refusing the offered catalogue: {exc}") from None
    if info.length > feed.MAX_MANIFEST_BYTES:
        raise reject(f"catalogue manifest is {info.length} bytes, more than {feed.MAX_MANIFEST_BYTES}")

    staged = layout.staging_dir / f"catalogue-{sha256[:12]}-{os.getpid()}.part"
    manifest_file = staged.with_suffix(".manifest.part")
    try:
        try:
            updater.download_target(info, filepath=str(manifest_file))
            manifest = feed.parse_manifest(manifest_file.read_bytes())
        except (tuf_exc.RepositoryError, tuf_exc.DownloadError) as exc:
            raise classify(exc) from None
        except feed.FeedError as exc:
            raise reject(f"catalogue manifest refused: {exc}") from None
        if manifest.version != offered:
            raise reject(f"manifest says version {manifest.version}, signed metadata says {offered}")
        total = sum(sh.length for sh in manifest.shards)
        if total > max_bytes:
            raise reject(f"catalogue is {total} bytes, more than the {max_bytes} allowed "
                         "(sync.max_snapshot_mb)")
        raw = sum(sh.raw_length for sh in manifest.shards)
        if raw > 8 * max_bytes:
            raise reject(f"catalogue expands to {raw} bytes, more than 8 x sync.max_snapshot_mb")
        check_space(layout, store, manifest, raw)
        paths = fetch_shards(updater, store, manifest)
        try:
            meta = build_from_feed(manifest, paths, staged, allow_hosts=allow_hosts)
            entry = store.install(staged, meta, allow_hosts=allow_hosts, feed=sha256,
                                  replace_damaged=repair)
        except feed.FeedError as exc:
            raise reject(f"downloaded catalogue failed its checks: {_short(exc, staged)}") from None
        except SnapshotError as exc:
            raise reject(f"downloaded catalogue failed its checks: {_short(exc, staged)}") from None
        except OSError:
            raise  # the disk, not the data: error (13), tried again next run
        except Exception as exc:  # whatever hostile rows provoke is a rejection, remembered
            log.debug("building the downloaded catalogue failed", exc_info=True)
            raise reject(f"downloaded catalogue could not be read ({type(exc).__name__}: "
                         f"{str(exc)[:200]})") from None
    finally:
        staged.unlink(missing_ok=True)
        manifest_file.unlink(missing_ok=True)
    prune_feed(store, manifest)
    update_state(layout, sync_rejected=None)
    verb = "rebuilt damaged" if repair else "installed"
    return SyncResult(
        SyncOutcome.UPDATED,
        f"{verb} catalogue version {entry.version} ({meta.item_count} items)",
        version=entry.version,
    )


def _short(exc: Exception, staged: Path) -> str:
    """The error text without the staging path (meaningless to a technician)."""
    return str(exc).replace(f"{staged}: ", "").replace(str(staged), "the download")


def _offered_version(info: TargetFile) -> int | None:
    custom = info.custom
    if isinstance(custom, dict) and isinstance(custom.get("version"), int):
        return int(custom["version"])
    return None


def result_json(result: SyncResult) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False, sort_keys=True)
