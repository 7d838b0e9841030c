"""An unprivileged kiosk user, and the kiosk run as it or as root (tests run as root in CI).

The user's Python is a venv made from Debian's /usr/bin/python3 outside /root (pyenv's
Python and /tmp/pytest-of-root are root-only): it reaches this checkout and the project
venv's packages through a .pth file, so it runs the code under test.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest

USER = "kioskfield"
REPO = Path(__file__).resolve().parents[2]
VENV = Path("/opt/zizhuban-kiosk-test/venv")


class KioskUser(NamedTuple):
    name: str
    uid: int
    gid: int
    python: Path


def kiosk_user() -> KioskUser:
    """Create (once) the system user and its venv; skip when not root or no Debian Python."""
    if os.geteuid() != 0:
        pytest.skip("needs root (to create a kiosk user and run commands as root and as it)")
    base = Path("/usr/bin/python3")
    if not base.exists() or shutil.which("setpriv") is None:
        pytest.skip("needs Debian's /usr/bin/python3 and setpriv (util-linux)")
    try:
        pw = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home",
                        "--shell", "/usr/sbin/nologin", USER], check=True)
        pw = pwd.getpwnam(USER)
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([str(base), "-m", "venv", "--without-pip", str(VENV)], check=True)
    site = Path(sysconfig.get_paths()["purelib"])  # the project venv's packages (same 3.11 ABI)
    minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
    pth = VENV / "lib" / minor / "site-packages" / "zz-kiosk-under-test.pth"
    pth.write_text(f"{REPO}\nimport site; site.addsitedir({str(site)!r})\n", encoding="utf-8")
    return KioskUser(pw.pw_name, pw.pw_uid, pw.pw_gid, python)


def shared_dir() -> Path:
    """A fresh directory both root and the kiosk user can reach (0755, under /var/tmp)."""
    path = Path(tempfile.mkdtemp(prefix="kiosk-field-", dir="/var/tmp"))
    path.chmod(0o755)
    return path


def kiosk_home_for(user: KioskUser) -> Path:
    """An empty $KIOSK_HOME owned by the kiosk user, as the installer makes it."""
    home = shared_dir() / "home"
    home.mkdir(mode=0o750)
    os.chown(home, user.uid, user.gid)
    return home


def run_kiosk(user: KioskUser, home: Path, *args: str, as_root: bool = False,
              stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``kiosk ARGS`` with $KIOSK_HOME=home, as root or as the kiosk user."""
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "KIOSK_HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "HOME": str(home.parent)}
    cmd = [str(user.python), "-m", "kiosk", *args]
    if not as_root:
        cmd = ["setpriv", f"--reuid={user.uid}", f"--regid={user.gid}", "--init-groups", *cmd]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, input=stdin,
                          timeout=timeout, cwd=str(home.parent))
