"""``kiosk config``, ``kiosk doctor`` and ``kiosk status`` as a technician runs them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from doctorhelpers import make_healthy

from kiosk.cli.main import main
from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.ops.pin import verify_pin


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_help_lists_technician_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("config", "doctor", "status", "print"):
        assert command in out


def test_config_set_get_show(kiosk_home, capsys):
    assert run(capsys, "config", "set", "printer.paper", "58mm")[:2] == (0, "printer.paper = 58mm\n")
    assert run(capsys, "config", "set", "catalogue.url_allow_hosts", "gz.gov.cn,gdzwfw.gov.cn")[0] == 0
    assert run(capsys, "config", "get", "catalogue.url_allow_hosts")[1] == "gz.gov.cn,gdzwfw.gov.cn\n"
    assert run(capsys, "config", "get", "display.cursor")[1] == "false\n"
    rc, out, _ = run(capsys, "config", "show", "--json")
    shown = json.loads(out)
    assert rc == 0 and shown["values"]["printer"]["paper"] == "58mm" and shown["error"] is None


def test_config_set_bad_value_names_key_and_keeps_file(kiosk_home, capsys):
    run(capsys, "config", "set", "idle.timeout_seconds", "120")
    before = kiosk_home.config_file.read_bytes()
    rc, _, err = run(capsys, "config", "set", "idle.timeout_seconds", "5")
    assert rc == ConfigError.exit_code
    assert "'idle.timeout_seconds'" in err and "whole seconds from 20 to 1800" in err
    assert kiosk_home.config_file.read_bytes() == before
    rc, _, err = run(capsys, "config", "get", "idle.timeout")
    assert rc == ConfigError.exit_code and "unknown configuration key 'idle.timeout'" in err


def test_pin_hash_cannot_be_set_directly(kiosk_home, capsys):
    rc, _, err = run(capsys, "config", "set", "admin.pin_hash", "1234")
    assert rc == ConfigError.exit_code and "set-pin" in err
    assert load_config(kiosk_home)["admin.pin_hash"] == ""


def test_show_with_broken_file_reports_and_hides_pin(kiosk_home, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("975318\n"))
    assert run(capsys, "config", "set-pin")[0] == 0
    with kiosk_home.config_file.open("a", encoding="utf-8") as fh:
        fh.write("[display]\nfont_scale = 9\n")
    rc, out, err = run(capsys, "config", "show")
    assert rc == ConfigError.exit_code and "'display.font_scale'" in err
    assert "scrypt" not in out and "975318" not in out


def test_set_pin_reads_stdin_never_argv(kiosk_home):
    proc = subprocess.run([sys.executable, "-m", "kiosk", "config", "set-pin"], input="24681357\n",
                          capture_output=True, text=True, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    stored = load_config(kiosk_home)["admin.pin_hash"]
    assert verify_pin("24681357", stored) and "24681357" not in kiosk_home.config_file.read_text()
    proc = subprocess.run([sys.executable, "-m", "kiosk", "config", "set-pin"], input="12\n",
                          capture_output=True, text=True, env=dict(os.environ))
    assert proc.returncode == ConfigError.exit_code and "6 to 12 digits" in proc.stderr
    assert load_config(kiosk_home)["admin.pin_hash"] == stored


def test_doctor_healthy_exits_zero(kiosk_home, sample_snapshot, tmp_path, capsys):
    make_healthy(kiosk_home, sample_snapshot, tmp_path)
    rc, out, _ = run(capsys, "doctor", "--json")
    report = json.loads(out)
    assert rc == 0 and report["ok"]
    assert {c["check"] for c in report["checks"]} >= {"fonts", "catalogue", "clock", "printer"}


def test_doctor_broken_exits_nonzero_with_hints(kiosk_home, sample_snapshot, tmp_path, capsys,
                                                monkeypatch):
    make_healthy(kiosk_home, sample_snapshot, tmp_path)
    monkeypatch.setenv("KIOSK_FONTS_DIR", str(tmp_path / "no-fonts"))
    (kiosk_home.trust_dir / "root.json").unlink()
    rc, out, _ = run(capsys, "doctor")
    assert rc == 1
    lines = out.splitlines()
    fail_rows = [ln for ln in lines if ln.startswith("FAIL")]
    assert any("fonts" in ln for ln in fail_rows) and any("trust root" in ln for ln in fail_rows)
    assert sum(ln.strip().startswith("fix:") for ln in lines) >= 2
    assert lines[-1].startswith("2 failed")


def test_status_json_for_monitoring(kiosk_home, sample_snapshot, tmp_path, capsys):
    make_healthy(kiosk_home, sample_snapshot, tmp_path)
    rc, out, _ = run(capsys, "status", "--json")
    status = json.loads(out)
    assert rc == 0
    assert status["kiosk_id"] == "GZ-TH-0001" and status["software_version"]
    assert isinstance(status["data_version"], int) and status["last_sync"]["result"] == "unchanged"
    assert {"disk", "uptime_seconds", "printer", "network_interfaces_up", "ui", "counters",
            "catalogue"} <= set(status)


def test_set_pin_prompts_without_echo_on_a_terminal(kiosk_home):
    """On a real terminal (a pty) the PIN is asked twice and never shown."""
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: the kiosk command on the pty
        os.environ["KIOSK_HOME"] = str(kiosk_home.root)
        os.execv(sys.executable, [sys.executable, "-m", "kiosk", "config", "set-pin"])
    seen = b""

    def read_until(marker: bytes, timeout: float = 60) -> None:
        nonlocal seen
        import time

        deadline = time.monotonic() + timeout
        while marker not in seen and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.5)[0]:
                try:
                    seen += os.read(fd, 1024)
                except OSError:
                    return

    read_until(b"PIN (6-12 digits): ")
    os.write(fd, b"583920\n")
    read_until(b"again: ")
    os.write(fd, b"583920\n")
    read_until(b"technician PIN set")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert b"583920" not in seen  # no echo
    assert verify_pin("583920", load_config(kiosk_home)["admin.pin_hash"])
