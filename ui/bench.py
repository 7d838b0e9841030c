"""Benchmark: start-up time, memory and frame times of the resident UI against a minimal QML window.

    python -m ui.bench [--runs 3]

Each measurement runs in a fresh process on the same Qt platform (offscreen when there is no
display). "Start" is from process spawn to the first frame swapped; "peak PSS" is the largest
proportional set size seen during the first two seconds. The reference is a minimal QML
window with a 1,556-row ListView (the number of 自助办 items in Guangzhou's 2022 list).
Frame times are sync+render per frame while flicking the hot list and, for typing, the time
from a key on the initials pad to the frame that shows the new results.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROWS = 1556

BASELINE_QML = b"""
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


def _pss_sampler(duration: float) -> int:
    import psutil
    from PySide6.QtCore import QCoreApplication

    proc = psutil.Process()
    peak = 0
    end = time.monotonic() + duration
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        peak = max(peak, proc.memory_full_info().pss)
        time.sleep(0.05)
    return peak


def _first_frame(window: Any) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    stamp: list[float] = []

    def swapped() -> None:
        if not stamp:
            stamp.append(time.time())
            loop.quit()

    window.frameSwapped.connect(swapped)
    QTimer.singleShot(20000, loop.quit)
    window.update()
    loop.exec()
    window.frameSwapped.disconnect(swapped)
    return stamp[0] if stamp else float("nan")


def _child_baseline() -> dict[str, Any]:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.rootContext().setContextProperty("rows", [f"事项 {i} 社保缴费明细查询" for i in range(ROWS)])
    engine.loadData(BASELINE_QML, QUrl("file:///baseline.qml"))
    first = _first_frame(engine.rootObjects()[0])
    result = {"first_frame": first, "pss": _pss_sampler(2.0)}
    del app
    return result


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


def _child_kiosk(home: Path) -> dict[str, Any]:
    from PySide6.QtGui import QGuiApplication

    from kiosk.paths import home_layout
    from ui.app import build_ui, prepare_environment

    prepare_environment()
    app = QGuiApplication(sys.argv[:1])
    ui = build_ui(home_layout(home), size=(1920, 1080), windowed=True, start_timers=False)
    ui.window.show()
    first = _first_frame(ui.window)
    pss = _pss_sampler(2.0)
    # Only the frame-time part needs these; imported after the start-up measurement,
    # as the baseline imports nothing it does not need either.
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

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
    return {"first_frame": first, "pss": pss, "flick_ms": flick_costs, "typing_ms": typing}


def _spawn(kind: str, home: Path) -> dict[str, Any]:
    env = dict(os.environ, KIOSK_HOME=str(home))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["QT_LOGGING_RULES"] = "qt.multimedia.*=false"
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "ui.bench", "--child", kind, "--home", str(home)],
                          capture_output=True, text=True, env=env, check=False, timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["start_s"] = result["first_frame"] - started
    return result


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=("baseline", "kiosk"))
    parser.add_argument("--home", type=Path)
    args = parser.parse_args(argv)

    if args.child:
        result = _child_baseline() if args.child == "baseline" else _child_kiosk(args.home)
        sys.stdout.write(json.dumps(result) + "\n")
        return 0

    from kiosk.paths import home_layout
    from kiosk.store import ensure_factory

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        home = Path(tmp)
        ensure_factory(home_layout(home).ensure())  # built once, outside the timing
        _spawn("kiosk", home)  # warm the OS file cache and the QML disk cache for both
        _spawn("baseline", home)
        base = [_spawn("baseline", home) for _ in range(args.runs)]
        kiosk = [_spawn("kiosk", home) for _ in range(args.runs)]

    def med(runs: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    b_start, k_start = med(base, "start_s"), med(kiosk, "start_s")
    b_pss, k_pss = med(base, "pss") / 2**20, med(kiosk, "pss") / 2**20
    flick = [v for r in kiosk for v in r["flick_ms"]]
    typing = [v for r in kiosk for v in r["typing_ms"]]
    lines = [
        f"platform: {os.environ.get('QT_QPA_PLATFORM') or 'offscreen (no display)'}; runs: {args.runs} each (median)",
        f"start to first frame: kiosk {k_start * 1000:.0f} ms, minimal {ROWS}-row ListView {b_start * 1000:.0f} ms,"
        f" ratio {k_start / b_start:.2f}x (target <= 1.3x)",
        f"peak PSS: kiosk {k_pss:.1f} MiB, minimal {b_pss:.1f} MiB, ratio {k_pss / b_pss:.2f}x (target <= 1.3x)",
        f"flicking: {len(flick)} frames, sync+render p50 {_pct(flick, 0.5):.1f} ms, p95 {_pct(flick, 0.95):.1f} ms,"
        f" max {max(flick):.1f} ms",
        f"typing (pad key to frame with results): {len(typing)} keys, p50 {_pct(typing, 0.5):.1f} ms,"
        f" p95 {_pct(typing, 0.95):.1f} ms, max {max(typing):.1f} ms",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
