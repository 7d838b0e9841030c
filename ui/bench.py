"""Benchmark: start-up time, memory and frame times of the resident UI against a minimal QML window.

    python -m ui.bench [--runs 5]

Start-up is measured from outside, on the real command: the benchmark spawns ``kiosk-ui
--windowed --size 1920x1080`` (what the systemd unit starts) with $NOTIFY_SOCKET pointing
at a socket it listens on, and takes the time from spawn to the ``READY=1`` that the UI
sends after its first frame is on screen (the sd_notify protocol). The reference is a
minimal QML window, a file with a 1,556-row ListView (the number of 自助办 items in
Guangzhou's 2022 list), started and timed the same way. Peak PSS is sampled from outside
every 50 ms for seven seconds after READY while each process idles in its event loop (with USS,
which other programs sharing Qt's libraries do not move).

The kiosk's font files are dropped from the page cache first (posix_fadvise DONTNEED), so the
UI reads them as a kiosk does after boot: by its own page faults. Pages that a checkout or a
font build has just written sit in the cache as large folios, and Linux maps a whole folio
on the first fault inside it: the UI would then count all of both 2 MB files (3.8 MiB) where
a booted kiosk maps ~1 MiB of them. The minimal window uses none of these files.

``--no-home-cache`` deletes the home cache (kiosk.session.homecache) before each start of the
kiosk, so home waits for the catalogue to open: what the cache saves is the difference.

Frame times come from a separate in-process run: sync+render per frame while flicking
the hot list, and the time from a key on the initials pad to the frame with its results.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from kiosk.catalogue.factory import ensure_factory
from kiosk.paths import FONTS_DIR, home_layout
from kiosk.session import homecache

ROWS = 1556
SIZE = "1920x1080"
#: Long enough to include the UI's first heartbeat (5 s after the first frame, ui/systemd.py) and
#: the metrics file it writes: what a kiosk holds from then on, not just its first screen.
PSS_SECONDS = 7.0

BENCH_CONFIG = """\
[kiosk]
id = "BENCH-001"
location = "benchmark (not a real terminal)"
"""

BASELINE_QML = """
import QtQuick
Window {
    width: 1920; height: 1080; visible: true
    ListView {
        anchors.fill: parent
        model: rows
        delegate: Rectangle {
            required property string modelData
            width: ListView.view.width; height: 100
            Text { anchors.centerIn: parent; text: parent.modelData; font.pixelSize: 31 }
        }
    }
}
"""

# The minimal program: the QML above from a file (so Qt's QML disk cache applies, as it
# does to the kiosk's files) and the same READY=1 after its first frame.
BASELINE_PY = """
import os, sys
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine

app = QGuiApplication(sys.argv[:1])
engine = QQmlApplicationEngine()
engine.rootContext().setContextProperty("rows", [f"事项 {i} 社保缴费明细查询" for i in range(ROWS)])
engine.load(QUrl.fromLocalFile(sys.argv[1]))
window = engine.rootObjects()[0]
sent = []

def ready():
    if sent:
        return
    sent.append(1)
    import socket
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.connect(os.environ.pop("NOTIFY_SOCKET"))
        s.sendall(b"READY=1")

