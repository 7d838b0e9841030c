"""Publishing side: a static TUF repository holding the signed catalogue snapshot.

Layout of a repository directory (serve it with any HTTP server or CDN, or copy
it to a USB stick)::

    metadata/1.root.json, 2.root.json, ...   every root version (key rotation chain)
    metadata/root.json                        the newest root (the technician's trust root)
    metadata/<n>.targets.json, <n>.snapshot.json   consistent snapshots
    metadata/timestamp.json                   short-lived, re-signed by a cron job
    targets/<sha256>.catalogue.sqlite         the snapshot, named by its hash

Files are written in dependency order (target, targets, snapshot, timestamp), each
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

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.model import SnapshotMeta
from kiosk.catalogue.verify import verify_snapshot
from kiosk.errors import KnownError
from kiosk.fsutil import write_bytes_atomic

log = logging.getLogger("kiosk.sync")

ROLES = (Root.type, Targets.type, Snapshot.type, Timestamp.type)
#: The one target: the catalogue snapshot (SQLite).
TARGET_NAME = "catalogue.sqlite"
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

    exit_code = 7


@dataclass(frozen=True)
class PublishResult:
    meta: SnapshotMeta
    sha256: str
    length: int
    timestamp_version: int


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
        data = md.to_bytes(JSONSerializer(compact=False))
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

    def add_snapshot_file(self, snapshot_file: Path, meta: SnapshotMeta) -> TargetFile:
        target = TargetFile.from_file(TARGET_NAME, str(snapshot_file), ["sha256"])
        target.unrecognized_fields["custom"] = {
            "version": meta.version,
            "item_count": meta.item_count,
            "schema_version": meta.schema_version,
            "published_at": meta.published_at,
        }
        digest = target.hashes["sha256"]
        dest = self.targets_dir / f"{digest}.{TARGET_NAME}"
        if not dest.exists():
            self.targets_dir.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(f".{dest.name}.tmp")
            with snapshot_file.open("rb") as src, tmp.open("wb") as out:
                while block := src.read(1 << 20):
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, dest)
        with self.edit_targets() as targets:
            targets.targets[TARGET_NAME] = target
        self.do_snapshot()
        self.do_timestamp()
        self._prune_targets()
        return target

    def _prune_targets(self) -> None:
        files = sorted(self.targets_dir.glob(f"*.{TARGET_NAME}"), key=lambda p: p.stat().st_mtime)
        current = self.current_target()
        keep_name = f"{current.hashes['sha256']}.{TARGET_NAME}" if current else ""
        for old in files[:-KEEP_TARGET_FILES]:
            if old.name != keep_name:
                old.unlink(missing_ok=True)


def open_repository(
    repo_dir: Path, keys_dir: Path, expiry: Mapping[str, timedelta] | None = None
) -> FileRepository:
    """Open (or create, if empty) the repository in ``repo_dir`` with the keys in ``keys_dir``."""
    repo = FileRepository(repo_dir, load_signers(keys_dir), expiry)
    if not repo.exists():
        log.info("creating new repository in %s", repo_dir)
        repo.create()
    return repo


def publish_snapshot(
    snapshot_file: Path,
    repo_dir: Path,
    keys_dir: Path,
    *,
    allow_hosts: Sequence[str] | None,
    expiry: Mapping[str, timedelta] | None = None,
    allow_older: bool = False,
) -> PublishResult:
    """Sign and publish an already built snapshot file.

    ``allow_hosts=None`` skips the publisher-side row check (tests use it to
    publish a deliberately bad snapshot and prove the kiosk rejects it).
    """
    if allow_hosts is not None:
        meta = verify_snapshot(snapshot_file, allow_hosts=allow_hosts)
    else:
        meta = verify_snapshot(snapshot_file, allow_hosts=[], full=False)
    repo = open_repository(repo_dir, keys_dir, expiry)
    current = repo.current_target()
    if current is not None and not allow_older:
        old_version = (current.custom or {}).get("version")
        if isinstance(old_version, int) and meta.version <= old_version:
            raise PublishError(
                f"catalogue version {meta.version} is not newer than the published "
                f"version {old_version}; kiosks would refuse it"
            )
    target = repo.add_snapshot_file(snapshot_file, meta)
    return PublishResult(
        meta=meta,
        sha256=target.hashes["sha256"],
        length=target.length,
        timestamp_version=repo.timestamp().version,
    )


def publish(
    source: Path,
    repo_dir: Path,
    keys_dir: Path,
    *,
    allow_hosts: Sequence[str],
    expiry: Mapping[str, timedelta] | None = None,
    version: int | None = None,
) -> PublishResult:
    """Build a snapshot from an official list (or take a built .sqlite) and publish it."""
    if source.suffix.lower() in (".sqlite", ".db"):
        return publish_snapshot(source, repo_dir, keys_dir, allow_hosts=allow_hosts, expiry=expiry)
    build_dir = repo_dir / ".build"
    build_dir.mkdir(parents=True, exist_ok=True)
    out = build_dir / TARGET_NAME
    try:
        build_from_source(source, out, allow_hosts=allow_hosts, version=version)
        return publish_snapshot(out, repo_dir, keys_dir, allow_hosts=allow_hosts, expiry=expiry)
    finally:
        out.unlink(missing_ok=True)


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
