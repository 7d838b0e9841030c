"""Read-aloud through espeak-ng: which voices exist, and WAV rendering one sentence at a time.

espeak-ng runs as a subprocess, one sentence at a time, so the UI can caption exactly
the sentence being spoken (:mod:`kiosk.access.reader` plays them). Text goes in on
stdin (never on the command line, never as SSML), so catalogue text cannot pass
options or markup to it.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from kiosk.errors import KnownError, VoiceMissing
from kiosk.fsutil import write_bytes_atomic

log = logging.getLogger("kiosk.access.speech")


class Voice(StrEnum):
    """A read-aloud language (ISO 639-3 code); ``espeak_name`` is the espeak-ng voice that speaks it."""

    CMN = "cmn"  # 普通话
    YUE = "yue"  # 粤语

    @property
    def label(self) -> str:
        return "普通话" if self is Voice.CMN else "粤语"

    @property
    def espeak_name(self) -> str:
        # Debian 12's espeak-ng 1.51 ships cmn_dict without the extended word list, so its
        # "cmn" voice spells many common characters (点, 在, 页, 身份) as pinyin read with
        # English letter names; "cmn-latn-pinyin" reads that pinyin as Mandarin instead.
        return "cmn-latn-pinyin" if self is Voice.CMN else "yue"


def _espeak_name(voice: Voice | str) -> str:
    """A Voice (or its code, "cmn") as espeak-ng's voice name; any other name passes through."""
    try:
        return Voice(voice).espeak_name
    except ValueError:
        return str(voice)


#: Volume is 0.0–1.0; it maps onto espeak-ng's amplitude 0–200, so 0.5 is espeak's default.
DEFAULT_VOLUME = 0.5
#: Words per minute; espeak's default (175) is fast for elderly listeners.
DEFAULT_RATE = 150
#: Silence between sentences in a joined WAV (seconds).
PAUSE = 0.35
RENDER_TIMEOUT = 30.0
MAX_SENTENCE = 1000


def espeak_command() -> str | None:
    """The espeak-ng executable ($KIOSK_ESPEAK overrides the one on PATH), or None."""
    return shutil.which(os.environ.get("KIOSK_ESPEAK") or "espeak-ng")


_voices_cache: dict[tuple[str, str], frozenset[str]] = {}


def installed_voices() -> frozenset[str]:
    """espeak-ng's language names (cmn, yue, en-gb…); empty when espeak-ng is missing or broken.

    Cached per executable and $ESPEAK_DATA_PATH (espeak-ng's own data-directory variable).
    """
    exe = espeak_command()
    if exe is None:
        return frozenset()
    key = (exe, os.environ.get("ESPEAK_DATA_PATH", ""))
    if key not in _voices_cache:
        try:
            proc = subprocess.run([exe, "--voices"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("espeak-ng --voices failed: %s", exc)
            return frozenset()
        names = set()
        for line in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
            cols = line.split()
            if len(cols) >= 2:
                names.add(cols[1])
        _voices_cache[key] = frozenset(names)
    return _voices_cache[key]


def voice_installed(voice: Voice | str) -> bool:
    """Whether ``voice`` can be spoken here (the UI hides the 朗读 button when not)."""
    return _espeak_name(voice) in installed_voices()


def require_voice(voice: Voice | str) -> str:
    """The espeak-ng executable, or VoiceMissing saying whether espeak-ng or the voice is missing."""
    exe = espeak_command()
    if exe is None:
        raise VoiceMissing("espeak-ng is not installed; install the Debian package espeak-ng "
                           "(bash .ci/setup does)")
    if not voice_installed(voice):
        raise VoiceMissing(f"the espeak-ng voice '{_espeak_name(voice)}' is not installed "
                           "(see 'espeak-ng --voices'; bash .ci/setup installs espeak-ng)")
    return exe


def clamp_volume(volume: float) -> float:
    v = float(volume)
    return min(max(v, 0.0), 1.0) if math.isfinite(v) else DEFAULT_VOLUME


def _amplitude(volume: float) -> int:
    return round(clamp_volume(volume) * 200)


def render_wav(text: str, voice: Voice | str, out: Path, *, volume: float = DEFAULT_VOLUME,
               rate: int = DEFAULT_RATE) -> Path:
    """Speak ``text`` with espeak-ng into the WAV file ``out`` (written atomically)."""
    exe = require_voice(voice)
    text = text[:MAX_SENTENCE]
    with tempfile.TemporaryDirectory(prefix="kiosk-speech-") as tmp:
        wav = Path(tmp) / "s.wav"
        cmd = [exe, "-v", _espeak_name(voice), "-a", str(_amplitude(volume)), "-s", str(rate),
               "-w", str(wav), "--stdin"]
        try:
            proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True,
                                  timeout=RENDER_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise KnownError(f"espeak-ng took longer than {RENDER_TIMEOUT:g} s") from None
        except OSError as exc:
            raise VoiceMissing(f"espeak-ng cannot be run: {exc}") from None
        if proc.returncode != 0 or not wav.is_file():
            why = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise KnownError(f"espeak-ng failed (exit {proc.returncode}): "
                             f"{why[-1] if why else 'no output'}")
        try:
            write_bytes_atomic(out, wav.read_bytes())
        except OSError as exc:
            raise KnownError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    return out


def join_wavs(parts: Sequence[Path], out: Path, *, pause: float = PAUSE) -> Path:
    """Concatenate WAVs of one format into ``out``, with ``pause`` seconds of silence between."""
    frames: list[bytes] = []
    params = None
    for i, part in enumerate(parts):
        with wave.open(str(part), "rb") as w:
            p = w.getparams()
            if params is None:
                params = p
            elif p[:3] != params[:3]:
                raise ValueError(f"{part}: WAV format differs from {parts[0]}")
            if i:
                frames.append(b"\0" * (round(pause * p.framerate) * p.sampwidth * p.nchannels))
            frames.append(w.readframes(w.getnframes()))
    if params is None:
        raise ValueError("nothing to join")
    tmp = out.with_name(f".{out.name}.join")
    try:
        with wave.open(str(tmp), "wb") as w:
            w.setnchannels(params.nchannels)
            w.setsampwidth(params.sampwidth)
            w.setframerate(params.framerate)
            w.writeframes(b"".join(frames))
        write_bytes_atomic(out, tmp.read_bytes())
    except OSError as exc:
        raise KnownError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return out


def render_sentences(sentences: Sequence[str], voice: Voice | str, out: Path, *,
                     volume: float = DEFAULT_VOLUME, rate: int = DEFAULT_RATE) -> Path:
    """Render each sentence separately (as the Reader does) and join them into one WAV."""
    if not sentences:
        raise ValueError("nothing to read")
    with tempfile.TemporaryDirectory(prefix="kiosk-speech-") as tmp:
        parts = [render_wav(s, voice, Path(tmp) / f"{i:03d}.wav", volume=volume, rate=rate)
                 for i, s in enumerate(sentences)]
        return join_wavs(parts, out)


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()
