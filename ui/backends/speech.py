"""QML's ``Speech``: 朗读 with captions on the item and search screens, over ``kiosk.access.reader``.

espeak-ng renders each sentence to a WAV and a player process (``aplay``) plays it, on the
reader's own thread; this object only starts, stops and mirrors which sentence is being
spoken, so the GUI thread never waits on audio. QtTextToSpeech is not used: the PySide6
wheel offers only its "speechd" and "mock" engines, speech-dispatcher is not installed here,
and rendering one sentence at a time is what makes the caption exactly the spoken sentence.
Nothing loads at start: the singleton is made when an inner scene first asks for it, the
voice check runs on a thread then, and the reader is made on the first press.
"""

from __future__ import annotations

import functools
import logging
import os
import shlex
import shutil
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton, QQmlEngine

from kiosk.errors import KnownError
from kiosk.session.navigation import VOLUME_STEPS, Exit, Setting

if TYPE_CHECKING:
    from kiosk.access.reader import Reader, ReadEvent
    from ui.backends.resident import Controller

log = logging.getLogger("ui.backends.speech")

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

#: A technician (or a test) may name another player: ``KIOSK_SPEECH_PLAYER="paplay"``.
PLAYER_ENV = "KIOSK_SPEECH_PLAYER"


def player_command() -> tuple[str, ...] | None:
    """The command each sentence's WAV is played with ($KIOSK_SPEECH_PLAYER, aplay, paplay), or None."""
    named = os.environ.get(PLAYER_ENV, "").strip()
    if named:
        cmd = tuple(shlex.split(named))
        return cmd if shutil.which(cmd[0]) else None
    if shutil.which("aplay"):
        return ("aplay", "-q")
    if shutil.which("paplay"):
        return ("paplay",)
    return None


def _installed_voices() -> list[str]:
    """The read-aloud voices espeak-ng has here, when a player exists too (runs espeak-ng: ~0.2 s)."""
    from kiosk.access import speech

    if player_command() is None:
        log.warning("read-aloud hidden: no sound player (aplay or paplay) is installed")
        return []
    found = [v.value for v in speech.Voice if speech.voice_installed(v)]
    if not found:
        log.warning("read-aloud hidden: no espeak-ng voice for 普通话 or 粤语 is installed")
    return found


