"""Themes for lists without them: the theme lexicon (offline_db/lexicon/themes.tsv), applied at every build."""

from __future__ import annotations

from pathlib import Path

import pytest
from exports import PLAIN, plain_rows, raw_items, write_csv

from kiosk.catalogue import feed, themes
from kiosk.catalogue.build import Counts, build_from_feed, build_from_source
from kiosk.catalogue.model import item_from_dict
from kiosk.catalogue.reader import Catalogue
from kiosk.search import lexicon as lex
from kiosk.search.keys import search_keys

HOSTS = ["gdzwfw.gov.cn", "gz.gov.cn"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("社保\tname\t社保", "expected 4 tab-separated columns"),
        ("社保\tword\t社保\t来源", "unknown kind 'word'"),
        ("社保\tname\t社保\t", "the source column is empty"),
        ("\tname\t社保\t来源", "the theme column is empty"),
        ("社保\tname\t保\t来源", "one character: too noisy"),
        ("社保\tname\t \t来源", "no forms"),
    ],
)
def test_a_bad_line_is_named(line: str, problem: str) -> None:
    with pytest.raises(themes.ThemeLexiconError, match=problem) as exc:
        themes.parse(["# header", line], "t.tsv")
    assert "t.tsv:2" in str(exc.value)


def test_a_form_of_two_themes_is_refused() -> None:
    with pytest.raises(themes.ThemeLexiconError, match="already belongs to theme '社保'"):
        themes.parse(["社保\tname\t养老\t甲", "民政\tname\t养老\t乙"])


def test_the_shipped_lexicon_loads_and_names_its_sources() -> None:
    t = themes.default()
    assert {"社保", "医保", "户政", "民政", "出入境"} <= set(t.themes)
    for line in themes.THEMES_FILE.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert line.split("\t")[3].strip(), line  # every line says where it comes from


@pytest.mark.parametrize(
    ("name", "department", "expected"),
    [
        # the longest department form wins: a traffic police unit of the 公安局 is 交通, not 户政
        ("驾驶证期满换证", "广州市公安局交通警察支队", ("交通",)),
        ("户籍证明开具", "某市公安局", ("户政",)),
        ("往来港澳通行证再次签注", "某市公安局出入境管理支队", ("出入境",)),
        ("婚姻登记预约", "某区民政局", ("民政",)),
        ("异地就医备案", "某市医疗保障局", ("医保",)),
        # a department's short form comes from the search lexicon (人社局 → 人力资源和社会保障局)
        ("失业保险金申领", "某市人社局", ("社保",)),
        # name words add themes: an employer's item is also 企业服务
        ("单位参保证明打印", "某市人力资源和社会保障局", ("社保", "企业服务")),
        ("城乡居民医疗保险缴费", "国家税务总局某市税务局", ("税务", "医保")),
        # nothing known: no theme (counted by the build), never a guess
        ("古树名木迁移审批", "某市林业和园林局", ()),
    ],
)
def test_themes_from_department_and_name(name: str, department: str, expected: tuple[str, ...]) -> None:
    assert themes.default().themes_for(name, department) == expected


def test_the_search_lexicon_helps_when_name_and_department_say_nothing() -> None:
    search = lex.parse(["term\t最低生活保障\t低保\t民政用语"])
    t = themes.parse(["民政\tname\t低保\t民政简称"], search=search)
    assert t.themes_for("最低生活保障金发放查询", "某街道办事处") == ("民政",)
    assert themes.parse(["民政\tname\t低保\t民政简称"]).themes_for("最低生活保障金发放查询", "某街道") == ()


def test_themes_a_list_gives_win() -> None:
    item = item_from_dict({"code": "X-1", "name": "婚姻登记预约", "department": "某区民政局",
                           "themes": ["婚育"]}, allow_hosts=HOSTS)
    assert themes.default().assign(item).themes == ("婚育",)


def test_a_raw_csv_import_gets_themes_and_counts_what_got_none(tmp_path: Path) -> None:
    items = raw_items()
    unknown = {"name": "古树名木迁移审批", "code": "RAW-UNKNOWN-1", "department": "某市林业和园林局",
               "service_object": "法人", "pc_url": "", "status": "在用"}
    src = write_csv(tmp_path / "raw.csv", PLAIN, plain_rows([*items, unknown]))
    counts = Counts()
    meta = build_from_source(src, tmp_path / "raw.sqlite", allow_hosts=HOSTS, counts=counts)
    assert meta.item_count == len(items) + 1
    assert counts.no_theme == 1  # the import report prints this
    assert counts.lexicon_themes == len(items)
    with Catalogue.open(tmp_path / "raw.sqlite", views={}) as cat:
        by_name = {cat.item(s.code).name: cat.item(s.code).themes for s in cat.browse()}
        assert by_name["社保缴费明细查询和打印"] == ("社保",)
        assert by_name["医保参保明细查询和打印"] == ("医保",)
        assert by_name["户籍证明开具"] == ("户政",)
        assert by_name["婚姻登记预约"] == ("民政",)
        assert by_name["港澳台签注申请"] == ("出入境",)
        assert by_name["古树名木迁移审批"] == ()
        assert dict(cat.themes())["社保"] >= 15  # home's tiles are there for a raw list


def test_a_csv_with_its_own_theme_column_keeps_it(tmp_path: Path) -> None:
    from catalogue_factory import ROWS
    from catalogue_factory import write_csv as write_official

    src = write_official(tmp_path / "themed.csv", ROWS)
    counts = Counts()
    build_from_source(src, tmp_path / "t.sqlite", allow_hosts=HOSTS, counts=counts)
    assert (counts.lexicon_themes, counts.no_theme) == (0, 0)
    with Catalogue.open(tmp_path / "t.sqlite", views={}) as cat:
        assert cat.item("TEST-0002").themes == ("企业服务",)


def test_a_feed_without_themes_gets_them_on_the_kiosk(tmp_path: Path) -> None:
    """An older publisher's feed carries no themes: the kiosk's own build gives them."""
    rows = [item_from_dict({"code": f"F-{i}", "name": name, "department": dept}, allow_hosts=HOSTS)
            for i, (name, dept) in enumerate([("婚姻登记档案查询", "某区民政局"), ("古籍修复", "某图书馆")])]
    meta = {"version": 7, "published_at": "2026-12-01T00:00:00+08:00", "source": "test",
            "title": "feed", "sample": True}
    manifest, files = feed.write_feed(((r, search_keys(r)) for r in rows), tmp_path / "feed", meta)
    counts = Counts()
    build_from_feed(manifest, [files[s.sha256] for s in manifest.shards], tmp_path / "k.sqlite",
                    allow_hosts=HOSTS, counts=counts)
    assert (counts.lexicon_themes, counts.no_theme) == (1, 1)
    with Catalogue.open(tmp_path / "k.sqlite", views={}) as cat:
        assert cat.item("F-0").themes == ("民政",)
        assert cat.item("F-1").themes == ()
