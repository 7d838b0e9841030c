"""Handwriting through the real Zinnia library and the Debian tegaki model (no mocks)."""

from __future__ import annotations

import json
import math
import re
import threading
from pathlib import Path

import pytest

from kiosk.access import handwriting
from kiosk.access.handwriting import CANVAS, Ink, Recognizer, ink_from_json, read_ink, to_canvas
from kiosk.cli.main import main
from kiosk.errors import ExitCode, HandwritingMissing, StrokesError


def finger(*corners: tuple[float, float], step: float = 18.0, wobble: float = 2.5) -> list[list[float]]:
    """A stroke through ``corners`` as a finger draws it: a point every ``step`` px, a little shake."""
    pts: list[list[float]] = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:], strict=False):
        n = max(2, math.ceil(math.hypot(x1 - x0, y1 - y0) / step))
        for i in range(0 if not pts else 1, n + 1):
            t = i / n
            shake = wobble * math.sin(7.3 * len(pts))  # deterministic, not random
            pts.append([round(x0 + (x1 - x0) * t + shake, 1), round(y0 + (y1 - y0) * t - shake, 1)])
    return pts


# Pad of 400 x 400 px; strokes in standard stroke order (笔顺), as a resident writes them.
SHI = [finger((70, 205), (200, 200), (335, 198)),  # 横
       finger((200, 60), (202, 200), (199, 345))]  # 竖
KOU = [finger((105, 100), (108, 300)),  # 竖
       finger((105, 100), (295, 96), (292, 300)),  # 横折
       finger((110, 292), (290, 290))]  # 横
WANG = [finger((100, 85), (300, 85)),  # 横
        finger((120, 200), (280, 198)),  # 横
        finger((200, 85), (201, 320)),  # 竖
        finger((75, 320), (325, 318))]  # 提 (a long 横 at the bottom)


def pad(strokes: list[list[list[float]]], width: float = 400, height: float = 400) -> Ink:
    return ink_from_json({"width": width, "height": height, "strokes": strokes})


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return handwriting.shared_recognizer()


@pytest.mark.parametrize(("char", "strokes"), [("十", SHI), ("口", KOU), ("王", WANG)])
def test_drawn_characters_are_among_the_candidates(recognizer: Recognizer, char: str,
                                                   strokes: list[list[list[float]]]) -> None:
    candidates = recognizer.recognize(pad(strokes))
    chars = [c.char for c in candidates]
    assert char in chars, chars
    assert len(chars) == 10 and len(set(chars)) == 10
    scores = [c.score for c in candidates]
    assert scores == sorted(scores, reverse=True)  # best first


def test_shi_is_the_best_candidate(recognizer: Recognizer) -> None:
    assert recognizer.recognize(pad(SHI))[0].char == "十"


def test_a_wide_pad_keeps_the_shape(recognizer: Recognizer) -> None:
    """The same 十 on a 700 x 400 pad, shifted right: the canvas keeps the aspect ratio."""
    wide = [[[x + 150, y] for x, y in stroke] for stroke in SHI]
    assert recognizer.recognize(pad(wide, width=700, height=400))[0].char == "十"


def test_to_canvas_scales_centres_and_clamps() -> None:
    ink = Ink(200, 100, (((0.0, 0.0), (200.0, 100.0), (-30.0, 150.0)),))
    (stroke,) = to_canvas(ink)
    # 200 x 100 fills the canvas's width and sits in the middle of its height
    assert stroke == [(0, 250), (CANVAS, 750), (0, 750)]


def test_empty_pad_and_limit(recognizer: Recognizer) -> None:
    assert recognizer.recognize(pad([])) == []
    assert len(recognizer.recognize(pad(KOU), limit=3)) == 3


def test_recognition_from_several_threads_agrees(recognizer: Recognizer) -> None:
    expected = [c.char for c in recognizer.recognize(pad(WANG))]
    results: list[list[str]] = []

    def work() -> None:
        for _ in range(5):
            results.append([c.char for c in recognizer.recognize(pad(WANG))])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 20


