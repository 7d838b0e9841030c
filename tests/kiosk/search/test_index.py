from __future__ import annotations

from pathlib import Path

import pytest
from catalogue_factory import item, make_catalogue

from kiosk.catalogue.reader import Catalogue
from kiosk.search.index import TIER_EXACT, TIER_FUZZY, TIER_INITIALS, TIER_PREFIX, TIER_SUBSTRING


def codes(cat: Catalogue, q: str, limit: int = 50) -> list[str]:
    return [h.summary.code for h in cat.search(q, limit)]


# -- the "done when" cases on the bundled sample ------------------------------


def test_initials_sbcx_puts_social_insurance_first(sample_catalogue: Catalogue) -> None:
    hits = sample_catalogue.search("sbcx")
    assert hits, "sbcx found nothing"
    assert hits[0].summary.name == "社保缴费明细查询和打印"
    assert all(h.summary.department == "广州市人力资源和社会保障局" for h in hits[:3])


def test_chinese_shebao_puts_social_insurance_first(sample_catalogue: Catalogue) -> None:
    hits = sample_catalogue.search("社保")
    assert hits[0].summary.name == "社保缴费明细查询和打印"
    assert "社保" in hits[0].summary.themes


@pytest.mark.parametrize("query", ["签", "簽注", "qianzhu", "qian zhu", "QianZhu", "签注", "gat"])
def test_visa_endorsement_found_every_way(sample_catalogue: Catalogue, query: str) -> None:
    names = [h.summary.name for h in sample_catalogue.search(query)]
    assert "港澳台签注申请" in names


@pytest.mark.parametrize(
    "query",
    ['"; DROP', "'; DROP TABLE items; --", '"', "%", "_", "*", "NEAR(a b)", "a OR b", "社保 AND",
     "😀", "👨‍👩‍👧", "\x00", "\ud800", " ", "", "社" * 10_000, "a" * 10_240, "\u200b", "(", "[*]"],
)
def test_any_text_returns_results_or_none(sample_catalogue: Catalogue, query: str) -> None:
    hits = sample_catalogue.search(query)
    assert isinstance(hits, list)
    assert len(hits) <= 50


def test_limit_is_respected(sample_catalogue: Catalogue) -> None:
    assert len(sample_catalogue.search("查询", limit=3)) == 3


def test_one_character_chinese(sample_catalogue: Catalogue) -> None:
    names = [h.summary.name for h in sample_catalogue.search("税")]
    assert "个人完税证明打印" in names


# -- ranking and key kinds on purpose-made catalogues ------------------------------------


@pytest.fixture()
def ranked(tmp_path: Path) -> Catalogue:
    rows = [
        item("S", "某某社保业务办理"),                  # substring of 社保
        item("I", "示范补办", keywords=["随便查询"]),   # initials sbcx of a keyword
        item("P", "社保卡挂失"),                        # prefix
        item("E", "社保"),                              # exact
        item("H", "其他社保服务", hot=1),               # substring but hot
    ]
    cat = Catalogue.open(make_catalogue(tmp_path / "r.sqlite", rows))
    yield cat
    cat.close()


def test_tiers_exact_prefix_substring_and_hot_breaks_ties(ranked: Catalogue) -> None:
    hits = ranked.search("社保")
    assert [h.summary.code for h in hits] == ["E", "P", "H", "S"]
    assert [h.tier for h in hits] == [TIER_EXACT, TIER_PREFIX, TIER_SUBSTRING, TIER_SUBSTRING]


def test_initials_rank_above_substring(tmp_path: Path) -> None:
    rows = [
        item("SUB", "个人社保查询"),          # initials grsbcx: substring
        item("PRE", "社保查询与打印"),        # initials sbcxydy: prefix
    ]
    with Catalogue.open(make_catalogue(tmp_path / "c.sqlite", rows)) as cat:
        hits = cat.search("sbcx")
    # initials inside a name meet words by chance: they rank with the weak matches
    assert [(h.summary.code, h.tier) for h in hits] == [("PRE", TIER_INITIALS), ("SUB", TIER_FUZZY)]


