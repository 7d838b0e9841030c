"""``kiosk doctor`` on a healthy and on a broken $KIOSK_HOME; ``lpstat`` parsing."""

from __future__ import annotations

import http.server
import os
from pathlib import Path

import pytest
from doctorhelpers import GOOD_TIME, loopback_server, make_healthy
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from kiosk.catalogue.store import SnapshotStore
from kiosk.config import load_config, load_config_safe
from kiosk.configedit import set_value
from kiosk.ops.doctor import FAIL, PASS, WARN, run_checks
from kiosk.ops.printer import PrinterState, parse_lpstat
from kiosk.ops.status import collect_status
from kiosk.ops.syncchecks import check_sync_source
from kiosk.paths import FONTS_DIR
from kiosk.state import update_state

NOV_1970 = 86400 * 300.0


def by_name(results) -> dict[str, object]:
    return {r.check: r for r in results}


@pytest.fixture()
def healthy(kiosk_home, sample_snapshot, tmp_path):
    return make_healthy(kiosk_home, sample_snapshot, tmp_path)


def latin_font(directory: Path) -> Path:
    """A tiny TrueType font with glyphs for A-Z only."""
    names = [".notdef"] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(n): n for n in names[1:]})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((500, 700))
    pen.closePath()
    box = pen.glyph()
    fb.setupGlyf({n: box for n in names})
    fb.setupHorizontalMetrics({n: (600, 0) for n in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Latin Only", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "LatinOnly-Regular.ttf"
    fb.save(str(path))
    return path


def test_healthy_home_passes_every_check(healthy):
    results = run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=FONTS_DIR)
    assert [(r.check, r.status) for r in results if r.status != PASS] == []
    rows = by_name(results)
    assert set(rows) == {"config", "ownership", "catalogue", "fonts", "clock", "disk", "trust root",
                         "sync source", "last sync", "printer", "ui"}
    assert "current snapshot" in rows["catalogue"].detail
    assert "cover all characters" in rows["fonts"].detail


def test_missing_font_fails_with_hint(healthy, tmp_path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    fonts = by_name(run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=empty))["fonts"]
    assert fonts.status == FAIL and "no font files" in fonts.detail
    assert "NotoSansCJKsc-Regular.otf" in fonts.hint


def test_font_without_chinese_lists_missing_characters(healthy, tmp_path, monkeypatch):
    latin_font(tmp_path / "latin")
    monkeypatch.setenv("KIOSK_FONTS_DIR", str(tmp_path / "latin"))  # the env override
    fonts = by_name(run_checks(healthy, clock=lambda: GOOD_TIME))["fonts"]
    assert fonts.status == FAIL and "have no glyph in LatinOnly-Regular.ttf" in fonts.detail
    assert "一" in fonts.detail  # Chinese listed first


def test_corrupt_catalogue_fails(healthy):
    store = SnapshotStore(healthy)
    path = store.path_of(store.current())
    os.chmod(path, 0o644)
    with path.open("r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xde\xad\xbe\xef" * 4096)
    rows = by_name(run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=FONTS_DIR))
    assert rows["catalogue"].status == FAIL
    assert "current snapshot" in rows["catalogue"].detail and "kiosk sync" in rows["catalogue"].hint
    # The fonts are still checked, against the catalogue the kiosk fell back to.
    assert rows["fonts"].status == PASS


def test_no_printer_warns_and_missing_queue_fails(healthy):
    set_value(healthy, "printer.kind", "none")
    printer = by_name(run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=FONTS_DIR))["printer"]
    assert printer.status == WARN and printer.ok
    set_value(healthy, "printer.kind", "cups")
    set_value(healthy, "printer.name", "NO_SUCH_QUEUE")
    printer = by_name(run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=FONTS_DIR))["printer"]
    assert printer.status == FAIL and printer.hint


def test_escpos_device_checked(healthy, tmp_path):
    set_value(healthy, "printer.kind", "escpos")
    set_value(healthy, "printer.name", str(tmp_path / "lp0"))
    printer = by_name(run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=FONTS_DIR))["printer"]
    assert printer.status == FAIL and "lp group" in printer.hint
    (tmp_path / "lp0").touch()
    printer = by_name(run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=FONTS_DIR))["printer"]
    assert printer.status == PASS


