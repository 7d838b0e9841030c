"""Publishing side: the static TUF repository on disk that holds the signed catalogue feed.

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
snapshot/timestamp bookkeeping. The keys are :mod:`kiosk.sync.signing`; validating a list and
signing it into the repository, :mod:`kiosk.sync.publishing`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
