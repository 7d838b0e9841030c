"""Installed catalogue snapshots and the atomic ``current``/``previous`` pointer.

Layout below ``$KIOSK_HOME/catalogue/``::

    catalogue-v<version>-<sha256[:12]>.sqlite   one read-only file per snapshot
    pointer.json                                {"current": {...}, "previous": {...}}

A snapshot is installed under a file name that has never existed before, so a file
the UI has open is never overwritten. One ``os.replace`` of ``pointer.json`` switches
``current`` and ``previous`` together: after a crash at any point the pointer names
either the old pair or the new pair, never a mix. Files no pointer names are removed
afterwards (on Linux an open file stays readable after unlink).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kiosk.errors import KnownError, SnapshotError
from kiosk.fsutil import file_lock, fsync_dir, fsync_path, write_json_atomic
from kiosk.paths import HomeLayout

if TYPE_CHECKING:
    from kiosk.catalogue.model import SnapshotMeta
    from kiosk.catalogue.reader import Catalogue

# kiosk.catalogue, kiosk.catalogue.build and kiosk.catalogue.sql (and what they import) are imported where
# they are used: the resident UI reads the pointer file before its first frame and opens
# a catalogue only after it (see kiosk.session.homecache).

log = logging.getLogger("kiosk.catalogue.store")

POINTER_NAME = "pointer.json"
SNAPSHOT_PREFIX = "catalogue-"
SNAPSHOT_SUFFIX = ".sqlite"


class SnapshotRollback(SnapshotError):
    """A snapshot older than the installed one was offered (replay or rollback)."""


class Installed(NamedTuple):
    """One installed snapshot as recorded in the pointer file (a NamedTuple: see HomeLayout)."""

    file: str
    version: int
    sha256: str
    installed_at: str
    #: The URL allow-list every row was checked against at install time (None: unknown).
    allow_hosts: tuple[str, ...] | None = None
    #: sha256 of the signed feed manifest it was built from ("" for a local import).
    feed: str = ""
    #: The row rules (kiosk.catalogue.model.RULES) it was checked under (None: older ones).
    rules: int | None = None

    @classmethod
    def from_json(cls, data: Any) -> Installed | None:
        if not isinstance(data, dict):
            return None
        hosts = data.get("allow_hosts")
        try:
            entry = cls(
                file=str(data["file"]),
                version=int(data["version"]),
                sha256=str(data["sha256"]),
                installed_at=str(data.get("installed_at", "")),
                allow_hosts=tuple(str(h) for h in hosts) if isinstance(hosts, list) else None,
                feed=str(data.get("feed") or ""),
                rules=data["rules"] if type(data.get("rules")) is int else None,
            )
        except (KeyError, TypeError, ValueError):
            return None
        # The name must stay inside catalogue/ whatever the pointer file says.
        if "/" in entry.file or not entry.file.startswith(SNAPSHOT_PREFIX):
            return None
        return entry


def _rules() -> int:
    from kiosk.catalogue.model import RULES

    return RULES


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file, read in chunks (memory stays flat for big snapshots)."""
    import hashlib  # here: _hashlib maps libcrypto (~3 MB), which the UI needs only to install

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


