"""朗读 on the real scenes, with the real espeak-ng: captions follow the speech; stop, volume, voice.

The player is a real process too: a shell command that keeps each WAV it is given and takes
0.6 s over it, as a sound card would (there is none here); KIOSK_SPEECH_PLAYER names it.
"""

from __future__ import annotations

import shlex
import threading
from pathlib import Path

import pytest
from uihelpers import FakeClock, end_by_idle, find, tap, visible

from kiosk.access import speech
from kiosk.access.readout import list_sentences, sentences
from ui.app import Ui
from ui.backends.speech import PLAYER_ENV, SpeechBackend

pytestmark = [pytest.mark.qt,
              pytest.mark.skipif(not speech.voice_installed(speech.Voice.CMN), reason="espeak-ng not installed")]

ITEM = "SAMPLE-CRJ-001"  # 港澳台签注申请: many sentences (five steps, two materials)


def keeping_player(into: Path, seconds: float = 0.6) -> str:
    """A player command line that copies each WAV into ``into`` (numbered) and plays for ``seconds``."""
    into.mkdir()
    script = f'cp "$1" "$0/$(ls "$0" | wc -l).wav"; sleep {seconds}'
    return shlex.join(["sh", "-c", script, str(into)])


@pytest.fixture()
def played(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "played"
    monkeypatch.setenv(PLAYER_ENV, keeping_player(out))
    return out


def speech_of(ui: Ui, qtbot) -> SpeechBackend:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: ui.controller.findChild(SpeechBackend) is not None)
    backend = ui.controller.findChild(SpeechBackend)
    assert backend is not None
    backend.wait_ready()
    return backend


def open_item(ui: Ui, qtbot, code: str = ITEM) -> SpeechBackend:  # type: ignore[no-untyped-def]
    ui.controller.openItem(code)
    qtbot.waitUntil(lambda: visible(ui, "itemName"))
    backend = speech_of(ui, qtbot)
    qtbot.waitUntil(lambda: visible(ui, "readAloudItem"))
    return backend


def caption(ui: Ui) -> str:
    return str(find(ui, "speechCaption").property("text"))


def no_reader_running() -> bool:
    return not any(t.name == "kiosk-reader" for t in threading.enumerate())


def test_the_caption_shows_each_sentence_as_it_is_spoken(ui: Ui, qtbot, played: Path, sample_catalogue) -> None:
    lines = sentences(sample_catalogue.item(ITEM))
    backend = open_item(ui, qtbot)
    assert not visible(ui, "captionBar")
    seen: list[tuple[int, str]] = []
    backend.sentence_started.connect(lambda i, text: seen.append((i, text)))
    with qtbot.waitSignal(backend.sentence_started, timeout=15000):
        tap(ui, "readAloudItem")
    assert visible(ui, "captionBar") and caption(ui) == lines[0]
    assert find(ui, "speechProgress").property("text") == f"第 1 / {len(lines)} 句"
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=15000)
    assert caption(ui) in lines[1:4]
    assert seen[:3] == [(0, lines[0]), (1, lines[1]), (2, lines[2])]
    # the player got one WAV per caption, in the same order: what is shown is what is heard
    assert sorted(p.name for p in played.iterdir())[:2] == ["0.wav", "1.wav"]
    tap(ui, "speechStop")
    assert not backend.reading and not visible(ui, "captionBar")
    qtbot.waitUntil(no_reader_running, timeout=10000)
    heard = len(list(played.iterdir()))
    assert heard < len(lines)  # it did stop before the end
    assert find(ui, "readAloudItem").property("text") == "朗读"


def test_leaving_the_item_stops_the_speech(ui: Ui, qtbot, played: Path) -> None:
    backend = open_item(ui, qtbot)
    with qtbot.waitSignal(backend.sentence_started, timeout=15000):
        tap(ui, "readAloudItem")
    with qtbot.waitSignal(backend.reading_ended, timeout=5000) as ended:
        tap(ui, "backButton")
    assert ended.args == ["stopped"] and not backend.reading
    qtbot.waitUntil(no_reader_running, timeout=10000)


