"""What 朗读 reads: sentences over real items (the bundled sample and purpose-made rows)."""

from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest
from catalogue_factory import ALLOW, item

from kiosk.access.readout import sentences, speakable, split_sentences, zh_count, zh_number
from kiosk.access.speech import Voice, espeak_command
from kiosk.catalogue.model import Guide, Item, item_from_dict
from kiosk.catalogue.reader import Catalogue


def make(**extra: object) -> Item:
    return item_from_dict(item("TEST-R-1", "测试事项", **extra), allow_hosts=ALLOW)


def test_sample_item_reads_its_essentials(sample_catalogue: Catalogue) -> None:
    it = sample_catalogue.item("SAMPLE-CRJ-001")
    lines = sentences(it)
    assert lines[0] == "港澳台签注申请。"
    assert lines[1] == "可以在本机办理。"
    assert any(s.startswith("办理地点：") for s in lines)
    assert "办理步骤共五步。" in lines and "第三步：进行人脸识别。" in lines
    assert "需要准备两项材料。" in lines and "第一项，居民身份证，原件。" in lines
    # every step and every material is read, in order
    steps = [s for s in lines if re.match(r"第.步：", s)]
    assert len(steps) == len(it.guide.steps)
    assert [s.split("，")[1] for s in lines if re.match(r"第.项，", s)] == \
        [m.name for m in it.guide.materials]


def test_missing_data_is_never_spoken_as_a_fact() -> None:
    # the list does not say whether it can be finished here: nothing about where
    lines = sentences(make())
    assert lines == ["测试事项。", "办理部门：测试部门。"]
    assert sentences(make(terminal_complete=False))[1] == "本机不能办结，需到窗口或网上办理。"
    offline = sentences(make(pc_url="", terminal_complete=True))
    assert offline == ["测试事项。", "可以在本机办理。"]
    assert sentences(make(pc_url="", terminal_complete=False))[1] == "本机不能办结，需到窗口办理。"  # no 网上 without an address
    text = "".join(sentences(make(guide={"materials": [{"name": "身份证"}]})))
    assert "份" not in text.replace("身份证", "") and "0" not in text  # 份数 left empty: not "一份"
    text = "".join(sentences(make(guide={"materials": [{"name": "户口簿", "copies": 2,
                                                       "required": False}]})))
    assert "第一项，户口簿，两份，非必需。" in text


def test_status_decides_what_is_read() -> None:
    cancelled = sentences(make(status="cancelled", terminal_complete=True, guide={"steps": ["刷卡"]}))
    assert "该事项已取消，不能办理。" in cancelled and not any("步" in s for s in cancelled)
    suspended = sentences(make(status="suspended", guide={"address": "某地"}))
    assert suspended[-1] == "该事项暂停办理，请咨询窗口工作人员。" and len(suspended) == 2


def test_hours_are_read_only_when_a_window_is_needed() -> None:
    g = {"address": "区政务服务中心", "hours": "周一至周五 9:00-12:00，13:30-17:00"}
    window = sentences(make(guide=g))
    assert "办理时间：周一至周五 9点至12点，13点30分至17点。" in window
    assert not any("办理时间" in s for s in sentences(make(guide=g, terminal_complete=True)))


def test_numbers_and_splitting() -> None:
    assert [zh_number(n) for n in (0, 1, 10, 12, 20, 35, 99, 100)] == \
        ["零", "一", "十", "十二", "二十", "三十五", "九十九", "100"]
    assert zh_count(2) == "两" and zh_count(12) == "十二"
    assert speakable("8:05~8:30") == "8点5分至8点30分"  # espeak reads digits well; captions stay legible
    assert split_sentences("甲。乙；\n丙") == ["甲。", "乙；", "丙。"]


@pytest.mark.skipif(espeak_command() is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("voice", list(Voice))
def test_the_voice_reads_every_sample_item_in_chinese(sample_catalogue: Catalogue,
                                                      voice: Voice) -> None:
    """espeak-ng's phonemes for every sample item's sentences: no character falls back to
    English letter names (Debian's plain "cmn" voice does that for 点, 在, 页…)."""
    codes = [s.code for s in sample_catalogue.browse()]
    unique = dict.fromkeys(s for code in codes for s in sentences(sample_catalogue.item(code)))
    text = "\n".join(s for s in unique if not re.search(r"[A-Za-z]", s))
    assert len(text) > 1000
    out = subprocess.run([str(espeak_command()), "-q", "-x", "-v", voice.espeak_name, "--stdin"],
                         input=text.encode(), capture_output=True, check=True, timeout=120)
    phonemes = out.stdout.decode()
    assert phonemes.count("\n") >= text.count("\n")
    assert "(en)" not in phonemes


def test_a_raw_list_reads_only_what_it_has(sample_catalogue: Catalogue) -> None:
    """The sample with its guide fields removed (as a real list often comes): nothing invented."""
    for summary in sample_catalogue.browse():
        raw = dataclasses.replace(sample_catalogue.item(summary.code), guide=Guide())
        lines = sentences(raw)
        assert 2 <= len(lines) <= 3, lines
        assert not any(re.search(r"[0０零]|：。|第.步|第.项|共.步|材料", s) for s in lines[1:]), lines


def test_search_results_read_the_count_and_the_first_rows(sample_catalogue: Catalogue) -> None:
    from kiosk.access.readout import LIST_LIMIT, list_sentences

    rows = [h.summary for h in sample_catalogue.search("社保", limit=60)]
    assert len(rows) > LIST_LIMIT
    lines = list_sentences(rows, searched=True)
    assert lines[0] == f"找到{zh_count(len(rows))}项事项。"
    assert lines[1] == f"下面读前{zh_count(LIST_LIMIT)}项。"
    named = [s for s in lines if s.startswith("第")]
    assert len(named) == LIST_LIMIT
    assert named[0].startswith(f"第一项，{rows[0].name}，")
    assert lines[-1] == "请点事项查看办事指南。"


def test_result_rows_say_their_state_and_nothing_is_read_for_an_empty_hot_list(
        sample_catalogue: Catalogue) -> None:
    from kiosk.access.readout import list_sentences

    hot = sample_catalogue.hot(3)
    lines = list_sentences(hot, searched=False)
    assert lines[0] == f"热门事项共{zh_count(len(hot))}项。"
    for row, line in zip(hot, lines[1:], strict=False):
        state = "可在本机办理" if row.terminal_complete else "需到窗口或网上办理"
        assert line == f"第{zh_number(hot.index(row) + 1)}项，{row.name}，{state}。"
    suspended = dataclasses.replace(hot[0], status="suspended")
    assert list_sentences([suspended], searched=True)[1].endswith("，暂停办理。")
    assert list_sentences([], searched=False) == []
    assert list_sentences([], searched=True)[0] == "没有找到相符的事项。"