def test_missing_and_broken_model(tmp_path: Path) -> None:
    with pytest.raises(HandwritingMissing, match="tegaki-zinnia-simplified-chinese"):
        Recognizer(tmp_path / "none.model")
    broken = tmp_path / "broken.model"
    broken.write_bytes(b"not a zinnia model" * 10)
    with pytest.raises(HandwritingMissing, match="cannot be opened"):
        Recognizer(broken)


@pytest.mark.parametrize(("data", "message"), [
    ([1, 2], "expected an object"),
    ({"width": 300, "strokes": []}, "'height' is missing"),
    ({"width": 0, "height": 300, "strokes": []}, "width must be between"),
    ({"width": "300", "height": 300, "strokes": []}, "width: expected a number"),
    ({"width": True, "height": 300, "strokes": []}, "width: expected a number"),
    ({"width": 300, "height": 300, "strokes": {"a": 1}}, "must be a list of strokes"),
    ({"width": 300, "height": 300, "strokes": [[]]}, "stroke 1 must be a non-empty list"),
    ({"width": 300, "height": 300, "strokes": [[[1, 2]], [[1, 2, 3]]]}, "stroke 2, point 1: expected"),
    ({"width": 300, "height": 300, "strokes": [[[1, "y"]]]}, "stroke 1, point 1, y: expected"),
    ({"width": 300, "height": 300, "strokes": [[[1, 2]]] * 65}, "more than 64 strokes"),
    ({"width": 300, "height": 300, "strokes": [[[1, 2]] * 2001]}, "more than 2000 points"),
])
def test_bad_ink_names_what_is_wrong(data: object, message: str) -> None:
    with pytest.raises(StrokesError, match=message):
        ink_from_json(data, "pad")


def test_bad_files(tmp_path: Path) -> None:
    cases = {
        "missing.json": None,
        "notjson.json": b'{"width": 300,',
        "latin1.json": '{"width": "é"}'.encode("latin-1"),
        "nan.json": b'{"width": NaN, "height": 300, "strokes": []}',
        "huge.json": b" " * (handwriting.MAX_FILE_BYTES + 1),
    }
    expected = {"missing.json": "cannot be read", "notjson.json": "not valid JSON (line 1",
                "latin1.json": "not UTF-8", "nan.json": "width: expected a number",
                "huge.json": "larger than"}
    for name, content in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        with pytest.raises(StrokesError, match=re.escape(expected[name])) as info:
            read_ink(path)
        assert str(path) in str(info.value)


def test_cli_prints_candidates_best_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "wang.json"
    f.write_text(json.dumps({"width": 400, "height": 400, "strokes": WANG}), encoding="utf-8")
    assert main(["handwrite", "--strokes", str(f), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "王" in [c["char"] for c in out] and out[0]["score"] >= out[-1]["score"]
    assert main(["handwrite", "--strokes", str(f), "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[0].startswith("1\t")


def test_cli_bad_file_and_missing_model(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "bad.json"
    f.write_text('{"width": 400, "height": 400, "strokes": [[[1]]]}', encoding="utf-8")
    assert main(["handwrite", "--strokes", str(f)]) == ExitCode.STROKES_FILE
    err = capsys.readouterr().err
    assert "stroke 1, point 1" in err and str(f) in err and "Traceback" not in err

    f.write_text(json.dumps({"width": 400, "height": 400, "strokes": SHI}), encoding="utf-8")
    monkeypatch.setattr(handwriting, "_shared", None)
    monkeypatch.setenv("KIOSK_ZINNIA_MODEL", str(tmp_path / "absent.model"))
    assert main(["handwrite", "--strokes", str(f)]) == ExitCode.HANDWRITING_MISSING
    assert "tegaki-zinnia-simplified-chinese" in capsys.readouterr().err
    assert handwriting.available() is False
