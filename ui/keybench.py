"""Benchmark: from a key press on the search screen to the frame that shows its results.

    python -m ui.keybench --catalogue SNAPSHOT.sqlite [--rounds 3]
    kiosk bench-keys [--items 3334]       (builds a SYNTHETIC catalogue, then runs this)

The snapshot is verified and installed into a temporary $KIOSK_HOME, the real UI is built
(offscreen unless a display is set) and the search scene opened. Each key is a real input
event: a tap (press and release) on a key of the initials pad, or a key event with
Chinese text into the query box (what the virtual keyboard commits). Two figures per key:
until the results model holds the new rows (the event handled, the search run) and until
the window has swapped the frame that draws them. One 60 Hz frame is 16.7 ms.
Prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FRAME_MS = 1000 / 60
#: What residents type, a key at a time: initials on the pad, Chinese committed into the box.
PAD_WORDS = ["sbcx", "gjjcx", "ybjf", "sfz", "jszbl", "hzqz", "wzcx", "bdcdj", "qq"]
TEXT_WORDS = ["社保查询", "公积金提取", "医保缴费", "港澳通行证签注", "不动产登记", "龘龘"]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _install(catalogue: Path, home: Path) -> int:
    """Verify and install ``catalogue`` as the kiosk's current snapshot; its item count."""
    import shutil

    from kiosk.catalogue.store import SnapshotStore
    from kiosk.catalogue.verify import verify_snapshot
    from kiosk.paths import home_layout

    layout = home_layout(home)
    layout.ensure()
    staged = home / "staged.sqlite"
    shutil.copyfile(catalogue, staged)
    meta = verify_snapshot(staged, allow_hosts=["gdzwfw.gov.cn", "gz.gov.cn"], full=False)
    SnapshotStore(layout).install(staged, meta)
    return meta.item_count


def _measure(ui: Any, send: Callable[[], None]) -> tuple[float, float]:
    """(ms until the results model changed, ms until the next frame swapped) for one event."""
    from PySide6.QtCore import QEventLoop, QTimer

    model = ui.controller.results_model
    changed: list[float] = []
    swapped: list[float] = []
    loop = QEventLoop()

    def on_reset() -> None:
        changed.append(time.perf_counter())

    def on_swap() -> None:
        if not swapped:
            swapped.append(time.perf_counter())
            loop.quit()

    model.modelReset.connect(on_reset)
    ui.controller.query_changed.connect(on_reset)  # same rows for a longer query: no reset
    ui.window.frameSwapped.connect(on_swap)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.setInterval(2000)
    guard.timeout.connect(loop.quit)
    t0 = time.perf_counter()
    send()  # delivered synchronously: the slot, the search and the model reset run in here
    ui.window.update()  # a key that leaves the rows as they were still draws its query box
    if not swapped:
        guard.start()
        loop.exec()
        guard.stop()
    model.modelReset.disconnect(on_reset)
    ui.controller.query_changed.disconnect(on_reset)
    ui.window.frameSwapped.disconnect(on_swap)
    done = changed[-1] if changed else t0
    return (done - t0) * 1000, ((swapped[0] if swapped else time.perf_counter()) - t0) * 1000


def run(catalogue: Path, rounds: int, write: Callable[[str], None]) -> None:
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QGuiApplication, QKeyEvent
    from PySide6.QtTest import QTest

    from kiosk.paths import home_layout
    from ui.app import build_ui, prepare_environment, wait_for_frame

    with tempfile.TemporaryDirectory(prefix="kiosk-keybench-") as tmp:
        home = Path(tmp)
        items = _install(catalogue, home)
        prepare_environment()
        app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        # A clock of its own, moved on like a finger's pace before each tap (the touch rules
        # debounce taps closer than 0.4 s); the idle timers do not run.
        now = [0.0]
        ui = build_ui(home_layout(home), size=(1920, 1080), windowed=True, start_timers=False,
                      clock=lambda: now[0])
        ui.window.show()
        wait_for_frame(ui.window)
        c = ui.controller
        c.finish_start()
        c.openSearch()
        wait_for_frame(ui.window)

        def named(name: str) -> Any:
            from PySide6.QtQuick import QQuickItem

            stack: list[QQuickItem] = [ui.window.contentItem()]
            while stack:
                item = stack.pop()
                if item.objectName() == name and item.isVisible():
                    return item
                stack.extend(item.childItems())
            raise LookupError(name)

        def tap(name: str) -> Callable[[], None]:
            def send() -> None:
                item = named(name)
                p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
                QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
            return send

        def typed(text: str) -> Callable[[], None]:
            def send() -> None:  # a key press and release carrying the text, to the focused box
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QGuiApplication.sendEvent(ui.window, QKeyEvent(
                        kind, 0, Qt.KeyboardModifier.NoModifier, text))
            return send

        results: dict[str, list[tuple[float, float]]] = {"pad tap": [], "text key": []}
        for _ in range(rounds):
            for word in PAD_WORDS:
                for letter in word:
                    now[0] += 0.5
                    results["pad tap"].append(_measure(ui, tap(f"padKey_{letter.upper()}")))
                if c.query != word:
                    raise RuntimeError(f"tapped {word!r} but the query is {c.query!r}")
                c.search("")
                wait_for_frame(ui.window)
        box = named("searchInput")
        box.forceActiveFocus()
        for _ in range(rounds):
            for word in TEXT_WORDS:
                for ch in word:
                    results["text key"].append(_measure(ui, typed(ch)))
                if c.query != word:
                    raise RuntimeError(f"typed {word!r} but the query box holds {c.query!r}")
                c.search("")
                wait_for_frame(ui.window)
        ui.close()
        del app

    write(f"key press to results frame: {items} items, {rounds} rounds; ms (one 60 Hz frame is"
          f" {FRAME_MS:.1f} ms)")
    for kind, pairs in results.items():
        model = [m for m, _ in pairs]
        frame = [f for _, f in pairs]
        over = sum(f > FRAME_MS for f in frame)
        write(f"  {kind:9} {len(pairs):4} keys | results model p50 {_pct(model, 0.5):6.2f}"
              f" p95 {_pct(model, 0.95):6.2f} max {max(model):6.2f} | frame swapped p50"
              f" {_pct(frame, 0.5):6.2f} p95 {_pct(frame, 0.95):6.2f} max {max(frame):6.2f}"
              f" mean {statistics.fmean(frame):6.2f} | over one frame: {over}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.keybench", description=__doc__.split("\n")[0])
    parser.add_argument("--catalogue", type=Path, required=True, help="a snapshot file to search")
    parser.add_argument("--rounds", type=int, default=3, help="times each word is typed (default 3)")
    args = parser.parse_args(argv)
    if not args.catalogue.is_file():
        sys.stderr.write(f"python -m ui.keybench: {args.catalogue} is not a file\n")
        return 2
    def write(line: str) -> None:
        sys.stdout.write(line + "\n")

    run(args.catalogue, max(1, args.rounds), write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