window.frameSwapped.connect(ready)
sys.exit(app.exec())
""".replace("ROWS", str(ROWS))


def _frame_costs(window: Any, drive: Any, steps: int) -> list[float]:
    """Run ``drive(step)`` once per frame; return sync+render milliseconds of each frame."""
    from PySide6.QtCore import QEventLoop, QTimer

    costs: list[float] = []
    start: list[float] = []
    loop = QEventLoop()
    state = {"step": 0}

    def before() -> None:
        start.append(time.perf_counter())

    def swapped() -> None:
        if start:
            costs.append((time.perf_counter() - start[-1]) * 1000)

    def tick() -> None:
        if state["step"] >= steps:
            loop.quit()
            return
        drive(state["step"])
        state["step"] += 1

    window.beforeSynchronizing.connect(before)
    window.frameSwapped.connect(swapped)
    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()
    window.beforeSynchronizing.disconnect(before)
    window.frameSwapped.disconnect(swapped)
    return costs


def _typing_latency(ui: Any, keys: str) -> list[float]:
    """Milliseconds from a pad key to the frame that shows its results."""
    from PySide6.QtCore import QEventLoop, QTimer

    out = []
    c = ui.controller
    for i in range(len(keys)):
        loop = QEventLoop()
        ui.window.frameSwapped.connect(loop.quit)
        QTimer.singleShot(2000, loop.quit)
        t0 = time.perf_counter()
        c.search(keys[: i + 1])
        loop.exec()
        out.append((time.perf_counter() - t0) * 1000)
        ui.window.frameSwapped.disconnect(loop.quit)
        if i % 4 == 3:
            c.search("")
    return out


def _child_frames(home: Path) -> dict[str, Any]:
    """In-process part: frame times while flicking and typing (after start-up, untimed)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from ui.app import build_ui, prepare_environment, wait_for_frame

    prepare_environment()
    app = QGuiApplication(sys.argv[:1])
    ui = build_ui(home_layout(home), size=(1920, 1080), windowed=True, start_timers=False)
    ui.window.show()
    wait_for_frame(ui.window)

    # Flick the hot list up and down with a finger (mouse) moving every frame.
    x = int(ui.window.width() * 0.8)

    def flick(step: int) -> None:
        phase = step % 30
        if phase == 0:
            QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, 900))
        elif phase < 15:
            QTest.mouseMove(ui.window, QPoint(x, 900 - phase * 40))
        elif phase == 15:
            QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, 340))
        else:
            ui.window.update()  # the list keeps moving (kinetic); keep frames coming

    flick_costs = _frame_costs(ui.window, flick, 300)
    ui.controller.openSearch()
    typing = _typing_latency(ui, "sbcxgjjybhzsfzjszcrjswbdc" * 2)
    ui.close()
    del app
    return {"flick_ms": flick_costs, "typing_ms": typing}