class SnapshotStore:
    """The installed snapshots of one ``$KIOSK_HOME``."""

    def __init__(self, layout: HomeLayout) -> None:
        self.layout = layout
        self.dir = layout.catalogue_dir
        self.pointer_file = self.dir / POINTER_NAME
        #: Shards of the current feed (``<sha256>.jsonl.gz``), reused by the next sync.
        self.feed_dir = self.dir / "feed"

    # -- reading -----------------------------------------------------------------

    def _read_pointer(self) -> tuple[Installed | None, Installed | None]:
        try:
            data = json.loads(self.pointer_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None, None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            log.error("catalogue pointer %s unreadable: %s", self.pointer_file, exc)
            return None, None
        if not isinstance(data, dict):
            return None, None
        return Installed.from_json(data.get("current")), Installed.from_json(data.get("previous"))

    def current(self) -> Installed | None:
        return self._read_pointer()[0]

    def previous(self) -> Installed | None:
        return self._read_pointer()[1]

    def current_token(self) -> str:
        """A cheap token that changes whenever a new snapshot is installed."""
        cur = self.current()
        return cur.file if cur is not None else "factory"

    def installed_version(self) -> int | None:
        cur = self.current()
        return cur.version if cur is not None else None

    def path_of(self, entry: Installed) -> Path:
        return self.dir / entry.file

    def open_best(self, allow_hosts: Sequence[str]) -> tuple[Catalogue, str, list[str]]:
        """Open current, else previous, else the factory snapshot: the first that passes.

        Returns (catalogue, origin, problems) where problems lists why better
        candidates were skipped. Raises SnapshotError if nothing opens.
        """
        problems: list[str] = []
        cur, prev = self._read_pointer()
        for origin, entry in (("current", cur), ("previous", prev)):
            if entry is None:
                continue
            # Every row was checked at install; check them again only if the allow-list or
            # the row rules changed since (a full check of 100,000 items takes seconds): a
            # list installed before the rules refused markup or bidi overrides is not shown
            # unchecked by the software that refuses them.
            rules = _rules()
            full = entry.allow_hosts != tuple(allow_hosts) or entry.rules != rules
            cat = _try_open(self.path_of(entry), allow_hosts, origin, problems, full=full,
                            sha256=entry.sha256)
            if cat is not None:
                if full:
                    self._record_checked(entry, allow_hosts, rules)
                return cat, origin, problems
        # The factory snapshot is part of the software: it is checked against the hosts it
        # ships with, not the operator's list, so narrowing the allow-list for a city's portal
        # never leaves the kiosk without a catalogue (an imported or synced one is checked
        # against the configured hosts above).
        from kiosk.catalogue.factory import ensure_factory, factory_hosts

        shipped = factory_hosts()
        try:
            factory = ensure_factory(self.layout)
        except (KnownError, OSError) as exc:
            problems.append(f"factory snapshot: {exc}")
            factory = None
        if factory is not None:
            # ensure_factory built it from the bundled source (its stamp says so), checking
            # every row then: no need to check them on each start.
            cat = _try_open(factory, shipped, "factory", problems, full=False)
            if cat is None:
                # Damaged, or its stamp lies: rebuild once.
                try:
                    ensure_factory(self.layout, rebuild=True)
                except (KnownError, OSError) as exc:
                    problems.append(f"factory snapshot rebuild: {exc}")
                else:
                    cat = _try_open(factory, shipped, "factory", problems, full=False)
            if cat is not None:
                return cat, "factory", problems
        raise SnapshotError("no usable catalogue snapshot: " + "; ".join(problems))

    def _record_checked(self, entry: Installed, allow_hosts: Sequence[str], rules: int) -> None:
        """Note in the pointer that ``entry`` passed a full check (so the next start skips it)."""
        checked = entry._replace(allow_hosts=tuple(allow_hosts), rules=rules)
        try:
            with file_lock(self.dir / ".install.lock"):
                cur, prev = self._read_pointer()
                if entry not in (cur, prev):
                    return  # a sync installed another meanwhile
                cur, prev = (checked if e == entry else e for e in (cur, prev))
                write_json_atomic(self.pointer_file, {
                    "current": cur._asdict() if cur is not None else None,
                    "previous": prev._asdict() if prev is not None else None})
        except OSError as exc:  # a read-only home: the next start checks again
            log.warning("cannot record the check of %s in %s: %s", entry.file, self.pointer_file,
                        exc.strerror or exc)

    # -- installing --------------------------------------------------------------

    def check_not_older(self, meta: SnapshotMeta) -> None:
        """Raise SnapshotRollback unless ``meta`` follows the version rule (kiosk.catalogue.verify)."""
        from kiosk.catalogue.verify import VersionRefused, check_version_step

        try:
            check_version_step(meta.version, self.installed_version())
        except VersionRefused as exc:
            raise SnapshotRollback(f"refusing it: {exc}") from None

    def current_intact(self) -> bool:
        """True when the current file is still the one installed (its sha256 as recorded)."""
        cur = self.current()
        if cur is None:
            return True
        try:
            return file_sha256(self.path_of(cur)) == cur.sha256
        except OSError:
            return False

    def check_current(self, allow_hosts: Sequence[str]) -> str | None:
        """Check every row of the current file if it was installed under other rules or hosts.

        None when it passes (recorded, so it is not checked again) or needs no check; else
        what is wrong with it: the kiosk does not show it (open_best moves on to the next).
        """
        from kiosk.catalogue.verify import verify_snapshot

        rules = _rules()
        cur = self.current()
        if cur is None or (cur.rules == rules and cur.allow_hosts == tuple(allow_hosts)):
            return None
        try:
            verify_snapshot(self.path_of(cur), allow_hosts=allow_hosts, full=True)
        except SnapshotError as exc:
            return str(exc).replace(f"{self.path_of(cur)}: ", "")
        except OSError as exc:
            return f"cannot be read ({exc.strerror or exc})"
        self._record_checked(cur, allow_hosts, rules)
        return None

    def install(
        self,
        staged_path: Path,
        meta: SnapshotMeta,
        *,
        sha256: str | None = None,
        allow_hosts: Sequence[str] | None = None,
        feed: str = "",
        replace_damaged: bool = False,
    ) -> Installed:
        """Make a verified staged snapshot the current one; the old current becomes previous.

        ``replace_damaged`` installs a rebuilt copy of the current version in place of a
        current file whose digest no longer matches (the damaged file is not kept).

        ``staged_path`` must already have passed verification (against ``allow_hosts``,
        if given); it is moved (not copied) when on the same file system. Raises
        SnapshotRollback for an older version.
        """
        digest = sha256 or file_sha256(staged_path)
        # One installer at a time (the sync job and 'kiosk import --install' may overlap).
        with file_lock(self.dir / ".install.lock"):
            return self._install_locked(staged_path, meta, digest, allow_hosts, feed,
                                        replace_damaged)

    def _install_locked(
        self,
        staged_path: Path,
        meta: SnapshotMeta,
        digest: str,
        allow_hosts: Sequence[str] | None,
        feed: str,
        replace_damaged: bool,
    ) -> Installed:
        self.check_not_older(meta)
        cur, prev = self._read_pointer()
        if cur is not None and cur.sha256 == digest:
            if self.current_intact():
                log.info("snapshot %s is already current", cur.file)
                staged_path.unlink(missing_ok=True)
                return cur
            replace_damaged = True

        target = self._fresh_name(meta.version, digest)
        fsync_path(staged_path)
        try:
            os.rename(staged_path, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            # staging on another file system: copy, then fsync the copy
            tmp = target.with_name("." + target.name + ".tmp")
            shutil.copyfile(staged_path, tmp)
            fsync_path(tmp)
            os.rename(tmp, target)
            staged_path.unlink(missing_ok=True)
        os.chmod(target, 0o444)
        fsync_dir(self.dir)

        entry = Installed(
            file=target.name,
            version=meta.version,
            sha256=digest,
            installed_at=datetime.now(UTC).isoformat(timespec="seconds"),
            allow_hosts=tuple(allow_hosts) if allow_hosts is not None else None,
            feed=feed,
            rules=_rules(),
        )
        keep = prev if replace_damaged else cur
        write_json_atomic(
            self.pointer_file,
            {"current": entry._asdict(), "previous": keep._asdict() if keep is not None else None},
        )
        log.info("installed catalogue version %d as %s", meta.version, entry.file)
        self.prune()
        return entry

    def _fresh_name(self, version: int, digest: str) -> Path:
        base = f"{SNAPSHOT_PREFIX}v{version}-{digest[:12]}"
        path = self.dir / f"{base}{SNAPSHOT_SUFFIX}"
        n = 1
        while path.exists():  # never reuse a name: the UI may hold the old file open
            path = self.dir / f"{base}-{n}{SNAPSHOT_SUFFIX}"
            n += 1
        return path

    def prune(self) -> list[str]:
        """Delete snapshot files that neither pointer names; return their names."""
        cur, prev = self._read_pointer()
        keep = {e.file for e in (cur, prev) if e is not None}
        removed = []
        for path in self.dir.glob(f"{SNAPSHOT_PREFIX}*"):
            if path.name in keep:
                continue
            try:
                path.unlink()
                removed.append(path.name)
            except OSError as exc:
                log.warning("could not remove old snapshot %s: %s", path, exc)
        for path in self.dir.glob(".*.tmp"):
            path.unlink(missing_ok=True)
        from kiosk.catalogue.build import clean_unfinished

        clean_unfinished(self.dir)
        return removed


def _try_open(
    path: Path,
    allow_hosts: Sequence[str],
    origin: str,
    problems: list[str],
    *,
    full: bool = True,
    sha256: str | None = None,
) -> Catalogue | None:
    """Open one candidate, or note why not and return None: whatever goes wrong.

    ``sha256`` is the digest recorded when the file was verified and installed: a file
    changed on disk since (a rewritten URL, a flipped bit) is skipped before it is read.
    """
    if not path.exists():
        problems.append(f"{origin} snapshot {path.name}: file missing")
        return None
    from kiosk.catalogue.reader import Catalogue
    from kiosk.catalogue.verify import verify_snapshot

    try:
        if sha256 is not None and file_sha256(path) != sha256:
            raise SnapshotError("file changed since it was verified (sha256 differs)")
        verify_snapshot(path, allow_hosts=allow_hosts, full=full)
        return Catalogue.open(path)
    except SnapshotError as exc:
        problems.append(f"{origin} snapshot {path.name}: {exc}")
    except OSError as exc:
        problems.append(f"{origin} snapshot {path.name}: {exc.strerror or exc}")
    except Exception as exc:  # any failure to open falls back to the next candidate
        # The trace is for a developer (at debug level); the technician's log gets one line.
        log.debug("unexpected failure opening %s snapshot %s", origin, path, exc_info=True)
        problems.append(f"{origin} snapshot {path.name}: cannot be opened "
                        f"({type(exc).__name__}: {str(exc)[:200]})")
    log.warning("skipping %s", problems[-1])
    return None


def in_use_summary(meta: SnapshotMeta | None, origin: str | None, problems: Sequence[str]) -> dict[str, Any]:
    """What ``kiosk status`` says of the catalogue in use (``meta`` None: nothing opens)."""
    if meta is None:
        return {"origin": None, "version": None, "item_count": None, "sample": None,
                "published_at": None, "problems": list(problems)}
    return {"origin": origin, "version": meta.version, "item_count": meta.item_count,
            "sample": meta.sample, "published_at": meta.published_at, "problems": list(problems)}