@QmlNamedElement("Speech")
@QmlSingleton
class SpeechBackend(QObject):  # type: ignore[operator]  # PySide6 6.11 stub: QmlNamedElement has no __call__
    """Read-aloud for the resident scenes.

    Signals:
        available_changed: the voice check finished (``available``, ``voices``).
        reading_changed, caption_changed, settings_changed: notify the matching properties.
        sentence_started(int, str): sentence ``index`` is being spoken now; its caption.
        reading_ended(str): a ReadOutcome value: "finished", "stopped" or "failed".
    """

    available_changed = Signal()
    reading_changed = Signal()
    caption_changed = Signal()
    settings_changed = Signal()
    sentence_started = Signal(int, str)
    reading_ended = Signal(str)
    # From the reader's thread; Qt queues it to this object's (the GUI) thread.
    _reader_event = Signal(int, int, str, str, str)
    _voices_found = Signal(list)

    def __init__(self, controller: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._voices: list[str] | None = None  # None: not checked yet
        self._checker: threading.Thread | None = None
        self._reader: Reader | None = None
        self._retired: list[Reader] = []  # stopped readers whose threads may still be ending
        self._sentences: list[str] = []
        self._offset = 0  # a voice change goes on from the sentence being spoken
        self._index = -1
        self._caption = ""
        self._message = ""
        self._reading = False
        self._screen = ""
        self._item_code = ""
        self._generation = 0  # events of a reading that was replaced are ignored
        self._reader_event.connect(self._on_reader_event)
        self._voices_found.connect(self._on_voices_found)
        controller.session.leave_listeners.append(self._on_session_leave)
        controller.screen_changed.connect(self._on_resident_screen_changed)
        controller.item_changed.connect(self._on_resident_screen_changed)
        controller.query_changed.connect(self._on_resident_query_changed)
        controller.shutting_down.connect(self.shutdown)

    @staticmethod
    def create(engine: QQmlEngine) -> SpeechBackend | None:
        """QML's ``Speech``: made on first use, next to the engine's ``Resident``."""
        from ui.backends.resident import companion

        return companion(engine, SpeechBackend)

    # ------------------------------------------------------------------ voices

    def _check_voices(self) -> None:
        if self._checker is None:
            self._checker = threading.Thread(target=lambda: self._voices_found.emit(_installed_voices()),
                                             name="kiosk-voices", daemon=True)
            self._checker.start()

    @Slot(list)
    def _on_voices_found(self, voices: list[str]) -> None:
        self._voices = list(voices)
        if self._checker is not None:
            self._checker.join()
        self.available_changed.emit()
        self.settings_changed.emit()

    def wait_ready(self, timeout: float = 10.0) -> None:
        """Start the voice check if needed and block until its thread ended (tests, screenshots)."""
        self._check_voices()
        if self._checker is not None:
            self._checker.join(timeout)

    # ------------------------------------------------------------------ properties

    def _get_available(self) -> bool:
        if self._voices is None:
            self._check_voices()  # the first scene that asks: the button appears when known
            return False
        return bool(self._voices)

    def _get_voices(self) -> list[str]:
        return list(self._voices or [])

    def _get_voice(self) -> str:
        chosen = self._controller.session.nav.speech_voice()
        voices = self._voices or []
        return chosen if chosen in voices or not voices else voices[0]

    def _get_voice_label(self) -> str:
        from kiosk.access.speech import Voice

        return Voice(self._get_voice()).label

    def _get_volume_step(self) -> int:
        return self._controller.session.nav.speech_volume()

    def _get_volume_steps(self) -> int:
        return VOLUME_STEPS

    def _get_reading(self) -> bool:
        return self._reading

    def _get_caption(self) -> str:
        return self._caption

    def _get_message(self) -> str:
        return self._message

    def _get_sentence_index(self) -> int:
        return self._index

    def _get_sentence_count(self) -> int:
        return len(self._sentences)

    available = Property(bool, _get_available, notify=available_changed)
    voices = Property(list, _get_voices, notify=available_changed)
    voice = Property(str, _get_voice, notify=settings_changed)
    voiceLabel = Property(str, _get_voice_label, notify=settings_changed)
    volumeStep = Property(int, _get_volume_step, notify=settings_changed)
    volumeSteps = Property(int, _get_volume_steps, constant=True)
    reading = Property(bool, _get_reading, notify=reading_changed)
    caption = Property(str, _get_caption, notify=caption_changed)
    message = Property(str, _get_message, notify=caption_changed)
    sentenceIndex = Property(int, _get_sentence_index, notify=caption_changed)
    sentenceCount = Property(int, _get_sentence_count, notify=caption_changed)

    # ------------------------------------------------------------------ slots

    @Slot()
    def readItem(self) -> None:  # 朗读 on the item screen
        from kiosk.access import readout

        item = self._controller.session.item
        if item is not None:
            self._read(readout.sentences(item))

    @Slot()
    def readResults(self) -> None:  # 朗读 on the search screen
        from kiosk.access import readout

        s = self._controller.session
        self._read(readout.list_sentences(s.results, searched=bool(s.nav.query.strip())))

    @Slot()
    def stop(self) -> None:
        """停止: silence now; the caption goes at once."""
        was = self._reading
        self._retire_reader()
        self._generation += 1
        self._set_state(reading=False, index=-1, caption="", message="")
        if was:
            self.reading_ended.emit("stopped")

    @Slot(str)
    def setVoice(self, voice: str) -> None:
        """普通话 / 粤语; a reading under way goes on in the new voice from the current sentence."""
        try:
            self._controller.session.set_voice(voice)
        except ValueError:
            log.warning("unknown read-aloud voice asked for")
            return
        self.settings_changed.emit()
        if self._reading and self._index >= 0:
            self._start(self._sentences, self._index)

    @Slot(int)
    def setVolumeStep(self, step: int) -> None:
        """音量 1..volumeSteps; applies from the next sentence."""
        self._controller.session.set_volume_step(step)
        if self._reader is not None:
            self._reader.volume = self._volume()
        self.settings_changed.emit()

    # ------------------------------------------------------------------ reading

    def _volume(self) -> float:
        return self._get_volume_step() / VOLUME_STEPS

    def _read(self, sentences: Sequence[str]) -> None:
        if not self._get_available() or not sentences:
            return
        self._screen = str(self._controller.session.nav.screen)
        self._item_code = self._controller.session.nav.item_code
        self._controller.session.idle.touch(self._controller.clock())
        self._start(list(sentences), 0)

    def _start(self, sentences: list[str], offset: int) -> None:
        from kiosk.access.reader import Reader

        # A new Reader per reading: events of the one replaced carry its generation and are dropped.
        self._retire_reader()
        self._generation += 1
        self._reader = Reader(player=player_command(), volume=self._volume(),
                              on_event=functools.partial(self._from_reader, self._generation))
        self._sentences, self._offset = sentences, offset
        self._set_state(reading=True, index=-1, caption="", message="")
        try:
            self._reader.start(sentences[offset:], self._get_voice())
        except KnownError as exc:  # the voice went away (a package removed): say so
            log.warning("read-aloud cannot start: %s", exc)
            self._set_state(reading=False, index=-1, caption="", message=self.tr("暂时无法朗读"))

    def _retire_reader(self) -> None:
        if self._reader is not None:
            self._reader.stop()
            self._retired.append(self._reader)
            self._reader = None
        self._retired = [r for r in self._retired if r.speaking]

    def _from_reader(self, generation: int, event: ReadEvent) -> None:
        """On the reader's thread: caption in the screen's script, then queue it to the GUI thread."""
        from kiosk.access.script import Language, for_display

        text = event.text
        if text:
            try:
                text = for_display(text, Language.parse(self._controller.session.display().language))
            except ValueError:
                pass  # a language tag this module does not know: the catalogue's own script
        outcome = event.outcome.value if event.outcome is not None else ""
        self._reader_event.emit(generation, event.index, text, outcome, event.message)

    @Slot(int, int, str, str, str)
    def _on_reader_event(self, generation: int, index: int, text: str, outcome: str, message: str) -> None:
        if generation != self._generation or not self._reading:
            return  # a reading that was stopped or replaced
        if not outcome:
            index += self._offset
            self._controller.session.idle.touch(self._controller.clock())  # listening is using
            self._set_state(reading=True, index=index, caption=text, message="")
            self.sentence_started.emit(index, text)
            return
        if outcome == "failed":
            log.warning("read-aloud failed: %s", message)
            self._set_state(reading=False, index=-1, caption="",
                            message=self.tr("暂时无法播放声音，请向工作人员求助"))
        else:
            self._set_state(reading=False, index=-1, caption="", message="")
        self.reading_ended.emit(outcome)

    def _set_state(self, *, reading: bool, index: int, caption: str, message: str) -> None:
        was = self._reading
        changed = (index, caption, message) != (self._index, self._caption, self._message)
        self._reading, self._index, self._caption, self._message = reading, index, caption, message
        if was != reading:
            self.reading_changed.emit()
        if changed:
            self.caption_changed.emit()

    # ------------------------------------------------------------------ stopping

    def _on_session_leave(self, way: Exit, resets: frozenset[Setting]) -> None:
        if Setting.READING in resets:
            self.stop()
        if Setting.VOICE in resets:
            self.settings_changed.emit()

    @Slot()
    def _on_resident_screen_changed(self) -> None:
        """Leaving the screen being read (or another item opening on it) stops the reading."""
        nav = self._controller.session.nav
        if self._reading and (str(nav.screen), nav.item_code) != (self._screen, self._item_code):
            self.stop()

    @Slot()
    def _on_resident_query_changed(self) -> None:
        """Typing on the search screen changes the list being read: stop rather than read a stale one."""
        if self._reading and self._screen == "search":
            self.stop()

    @Slot()
    def shutdown(self) -> None:
        """Stop speaking and wait for the reader's and the voice check's threads (tests check)."""
        self.stop()
        for reader in self._retired:
            reader.wait(10)
        self._retired = []
        if self._checker is not None:
            self._checker.join(10)