def test_initials_subsequence_is_last_resort(tmp_path: Path) -> None:
    rows = [item("A", "审批备案程序查询")]  # spbacxcx: s, b, c, x only scattered
    with Catalogue.open(make_catalogue(tmp_path / "c.sqlite", rows)) as cat:
        hits = cat.search("sbcx")
        assert [(h.summary.code, h.tier) for h in hits] == [("A", TIER_FUZZY)]
        assert cat.search("bcx") == []  # anchored at the first character


def test_every_reading_of_polyphonic_characters(tmp_path: Path) -> None:
    rows = [item("Z", "重新申领行驶证"), item("Y", "银行卡长期账户")]
    with Catalogue.open(make_catalogue(tmp_path / "c.sqlite", rows)) as cat:
        for q in ("chongxin", "zhongxin", "cxsl", "zxsl", "xingshi", "hangshi"):
            assert "Z" in codes(cat, q), q
        for q in ("yinhang", "yinxing", "changqi", "zhangqi", "yhkcq", "yhkzq"):
            assert "Y" in codes(cat, q), q


def test_pinyin_matches_start_at_a_syllable(tmp_path: Path) -> None:
    rows = [item("G", "港澳通行证")]  # gang'ao'…: "an" sits inside "gang"
    with Catalogue.open(make_catalogue(tmp_path / "c.sqlite", rows)) as cat:
        assert codes(cat, "aotong") == ["G"]
        assert codes(cat, "ngao") == []


def test_aliases_keywords_and_departments(tmp_path: Path) -> None:
    rows = [item("K", "不动产登记资料查询", aliases=["查册"], keywords=["房产证明"],
                 department="广州市规划和自然资源局")]
    with Catalogue.open(make_catalogue(tmp_path / "c.sqlite", rows)) as cat:
        for q in ("查册", "cc", "房产证明", "fczm", "自然资源", "规划"):
            assert codes(cat, q) == ["K"], q


def test_traditional_and_fullwidth_input(tmp_path: Path) -> None:
    rows = [item("T", "个人所得税纳税记录打印"), item("E", "ETC卡办理")]
    with Catalogue.open(make_catalogue(tmp_path / "c.sqlite", rows)) as cat:
        assert codes(cat, "個人所得稅") == ["T"]
        assert codes(cat, "ＥＴＣ") == ["E"]
        assert codes(cat, "etc") == ["E"]


def test_hot_items_and_browsing(sample_catalogue: Catalogue) -> None:
    hot = sample_catalogue.hot(5)
    assert [s.hot for s in hot] == [1, 2, 3, 4, 5]
    themes = dict(sample_catalogue.themes())
    assert len(themes) >= 8 and themes["社保"] >= 5
    depts = dict(sample_catalogue.departments())
    assert len(depts) >= 10
    in_theme = sample_catalogue.browse(theme="公积金")
    assert in_theme and all("公积金" in s.themes for s in in_theme)
    assert len(in_theme) == themes["公积金"]
    in_dept = sample_catalogue.browse(department="广州市医疗保障局")
    assert len(in_dept) == depts["广州市医疗保障局"]
    tagged = sample_catalogue.browse(tag="自助办")
    assert len(tagged) == len(sample_catalogue)
    assert sample_catalogue.browse(theme="不存在的主题") == []


def test_catalogue_search_does_not_load_pypinyin(sample_snapshot: Path) -> None:
    """The running kiosk reads pinyin from the snapshot, not from pypinyin (start-up cost)."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from kiosk.catalogue.reader import Catalogue;"
        f"c = Catalogue.open(Path({str(sample_snapshot)!r}));"
        "assert c.search('qianzhu') and c.search('sbcx') and c.search('簽注');"
        "print(sorted(m for m in sys.modules if m.startswith('pypinyin')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_prepare_builds_the_lazy_tables_and_changes_no_result(sample_snapshot: Path) -> None:
    queries = ["ybjf", "sbkbb", "婚烟登记", "hukuo", "社保", "qianzhu", "zzzz"]
    with Catalogue.open(sample_snapshot, views={}) as cold:
        before = [[(h.summary.code, h.tier) for h in cold.search(q)] for q in queries]
    with Catalogue.open(sample_snapshot, views={}) as warm:
        assert warm._index._slips is None  # nothing built at open
        warm.prepare_search()
        assert warm._index._slips is not None and warm._index._masks is not None
        assert [[(h.summary.code, h.tier) for h in warm.search(q)] for q in queries] == before
