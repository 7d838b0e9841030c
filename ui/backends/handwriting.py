"""QML's ``Handwriting``: the 手写 pad's backend over ``kiosk.access.handwriting`` (Zinnia).

The pad sends each finished stroke here; recognition runs on a worker thread (a Zinnia
classification takes tens of milliseconds, the first one also maps the 26 MB model), and
the candidates come back through a queued signal, so the GUI thread never waits. Nothing
of Zinnia is loaded until a scene asks (:meth:`prepare`); when the library or the model
is missing, ``available`` stays false and the scene hides the pad. Strokes and candidates
are what a resident wrote: they are never logged.

Signals: ``available_changed``, ``strokes_changed``, ``candidates_changed``, ``busy_changed``.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton, QQmlEngine

from kiosk.errors import HandwritingMissing, StrokesError

if TYPE_CHECKING:
    from kiosk.access.handwriting import Ink

log = logging.getLogger("ui.backends.handwriting")

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

#: How many candidates the pad shows, best first.
CANDIDATES = 10
#: How long closing waits for a recognition under way (s); Zinnia takes tens of ms.
JOIN_S = 5.0


@QmlNamedElement("Handwriting")
@QmlSingleton
class HandwritingPad(QObject):  # type: ignore[operator]  # PySide6 6.11 stub: QmlNamedElement has no __call__
    """Strokes of the character being written, its candidates, and whether the pad can work here."""

    available_changed = Signal()
    strokes_changed = Signal()
    candidates_changed = Signal()
    busy_changed = Signal()
    # From the worker thread (queued to the GUI thread): probe outcome; generation, characters.
    _probed = Signal(bool)
    _recognised = Signal(int, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._available = False
        self._probing = False
        self._strokes: list[list[float]] = []  # each stroke flat: x0, y0, x1, y1, …
        self._size = (1.0, 1.0)
        self._candidates: list[str] = []
        self._generation = 0
        self._busy = False  # the candidates shown are not yet those of the strokes on the pad
        self._lock = threading.Lock()
        self._want_probe = False
        self._want_ink: tuple[int, Ink] | None = None
        self._worker: threading.Thread | None = None
        self._closed = False
        self._probed.connect(self._on_worker_probed)
        self._recognised.connect(self._on_worker_recognised)

    @staticmethod
    def create(engine: QQmlEngine) -> HandwritingPad:
        """QML's ``Handwriting`` in ``engine``: the one parented to it, made on first use."""
        found = engine.findChild(HandwritingPad)
        return found if found is not None else HandwritingPad(engine)

    # ----------------------------------------------------------------- properties

    def _get_available(self) -> bool:
        return self._available

    def _get_strokes(self) -> list[list[float]]:
        return [list(s) for s in self._strokes]

    def _get_candidates(self) -> list[str]:
        return list(self._candidates)

    def _get_busy(self) -> bool:
        return self._busy

    available = Property(bool, _get_available, notify=available_changed)
    strokes = Property(list, _get_strokes, notify=strokes_changed)
    candidates = Property(list, _get_candidates, notify=candidates_changed)
    busy = Property(bool, _get_busy, notify=busy_changed)

    # ---------------------------------------------------------------- QML slots

    @Slot()
    def prepare(self) -> None:
        """Find out (on the worker) whether Zinnia and its model are here; ``available`` follows."""
        if self._available or self._probing or self._closed:
            return
        self._probing = True
        self._submit(probe=True)

    @Slot(list, float, float)
    def addStroke(self, points: list[Any], width: float, height: float) -> None:
        """Add one finished stroke (flat x, y pairs on a pad of ``width`` x ``height``) and recognise."""
        if not self._available or len(points) < 2:
            return
        pairs = [[points[i], points[i + 1]] for i in range(0, len(points) - 1, 2)]
        strokes = [[[s[i], s[i + 1]] for i in range(0, len(s) - 1, 2)] for s in self._strokes]
        from kiosk.access.handwriting import ink_from_json

        try:
            ink = ink_from_json({"width": width, "height": height, "strokes": [*strokes, pairs]}, "pad")
        except StrokesError as exc:  # a bound (too many strokes or points): the stroke is dropped
            log.warning("handwriting stroke dropped: %s", type(exc).__name__)
            return
        self._size = (width, height)
        self._strokes.append([float(v) for xy in pairs for v in xy])
        self.strokes_changed.emit()
        self._recognise(ink)

    @Slot()
    def undo(self) -> None:
        """Take back the last stroke (撤销) and recognise what is left."""
        if not self._strokes:
            return
        self._strokes.pop()
        self.strokes_changed.emit()
        if not self._strokes:
            self._generation += 1  # a recognition under way is stale now
            self._set_candidates([])
            self._set_busy(False)
            return
        from kiosk.access.handwriting import ink_from_json

        w, h = self._size
        strokes = [[[s[i], s[i + 1]] for i in range(0, len(s) - 1, 2)] for s in self._strokes]
        self._recognise(ink_from_json({"width": w, "height": h, "strokes": strokes}, "pad"))

    @Slot()
    def clear(self) -> None:
        """Empty the pad and the candidates (清除; also after a candidate is taken and on leaving)."""
        self._generation += 1
        if self._strokes:
            self._strokes.clear()
            self.strokes_changed.emit()
        self._set_candidates([])
        self._set_busy(False)

    # ------------------------------------------------------------------ lifecycle

    def shutdown(self) -> None:
        """Wait for a recognition under way and stop taking new ones (ui.app's close calls this)."""
        with self._lock:
            self._closed = True
            self._want_probe = False
            self._want_ink = None
            worker = self._worker
        if worker is not None:
            worker.join(JOIN_S)

    # -------------------------------------------------------------------- worker

    def _recognise(self, ink: Ink) -> None:
        self._generation += 1
        self._set_busy(True)
        self._submit(ink=(self._generation, ink))

    def _submit(self, *, probe: bool = False, ink: tuple[int, Ink] | None = None) -> None:
        with self._lock:
            if self._closed:
                return
            self._want_probe = self._want_probe or probe
            if ink is not None:
                self._want_ink = ink  # only the newest ink matters
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="handwriting", daemon=True)
                self._worker.start()

    def _work(self) -> None:
        """The worker: run what is wanted until nothing is, then end (a new one starts on demand)."""
        from kiosk.access import handwriting

        while True:
            with self._lock:
                probe, self._want_probe = self._want_probe, False
                job, self._want_ink = self._want_ink, None
                if not probe and job is None:
                    self._worker = None
                    return
            if probe:
                self._probed.emit(handwriting.available())
            if job is not None:
                generation, ink = job
                try:
                    chars = [c.char for c in handwriting.recognize(ink, CANDIDATES)]
                except HandwritingMissing:
                    chars = []
                except Exception:  # a recognizer bug must not end the worker or the kiosk
                    log.exception("handwriting recognition failed")
                    chars = []
                self._recognised.emit(generation, chars)

    @Slot(bool)
    def _on_worker_probed(self, ok: bool) -> None:
        self._probing = False
        if ok != self._available:
            self._available = ok
            self.available_changed.emit()

    @Slot(int, list)
    def _on_worker_recognised(self, generation: int, chars: list[str]) -> None:
        if generation == self._generation and self._strokes:
            self._set_candidates(chars)
            self._set_busy(False)

    def _set_candidates(self, chars: list[str]) -> None:
        if chars != self._candidates:
            self._candidates = list(chars)
            self.candidates_changed.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit()
