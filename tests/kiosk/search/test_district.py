"""Search on a district list imported from CSV: names and departments only, parent/child rows.

The list (kiosk/devtools/district_sample.csv) is synthetic, in the shape real 实施清单 take:
many names share 社会保障卡, 户口 or 居民身份证, and 业务办理项 carry their parent's name.
"""

from __future__ import annotations

import csv
import fnmatch
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.devtools.bench_relevance import DISTRICT_LIST, DISTRICT_QUERIES, load_queries
from kiosk.search import lexicon
from kiosk.search.index import (
    TIER_CLOSEST,
    TIER_MISTYPED,
    TIER_PARTS,
    TIER_PARTS_KEYWORD,
    TIER_PARTS_OWN,
    TIER_SOME,
)
from kiosk.search.keys import search_keys


@pytest.fixture(scope="module")
def district_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("district") / "district.sqlite"
    build_from_source(DISTRICT_LIST, out, allow_hosts=[])
    return out


@pytest.fixture()
def district(district_snapshot: Path) -> Iterator[Catalogue]:
    with Catalogue.open(district_snapshot, views={}) as cat:
        yield cat


def top(cat: Catalogue, query: str, n: int = 5) -> list[str]:
    return [h.summary.name for h in cat.search(query)[:n] if not h.closest]


def list_codes() -> list[str]:
    with DISTRICT_LIST.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = next(i for i, r in enumerate(rows) if r[:2] == ["事项名称", "实施编码"])
    return [r[3] or r[1] for r in rows[header + 1:]]


def test_every_label_names_an_item_of_the_list() -> None:
    codes = list_codes()
    assert len(codes) >= 600 and all(c.startswith("SAMPLE-") for c in codes)
    queries = load_queries(DISTRICT_QUERIES)
    assert len(queries) >= 200
    for q in queries:
        for pattern in q.wanted:
            assert any(fnmatch.fnmatchcase(c, pattern) for c in codes), (q.query, pattern)


def test_the_import_keeps_sub_items_and_their_parent(district: Catalogue) -> None:
    item = district.item("SAMPLE-QX-GA-001-04")
    assert item is not None and item.name == "居民身份证丢失补领"
    assert item.parent == "居民身份证申领、换领、补领"
    assert len(district) == len(list_codes())


def test_parent_name_adds_no_lexicon_forms_to_its_children() -> None:
    class Child:
        name = "撤销婚姻"
        aliases: tuple[str, ...] = ()
        keywords = ("内地居民婚姻登记",)
        department = "示例区民政局"
        parent = "内地居民婚姻登记"

    class Alone(Child):
        parent = ""

    child = {k.norm for k in search_keys(Child())}
    assert "内地居民婚姻登记" in child  # the parent's name is still a keyword
    assert not child & {"结婚", "离婚", "结婚证"}
    assert {"结婚", "离婚"} <= {k.norm for k in search_keys(Alone())}


def test_sub_item_holding_the_verb_in_its_own_name_ranks_first(district: Catalogue) -> None:
    # every sibling holds 补领 in its parent's name 居民身份证申领、换领、补领
    for query in ("补办身份证", "身份证丢了", "身份证补办"):
        hits = district.search(query)
        assert hits[0].summary.name == "居民身份证丢失补领", query
        assert hits[0].tier < hits[1].tier
    assert top(district, "身份证过期", 1) == ["居民身份证有效期满换领"]
    assert top(district, "补办社保卡", 1) == ["社会保障卡补领"]


def test_own_name_through_the_lexicon_ranks_between_as_typed_and_keywords(
        district: Catalogue) -> None:
    hits = district.search("补办身份证")
    assert hits[0].tier == TIER_PARTS_OWN  # 居民身份证丢失补领: 补办 through its form 补领
    assert hits[1].tier == TIER_PARTS_KEYWORD  # its siblings: 补领 only in the parent's name
    tiers = [h.tier for h in hits]
    assert tiers == sorted(tiers) and TIER_PARTS_KEYWORD in tiers
    assert TIER_PARTS < TIER_PARTS_OWN < TIER_PARTS_KEYWORD


@pytest.mark.parametrize(("query", "wanted"), [
    ("创业贷款", "创业担保贷款申请"),          # 创业 + 贷款: words of the list
    ("残疾人辅助补贴", "残疾人辅助器具适配补贴"),  # 残疾人 + 辅助 + 补贴
    ("户口迁到本市", "户口迁移（市内）"),        # 到本市: held by no item, left out
])
def test_a_run_no_item_holds_is_split_into_the_lists_words(district: Catalogue, query: str,
                                                           wanted: str) -> None:
    hits = [h for h in district.search(query) if not h.closest]
    assert wanted in [h.summary.name for h in hits[:3]]
    assert all(h.tier < TIER_SOME for h in hits[:3])


def test_the_lexicon_splits_compound_forms_finer() -> None:
    lex = lexicon.default()
    assert [p.text for p in lex.split(["补办社保卡"])] == ["补办社保卡"]
    finer = lex.split(["补办社保卡"], shorter_than=len("补办社保卡"))
    assert [(p.text, p.kind) for p in finer] == [("补办", "action"), ("社保卡", "term")]


@pytest.mark.parametrize(("query", "held"), [
    ("婚烟登记", "婚姻登记"), ("公织金", "公积金"), ("户口签移", "户口"), ("驾驶正", "驾驶"),
])
def test_one_mistyped_character_still_finds_the_item(district: Catalogue, query: str,
                                                     held: str) -> None:
    hits = district.search(query)[:5]
    assert hits and hits[0].tier == TIER_MISTYPED
    assert all(held in h.summary.name or held in (h.summary.name + (h.summary.parent or ""))
               for h in hits)


def test_mistyped_needs_three_characters_and_never_beats_a_match(district: Catalogue) -> None:
    assert all(h.tier != TIER_MISTYPED for h in district.search("婚烟"))
    assert all(h.tier != TIER_MISTYPED for h in district.search("婚姻登记"))


def test_a_known_word_no_item_holds_is_not_dropped(raw_catalogue: Catalogue) -> None:
    # the raw sample has 医保 items but nothing with 报销: the resident gets the closest
    # items under their own heading, not 医保 items presented as matches
    hits = raw_catalogue.search("医保报销")
    assert hits and all(h.tier == TIER_CLOSEST for h in hits)


@pytest.mark.parametrize(("query", "wanted"), [
    ("高龄补贴", "高龄老人津贴申领"), ("技能证书", "职业技能等级认定"), ("就业证", "就业创业证申领"),
    ("过户", "机动车转移登记"), ("开饭店", "食品经营许可新办"), ("结婚证丢了", "内地居民补领婚姻登记证"),
    ("低保", "最低生活保障申请"), ("个税", "个人所得税综合所得汇算清缴"), ("养狗", "养犬登记证核发"),
])
def test_lexicon_gives_a_list_without_aliases_its_everyday_words(district: Catalogue, query: str,
                                                                  wanted: str) -> None:
    assert wanted in top(district, query)
