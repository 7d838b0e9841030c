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

In every case but ``updated`` the installed catalogue is untouched.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tuf.api import exceptions as tuf_exc
from tuf.api.metadata import Metadata, Root, TargetFile, Timestamp
from tuf.ngclient import Updater, UpdaterConfig

from kiosk.catalogue import feed
from kiosk.catalogue.build import build_from_feed, clean_unfinished
from kiosk.catalogue.store import SnapshotStore
from kiosk.catalogue.verify import VersionRefused, check_version_step
from kiosk.config import Config, load_config_safe
from kiosk.errors import KnownError, SnapshotError
from kiosk.paths import ASSETS_DIR, HomeLayout
from kiosk.state import modify_state, read_state, update_state
from kiosk.sync.fetcher import KIOSK_VERSION, KioskFetcher, NetSettings, UnsafeFileError
from kiosk.sync.outcome import SyncOutcome
from kiosk.sync.repo import SHARD_TARGET, TARGET_NAME

log = logging.getLogger("kiosk.sync")

TRUST_ROOT_NAME = "root.json"
#: A trust root shipped with the software image, used when none is installed in $KIOSK_HOME.
BUNDLED_TRUST_ROOT = ASSETS_DIR / "trust" / TRUST_ROOT_NAME


class SyncProblem(Exception):
    """Carries an outcome and a message out of the sync steps."""

    def __init__(self, outcome: SyncOutcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message


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


def trust_root_path(layout: HomeLayout) -> Path:
    return layout.trust_dir / TRUST_ROOT_NAME


def _metadata_cache(layout: HomeLayout) -> Path:
    return layout.trust_dir / "cache"


def install_trust_root(layout: HomeLayout, root_file: Path) -> int:
    """Install a repository's root metadata as this kiosk's trust anchor; return its version.

    The file must be valid, self-signed TUF root metadata. The metadata cache is
    cleared, so the next sync starts its chain from the new anchor.
    """
    try:
        data = root_file.read_bytes()
    except OSError as exc:
        raise KnownError(f"cannot read trust root {root_file} ({exc.strerror})") from None
    try:
        md = Metadata.from_bytes(data)
        if not isinstance(md.signed, Root):
            raise ValueError(f"it is {md.signed.type} metadata, not root")
        md.signed.verify_delegate(Root.type, md.signed_bytes, md.signatures)
    except (tuf_exc.RepositoryError, ValueError) as exc:
        raise KnownError(
            f"{root_file} is not valid self-signed TUF root metadata ({exc})"
        ) from None
    layout.trust_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(_metadata_cache(layout), ignore_errors=True)
    tmp = layout.trust_dir / f".{TRUST_ROOT_NAME}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, trust_root_path(layout))
    log.info("installed trust root version %d from %s", md.signed.version, root_file)
    return md.signed.version


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
        result = SyncResult(SyncOutcome.ERROR, local_problem(exc, layout))
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


def local_problem(exc: OSError, layout: HomeLayout) -> str:
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
    anchor = trust_root_path(layout)
    if not anchor.exists() and BUNDLED_TRUST_ROOT.exists():
        anchor = BUNDLED_TRUST_ROOT  # shipped with the kiosk image
    try:
        bootstrap = anchor.read_bytes()
    except FileNotFoundError:
        raise SyncProblem(
            SyncOutcome.ERROR,
            f"no trust root: copy the repository's root.json to {anchor} "
            "or run 'kiosk sync --trust-root FILE'",
        ) from None
    metadata_url, targets_url = base_urls(source)
    if metadata_url.startswith("file:"):
        fetcher.file_root = Path(source).expanduser().resolve()
    cache = _metadata_cache(layout)
    cache.mkdir(parents=True, exist_ok=True)
    allow_hosts: list[str] = cfg["catalogue.url_allow_hosts"]
    max_bytes = cfg["sync.max_snapshot_mb"] * 1024 * 1024
    store = SnapshotStore(layout)
    _clean_staging(layout, store)
    floor = _set_aside_expired_timestamp(cache)

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
        raise _classify(exc) from None
    _check_timestamp_floor(cache, floor)
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
            return SyncResult(SyncOutcome.UNCHANGED,
                              f"catalogue version {current.version} is up to date",
                              version=current.version)
        repair = True  # the file on disk is not what was installed: build it again
        log.warning("installed catalogue %s changed on disk since it was verified; rebuilding",
                    current.file)
    known = None if repair else _known_rejection(layout, sha256, allow_hosts)
    if known:
        raise SyncProblem(SyncOutcome.REJECTED, known)

    def reject(message: str) -> SyncProblem:
        return _reject(layout, sha256, allow_hosts, message)

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
            raise _classify(exc) from None
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
        _check_space(layout, store, manifest, raw)
        paths = _fetch_shards(updater, store, manifest)
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
    _prune_feed(store, manifest)
    update_state(layout, sync_rejected=None)
    verb = "rebuilt damaged" if repair else "installed"
    return SyncResult(
        SyncOutcome.UPDATED,
        f"{verb} catalogue version {entry.version} ({meta.item_count} items)",
        version=entry.version,
    )


def _clean_staging(layout: HomeLayout, store: SnapshotStore) -> None:
    """Remove what a killed run left: partial downloads and unfinished builds (we hold the lock)."""
    for stale in layout.staging_dir.glob("*.part"):
        stale.unlink(missing_ok=True)
    for stale in store.feed_dir.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    clean_unfinished(layout.staging_dir)
    clean_unfinished(store.dir)


def _check_space(layout: HomeLayout, store: SnapshotStore, manifest: feed.Manifest, raw: int) -> None:
    """Refuse to start when the disk cannot hold the new shards and the built file."""
    missing = sum(sh.length for sh in manifest.shards
                  if not (store.feed_dir / f"{sh.sha256}.jsonl.gz").exists())
    need = missing + 2 * raw  # the built file is about 1.5 x the rows; keep a margin
    free = shutil.disk_usage(layout.staging_dir).free
    if free < need:
        raise SyncProblem(SyncOutcome.ERROR,
                          f"disk full: the update needs about {need // (1 << 20) + 1} MB free on "
                          f"{layout.root}'s file system, {free // (1 << 20)} MB are free")


def _fetch_shards(updater: Updater, store: SnapshotStore, manifest: feed.Manifest) -> list[Path]:
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
                raise _classify(exc) from None
            finally:
                tmp.unlink(missing_ok=True)
        paths.append(path)
    return paths


def _prune_feed(store: SnapshotStore, manifest: feed.Manifest) -> None:
    """Keep only the installed feed's shards (what the next small update and a repair reuse)."""
    wanted = {f"{sh.sha256}.jsonl.gz" for sh in manifest.shards}
    for path in store.feed_dir.glob("*.jsonl.gz"):
        if path.name not in wanted:
            path.unlink(missing_ok=True)


def _set_aside_expired_timestamp(cache: Path) -> tuple[int, int] | None:
    """Move an expired cached timestamp aside; return its (version, snapshot version) floor.

    TUF keeps the cached timestamp when the server offers the same version, so an expired
    copy signed elsewhere with that version (a USB stick re-signed independently) would make
    the genuine, fresh repository look expired until the origin signed a higher version.
    The floor keeps the rollback protection the cached copy gave.
    """
    path = cache / "timestamp.json"
    try:
        md = Metadata.from_bytes(path.read_bytes())
    except (OSError, ValueError, tuf_exc.RepositoryError):
        return None
    signed = md.signed
    if not isinstance(signed, Timestamp) or not signed.is_expired():
        return None
    floor = (signed.version, signed.snapshot_meta.version)
    path.unlink(missing_ok=True)
    log.info("cached timestamp version %d has expired; taking the repository's copy", floor[0])
    return floor


def _check_timestamp_floor(cache: Path, floor: tuple[int, int] | None) -> None:
    if floor is None:
        return
    try:
        md = Metadata.from_bytes((cache / "timestamp.json").read_bytes())
    except (OSError, ValueError, tuf_exc.RepositoryError):
        return
    signed = md.signed
    if isinstance(signed, Timestamp) and (
            signed.version < floor[0] or signed.snapshot_meta.version < floor[1]):
        raise SyncProblem(SyncOutcome.REJECTED,
                          f"repository timestamp version {signed.version} is older than the "
                          f"version {floor[0]} this kiosk has seen (rollback or replay)")


def _short(exc: Exception, staged: Path) -> str:
    """The error text without the staging path (meaningless to a technician)."""
    return str(exc).replace(f"{staged}: ", "").replace(str(staged), "the download")


def _offered_version(info: TargetFile) -> int | None:
    custom = info.custom
    if isinstance(custom, dict) and isinstance(custom.get("version"), int):
        return int(custom["version"])
    return None


def _known_rejection(layout: HomeLayout, sha256: str, allow_hosts: Sequence[str]) -> str | None:
    """A file already rejected with the same settings is not downloaded again."""
    seen = read_state(layout).get("sync_rejected")
    if (
        isinstance(seen, dict)
        and seen.get("sha256") == sha256
        and seen.get("allow_hosts") == list(allow_hosts)
        and seen.get("kiosk_version") == KIOSK_VERSION
    ):
        return str(seen.get("message", "rejected earlier"))
    return None


def _reject(
    layout: HomeLayout, sha256: str, allow_hosts: Sequence[str], message: str
) -> SyncProblem:
    """A rejection, remembered so the same file is not downloaded again (see above)."""
    update_state(
        layout,
        sync_rejected={
            "sha256": sha256,
            "allow_hosts": list(allow_hosts),
            "kiosk_version": KIOSK_VERSION,
            "message": message,
        },
    )
    return SyncProblem(SyncOutcome.REJECTED, message)


def _classify(exc: Exception) -> SyncProblem:
    """Turn a TUF exception into an outcome and a message a technician can act on."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, tuf_exc.DownloadLengthMismatchError):
        return SyncProblem(SyncOutcome.REJECTED, f"download larger than its signed length: {text}")
    if isinstance(exc, UnsafeFileError):
        return SyncProblem(SyncOutcome.REJECTED, f"unsafe file on the sync source: {text}")
    if isinstance(exc, tuf_exc.DownloadHTTPError):
        if 400 <= getattr(exc, "status_code", 0) < 500:  # the source answered: nothing is there
            return SyncProblem(SyncOutcome.ERROR, f"no catalogue repository at the sync source "
                               f"({text}): check sync.source")
        return SyncProblem(SyncOutcome.OFFLINE, f"repository unavailable: {text}")
    if isinstance(exc, tuf_exc.SlowRetrievalError):
        return SyncProblem(SyncOutcome.OFFLINE, f"repository too slow or not answering: {text}")
    if isinstance(exc, tuf_exc.DownloadError):
        cause = exc.__cause__ or exc.__context__
        return SyncProblem(
            SyncOutcome.OFFLINE, f"cannot reach the repository: {text}" + (f" ({cause})" if cause else "")
        )
    if isinstance(exc, tuf_exc.ExpiredMetadataError):
        return SyncProblem(
            SyncOutcome.REJECTED,
            f"signed metadata has expired: {text}; the publisher must "
            "re-sign it ('kiosk publish --refresh-timestamp')",
        )
    if isinstance(exc, tuf_exc.LengthOrHashMismatchError):
        return SyncProblem(
            SyncOutcome.REJECTED,
            f"download does not match its signed hash/length (tampered or corrupted): {text}",
        )
    if isinstance(exc, tuf_exc.BadVersionNumberError):
        return SyncProblem(
            SyncOutcome.REJECTED,
            f"repository metadata is older than what this kiosk has "
            f"seen (rollback or replay): {text}",
        )
    if isinstance(exc, tuf_exc.UnsignedMetadataError):
        return SyncProblem(
            SyncOutcome.REJECTED,
            f"bad signature on repository metadata (tampered, or signed "
            f"with a key this kiosk does not trust): {text}",
        )
    if isinstance(exc, tuf_exc.RepositoryError):
        return SyncProblem(SyncOutcome.REJECTED, f"repository metadata failed verification: {text}")
    return SyncProblem(SyncOutcome.ERROR, f"trust root or metadata cache unusable: {text}")


def result_json(result: SyncResult) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False, sort_keys=True)