def test_clock_in_1970_fails(healthy):
    clock = by_name(run_checks(healthy, clock=lambda: NOV_1970, fonts_dir=FONTS_DIR))["clock"]
    assert clock.status == FAIL and "1970-10-28" in clock.detail and "timedatectl" in clock.hint


def test_broken_config_and_missing_trust_root_fail(healthy):
    load_config_safe(healthy)  # the running kiosk remembered these settings as valid
    (healthy.trust_dir / "root.json").unlink()
    healthy.config_file.write_text(
        healthy.config_file.read_text() + "\n[idle]\ntimeout_seconds = 2\n", encoding="utf-8")
    rows = by_name(run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=FONTS_DIR))
    assert rows["config"].status == FAIL and "'idle.timeout_seconds'" in rows["config"].detail
    # The other checks ran on the last valid settings (sync source set, so the root is required).
    assert rows["trust root"].status == FAIL and "root.json" in rows["trust root"].hint


def test_missing_usb_source_fails(healthy, tmp_path):
    set_value(healthy, "sync.source", str(tmp_path / "not-mounted"))
    rows = by_name(run_checks(healthy, clock=lambda: GOOD_TIME, fonts_dir=FONTS_DIR))
    assert rows["sync source"].status == FAIL and "mount" in rows["sync source"].hint


class _Handler(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def http_server():
    with loopback_server(_Handler) as server:
        yield server


def test_http_sync_source_reachable_or_not(healthy, http_server):
    port = http_server.server_address[1]
    set_value(healthy, "sync.source", f"http://127.0.0.1:{port}/repo")
    assert check_sync_source(load_config(healthy)).status == PASS
    _Handler.status = 503
    try:
        result = check_sync_source(load_config(healthy))
    finally:
        _Handler.status = 200
    assert result.status == FAIL and "503" in result.detail
    http_server.shutdown()
    http_server.server_close()
    result = check_sync_source(load_config(healthy))
    assert result.status == FAIL and "unreachable" in result.detail


def test_status_reports_versions_sync_and_disk(healthy):
    update_state(healthy, last_sync={"at": "2026-11-26T01:00:00+00:00", "result": "unchanged",
                                     "message": "up to date", "version": 2026112601})
    status = collect_status(healthy, clock=lambda: GOOD_TIME)
    assert status["kiosk_id"] == "GZ-TH-0001"
    assert status["data_version"] == SnapshotStore(healthy).installed_version()
    assert status["last_sync"]["result"] == "unchanged"
    assert status["disk"]["free_mb"] > 0
    # No UI runs here: no heartbeat, so not alive, and no uptime is invented.
    assert status["ui"]["alive"] is False and status["uptime_seconds"] is None
    assert status["catalogue"]["origin"] == "current"
    assert status["printer"]["kind"] == "pdf" and status["config_error"] is None


LPSTAT_IDLE = """printer PDF is idle.  enabled since Thu Nov 26 10:05:00 2026
\tForm mounted:
\tAlerts: none
"""
LPSTAT_PAUSED = """printer PDF disabled since Thu Nov 26 10:05:00 2026 -
\tPaused
\tAlerts: paused
"""
LPSTAT_NO_PAPER = """printer TM80 now printing TM80-3.  enabled since Thu Nov 26 10:05:00 2026
\tAlerts: media-empty-error media-needed
"""
LPSTAT_JAM = """printer TM80 is idle.  enabled since Thu Nov 26 10:05:00 2026
\tAlerts: media-jam-error
"""
LPSTAT_UNPLUGGED = """printer TM80 is idle.  enabled since Thu Nov 26 10:05:00 2026
\tAlerts: offline-report
"""


@pytest.mark.parametrize(("name", "output", "state"), [
    ("PDF", LPSTAT_IDLE, PrinterState.READY),
    ("PDF", LPSTAT_PAUSED, PrinterState.OFFLINE),
    ("TM80", LPSTAT_NO_PAPER, PrinterState.NO_PAPER),
    ("TM80", LPSTAT_JAM, PrinterState.ERROR),
    ("TM80", LPSTAT_UNPLUGGED, PrinterState.OFFLINE),
    ("OTHER", LPSTAT_IDLE, PrinterState.MISSING),
])
def test_parse_lpstat(name, output, state):
    assert parse_lpstat(name, output)[0] is state
