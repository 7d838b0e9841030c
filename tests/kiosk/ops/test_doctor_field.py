"""The doctor on each broken home a field technician met, and every fix hint run as written."""

from __future__ import annotations

import http.server
import json
import os
import shlex
import subprocess
import sys

import pytest
from doctorhelpers import GOOD_TIME, loopback_server, make_healthy

from kiosk.config import load_config, load_config_safe
from kiosk.configedit import set_value
from kiosk.errors import ConfigError
from kiosk.ops import doctor
from kiosk.ops.doctor import FAIL, PASS, run_checks
from kiosk.ops.metrics import prometheus_text
from kiosk.ops.status import collect_status
from kiosk.ops.syncchecks import check_sync_health, check_sync_source
from kiosk.paths import FONTS_DIR
from kiosk.sync.client import run_sync
from kiosk.sync.outcome import SyncOutcome


@pytest.fixture()
def healthy(kiosk_home, sample_snapshot, tmp_path):
    return make_healthy(kiosk_home, sample_snapshot, tmp_path)


def rows(layout, clock=GOOD_TIME):
    return {r.check: r for r in run_checks(layout, clock=lambda: clock, fonts_dir=FONTS_DIR)}


def kiosk(*args: str, home) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KIOSK_HOME=str(home.root))
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          env=env, timeout=120)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def http_404():
    with loopback_server(_Handler) as server:
        yield f"http://127.0.0.1:{server.server_port}/repo"


def test_http_404_fails_sync_and_doctor(healthy, http_404):
    set_value(healthy, "sync.source", http_404)
    results = [run_sync(healthy) for _ in range(3)]
    assert all(r.outcome is SyncOutcome.ERROR for r in results)  # not "offline": exit 13
    assert results[0].exit_code == 13
    r = rows(healthy)
    assert r["sync source"].status == FAIL and "HTTP 404" in r["sync source"].detail
    assert r["last sync"].status == FAIL and "3 failed in a row" in r["last sync"].detail
    status = collect_status(healthy)
    assert status["counters"]["syncs_failed"] == 3 and status["counters"]["syncs_failed_in_row"] == 3


def test_empty_usb_directory_fails(healthy, tmp_path):
    empty = tmp_path / "empty-stick"
    empty.mkdir()
    set_value(healthy, "sync.source", str(empty))
    assert run_sync(healthy).outcome is not SyncOutcome.UNCHANGED
    r = rows(healthy)
    assert r["sync source"].status == FAIL and "no catalogue repository" in r["sync source"].detail
    assert r["last sync"].status == FAIL


