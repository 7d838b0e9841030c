"""Read-aloud with the real espeak-ng: WAVs in both voices, the threaded reader, missing voices."""

from __future__ import annotations

import array
import math
import shutil
import wave
from pathlib import Path

import pytest

from kiosk.access import speech
from kiosk.access.reader import Reader
from kiosk.access.readout import sentences
from kiosk.access.speech import Voice
from kiosk.catalogue.reader import Catalogue
from kiosk.cli.main import main
from kiosk.errors import ExitCode, VoiceMissing

pytestmark = pytest.mark.skipif(speech.espeak_command() is None, reason="espeak-ng not installed")

SAY = "港澳台签注申请，可以在本机办理。"
OTHER = "社保缴费明细查询和打印。"


def samples(path: Path) -> tuple[wave._wave_params, array.array[int]]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        data = array.array("h", w.readframes(w.getnframes()))
    return params, data


def rms(data: array.array[int]) -> float:
    return math.sqrt(sum(s * s for s in data) / len(data))


@pytest.mark.parametrize("voice", list(Voice))
def test_wav_in_each_voice(tmp_path: Path, voice: Voice) -> None:
    a = speech.render_wav(SAY, voice, tmp_path / "a.wav")
    b = speech.render_wav(OTHER, voice, tmp_path / "b.wav")
    pa, da = samples(a)
    pb, db = samples(b)
    assert pa.nchannels == 1 and pa.sampwidth == 2 and pa.framerate == 22050
    # 15 characters at 150 words a minute: seconds, not milliseconds or minutes
    assert 1.5 < speech.wav_seconds(a) < 12
    assert rms(da) > 300  # speech, not silence
    assert da != db and speech.wav_seconds(a) != speech.wav_seconds(b)


def test_the_two_voices_differ(tmp_path: Path) -> None:
    _, cmn = samples(speech.render_wav(SAY, Voice.CMN, tmp_path / "cmn.wav"))
    _, yue = samples(speech.render_wav(SAY, Voice.YUE, tmp_path / "yue.wav"))
    assert cmn != yue


def test_volume_changes_loudness(tmp_path: Path) -> None:
    _, quiet = samples(speech.render_wav(SAY, Voice.CMN, tmp_path / "q.wav", volume=0.2))
    _, loud = samples(speech.render_wav(SAY, Voice.CMN, tmp_path / "l.wav", volume=0.8))
    assert rms(loud) > 2.5 * rms(quiet)


def test_hostile_text_is_read_not_obeyed(tmp_path: Path) -> None:
    """Text arrives on stdin: an option-like or SSML-like string is spoken, not acted on."""
    out = speech.render_wav('-w /tmp/evil.wav <speak><audio src="x"/></speak>', Voice.CMN,
                            tmp_path / "h.wav")
    assert speech.wav_seconds(out) > 1 and not Path("/tmp/evil.wav").exists()


def test_joined_wav_is_the_sentences_in_order(tmp_path: Path) -> None:
    lines = [SAY, OTHER]
    out = speech.render_sentences(lines, Voice.YUE, tmp_path / "all.wav")
    parts = [samples(speech.render_wav(s, Voice.YUE, tmp_path / f"{i}.wav"))[1]
             for i, s in enumerate(lines)]
    _, joined = samples(out)
    gap = round(speech.PAUSE * 22050)
    assert joined == parts[0] + array.array("h", [0] * gap) + parts[1]


def data_without_yue(tmp_path: Path) -> Path:
    """A real espeak-ng data directory with the Cantonese voice taken out."""
    src = Path("/usr/lib/x86_64-linux-gnu/espeak-ng-data")
    if not src.is_dir():
        pytest.skip("Debian's espeak-ng-data is not where Debian puts it")
    data = tmp_path / "espeak" / "espeak-ng-data"
    data.mkdir(parents=True)
    for entry in src.iterdir():
        if entry.name != "lang":
            (data / entry.name).symlink_to(entry)
    shutil.copytree(src / "lang", data / "lang", symlinks=True)
    for f in (data / "lang" / "sit").glob("yue*"):
        f.unlink()
    return data.parent


def test_missing_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    assert speech.voice_installed(Voice.CMN) and speech.voice_installed(Voice.YUE)
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(data_without_yue(tmp_path)))
    assert speech.voice_installed(Voice.CMN) and not speech.voice_installed(Voice.YUE)
    with pytest.raises(VoiceMissing, match="'yue' is not installed"):
        Reader(player=None).start([SAY], Voice.YUE)
    assert main(["speak", "SAMPLE-CRJ-001", "--lang", "yue"]) == ExitCode.VOICE_MISSING
    assert "'yue' is not installed" in capsys.readouterr().err


def test_missing_espeak(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KIOSK_ESPEAK", str(tmp_path / "no-espeak-ng"))
    assert speech.installed_voices() == frozenset() and not speech.voice_installed(Voice.CMN)
    with pytest.raises(VoiceMissing, match="espeak-ng is not installed"):
        speech.render_wav(SAY, Voice.CMN, tmp_path / "x.wav")
    assert main(["speak", "SAMPLE-CRJ-001", "--out", str(tmp_path / "x.wav")]) == \
        ExitCode.VOICE_MISSING
    assert not (tmp_path / "x.wav").exists()


@pytest.mark.parametrize("voice", list(Voice))
def test_cli_speak_writes_the_captions_it_prints(tmp_path: Path, voice: Voice,
                                                 capsys: pytest.CaptureFixture[str],
                                                 sample_catalogue: Catalogue) -> None:
    out = tmp_path / f"crj-{voice}.wav"
    assert main(["speak", "SAMPLE-CRJ-001", "--lang", voice.value, "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    lines = sentences(sample_catalogue.item("SAMPLE-CRJ-001"))
    assert printed[:-1] == lines and printed[-1].startswith(f"# {voice.label}")
    seconds = speech.wav_seconds(out)
    assert len(lines) * 1.0 < seconds < len(lines) * 10
    assert str(round(seconds, 1)) in printed[-1]


def test_cli_speak_unknown_code_and_bad_output(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speak", "NO-SUCH-ITEM"]) == ExitCode.ITEM_NOT_FOUND
    assert "NO-SUCH-ITEM" in capsys.readouterr().err
    assert main(["speak", "SAMPLE-CRJ-001", "--out", str(tmp_path)]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert "cannot be written" in err and "Traceback" not in err


def test_a_voice_code_means_the_same_voice(tmp_path: Path) -> None:
    """"cmn" as a plain string still speaks with cmn-latn-pinyin, not Debian's plain cmn."""
    by_enum = speech.render_wav(SAY, Voice.CMN, tmp_path / "e.wav").read_bytes()
    assert speech.render_wav(SAY, "cmn", tmp_path / "s.wav").read_bytes() == by_enum
    assert speech.render_wav(SAY, "cmn-latn-pinyin", tmp_path / "n.wav").read_bytes() == by_enum
