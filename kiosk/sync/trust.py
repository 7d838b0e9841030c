"""The kiosk's trust anchor and its TUF metadata cache.

The anchor is the repository's root metadata: installed in ``$KIOSK_HOME/trust/root.json``
(``kiosk sync --trust-root FILE``), else the one shipped with the software image. The cache
beside it holds the metadata TUF has verified, the rollback protection between runs.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from tuf.api import exceptions as tuf_exc
from tuf.api.metadata import Metadata, Root, Timestamp

from kiosk.errors import KnownError
from kiosk.paths import ASSETS_DIR, HomeLayout
from kiosk.sync.outcome import SyncOutcome
from kiosk.sync.problems import SyncProblem

log = logging.getLogger("kiosk.sync")

TRUST_ROOT_NAME = "root.json"
#: A trust root shipped with the software image, used when none is installed in $KIOSK_HOME.
BUNDLED_TRUST_ROOT = ASSETS_DIR / "trust" / TRUST_ROOT_NAME


def trust_root_path(layout: HomeLayout) -> Path:
    return layout.trust_dir / TRUST_ROOT_NAME


def metadata_cache(layout: HomeLayout) -> Path:
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
    shutil.rmtree(metadata_cache(layout), ignore_errors=True)
    tmp = layout.trust_dir / f".{TRUST_ROOT_NAME}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, trust_root_path(layout))
    log.info("installed trust root version %d from %s", md.signed.version, root_file)
    return md.signed.version



def read_anchor(layout: HomeLayout) -> tuple[Path, bytes]:
    """The trust root a run starts its chain from (installed, else shipped) and its bytes."""
    anchor = trust_root_path(layout)
    if not anchor.exists() and BUNDLED_TRUST_ROOT.exists():
        anchor = BUNDLED_TRUST_ROOT  # shipped with the kiosk image
    try:
        return anchor, anchor.read_bytes()
    except FileNotFoundError:
        raise SyncProblem(
            SyncOutcome.ERROR,
            f"no trust root: copy the repository's root.json to {anchor} "
            "or run 'kiosk sync --trust-root FILE'",
        ) from None


def set_aside_expired_timestamp(cache: Path) -> tuple[int, int] | None:
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


def check_timestamp_floor(cache: Path, floor: tuple[int, int] | None) -> None:
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

