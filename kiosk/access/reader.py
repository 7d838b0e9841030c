"""A non-blocking reader: speaks sentences one by one on a thread of its own, with captions.

Each sentence is rendered to a WAV by espeak-ng (:mod:`kiosk.access.speech`) and played
with a player command (``aplay``); the caller's thread only starts, stops and reads
which sentence is being spoken, so a UI thread never waits on audio.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.access.speech import (
    DEFAULT_RATE,
    DEFAULT_VOLUME,
    Voice,
    clamp_volume,
    render_wav,
    require_voice,
    wav_seconds,
)
from kiosk.errors import KnownError

log = logging.getLogger("kiosk.access.reader")


def _signal_group(proc: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    """Signal the player and every process it started (it leads its own group)."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass  # already gone

#: The player command a Reader runs on each sentence's WAV (the path is appended).
DEFAULT_PLAYER: tuple[str, ...] = ("aplay", "-q")


class ReadOutcome(StrEnum):
    """How a reading ended."""

    FINISHED = "finished"  # every sentence was spoken
    STOPPED = "stopped"  # stop() or a new start()
    FAILED = "failed"  # espeak-ng or the player failed; ``message`` says how


@dataclass(frozen=True)
class ReadEvent:
    """What a Reader reports: a sentence starts (``index``, ``text``) or the reading ends (``outcome``)."""

    index: int
    text: str = ""
    outcome: ReadOutcome | None = None
    message: str = ""


class Reader:
    """Reads sentences aloud on a worker thread: each is rendered to WAV, then played.

    ``on_event`` is called on the worker thread (a Qt adapter re-emits it as a queued
    signal). ``current`` is the index of the sentence being spoken, or None. ``player``
    None renders without playing (silent kiosks, tests of the rendering).
    Volume changes apply from the next sentence.
    """

    def __init__(self, *, player: Sequence[str] | None = DEFAULT_PLAYER,
                 on_event: Callable[[ReadEvent], None] | None = None,
                 volume: float = DEFAULT_VOLUME, rate: int = DEFAULT_RATE) -> None:
        self.player = tuple(player) if player is not None else None
        self.on_event = on_event
        self.rate = rate
        self._volume = clamp_volume(volume)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._current: int | None = None
        self._sentences: tuple[str, ...] = ()
        self.outcome: ReadOutcome | None = None

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = clamp_volume(value)

    @property
    def current(self) -> int | None:
        with self._lock:
            return self._current

    @property
    def caption(self) -> str:
        """The sentence being spoken now ('' when silent)."""
        with self._lock:
            return self._sentences[self._current] if self._current is not None else ""

    @property
    def speaking(self) -> bool:
        t = self._thread
        return t is not None and t.is_alive()

    def start(self, sentences: Sequence[str], voice: Voice | str) -> None:
        """Begin reading ``sentences`` (stopping any reading under way); VoiceMissing if it cannot."""
        require_voice(voice)
        self.stop()
        old = self._thread
        stop = threading.Event()
        with self._lock:
            self._stop = stop
            self._sentences = tuple(sentences)
            self._current = None  # the stopped reading's index is not one of these sentences
            self.outcome = None
        t = threading.Thread(target=self._run, args=(self._sentences, voice, stop, old),
                             name="kiosk-reader", daemon=True)
        self._thread = t
        t.start()

    def stop(self) -> None:
        """Stop reading now; returns at once (the worker reports STOPPED when it has ended)."""
        with self._lock:
            self._stop.set()
            if self._proc is not None and self._proc.poll() is None:
                _signal_group(self._proc, signal.SIGTERM)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the reading has ended (for the CLI and tests); False on time-out."""
        t = self._thread
        if t is not None:
            t.join(timeout)
            return not t.is_alive()
        return True

    def _emit(self, event: ReadEvent) -> None:
        if self.on_event is not None:
            try:
                self.on_event(event)
            except Exception:  # a broken listener must not kill the reading thread
                log.exception("read-aloud listener failed")

    def _spawn(self, cmd: list[str], stop: threading.Event, timeout: float) -> int:
        with self._lock:
            if stop.is_set():
                return -1
            # its own process group: stop() ends a player that is a wrapper script too
            self._proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE, start_new_session=True)
            proc = self._proc
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _signal_group(proc, signal.SIGKILL)
            _, err = proc.communicate()
            raise KnownError(f"{cmd[0]} took longer than {timeout:g} s") from None
        finally:
            with self._lock:
                self._proc = None
        if proc.returncode != 0 and not stop.is_set():
            lines = err.decode("utf-8", "replace").strip().splitlines()
            raise KnownError(f"{cmd[0]} failed (exit {proc.returncode}): "
                             f"{lines[-1] if lines else 'no output'}")
        return proc.returncode

    def _run(self, sentences: tuple[str, ...], voice: Voice | str, stop: threading.Event,
             previous: threading.Thread | None) -> None:
        if previous is not None:
            previous.join()  # the old reading has reported STOPPED before this one speaks
        outcome, message, index = ReadOutcome.FINISHED, "", -1
        try:
            with tempfile.TemporaryDirectory(prefix="kiosk-reader-") as tmp:
                for index, text in enumerate(sentences):
                    if stop.is_set():
                        break
                    wav = render_wav(text, voice, Path(tmp) / f"{index:03d}.wav",
                                     volume=self._volume, rate=self.rate)
                    with self._lock:
                        if stop.is_set():
                            break
                        self._current = index
                    self._emit(ReadEvent(index, text))
                    if self.player is not None:
                        self._spawn([*self.player, str(wav)], stop, wav_seconds(wav) + 10)
        except (KnownError, OSError) as exc:
            outcome, message = ReadOutcome.FAILED, str(exc)
            log.warning("read-aloud failed: %s", exc)
        if stop.is_set() and outcome is ReadOutcome.FINISHED:
            outcome = ReadOutcome.STOPPED
        with self._lock:
            self._current = None
            self.outcome = outcome
        self._emit(ReadEvent(index, "", outcome, message))
