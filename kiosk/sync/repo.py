"""Publishing side: a static TUF repository holding the signed catalogue snapshot.

Layout of a repository directory (serve it with any HTTP server or CDN, or copy
it to a USB stick)::

    metadata/1.root.json, 2.root.json, ...   every root version (key rotation chain)
    metadata/root.json                        the newest root (the technician's trust root)
    metadata/<n>.targets.json, <n>.snapshot.json   consistent snapshots
    metadata/timestamp.json                   short-lived, re-signed by a cron job
    targets/<sha256>.catalogue.json           the feed manifest (the one signed target)
    targets/feed/<sha256>.shard.jsonl.gz      its shards, each named by its hash

The signed target is a data feed (kiosk.catalogue.feed), never a database: kiosks build
their own catalogue file from it. The manifest is a TUF target; the shards it lists are
fetched through TUF's ``download_target`` against the hash and length the manifest gives,
so one changed item costs one shard. Before signing, the publisher builds the feed the way
a kiosk would, so it refuses what a kiosk would refuse.

Files are written in dependency order (shards, manifest, targets, snapshot, timestamp), each
via a temporary file and ``os.replace``, so a client never sees a timestamp that
refers to a file not yet written. Signing uses Ed25519 keys through
securesystemslib's ``CryptoSigner``; ``tuf.repository.Repository`` does the
snapshot/timestamp bookkeeping.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.exceptions import RepositoryError
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer
from tuf.repository import Repository

from kiosk.catalogue import feed
from kiosk.catalogue.build import Counts, build_from_feed, feed_from_source
from kiosk.catalogue.model import SnapshotMeta
from kiosk.catalogue.verify import VersionRefused, check_version_step
from kiosk.errors import ExitCode, KnownError, SnapshotError
from kiosk.fsutil import write_bytes_atomic

log = logging.getLogger("kiosk.sync")

ROLES = (Root.type, Targets.type, Snapshot.type, Timestamp.type)
#: The one target in targets metadata: the feed manifest.
TARGET_NAME = "catalogue.json"
#: The TUF path of every shard; with consistent snapshots it is fetched as
#: ``feed/<sha256>.shard.jsonl.gz``, so one name serves every shard.
SHARD_TARGET = "feed/shard.jsonl.gz"
#: How long each role's metadata stays valid after it is signed. The timestamp is
#: short so a replayed old repository is noticed; a cron job re-signs it.
DEFAULT_EXPIRY: dict[str, timedelta] = {
    Root.type: timedelta(days=365),
    Targets.type: timedelta(days=365),
    Snapshot.type: timedelta(days=365),
    Timestamp.type: timedelta(days=1),
}
#: Old snapshot files kept for clients that fetched the previous metadata.
KEEP_TARGET_FILES = 3

_SIGNED_INIT = {
    Root.type: Root,
    Targets.type: Targets,
    Snapshot.type: Snapshot,
    Timestamp.type: Timestamp,
}


class PublishError(KnownError):
    """Publishing failed: missing or wrong keys, bad repository, older version."""

    exit_code: int = ExitCode.PUBLISH


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


# --------------------------------------------------------------------------- keys


def key_path(keys_dir: Path, role: str) -> Path:
    return keys_dir / f"{role}.pem"


def init_keys(keys_dir: Path) -> dict[str, str]:
    """Generate one Ed25519 key per top-level role into ``keys_dir``; return keyids.

    Refuses to overwrite existing keys (losing the root key means re-installing
    the trust root on every kiosk).
    """
    existing = [r for r in ROLES if key_path(keys_dir, r).exists()]
    if existing:
        raise PublishError(
            f"{keys_dir} already holds keys ({', '.join(existing)}); refusing to overwrite them"
        )
    keys_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(keys_dir, 0o700)
    ids = {}
    for role in ROLES:
        signer = CryptoSigner.generate_ed25519()
        path = key_path(keys_dir, role)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(signer.private_bytes)
        ids[role] = signer.public_key.keyid
    log.info("generated keys for %s in %s", ", ".join(ROLES), keys_dir)
    return ids


def load_signer(path: Path) -> CryptoSigner:
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise PublishError(f"cannot read key {path} ({exc.strerror})") from None
    try:
        return CryptoSigner(load_pem_private_key(pem, None))
    except (ValueError, TypeError) as exc:
        raise PublishError(f"{path} is not an unencrypted PEM private key ({exc})") from None


def load_signers(keys_dir: Path, roles: Sequence[str] = ROLES) -> dict[str, CryptoSigner]:
    return {role: load_signer(key_path(keys_dir, role)) for role in roles}


# --------------------------------------------------------------------------- repository


class FileRepository(Repository):
    """A TUF repository in a directory, signed with the given signers."""

    def __init__(
        self,
        repo_dir: Path,
        signers: Mapping[str, CryptoSigner],
        expiry: Mapping[str, timedelta] | None = None,
    ) -> None:
        self.dir = repo_dir
        self.metadata_dir = repo_dir / "metadata"
        self.targets_dir = repo_dir / "targets"
        #: Keys that sign each role's next version (a root rotation signs with old and new).
        self.signers: dict[str, list[CryptoSigner]] = {r: [s] for r, s in signers.items()}
        self.expiry = DEFAULT_EXPIRY | dict(expiry or {})

    def _latest_path(self, role: str) -> Path:
        return self.metadata_dir / f"{role}.json"

    def exists(self) -> bool:
        return self._latest_path(Root.type).exists()

    def open(self, role: str) -> Metadata:
        path = self._latest_path(role)
        if not path.exists():
            md: Metadata = Metadata(_SIGNED_INIT[role]())
            md.signed.version = 0  # close() bumps it to 1
            return md
        try:
            return Metadata.from_file(str(path))
        except (RepositoryError, OSError, ValueError) as exc:
            raise PublishError(f"{path}: unreadable repository metadata ({exc})") from None

    def close(self, role: str, md: Metadata) -> None:
        md.signed.version += 1
        md.signed.expires = datetime.now(UTC).replace(microsecond=0) + self.expiry[role]
        md.signatures.clear()
        signers = self.signers.get(role)
        if not signers:
            raise PublishError(f"no {role} key loaded; cannot sign {role} metadata")
        for signer in signers:
            md.sign(signer, append=True)
        self._check_signed(role, md)
        data = md.to_bytes(JSONSerializer(compact=True))  # a changed item costs targets.json
        version = md.signed.version
        if role in (Root.type, Targets.type, Snapshot.type):
            write_bytes_atomic(self.metadata_dir / f"{version}.{role}.json", data)
        write_bytes_atomic(self._latest_path(role), data)
        log.info("signed %s metadata version %d", role, version)

    def _check_signed(self, role: str, md: Metadata) -> None:
        """Never write metadata a client would reject (e.g. keys not in root)."""
        if role == Root.type:
            assert isinstance(md.signed, Root)
            prev = self.root() if self.exists() else None
            ok = bool(md.signed.get_root_verification_result(prev, md.signed_bytes, md.signatures))
        else:
            ok = bool(self.root().get_verification_result(role, md.signed_bytes, md.signatures))
        if not ok:
            raise PublishError(
                f"the {role} key in use is not the one the repository root trusts; "
                "use the keys directory this repository was created with"
            )

    @property
    def targets_infos(self) -> dict[str, MetaFile]:
        return {f"{Targets.type}.json": MetaFile(self.targets().version)}

    @property
    def snapshot_info(self) -> MetaFile:
        return MetaFile(self.snapshot().version)

    def create(self) -> None:
        """Write root version 1 (consistent snapshots, one key per role) and empty roles."""
        with self.edit_root() as root:
            root.consistent_snapshot = True
            for role in ROLES:
                root.add_key(self.signers[role][0].public_key, role)
        with self.edit_targets():
            pass
        self.do_snapshot(force=True)
        self.do_timestamp(force=True)

    def current_target(self) -> TargetFile | None:
        if not self.exists():
            return None
        return self.targets().targets.get(TARGET_NAME)

    def shard_path(self, digest: str) -> Path:
        return self.targets_dir / "feed" / f"{digest}.shard.jsonl.gz"

    def add_feed(self, manifest_bytes: bytes, shard_files: Mapping[str, Path],
                 custom: dict[str, object]) -> tuple[TargetFile, int]:
        """Copy shards and manifest into targets/, sign them; return (target, new shard bytes).

        No checks here: :func:`publish` checks first (tests call this to forge bad feeds).
        """
        new_bytes = 0
        for digest, path in shard_files.items():
            dest = self.shard_path(digest)
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                data = path.read_bytes()
                write_bytes_atomic(dest, data)
                new_bytes += len(data)
        target = TargetFile.from_data(TARGET_NAME, manifest_bytes, ["sha256"])
        target.unrecognized_fields["custom"] = custom
        digest = target.hashes["sha256"]
        write_bytes_atomic(self.targets_dir / f"{digest}.{TARGET_NAME}", manifest_bytes)
        with self.edit_targets() as targets:
            targets.targets[TARGET_NAME] = target
        self.do_snapshot()
        self.do_timestamp()
        self._prune_targets()
        return target, new_bytes

    def _prune_targets(self) -> None:
        """Keep the newest manifests (clients may hold the previous metadata) and their shards."""
        files = sorted(self.targets_dir.glob(f"*.{TARGET_NAME}"), key=lambda p: p.stat().st_mtime)
        current = self.current_target()
        keep_name = f"{current.hashes['sha256']}.{TARGET_NAME}" if current else ""
        for old in files[:-KEEP_TARGET_FILES]:
            if old.name != keep_name:
                old.unlink(missing_ok=True)
        wanted: set[str] = set()
        for kept in self.targets_dir.glob(f"*.{TARGET_NAME}"):
            try:
                wanted |= {s.sha256 for s in feed.parse_manifest(kept.read_bytes()).shards}
            except (SnapshotError, OSError):
                continue  # a forged or foreign manifest keeps nothing alive
        for shard in (self.targets_dir / "feed").glob("*.shard.jsonl.gz"):
            if shard.name.split(".", 1)[0] not in wanted:
                shard.unlink(missing_ok=True)


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


def rotate_key(repo_dir: Path, keys_dir: Path, role: str) -> int:
    """Replace ``role``'s key: publish a new root listing the new key; return its version.

    The new root is signed by the old and the new root key, so kiosks holding any
    earlier root follow the chain (TUF root rotation). The role's metadata is then
    re-signed with its new key. The old private key is kept as ``<role>.pem.old-<keyid>``.
    """
    if role not in ROLES:
        raise PublishError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    repo = FileRepository(repo_dir, load_signers(keys_dir))
    if not repo.exists():
        raise PublishError(f"{repo_dir} is not a catalogue repository (no metadata/root.json)")
    old = repo.signers[role][0]
    new = CryptoSigner.generate_ed25519()
    pending = keys_dir / f"{role}.pem.new"
    fd = os.open(pending, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(new.private_bytes)
        fh.flush()
        os.fsync(fh.fileno())
    if role == Root.type:
        repo.signers[Root.type] = [old, new]
    with repo.edit_root() as root:
        for keyid in list(root.roles[role].keyids):
            root.revoke_key(keyid, role)
        root.add_key(new.public_key, role)
    repo.signers[role] = [new]
    if role == Targets.type:
        with repo.edit_targets():
            pass
    if role in (Targets.type, Snapshot.type):
        repo.do_snapshot(force=True)
    repo.do_timestamp(force=True)
    os.replace(key_path(keys_dir, role), keys_dir / f"{role}.pem.old-{old.public_key.keyid[:8]}")
    os.replace(pending, key_path(keys_dir, role))
    version = repo.root().version
    log.info("rotated %s key; root is now version %d", role, version)
    return version


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