@pytest.mark.parametrize("way", ["idle", "结束并返回", "首页"])
def test_every_way_out_stops_the_speech(ui: Ui, qtbot, played: Path, clock: FakeClock, way: str) -> None:
    c = ui.controller
    backend = open_item(ui, qtbot)
    with qtbot.waitSignal(backend.sentence_started, timeout=15000):
        tap(ui, "readAloudItem")
    if way == "首页":
        tap(ui, "homeButton")
    else:
        end_by_idle(ui, qtbot, clock, way)
    assert c.screen == "home" and not backend.reading and backend.caption == ""
    qtbot.waitUntil(no_reader_running, timeout=10000)


def test_search_results_are_read_from_the_count(ui: Ui, qtbot, played: Path, sample_catalogue) -> None:
    tap(ui, "homeSearchEntry")
    ui.controller.search("sb")
    backend = speech_of(ui, qtbot)
    qtbot.waitUntil(lambda: visible(ui, "readAloudResults"))
    expected = list_sentences(ui.controller.session.results, searched=True)
    with qtbot.waitSignal(backend.sentence_started, timeout=15000):
        tap(ui, "readAloudResults")
    assert caption(ui) == expected[0] and caption(ui).startswith("找到")
    tap(ui, "padKey_C")  # typing changes the list: the old one is not read on
    assert not backend.reading and not visible(ui, "captionBar")
    qtbot.waitUntil(no_reader_running, timeout=10000)


def test_volume_steps_and_the_cantonese_voice(ui: Ui, qtbot, played: Path, sample_catalogue) -> None:
    if not speech.voice_installed(speech.Voice.YUE):
        pytest.skip("espeak-ng has no yue voice here")
    lines = sentences(sample_catalogue.item(ITEM))
    backend = open_item(ui, qtbot)
    with qtbot.waitSignal(backend.sentence_started, timeout=15000):
        tap(ui, "readAloudItem")
    assert find(ui, "speechVolume").property("text") == "音量 2/4"
    tap(ui, "speechLouder")
    tap(ui, "speechLouder")
    tap(ui, "speechLouder")  # the top step holds
    assert backend.volumeStep == 4 and find(ui, "speechVolume").property("text") == "音量 4/4"
    assert backend.voice == "cmn"
    with qtbot.waitSignal(backend.sentence_started, timeout=15000) as started:
        tap(ui, "speechVoice_yue")
    # 粤语 goes on from the sentence that was being spoken, and the caption still matches it
    index, text = started.args
    assert backend.voice == "yue" and text == lines[index] and caption(ui) == lines[index]
    tap(ui, "speechStop")
    tap(ui, "homeButton")  # a way out forgets the voice and the volume
    assert backend.voice == "cmn" and backend.volumeStep == 2
    qtbot.waitUntil(no_reader_running, timeout=10000)


def test_a_player_that_fails_is_said_plainly(ui: Ui, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PLAYER_ENV, "false")  # exits 1 at once, as aplay does with no sound card
    backend = open_item(ui, qtbot)
    with qtbot.waitSignal(backend.reading_ended, timeout=15000) as ended:
        tap(ui, "readAloudItem")
    assert ended.args == ["failed"]
    assert visible(ui, "captionBar") and caption(ui) == "暂时无法播放声音，请向工作人员求助"
    with qtbot.waitSignal(ui.window.frameSwapped):  # the bar's buttons are laid out anew
        ui.window.update()
    tap(ui, "speechClose")
    assert not visible(ui, "captionBar")


def test_without_a_voice_there_is_no_button(ui: Ui, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_ESPEAK", "/nonexistent/espeak-ng")
    ui.controller.openItem(ITEM)
    qtbot.waitUntil(lambda: visible(ui, "itemName"))
    backend = speech_of(ui, qtbot)
    qtbot.waitSignal(backend.available_changed, timeout=5000, raising=False)
    assert backend.voices == [] and not backend.available
    assert not visible(ui, "readAloudItem") and not visible(ui, "captionBar")
    backend.readItem()  # even called directly: nothing starts
    assert not backend.reading and no_reader_running()


def test_nothing_of_read_aloud_runs_at_start(ui: Ui, qtbot) -> None:
    assert ui.controller.findChild(SpeechBackend) is None  # made when an inner scene first asks
    assert not any(t.name in ("kiosk-voices", "kiosk-reader") for t in threading.enumerate())
