"""The factory snapshot: the bundled sample catalogue, built on the kiosk when missing or stale.

It is part of the software, the last fallback of :meth:`kiosk.catalogue.store.SnapshotStore.open_best`:
checked against the hosts it ships with, rebuilt when the bundled source, the schema or those
hosts change (the stamp file beside it says what it was built from).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.errors import SnapshotError
from kiosk.fsutil import write_bytes_atomic
from kiosk.paths import SAMPLE_SOURCE, HomeLayout

log = logging.getLogger("kiosk.catalogue.store")  # the store's fallback: its log lines, as before


def factory_hosts() -> tuple[str, ...]:
    """The hosts the bundled sample ships with: the default ``catalogue.url_allow_hosts``."""
    from kiosk.config import KEYS

    return tuple(KEYS["catalogue.url_allow_hosts"].default)


def factory_stamp(allow_hosts: Sequence[str]) -> str:
    """What the factory snapshot was built from: the bundled source, the schema, the allow-list.

    A software update that changes the source or the schema makes the kiosk rebuild it,
    instead of serving the previous release's sample catalogue forever; so does a new
    URL allow-list, since the build is where every row is checked against it. A stat,
    not a hash, so start-up stays cheap.
    """
    from kiosk.catalogue.sql import SCHEMA_VERSION

    st = SAMPLE_SOURCE.stat()
    return f"{st.st_size}:{st.st_mtime_ns}:schema{SCHEMA_VERSION}:hosts={','.join(allow_hosts)}"


def factory_stamp_file(layout: HomeLayout) -> Path:
    path = layout.factory_snapshot
    return path.with_name(path.name + ".source")


def ensure_factory(
    layout: HomeLayout, *, rebuild: bool = False, allow_hosts: Sequence[str] | None = None
) -> Path:
    """Build the bundled sample snapshot into ``layout.factory_snapshot`` if missing or stale.

    ``allow_hosts`` defaults to the hosts it ships with (:func:`factory_hosts`), never the
    configured list: the sample is part of the software, and a kiosk whose allow-list names only
    its city's portal must still open it.
    """
    path = layout.factory_snapshot
    stamp_file = factory_stamp_file(layout)
    if allow_hosts is None:
        allow_hosts = factory_hosts()
    stamp = factory_stamp(allow_hosts)
    try:
        fresh = path.exists() and stamp_file.read_text("utf-8") == stamp
    except OSError:
        fresh = False
    if fresh and not rebuild:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    log.info("building factory snapshot from %s", SAMPLE_SOURCE)
    build_in_child(SAMPLE_SOURCE, path, allow_hosts)
    write_bytes_atomic(stamp_file, stamp.encode("utf-8"))
    return path


def build_in_child(source: Path, out: Path, allow_hosts: Sequence[str]) -> None:
    """Build ``source`` into ``out`` in a child process (``python -m kiosk.catalogue.factory``).

    The caller is usually the resident UI on a kiosk's first start: a build loads pypinyin's
    and OpenCC's tables (~70 MiB), which in the UI's own process would stay for its whole
    life. The child takes them with it when it exits.
    """
    command = [sys.executable, "-m", "kiosk.catalogue.factory", str(source), str(out), *allow_hosts]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SnapshotError(f"could not build the factory snapshot from {source}: {exc}") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        raise SnapshotError(f"could not build the factory snapshot from {source}: {said}")


def _main(argv: list[str]) -> int:
    from kiosk.catalogue.build import build_from_source
    from kiosk.errors import KnownError

    source, out, *hosts = argv
    try:
        build_from_source(Path(source), Path(out), allow_hosts=hosts)
    except KnownError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
