"""Benchmark: from a key press on the search screen to the frame that shows its results.

    python -m ui.keybench --catalogue SNAPSHOT.sqlite [--rounds 3]
    kiosk bench-keys [--items 3334]       (builds a SYNTHETIC catalogue, then runs this)

The snapshot is verified and installed into a temporary $KIOSK_HOME, the real UI is built
(offscreen unless a display is set) and the search scene opened. Each key is a real input
event: a tap (press and release) on a key of the initials pad, or a key event with
Chinese text into the query box (what the virtual keyboard commits). Two figures per key:
until the results model holds the new rows (the event handled, the search run) and until
the window has swapped the first frame after that, which must draw the model's first row
on top (else the run stops). One 60 Hz frame is 16.7 ms. Besides: the GUI thread's CPU time
per key (what a shared machine's load does not stretch), the mean of each stage of a key
(STAGES) and the cycle collector's pauses while typing. Before typing, the collector runs
once: an idle kiosk's start-up objects are long in the oldest generation (kiosk-ui even
freezes them, ui.app). Prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import itertools
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


#: The stages of one key press, in order: each figure is the time from the previous stage's end.
STAGES = ("event", "search", "slot", "polish", "sync", "render", "swap")


def _measure(ui: Any, send: Callable[[], None], stamps: dict[str, float]) -> tuple[float, float, float, list[float]]:
    """One event: (ms until the results model changed, ms until the frame that shows it swapped,
    the GUI thread's CPU ms until then, ms per stage of STAGES).

    The CPU figure leaves out time the thread waited for the machine (other processes on a
    shared one): it compares variants where the wall-clock figures are noisy.

    The frame counted is the first one swapped after the model changed (or, for a key that
    leaves the rows as they were, after the query changed), so a result delivered a frame
    late counts the late frame. ``stamps`` is filled by the timing hooks :func:`run` installs
    (search start/end, window signals).
    """
    from PySide6.QtCore import QEventLoop, QTimer

    model = ui.controller.results_model
    changed: list[float] = []
    swapped: list[float] = []
    loop = QEventLoop()
    stamps.clear()

    def on_change() -> None:
        changed.append(time.perf_counter())

    def on_query() -> None:
        changed.append(time.perf_counter())
        stamps["slot"] = changed[-1]  # the last signal of the slot: the scene's bindings ran

    def on_swap() -> None:
        if changed and not swapped:
            swapped.append(time.perf_counter())
            stamps["swap"] = swapped[0]
            stamps["cpu"] = time.thread_time()
            loop.quit()

    model.modelReset.connect(on_change)
    model.rowsInserted.connect(on_change)
    model.rowsRemoved.connect(on_change)
    model.dataChanged.connect(on_change)
    ui.controller.query_changed.connect(on_query)  # same rows for a longer query: no model change
    ui.window.frameSwapped.connect(on_swap)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.setInterval(2000)
    guard.timeout.connect(loop.quit)
    c0, t0 = time.thread_time(), time.perf_counter()
    send()  # delivered synchronously: the handlers, the search and the model update run in here
    ui.window.update()  # a key that leaves the rows as they were still draws its query box
    if not swapped:
        guard.start()
        loop.exec()
        guard.stop()
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
        signal.disconnect(on_change)
    ui.controller.query_changed.disconnect(on_query)
    ui.window.frameSwapped.disconnect(on_swap)
    end = swapped[0] if swapped else time.perf_counter()
    done = changed[-1] if changed else end
    # A stage that did not happen in this key's frame (no search ran, say) takes no time.
    marks = [t0]
    for name in ("search0", "search1", "slot", "polish", "sync", "render", "swap"):
        at = stamps.get(name, marks[-1])
        marks.append(at if marks[-1] <= at <= end else marks[-1])
    # event: press, release and the QML handlers until the search began; slot: the rows set
    # (the list view remakes its rows on a reset) and the scene's bindings on the query run;
    # polish: waiting for the frame, animations and laying out.
    cpu = stamps.get("cpu", time.thread_time()) - c0
    return ((done - t0) * 1000, (end - t0) * 1000, cpu * 1000,
            [(b - a) * 1000 for a, b in itertools.pairwise(marks)])


def _hook(ui: Any) -> dict[str, float]:
    """Time stamps of one key's stages, filled as they happen: the search (the session's
    ``search`` wrapped) and the window's frame (after polish and animations, after sync,
    after rendering). A stamp is overwritten by each later one of its name."""
    from PySide6.QtCore import Qt

    stamps: dict[str, float] = {}
    session = ui.controller.session
    search = session.search

    def timed(text: str) -> None:
        stamps["search0"] = time.perf_counter()
        search(text)
        stamps["search1"] = time.perf_counter()

    session.search = timed

    def stamp(name: str) -> Callable[[], None]:
        return lambda: stamps.__setitem__(name, time.perf_counter())

    direct = Qt.ConnectionType.DirectConnection  # the render thread's signals, if it has one
    ui.window.afterAnimating.connect(stamp("polish"), direct)
    ui.window.afterSynchronizing.connect(stamp("sync"), direct)
    ui.window.afterRendering.connect(stamp("render"), direct)
    return stamps


def _watch_gc() -> list[Any]:
    """The cycle collector's pauses from now on, in ms; its last element is the callback
    (remove it from ``gc.callbacks`` when done)."""
    pauses: list[Any] = []
    started = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.insert(len(pauses) - 1, ((time.perf_counter() - started[0]) * 1000, info["generation"]))

    pauses.append(callback)
    gc.callbacks.append(callback)
    return pauses


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
        stamps = _hook(ui)
        # A kiosk idles long before its first resident: what start-up made has reached the
        # oldest generation by then, where only a full collection looks at it again.
        gc.collect()
        pauses = _watch_gc()

        def named(name: str) -> Any:
            from PySide6.QtQuick import QQuickItem

            # build_ui may hand back the window typed as a plain QWindow (QtQuick not yet imported)
            stack: list[QQuickItem] = [ui.window.property("contentItem")]
            while stack:
                item = stack.pop()
                if item.objectName() == name and item.isVisible():
                    return item
                stack.extend(item.childItems())
            raise LookupError(name)

        def tap(name: str) -> Callable[[], None]:
            item = named(name)  # found before the clock starts: a finger needs no search for it
            p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()

            def send() -> None:
                QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
            return send

        rows_view = named("resultsList")

        def check_shown() -> None:
            """The frame counted shows the model's rows: the top row drawn is the model's first."""
            if not rows_view.isVisible() or c.results_model.rowCount() == 0:
                return
            top = rows_view.property("contentY")
            drawn = sorted((row.y(), row.objectName()) for row in rows_view.property("contentItem").childItems()
                           if row.isVisible() and row.objectName().startswith("itemRow_")
                           and row.y() + row.height() > top)
            first = f"itemRow_{c.results_model.code_at(0)}"
            if not drawn or drawn[0][1] != first:
                raise RuntimeError(f"query {c.query!r}: the list draws {drawn[:1]} on top, not {first}")

        def typed(text: str) -> Callable[[], None]:
            def send() -> None:  # a key press and release carrying the text, to the focused box
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QGuiApplication.sendEvent(ui.window, QKeyEvent(
                        kind, 0, Qt.KeyboardModifier.NoModifier, text))
            return send

        results: dict[str, list[tuple[float, float, float, list[float]]]] = {"pad tap": [], "text key": []}
        for _ in range(rounds):
            for word in PAD_WORDS:
                for letter in word:
                    now[0] += 0.5
                    results["pad tap"].append(_measure(ui, tap(f"padKey_{letter.upper()}"), stamps))
                    check_shown()
                if c.query != word:
                    raise RuntimeError(f"tapped {word!r} but the query is {c.query!r}")
                c.search("")
                wait_for_frame(ui.window)
        box = named("searchInput")
        box.forceActiveFocus()
        for _ in range(rounds):
            for word in TEXT_WORDS:
                for ch in word:
                    results["text key"].append(_measure(ui, typed(ch), stamps))
                    check_shown()
                if c.query != word:
                    raise RuntimeError(f"typed {word!r} but the query box holds {c.query!r}")
                c.search("")
                wait_for_frame(ui.window)
        gc.callbacks.remove(pauses.pop())
        ui.close()
        del app

    write(f"key press to results frame: {items} items, {rounds} rounds; ms (one 60 Hz frame is"
          f" {FRAME_MS:.1f} ms)")
    if pauses:
        write(f"  cycle collector while typing: {len(pauses)} pauses, {sum(ms for ms, _ in pauses):.1f} ms in all,"
              f" longest {max(ms for ms, _ in pauses):.1f} ms (generation {max(pauses)[1]})")
    for kind, pairs in results.items():
        model = [m for m, _, _, _ in pairs]
        frame = [f for _, f, _, _ in pairs]
        cpu = [c for _, _, c, _ in pairs]
        over = sum(f > FRAME_MS for f in frame)
        write(f"  {kind:9} {len(pairs):4} keys | results model p50 {_pct(model, 0.5):6.2f}"
              f" p95 {_pct(model, 0.95):6.2f} max {max(model):6.2f} | frame swapped p50"
              f" {_pct(frame, 0.5):6.2f} p95 {_pct(frame, 0.95):6.2f} max {max(frame):6.2f}"
              f" mean {statistics.fmean(frame):6.2f} | over one frame: {over}")
        # Where the time of a key goes: the mean of each stage, and at the slowest twentieth
        # of keys (those at or above the frame's p95), their mean per stage.
        write(f"  {'':9} GUI thread CPU until the frame p50 {_pct(cpu, 0.5):6.2f} p95 {_pct(cpu, 0.95):6.2f}"
              f" mean {statistics.fmean(cpu):6.2f}")
        slow = [st for _, f, _, st in pairs if f >= _pct(frame, 0.95)]
        for label, rows in (("mean", [st for _, _, _, st in pairs]), ("p95+", slow)):
            parts = " ".join(f"{name} {statistics.fmean(r[i] for r in rows):5.2f}"
                             for i, name in enumerate(STAGES))
            write(f"  {'':9} stages {label:4} ms: {parts}")


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
