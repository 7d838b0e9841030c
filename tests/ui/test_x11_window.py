"""`kiosk run` in a real X11 window (Xvfb), where Qt uses its threaded render loop.

The offscreen platform renders on the GUI thread, so it cannot show problems that
only appear when frames are swapped on a render thread (queued frameSwapped calls).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.paths import HomeLayout

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb (package xvfb) not installed")


def _start_xvfb(tmp_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1080x1920x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        number = fh.readline().strip()  # Xvfb writes the display number once it is ready
    assert number, "Xvfb did not start"
    return xvfb, f":{number}"


def test_kiosk_runs_in_a_real_window_without_warnings(tmp_path: Path, kiosk_home: HomeLayout) -> None:
    xvfb, display = _start_xvfb(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, KIOSK_HOME=str(kiosk_home.root), QT_QPA_PLATFORM="xcb")
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-W", "error", "-m", "kiosk", "run"], env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while b"resident UI up" not in log.read_bytes():
            assert proc.poll() is None, log.read_text("utf-8", "replace")
            assert time.monotonic() < deadline, "UI did not come up within 60 s"
            time.sleep(0.1)
        # give the render thread time to swap several frames (the first-frame hook runs then)
        time.sleep(2)
        assert proc.poll() is None, log.read_text("utf-8", "replace")
        text = log.read_text("utf-8", "replace")
        assert "Warning" not in text and "Traceback" not in text, text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        xvfb.terminate()
        xvfb.wait(timeout=30)
