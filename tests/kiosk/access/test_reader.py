"""The read-aloud reader with the real espeak-ng and real player processes: captions, stop, failure."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.access import speech
from kiosk.access.reader import Reader, ReadEvent, ReadOutcome
from kiosk.access.readout import sentences
from kiosk.access.speech import Voice
from kiosk.catalogue.reader import Catalogue

pytestmark = pytest.mark.skipif(speech.espeak_command() is None, reason="espeak-ng not installed")

SAY = "港澳台签注申请，可以在本机办理。"
OTHER = "社保缴费明细查询和打印。"


@pytest.fixture(autouse=True)
def no_reader_left_running() -> Iterator[None]:
    """Fail a test that leaves a reading thread behind (napari's leak guards)."""
    yield
    for t in threading.enumerate():
        if t.name == "kiosk-reader":
            t.join(10)
            assert not t.is_alive(), "a Reader thread is still running"


class Recorder:
    """Collects a Reader's events; ``done`` is set when the reading ends."""

    def __init__(self) -> None:
        self.events: list[ReadEvent] = []
        self.done = threading.Event()
        self.on_sentence = None  # type: ignore[var-annotated]

    def __call__(self, event: ReadEvent) -> None:
        self.events.append(event)
        if event.outcome is None and self.on_sentence is not None:
            self.on_sentence(event)
        if event.outcome is not None:
            self.done.set()

    @property
    def captions(self) -> list[str]:
        return [e.text for e in self.events if e.outcome is None]


def copy_player(into: Path) -> list[str]:
    """A real player command that keeps each WAV it is given (numbered in playing order)."""
    into.mkdir()
    return ["sh", "-c", 'cp "$1" "$0/$(ls "$0" | wc -l).wav"', str(into)]


def test_reader_plays_each_caption_as_it_is_shown(tmp_path: Path,
                                                  sample_catalogue: Catalogue) -> None:
    lines = sentences(sample_catalogue.item("SAMPLE-RS-001"))
    rec = Recorder()
    played = tmp_path / "played"
    reader = Reader(player=copy_player(played), on_event=rec)
    shown: list[str] = []
    rec.on_sentence = lambda e: shown.append(reader.caption)
    reader.start(lines, Voice.CMN)
    assert rec.done.wait(60)
    assert rec.captions == lines and shown == lines
    assert [e.index for e in rec.events] == [*range(len(lines)), len(lines) - 1]
    assert rec.events[-1].outcome is ReadOutcome.FINISHED and reader.outcome is ReadOutcome.FINISHED
    assert reader.current is None and reader.caption == ""
    # the audio played while caption i was shown is exactly caption i spoken
    for i, line in enumerate(lines):
        expected = speech.render_wav(line, Voice.CMN, tmp_path / "x.wav").read_bytes()
        assert (played / f"{i}.wav").read_bytes() == expected, line


def test_reader_plays_through_alsa(tmp_path: Path) -> None:
    if shutil.which("aplay") is None:
        pytest.skip("aplay (alsa-utils) is not installed")
    rec = Recorder()
    reader = Reader(player=["aplay", "-q", "-D", "null"], on_event=rec)
    reader.start([SAY, OTHER], Voice.YUE)
    assert rec.done.wait(60) and rec.captions == [SAY, OTHER]
    assert rec.events[-1].outcome is ReadOutcome.FINISHED


def test_stop_ends_the_reading_without_blocking(tmp_path: Path) -> None:
    rec = Recorder()
    first = threading.Event()
    rec.on_sentence = lambda e: first.set()
    reader = Reader(player=["sh", "-c", "sleep 30"], on_event=rec)  # a sentence that plays long
    reader.start([SAY, OTHER, SAY], Voice.CMN)
    assert first.wait(30) and reader.current == 0 and reader.speaking
    reader.stop()  # returns at once; the player is terminated
    assert rec.done.wait(10)
    assert rec.captions == [SAY] and rec.events[-1].outcome is ReadOutcome.STOPPED
    assert reader.wait(5) and not reader.speaking


def test_start_again_stops_the_first_reading(tmp_path: Path) -> None:
    rec = Recorder()
    started = threading.Event()
    rec.on_sentence = lambda e: started.set()
    reader = Reader(player=["sh", "-c", "sleep 30"], on_event=rec)
    reader.start([SAY], Voice.CMN)
    assert started.wait(30)
    reader.player = None  # the second reading renders without playing
    rec.done.clear()
    reader.start([OTHER], Voice.YUE)
    assert reader.wait(30)
    outcomes = [e.outcome for e in rec.events if e.outcome is not None]
    assert outcomes == [ReadOutcome.STOPPED, ReadOutcome.FINISHED]
    assert rec.captions == [SAY, OTHER]


def test_a_failing_player_is_reported(tmp_path: Path) -> None:
    rec = Recorder()
    reader = Reader(player=["sh", "-c", "echo no sound card >&2; exit 3"], on_event=rec)
    reader.start([SAY, OTHER], Voice.CMN)
    assert rec.done.wait(30)
    last = rec.events[-1]
    assert last.outcome is ReadOutcome.FAILED and "no sound card" in last.message
    assert rec.captions == [SAY]
