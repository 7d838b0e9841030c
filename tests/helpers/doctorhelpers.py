"""A healthy $KIOSK_HOME for the doctor, status and technician-screen tests."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.catalogue.store import SnapshotStore
from kiosk.catalogue.verify import verify_snapshot
from kiosk.configedit import set_value
from kiosk.paths import HomeLayout

#: 2027-01-01 00:00 UTC: after the build date, after the sample's publication.
GOOD_TIME = 1_798_761_600.0
ALLOW_HOSTS = ["gdzwfw.gov.cn", "gz.gov.cn"]


def make_healthy(layout: HomeLayout, sample_snapshot: Path, tmp_path: Path) -> HomeLayout:
    """Configured, with an installed catalogue, a trust root, a local sync source and PDF printing."""
    source = tmp_path / "usb-repo"
    (source / "metadata").mkdir(parents=True)
    # The doctor looks for a repository's timestamp.json; the sync tests publish real ones.
    (source / "metadata" / "timestamp.json").write_text("{}", encoding="utf-8")
    set_value(layout, "kiosk.id", "GZ-TH-0001")
    set_value(layout, "kiosk.location", "天河区政务服务中心一楼")
    set_value(layout, "sync.source", str(source))
    set_value(layout, "printer.kind", "pdf")
    set_value(layout, "printer.pdf_dir", str(tmp_path / "prints"))
    staged = layout.staging_dir / "sample.sqlite"
    shutil.copyfile(sample_snapshot, staged)
    SnapshotStore(layout).install(staged, verify_snapshot(staged, allow_hosts=ALLOW_HOSTS))
    layout.trust_dir.mkdir(parents=True, exist_ok=True)
    root = {"signed": {"_type": "root", "version": 1, "expires": "2030-01-01T00:00:00Z"},
            "signatures": []}
    (layout.trust_dir / "root.json").write_text(json.dumps(root), encoding="utf-8")
    # A successful sync on record (the doctor's "last sync" check reads it).
    from kiosk.state import update_state

    update_state(layout, last_sync={"at": "2027-01-01T00:00:00+00:00", "result": "unchanged",
                                    "message": "catalogue is up to date", "version": 1},
                 last_success_at="2027-01-01T00:00:00+00:00")
    return layout


@contextmanager
def loopback_server(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[http.server.ThreadingHTTPServer]:
    """A real HTTP server on 127.0.0.1 (a free port) for the duration of the block."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
