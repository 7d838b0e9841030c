"""Commands run as root leave the home usable by the kiosk user (a real unprivileged user)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from unpriv import kiosk_home_for, kiosk_user, run_kiosk

from kiosk.ops.owner import ownership_problems


@pytest.fixture(scope="module")
def user():
    return kiosk_user()


def _owners(home) -> set[int]:
    return {os.lstat(os.path.join(d, n)).st_uid for d, dirs, files in os.walk(home)
            for n in dirs + files} | {os.lstat(home).st_uid}


def test_root_run_commands_keep_the_home_the_kiosk_users(user):
    home = kiosk_home_for(user)
    try:
        for args in (["config", "set", "kiosk.id", "GZ-TH-0001"], ["doctor"], ["sync"],
                     ["status", "--json"], ["info"]):
            proc = run_kiosk(user, home, *args, as_root=True)
            assert "Traceback" not in proc.stderr, proc.stderr
        assert _owners(home) == {user.uid}, ownership_problems(home)
        # The kiosk user now works in that home: reads the config, writes it, opens the catalogue.
        proc = run_kiosk(user, home, "config", "set", "idle.timeout_seconds", "100")
        assert proc.returncode == 0, proc.stderr
        proc = run_kiosk(user, home, "info", "--json")
        assert proc.returncode == 0 and json.loads(proc.stdout)["catalogue_origin"] == "factory"
        proc = run_kiosk(user, home, "doctor", "--json")
        checks = {c["check"]: c for c in json.loads(proc.stdout)["checks"]}
        assert checks["ownership"]["status"] == "pass"
    finally:
        shutil.rmtree(home.parent, ignore_errors=True)


def test_doctor_finds_root_files_and_its_fix_works(user):
    home = kiosk_home_for(user)
    try:
        assert run_kiosk(user, home, "config", "set", "kiosk.id", "GZ-TH-0002").returncode == 0
        # What an older kiosk (or a root shell) left behind: a root-owned 0600 file and directory.
        (home / "logs").mkdir(exist_ok=True)
        stray = home / "logs" / "cli.log"
        stray.write_text("x")
        os.chown(stray, 0, 0)
        stray.chmod(0o600)
        (home / "cache").mkdir(exist_ok=True)
        os.chown(home / "cache", 0, 0)
        proc = run_kiosk(user, home, "doctor", "--json")
        checks = {c["check"]: c for c in json.loads(proc.stdout)["checks"]}
        own = checks["ownership"]
        assert proc.returncode == 1 and own["status"] == "fail" and "cli.log" in own["detail"]
        fix = own["hint"].removeprefix("as root: ")
        assert subprocess.run(["sh", "-c", fix], check=False).returncode == 0
        proc = run_kiosk(user, home, "doctor", "--json")
        checks = {c["check"]: c for c in json.loads(proc.stdout)["checks"]}
        assert checks["ownership"]["status"] == "pass"
    finally:
        shutil.rmtree(home.parent, ignore_errors=True)