def _drop_from_page_cache(paths: list[Path]) -> None:
    """Ask the kernel to forget the cached pages of ``paths`` (unprivileged; a hint it may refuse)."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fdatasync(fd)  # pages still dirty from a recent write are not dropped
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def _kiosk_command() -> list[str]:
    """The installed ``kiosk-ui`` script beside this Python, else ``python -m ui`` (same code)."""
    script = Path(sys.executable).with_name("kiosk-ui")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "ui"]


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, KIOSK_HOME=str(home))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["QT_LOGGING_RULES"] = "qt.multimedia.*=false"
    return env


def _start(command: list[str], home: Path, workdir: Path, *, forget: Path | None = None) -> dict[str, Any]:
    """Spawn ``command``; time spawn to READY=1 on $NOTIFY_SOCKET; then sample its PSS.

    ``forget``: a file to delete first (the home cache, for ``--no-home-cache``).
    """
    if forget is not None:
        forget.unlink(missing_ok=True)
    sock_path = workdir / "notify.sock"
    sock_path.unlink(missing_ok=True)
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(sock_path))
        sock.settimeout(60)
        env = _env(home)
        env["NOTIFY_SOCKET"] = str(sock_path)
        started = time.monotonic()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            try:
                message = sock.recv(4096)
            except TimeoutError:
                message = b""
            ready = time.monotonic()
            cpu = _cpu_seconds(proc.pid)
            if b"READY=1" not in message or proc.poll() is not None:
                proc.kill()
                raise SystemExit(f"{command} never became ready:\n{proc.communicate()[1].decode()[-2000:]}")
            watched = psutil.Process(proc.pid)
            peak = peak_uss = 0
            end = ready + PSS_SECONDS
            while time.monotonic() < end:
                info = watched.memory_full_info()
                peak, peak_uss = max(peak, info.pss), max(peak_uss, info.uss)
                time.sleep(0.05)
            if proc.poll() is not None:
                raise SystemExit(f"{command} exited during the benchmark:\n{proc.communicate()[1].decode()[-2000:]}")
        finally:
            if proc.poll() is None:
                proc.terminate()
                proc.communicate(timeout=30)
    return {"start_s": ready - started, "cpu_s": cpu, "pss": peak, "uss": peak_uss}


def _cpu_seconds(pid: int) -> float:
    """CPU time all of ``pid``'s threads have used so far (Linux schedstat, in seconds).

    Wall time to READY=1 moves with whatever else the machine runs; the CPU a start-up
    takes moves much less, so it is printed beside it.
    """
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e9


def _spawn_frames(home: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-m", "ui.bench", "--child", "frames", "--home", str(home)],
                          capture_output=True, text=True, env=_env(home), check=False, timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"frame-time run failed:\n{proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def _ms_list(runs: list[dict[str, Any]]) -> str:
    return ", ".join(f"{r['start_s'] * 1000:.0f}" for r in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups of each program (median; default 5)")
    parser.add_argument("--no-home-cache", action="store_true",
                        help="delete the home cache before each kiosk start (what the cache saves)")
    parser.add_argument("--child", choices=("frames",), help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        sys.stdout.write(json.dumps(_child_frames(args.home)) + "\n")
        return 0

    kiosk_cmd = _kiosk_command() + ["--windowed", "--size", SIZE]
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        work = Path(tmp)
        home = work / "home"
        layout = home_layout(home).ensure()
        forget = homecache.cache_file(layout) if args.no_home_cache else None
        ensure_factory(layout)  # built once, outside the timing
        # Configured as a technician leaves a kiosk (so its start-up reads a config file).
        layout.config_file.write_text(BENCH_CONFIG, "utf-8")
        qml = work / "baseline.qml"
        qml.write_text(BASELINE_QML, "utf-8")
        script = work / "baseline.py"
        script.write_text(BASELINE_PY, "utf-8")
        base_cmd = [sys.executable, str(script), str(qml)]
        _drop_from_page_cache(sorted(FONTS_DIR.glob("*.otf")))  # read as after boot (see above)
        # Warm the OS file cache and the QML disk caches of both, then alternate the runs
        # so that a slow spell on the machine hits both alike.
        _start(kiosk_cmd, home, work, forget=forget)
        _start(base_cmd, home, work)
        base: list[dict[str, Any]] = []
        kiosk: list[dict[str, Any]] = []
        for _ in range(args.runs):
            base.append(_start(base_cmd, home, work))
            kiosk.append(_start(kiosk_cmd, home, work, forget=forget))
        frames = _spawn_frames(home)

    def med(runs: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    b_start, k_start = med(base, "start_s"), med(kiosk, "start_s")
    b_cpu, k_cpu = med(base, "cpu_s"), med(kiosk, "cpu_s")
    b_pss, k_pss = med(base, "pss") / 2**20, med(kiosk, "pss") / 2**20
    b_uss, k_uss = med(base, "uss") / 2**20, med(kiosk, "uss") / 2**20
    flick, typing = frames["flick_ms"], frames["typing_ms"]
    lines = [
        f"platform: {os.environ.get('QT_QPA_PLATFORM') or 'offscreen (no display)'}; "
        f"{args.runs} start-ups of each, alternating (median)",
        f"kiosk: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(kiosk_cmd))}"
        f"{' (home cache deleted before each start)' if args.no_home_cache else ''};"
        f" minimal: a QML file with a {ROWS}-row ListView",
        f"start to first frame (spawn to READY=1): kiosk {k_start * 1000:.0f} ms, minimal {b_start * 1000:.0f} ms,"
        f" ratio {k_start / b_start:.2f}x (target <= 1.3x)",
        f"  kiosk runs (ms): {_ms_list(kiosk)}",
        f"  minimal runs (ms): {_ms_list(base)}",
        f"CPU time to READY=1 (all threads): kiosk {k_cpu * 1000:.0f} ms, minimal {b_cpu * 1000:.0f} ms,"
        f" ratio {k_cpu / b_cpu:.2f}x",
        f"peak PSS over {PSS_SECONDS:.0f} s after READY: kiosk {k_pss:.1f} MiB, minimal {b_pss:.1f} MiB,"
        f" ratio {k_pss / b_pss:.2f}x (target <= 1.3x)",
        # PSS splits each shared page among the processes mapping it, so other Qt programs
        # running meanwhile lower both figures; USS (pages only this process maps) does not move.
        f"  peak USS: kiosk {k_uss:.1f} MiB, minimal {b_uss:.1f} MiB, difference {k_uss - b_uss:.1f} MiB",
        f"flicking: {len(flick)} frames, sync+render p50 {_pct(flick, 0.5):.1f} ms, p95 {_pct(flick, 0.95):.1f} ms,"
        f" max {max(flick):.1f} ms",
        f"typing (pad key to frame with results): {len(typing)} keys, p50 {_pct(typing, 0.5):.1f} ms,"
        f" p95 {_pct(typing, 0.95):.1f} ms, max {max(typing):.1f} ms",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
