"""The lexicon as data, and applied to a list that carries no aliases at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from catalogue_factory import write_csv

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.devtools.rawcopy import STRIPPED, write_raw_copy
from kiosk.paths import SAMPLE_SOURCE
from kiosk.search import lexicon

ALLOW = ["gdzwfw.gov.cn", "gz.gov.cn"]


def test_shipped_lexicon_has_hundreds_of_entries_each_with_a_source() -> None:
    lex = lexicon.load(lexicon.LEXICON_FILE)
    assert lex.entries >= 300
    assert "低保" in lex.related["最低生活保障"]
    assert "社会保障卡" in lex.related["社保卡"]
    assert "个人所得税" in lex.related["个税"]
    assert "人力资源和社会保障局" in lex.related["人社局"]
    assert "补领" in lex.actions["补办"]
    assert "我要" in lex.fillers
    for line in lexicon.LEXICON_FILE.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert line.split("\t")[3].strip(), line


@pytest.mark.parametrize(("line", "why"), [
    ("term\t低保\t", "4 tab-separated columns"),
    ("word\t低保\t最低生活保障\t口语", "unknown kind"),
    ("term\t最低生活保障\t低保\t", "source column is empty"),
    ("term\t身份证\t证\t口语", "one character"),
    ("term\t最低生活保障\t\t口语", "needs everyday forms"),
])
def test_a_bad_line_is_named(line: str, why: str) -> None:
    with pytest.raises(lexicon.LexiconError, match=why) as err:
        lexicon.parse(["# header", line], "test.tsv")
    assert "test.tsv:2" in str(err.value)


CSV_ROWS = [
    # name, code, department, object: an official export, no aliases or keywords
    ["社会保障卡补换卡申请", "TEST-SBK", "某区人力资源和社会保障局", "自然人"],
    ["最低生活保障待遇审核确认", "TEST-DB", "某区民政局", "自然人"],
    ["个人所得税纳税记录开具", "TEST-GS", "国家税务总局某区税务局", "自然人"],
    ["专门经营不再分装的包装种子备案", "TEST-ZZ", "某区农业农村局", "法人"],
    ["投标保证金退付", "TEST-TB", "某区公共资源交易中心", "法人"],
    ["企业所得税汇算清缴", "TEST-QY", "国家税务总局某区税务局", "法人"],
]


@pytest.fixture(scope="module")
def csv_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("csv")
    rows = [[name, code, dept, obj, "", "", "https://www.gdzwfw.gov.cn/", "", "", "", "在用",
             "", "", ""] for name, code, dept, obj in CSV_ROWS]
    src = write_csv(d / "official.csv", rows)
    out = d / "official.sqlite"
    build_from_source(src, out, allow_hosts=ALLOW)
    return out


@pytest.mark.parametrize(("query", "code"), [
    ("社保卡", "TEST-SBK"), ("补办社保卡", "TEST-SBK"), ("sbk", "TEST-SBK"), ("shebaoka", "TEST-SBK"),
    ("低保", "TEST-DB"), ("dibao", "TEST-DB"), ("db", "TEST-DB"),
    ("个税", "TEST-GS"), ("geshui", "TEST-GS"),
    ("人社局", "TEST-SBK"), ("社保局", "TEST-SBK"),
])
def test_an_imported_csv_without_aliases_answers_everyday_words(
        csv_catalogue: Path, query: str, code: str) -> None:
    with Catalogue.open(csv_catalogue, views={}) as cat:
        hits = cat.search(query)
    assert hits and hits[0].summary.code == code, [h.summary.code for h in hits]


def test_dibao_is_not_read_into_unrelated_words(csv_catalogue: Path) -> None:
    # the case: 的包 in 不再分装的包装种子 can read "di bao"; 低保 must come first
    with Catalogue.open(csv_catalogue, views={}) as cat:
        codes = [h.summary.code for h in cat.search("dibao")]
    assert codes[0] == "TEST-DB"


def test_raw_copy_has_no_curated_fields(tmp_path: Path) -> None:
    out = tmp_path / "raw.jsonl"
    count = write_raw_copy(SAMPLE_SOURCE, out)
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    items = [r for r in rows if "_meta" not in r]
    assert count == len(items) > 50
    assert all(not set(STRIPPED) & set(r) for r in items)
    assert all(r["name"] and r["department"] and r["code"] for r in items)