def test_clock_13_years_fast_fails(healthy):
    """A real HTTP server's Date header against a clock 13 years ahead."""

    class Dated(_Handler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

    with loopback_server(Dated) as server:
        set_value(healthy, "sync.source", f"http://127.0.0.1:{server.server_port}")
        import time

        fast = time.time() + 13 * 365.25 * 86400
        result = check_sync_source(load_config(healthy), clock=lambda: fast)
        assert result.status == FAIL and "days ahead" in result.detail
        assert check_sync_source(load_config(healthy)).status == PASS


def test_rejected_sync_fails_at_once(healthy):
    from kiosk.state import update_state

    update_state(healthy, last_sync={"at": "2039-01-01T00:00:00+00:00", "result": "rejected",
                                     "message": "signed metadata has expired", "version": None})
    assert check_sync_health(healthy).status == FAIL


def test_broken_config_hint_works_as_written(healthy):
    text = healthy.config_file.read_text()
    healthy.config_file.write_text(text.replace("[printer]", "[idle]\ntimeout_seconds = 5\n[printer]", 1))
    assert load_config_safe(healthy)[1] is not None
    config = rows(healthy)["config"]
    assert config.status == FAIL
    fix = config.hint.split(" (")[0]
    assert fix.startswith("kiosk config set idle.timeout_seconds")
    proc = kiosk(*shlex.split(fix)[1:], home=healthy)
    assert proc.returncode == 0, proc.stderr
    assert "dropped" in proc.stderr
    cfg = load_config(healthy)  # valid again, and the other settings kept
    assert cfg["kiosk.id"] == "GZ-TH-0001" and cfg["printer.kind"] == "pdf"


def test_config_that_is_not_toml_is_repaired_by_any_set(healthy):
    load_config_safe(healthy)  # what every command and UI start does: remember the valid file
    healthy.config_file.write_text("this is [not toml")
    hint = rows(healthy)["config"].hint
    assert "config.toml.broken" in hint
    proc = kiosk("config", "set", "kiosk.id", "GZ-TH-0001", home=healthy)
    assert proc.returncode == 0, proc.stderr
    assert load_config(healthy)["printer.kind"] == "pdf"  # from the last valid settings
    assert (healthy.root / "config.toml.broken").read_text() == "this is [not toml"


def test_missing_ca_bundle_refused_when_set_and_doctor_does_not_crash(healthy, tmp_path):
    with pytest.raises(ConfigError, match="sync.ca_bundle"):
        set_value(healthy, "sync.ca_bundle", str(tmp_path / "missing.pem"))
    # Written behind the CLI's back: the doctor names it, no crash.
    text = healthy.config_file.read_text()
    healthy.config_file.write_text(
        text.replace("[sync]", f'[sync]\nca_bundle = "{tmp_path / "missing.pem"}"', 1))
    cfg = load_config(healthy)
    assert cfg["sync.ca_bundle"]
    set_value(healthy, "sync.source", "https://127.0.0.1:9/repo")
    r = check_sync_source(load_config(healthy))
    assert r.status == FAIL and "sync.ca_bundle" in r.detail


def test_corrupt_catalogue_hint_names_what_works(healthy):
    from kiosk.catalogue.store import SnapshotStore

    store = SnapshotStore(healthy)
    path = store.path_of(store.current())
    path.chmod(0o644)
    with open(path, "r+b") as fh:
        fh.seek(200)
        fh.write(b"\0" * 4096)
    r = rows(healthy)["catalogue"]
    assert r.status == FAIL and f"rm {store.pointer_file} && kiosk sync" in r.hint


def test_a_crashing_check_is_a_named_fail(healthy, monkeypatch):
    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("printer driver exploded")

    monkeypatch.setattr(doctor, "check_printer", boom)
    monkeypatch.setattr(doctor, "check_config", boom)
    r = rows(healthy)
    assert r["printer"].status == FAIL and "RuntimeError" in r["printer"].detail
    assert r["config"].status == FAIL and r["catalogue"].status == PASS


def test_status_never_shows_credentials_and_matches_the_textfile(healthy):
    set_value(healthy, "sync.source", "https://user:s3cret@example.gov.cn/repo")
    status = collect_status(healthy)
    dumped = json.dumps(status)
    assert "s3cret" not in dumped and "user:" not in dumped
    assert status["sync_source"] == "https://example.gov.cn/repo"
    text = prometheus_text(status)
    assert "kiosk_ui_up 0" in text and 'kiosk_syncs_total{result="ok"}' in text
    assert f'kiosk_catalogue_version{{origin="current"}} {status["catalogue"]["version"]}' in text
    proc = kiosk("status", "--json", home=healthy)
    assert proc.returncode == 0 and "s3cret" not in proc.stdout
    assert (healthy.root / "metrics" / "kiosk.prom").read_text().startswith("# HELP")


def test_status_shows_the_factory_catalogue(kiosk_home):
    status = collect_status(kiosk_home)
    assert status["catalogue"]["origin"] == "factory" and status["data_version"] is not None


def test_one_shot_sync_writes_sync_log(healthy):
    proc = kiosk("sync", home=healthy)
    assert proc.returncode != 0 or proc.returncode == 0  # the outcome is not the point here
    log = (healthy.logs_dir / "sync.log").read_text()
    assert "sync " in log


def test_long_bad_value_is_truncated(healthy):
    with pytest.raises(ConfigError) as err:
        set_value(healthy, "kiosk.location", "长" * 1_000_000)
    assert len(str(err.value)) < 400
