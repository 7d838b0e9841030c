"""Query understanding on the raw sample: phrases, verbs, fuzzy pinyin, variants, departments."""

from __future__ import annotations

import pytest

from kiosk.catalogue.reader import Catalogue
from kiosk.search import lexicon
from kiosk.search.index import TIER_CLOSEST, TIER_PARTS, TIER_SLIP, TIER_SOME


def names(cat: Catalogue, query: str, n: int = 5) -> list[str]:
    return [h.summary.name for h in cat.search(query)[:n] if not h.closest]


@pytest.mark.parametrize(("query", "wanted"), [
    ("我要查社保", "社保缴费明细查询和打印"),
    ("社保 查询", "社保缴费明细查询和打印"),
    ("补办社保卡", "社会保障卡补换卡申请"),
    ("社保卡挂失", "社会保障卡临时挂失"),
    ("查询 驾驶证 记分", "驾驶证记分查询"),
    ("在哪里打印社保缴费明细", "社保缴费明细查询和打印"),
    ("如何查询公积金贷款还款", "住房公积金贷款还款明细查询"),
])
def test_phrases_find_the_item(raw_catalogue: Catalogue, query: str, wanted: str) -> None:
    assert wanted in names(raw_catalogue, query, 3)


@pytest.mark.parametrize(("query", "wanted"), [
    ("办居住证", "申领居住证"), ("换身份证", "居民身份证办理进度查询"),
    ("申请法律援助", "法律援助申请"), ("怎么开无犯罪证明", "无犯罪记录证明申请"),
])
def test_service_verbs_and_filler_are_dropped(raw_catalogue: Catalogue, query: str,
                                              wanted: str) -> None:
    assert wanted in names(raw_catalogue, query, 3)


def test_items_with_every_part_rank_above_items_with_some(raw_catalogue: Catalogue) -> None:
    hits = raw_catalogue.search("公积金 贷款 查询")
    assert [h.summary.name for h in hits[:2]] == ["住房公积金贷款利率查询", "住房公积金贷款还款明细查询"]
    assert hits[0].tier == TIER_PARTS
    tiers = [h.tier for h in hits]
    assert tiers == sorted(tiers) and TIER_SOME in tiers
    assert all(not all(w in h.summary.name for w in ("公积金", "贷款", "查询"))
               for h in hits if h.tier == TIER_SOME)


def test_one_character_filler_stays_inside_a_word() -> None:
    parts = lexicon.default().split(["重要文件"])
    assert [p.text for p in parts] == ["重要文件"]


@pytest.mark.parametrize(("query", "wanted"), [
    ("shenfengzheng", "居民身份证办理进度查询"),  # eng/en
    ("senfenzen", "居民身份证办理进度查询"),  # s/sh, z/zh
    ("hangchan", "个人名下房产查询"),  # h/f
    ("yangnaojin", "养老金发放明细查询"),  # n/l
    ("tuixui", "养老金发放明细查询"),  # swapped letters (退休 -> 养老金 through the lexicon)
    ("hukuo", "户籍证明开具"),
    ("gongjjin", "住房公积金缴存明细查询"),  # a missing letter
    ("dibbao", "最低生活保障待遇查询"),  # an extra letter
])
def test_fuzzy_pinyin(raw_catalogue: Catalogue, query: str, wanted: str) -> None:
    assert wanted in names(raw_catalogue, query, 5)


def test_sound_alikes_rank_below_exact_readings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from catalogue_factory import item, make_catalogue

    path = make_catalogue(tmp_path / "c.sqlite", [
        item("SANG", "桑海登记"), item("SHANG", "上海登记"), item("ZENG", "增加登记")])
    with Catalogue.open(path, views={}) as cat:
        hits = cat.search("shanghai")
        assert [h.summary.code for h in hits][:2] == ["SHANG", "SANG"]
        assert hits[0].tier < hits[1].tier
        # four letters are too few for a slip; five or more may be one letter off
        assert all(h.tier != TIER_SLIP for h in cat.search("zenj"))
    path = make_catalogue(tmp_path / "d.sqlite", [item("DB", "最低生活保障待遇查询")])
    with Catalogue.open(path, views={}) as cat:  # slips are looked for among the lexicon's words
        slip = cat.search("dbiao")
        assert slip and slip[0].summary.code == "DB" and slip[0].tier == TIER_SLIP
        assert not any(h.tier == TIER_SLIP for h in cat.search("dbia"))


@pytest.mark.parametrize("query", ["身分證", "身分证", "身份證"])
def test_variant_characters_fold(raw_catalogue: Catalogue, query: str) -> None:
    assert names(raw_catalogue, query, 1) == ["居民身份证办理进度查询"]


@pytest.mark.parametrize(("query", "department"), [
    ("人社局", "广州市人力资源和社会保障局"), ("社保局", "广州市人力资源和社会保障局"),
    ("医保局", "广州市医疗保障局"), ("派出所", "公安局"), ("交警", "广州市公安局交通警察支队"),
    ("国税", "国家税务总局广州市税务局"), ("残联", "广州市残疾人联合会"),
])
def test_department_short_forms(raw_catalogue: Catalogue, query: str, department: str) -> None:
    hits = raw_catalogue.search(query)[:5]
    assert hits and all(department in h.summary.department for h in hits)


def test_no_match_offers_closest_items_and_groups(raw_catalogue: Catalogue) -> None:
    hits = raw_catalogue.search("医保报销")
    assert hits and all(h.closest and h.tier == TIER_CLOSEST for h in hits)
    assert all("医" in h.summary.name for h in hits)
    related = raw_catalogue.related("医保报销")
    assert ("department", "广州市医疗保障局") in related


def test_highlight_marks_what_matched(raw_catalogue: Catalogue) -> None:
    def marked(query: str) -> str:
        hit = raw_catalogue.search(query)[0]
        return "".join(hit.summary.name[s:s + n] for s, n in hit.marks)

    assert marked("社保") == "社保"
    assert marked("sbcx") == "社保查询"
    assert marked("qianzhu") == "签注"
    assert marked("簽注") == "签注"
