"""The publisher's signing keys: one Ed25519 key per TUF role, made, loaded and rotated.

Keys live as unencrypted PEM files (``<role>.pem``, owner-only) in a directory the operator
keeps offline; only the timestamp key is needed for the cron job that re-signs the timestamp.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Root, Snapshot, Targets

from kiosk.sync.repo import ROLES, FileRepository, PublishError

log = logging.getLogger("kiosk.sync")


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
