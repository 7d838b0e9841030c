"""The systemd units: ``systemd-analyze verify`` is clean and ``security --offline`` scores pass."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.errors import ExitCode
from kiosk.paths import ASSETS_DIR

UNITS = ASSETS_DIR / "systemd"
LIMITS = {"kiosk-ui.service": 6.0, "kiosk-sync.service": 4.5}

needs_analyze = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                   reason="systemd-analyze missing (bash .ci/setup --test installs systemd)")


def _units(tmp_path: Path) -> Path:
    """The units with ExecStart pointing at a program that exists here (verify checks it)."""
    for unit in UNITS.iterdir():
        text = unit.read_text(encoding="utf-8")
        text = re.sub(r"^ExecStart=\S+", "ExecStart=/bin/true", text, flags=re.M)
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    return tmp_path


@needs_analyze
def test_verify_is_clean(tmp_path):
    d = _units(tmp_path)
    proc = subprocess.run(["systemd-analyze", "verify", "--man=no",
                           *(str(d / n) for n in ("kiosk-ui.service", "kiosk-sync.service",
                                                  "kiosk-sync.timer"))],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


@needs_analyze
@pytest.mark.parametrize("unit", sorted(LIMITS))
def test_security_exposure(tmp_path, unit):
    d = _units(tmp_path)
    proc = subprocess.run(["systemd-analyze", "security", "--offline=true", "--no-pager",
                           str(d / unit)], capture_output=True, text=True, timeout=60)
    m = re.search(r"Overall exposure level for \S+: ([\d.]+)", proc.stdout)
    assert m, proc.stdout + proc.stderr
    assert float(m.group(1)) <= LIMITS[unit], proc.stdout


def _settings(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in (UNITS / name).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def test_ui_unit_restarts_everything_but_the_technician_exit():
    ui = _settings("kiosk-ui.service")
    assert ui["Restart"] == ["always"]
    assert ui["RestartPreventExitStatus"] == [str(int(ExitCode.TECHNICIAN_EXIT))]
    assert ui["WatchdogSec"] and ui["Type"] == ["notify"]
    assert ui["UMask"] == ["0027"]


def test_timer_catch_up_has_a_calendar():
    timer = _settings("kiosk-sync.timer")
    assert timer["Persistent"] == ["true"]
    assert timer.get("OnCalendar"), "Persistent=true does nothing without OnCalendar"
    assert "OnUnitActiveSec" not in timer


def test_sync_unit_does_not_count_errors_as_success():
    ok = _settings("kiosk-sync.service")["SuccessExitStatus"][0].split()
    assert str(int(ExitCode.SYNC_ERROR)) not in ok and str(int(ExitCode.SYNC_REJECTED)) not in ok
