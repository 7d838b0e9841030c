"""``kiosk-ui`` as systemd starts it: READY=1 on $NOTIFY_SOCKET after the first frame, and a lean start.

Runs the real command in a child process (offscreen), listening on a real Unix socket.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from kiosk.catalogue.factory import ensure_factory
from kiosk.paths import HomeLayout

# What a resident's start never loads: the technician screen's PIN hashing (libcrypto), the QR
# encoder and Pillow (until an item opens), plug-in discovery and the builder's pinyin tables.
NOT_AT_START = ("kiosk.ops.pin", "hashlib", "importlib.metadata", "pypinyin", "qrcode", "PIL")


def _start(home: HomeLayout, tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[bytes], bytes]:
    sock_path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(sock_path))
    sock.settimeout(60)
    env = dict(os.environ, KIOSK_HOME=str(home.root), QT_QPA_PLATFORM="offscreen",
               NOTIFY_SOCKET=str(sock_path))
    proc = subprocess.Popen([sys.executable, *extra, "-m", "ui", "--windowed", "--size", "800x600"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        message = sock.recv(4096)
    except TimeoutError:
        message = b""
    finally:
        sock.close()
    return proc, message


def test_kiosk_ui_tells_systemd_it_is_up_after_its_first_frame(kiosk_home: HomeLayout, tmp_path: Path) -> None:
    ensure_factory(kiosk_home)  # built here, so the child only starts
    proc, message = _start(kiosk_home, tmp_path, "-X", "importtime")
    try:
        assert proc.poll() is None, proc.communicate()[1].decode()[-3000:]
        assert message.split(b"\n")[0] == b"READY=1", message
        assert b"STATUS=resident UI on screen" in message
        # Once the catalogue is live the UI idles in Qt's event loop, where SIGTERM must wake it.
        log_file = kiosk_home.logs_dir / "ui.log"
        deadline = time.monotonic() + 60
        while "is live" not in (log_file.read_text("utf-8") if log_file.exists() else ""):
            assert time.monotonic() < deadline and proc.poll() is None, "the catalogue never went live"
            time.sleep(0.05)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    # SIGTERM (systemctl stop) quits the event loop: a clean exit, the log file written.
    assert proc.returncode == 0, err.decode()[-3000:]
    imported = set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", err.decode(), re.MULTILINE))
    assert "ui.backends.resident" in imported  # the parse works
    assert not imported & set(NOT_AT_START), sorted(imported & set(NOT_AT_START))
    log = (kiosk_home.logs_dir / "ui.log").read_text("utf-8")
    assert "resident UI up: first frame" in log
    assert "extension fonts registered: Kiosk Sans CJK SC Ext" in log
    assert "stopping: signal 15" in log


def test_kiosk_ui_names_a_bad_size(kiosk_home: HomeLayout) -> None:
    proc = subprocess.run([sys.executable, "-m", "ui", "--size", "huge"], capture_output=True, text=True,
                          env=dict(os.environ, KIOSK_HOME=str(kiosk_home.root)), timeout=60, check=False)
    assert proc.returncode == 2
    assert "size 'huge' must look like 1920x1080" in proc.stderr
