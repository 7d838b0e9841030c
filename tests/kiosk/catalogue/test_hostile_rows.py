"""Rows from a publisher holding a valid key: every byte is parsed as hostile.

A signature says who published a list, not that it is harmless. These rows came from an
attack lab (a signed repository served on loopback to a fresh kiosk, tests/kiosk/sync/
test_hostile_feed.py): before these rules a signed name holding ``<img src="http://…">`` made
the item screen fetch and draw a remote picture (a fake QR code), ``<font size=7>`` wrote over
the screen, U+202E showed 社保询查 as 社保查询, and ESC sequences reached a technician's terminal
through ``kiosk item``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalogue import model, urls
from kiosk.catalogue.build import build, build_from_source
from kiosk.catalogue.model import RULES, Item, RowError, item_from_dict
from kiosk.catalogue.report import classify
from kiosk.catalogue.store import SnapshotStore
from kiosk.catalogue.verify import verify_snapshot
from kiosk.errors import ItemNotFound
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from kiosk.search.keys import search_keys

ALLOW = ["gdzwfw.gov.cn", "gz.gov.cn"]


def row(**extra: Any) -> dict[str, Any]:
    guide = extra.pop("guide", {})
    r: dict[str, Any] = {"code": "ATK-1", "name": "社保缴费明细查询", "department": "测试人社局",
                         "pc_url": "https://rsj.gz.gov.cn/",
                         "guide": {"conditions": "本人办理。", "steps": ["刷身份证"], "phone": "12333",
                                   "address": "各区政务服务中心", "materials": [{"name": "居民身份证"}],
                                   **guide}}
    r.update(extra)
    return r


def refused(r: dict[str, Any]) -> RowError:
    with pytest.raises(RowError) as info:
        item_from_dict(r, allow_hosts=ALLOW)
    return info.value


# --------------------------------------------------------------------------- markup

MARKUP = [
    '<font color="red" size="7">请扫码缴费</font>社保',
    '<img src="http://127.0.0.1:1/x.png">社保',
    '<a href="https://evil.example/">点击办理</a>',
    "社保<br>假的第二行",
    "< b>社保</b>",
    "<!-- x -->社保",
    "社保&lt;i&gt;",
    "社保&#x202E;查询",
    "社保&#8238;查询",
]

#: Every text a resident reads, as the field a RowError names and where it goes in a row.
FIELDS = {
    "name": lambda r, v: r.update(name=v),
    "department": lambda r, v: r.update(department=v),
    "parent": lambda r, v: r.update(parent=v),
    "aliases": lambda r, v: r.update(aliases=[v]),
    "keywords": lambda r, v: r.update(keywords=[v]),
    "themes": lambda r, v: r.update(themes=[v[:20]]),
    "guide.conditions": lambda r, v: r["guide"].update(conditions=v),
    "guide.steps": lambda r, v: r["guide"].update(steps=[v]),
    "guide.phone": lambda r, v: r["guide"].update(phone=v),
    "guide.address": lambda r, v: r["guide"].update(address=v),
    "guide.hours": lambda r, v: r["guide"].update(hours=v),
    "guide.fee": lambda r, v: r["guide"].update(fee=v),
    "guide.note": lambda r, v: r["guide"].update(note=v),
    "guide.materials[0].name": lambda r, v: r["guide"].update(materials=[{"name": v}]),
    "guide.materials[0].note": lambda r, v: r["guide"].update(materials=[{"name": "身份证", "note": v}]),
    "guide.promise_limit": lambda r, v: r["guide"].update(promise_limit=v),
}


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_a_name_is_refused(text: str) -> None:
    exc = refused(row(name=text))
    assert exc.field == "name" and "plain text" in exc.reason


@pytest.mark.parametrize("field", FIELDS)
def test_markup_is_refused_in_every_text_a_resident_reads(field: str) -> None:
    r = row()
    FIELDS[field](r, "<img src=x.png>")
    exc = refused(r)
    assert exc.field == field, exc
    assert "HTML markup" in exc.reason


@pytest.mark.parametrize("text", ["年龄<60周岁", "3<5", "社保&医保", "A & B", "R&D;测试", "＜60岁"])
def test_text_that_only_looks_near_markup_is_kept(text: str) -> None:
    assert item_from_dict(row(name=text), allow_hosts=ALLOW).name == text


# --------------------------------------------------------------------------- characters

@pytest.mark.parametrize("char", [
    "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",  # bidi
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero width, BOM, soft hyphen
    "\x1b", "\x07", "\x08", "\x00", "\x7f", "\x85", "\x9b",  # terminal and printer control
    "\u2028", "\u2029", "\ud800", "\udfff",  # line separators, lone surrogates
    "\u3164", "\u115f", "\u2800", "\u034f", "\U000e0041", "\ufffc",  # drawn as nothing
])
def test_invisible_and_control_characters_are_refused(char: str) -> None:
    exc = refused(row(name=f"社保{char}查询"))
    assert exc.field == "name" and f"U+{ord(char):04X}" in exc.reason
    exc = refused(row(guide={"note": f"请注意{char}核对"}))
    assert exc.field == "guide.note"


def test_the_character_class_covers_every_control_format_and_surrogate_code_point() -> None:
    missing = [f"U+{i:04X}" for i in range(sys.maxunicode + 1)
               if unicodedata.category(chr(i)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
               and not model._BAD_LINE.match(chr(i))]
    assert not missing, missing


def test_a_line_break_is_refused_in_one_line_fields_and_kept_in_guide_text() -> None:
    assert refused(row(name="公积金\n查询\n\n假的第二行")).field == "name"
    assert refused(row(guide={"phone": "12333\r99999"})).field == "guide.phone"
    assert refused(row(guide={"materials": [{"name": "身份证\n复印件"}]})).field == "guide.materials[0].name"
    assert item_from_dict(row(guide={"steps": ["刷卡", "选择\n打印"]}), allow_hosts=ALLOW).guide.steps[1] == "选择\n打印"
    it = item_from_dict(row(guide={"conditions": "第一条\r\n第二条\r第三条"}), allow_hosts=ALLOW)
    assert it.guide.conditions == "第一条\n第二条\n第三条"
    assert item_from_dict(row(name="社保\t查询"), allow_hosts=ALLOW).name == "社保 查询"


def test_stacked_combining_marks_are_refused_and_accents_kept() -> None:
    exc = refused(row(name="社" + "\u0301" * 60 + "保"))
    assert "combining marks" in exc.reason
    assert item_from_dict(row(name="Tiếng Việt ệ"), allow_hosts=ALLOW).name == "Tiếng Việt ệ"


def test_a_name_of_invisible_letters_is_refused() -> None:
    assert refused(row(name="\u3164\u3164\u3164")).field == "name"
    assert refused(row(department="\u2800")).field == "department"


def test_a_fact_text_is_plain_text_too() -> None:
    exc = refused(row(guide={"promise_limit": {"value": None, "unit": "text",
                                               "text": "<font size=7>即办</font>"}}))
    assert exc.field == "promise_limit" or exc.field.endswith("promise_limit")


def test_huge_text_is_refused_before_it_is_scanned() -> None:
    exc = refused(row(name="社" * 5_000_000))
    assert "longer than" in exc.reason


# --------------------------------------------------------------------------- addresses in text

@pytest.mark.parametrize(("text", "host"), [
    ("请访问 http://gz-gov.cn.evil.example/pay 缴纳手续费", "gz-gov.cn.evil.example"),
    ("扫码 https://gz.gov.cn.evil.com/pay 付款", "gz.gov.cn.evil.com"),
    ("登录www.evil-gz.com办理", "www.evil-gz.com"),
    ("请访问ｗｗｗ．ｅｖｉｌ．ｃｏｍ", "www.evil.com"),  # full-width, as a resident reads it
    ("请访问evil。com办理", "evil.com"),  # an ideographic full stop between letters is a dot
    ("访问 gz.gov.cn@evil.com 办理", "evil.com"),  # what a browser makes of it
    ("微信打开 weixin://dl/business/?t=abc", ""),
    ("请访问 gz.gоv.cn（о 为西里尔字母）", "v.cn"),
])
def test_a_web_address_in_free_text_must_be_on_the_allow_list(text: str, host: str) -> None:
    exc = refused(row(guide={"note": text}))
    assert exc.field == "guide.note"
    assert "free text may name only allowed addresses" in exc.reason
    assert host in exc.reason
    cause, hint = classify(exc, exc.field)
    assert cause == "text_address_not_allowed" and "kiosk config add catalogue.url_allow_hosts" in hint


@pytest.mark.parametrize("text", [
    "登录广东政务服务网（https://www.gdzwfw.gov.cn）办理。",
    "访问www.gz.gov.cn。",
    "见 http://rsj.gz.gov.cn/ywzt/ 的说明",
    "填写申请表.docx 并上传 form1.pdf",
    "办理时限 1.5 个工作日，PM2.5 检测，V1.0 版，No.1 窗口，Mr.Wang",
])
def test_allowed_addresses_and_file_names_in_free_text_are_kept(text: str) -> None:
    assert item_from_dict(row(guide={"note": text}), allow_hosts=ALLOW).guide.note == text


def test_an_address_in_a_name_or_a_phone_is_judged_too() -> None:
    assert refused(row(name="社保查询 evil.example")).field == "name"
    assert refused(row(guide={"phone": "12333 或 pay.evil.example"})).field == "guide.phone"


# --------------------------------------------------------------------------- URLs inside URLs

@pytest.mark.parametrize("url", [
    "https://www.gz.gov.cn/r?url=https://evil.example/login",
    "https://www.gz.gov.cn/r?url=https%3A%2F%2Fevil.example%2F",
    "https://www.gz.gov.cn/r?url=https%253A%252F%252Fevil.example%252F",  # encoded twice
    "https://www.gz.gov.cn/r?u=//evil.example/x",
    "https://www.gz.gov.cn/r?go=evil.example",
    "https://ss.gz.gov.cn/#/https://evil.example/",
    "https://www.gz.gov.cn/r?u=javascript:alert(1)",
    "https://www.gz.gov.cn/r#data:text/html,x",
    "https://www.gz.gov.cn//evil.example",
    "https://www.gz.gov.cn\\\\evil.example",  # a browser reads https://www.gz.gov.cn///evil.example
    "https://www.gz.gov.cn/%2F%2Fevil.example",
    "https://www.gz.gov.cn/redirect/https://evil.example/",
    "https://www.gz.gov.cn/redirect/https:/evil.example/",
    # the slip breaks a long URL at its slashes: a line would read www.evil-pay.com/
    "https://www.gz.gov.cn/portal/www.evil-pay.com/",
])
def test_an_allowed_url_carrying_another_address_is_refused(url: str) -> None:
    with pytest.raises(urls.UrlRefused):
        urls.check(url, ALLOW)
    assert refused(row(pc_url=url)).field == "pc_url"


@pytest.mark.parametrize("url", [
    "https://www.gdzwfw.gov.cn/login?next=https://www.gdzwfw.gov.cn/portal/guide/11440100",
    "https://www.gz.gov.cn/a/b?x=1&y=2#/guide/3",
    "https://www.gz.gov.cn/x?f=guide.pdf",
    "https://sm.gdzwfw.gov.cn/#/guide?code=11440100MB2C9",
    "https://www.gdzwfw.gov.cn/portal/guide.do?id=1144&page=list.jsp",  # portals' page names
    "https://www.gz.gov.cn/gzzw/index.shtml",
    "https://www.gz.gov.cn/zwfw.gz.gov.cn/static/app.js?v=1.2",
    "https://www.gz.gov.cn/api/v2.3/items",
])
def test_an_allowed_url_carrying_allowed_addresses_is_kept(url: str) -> None:
    assert urls.check(url, ALLOW).href == url


# --------------------------------------------------------------------------- installed before the rules

def _hostile_snapshot(path: Path, version: int) -> Path:
    """A snapshot holding markup, built as an older kiosk would have built it (no text rules)."""
    good = item_from_dict(row(), allow_hosts=ALLOW)
    bad = dataclasses.replace(good, code="ATK-2", name='<img src="http://127.0.0.1:1/qr.png">社保')
    build(((i, search_keys(i)) for i in (good, bad)), path,
          meta={"version": version, "published_at": "2026-12-02T00:00:00+08:00",
                "source": "attack lab", "title": "hostile", "sample": False})
    return path


def _install_as_old_software(store: SnapshotStore, snap: Path) -> None:
    staged = store.layout.staging_dir / "old.part"
    staged.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(snap, staged)
    meta = verify_snapshot(staged, allow_hosts=ALLOW, full=False)
    store.install(staged, meta, allow_hosts=ALLOW)
    pointer = json.loads(store.pointer_file.read_text("utf-8"))
    del pointer["current"]["rules"]  # what the software before RULES wrote
    store.pointer_file.write_text(json.dumps(pointer), "utf-8")


def test_a_list_installed_under_older_rules_is_checked_again_and_not_shown(
        kiosk_home: HomeLayout, tmp_path: Path) -> None:
    store = SnapshotStore(kiosk_home)
    _install_as_old_software(store, _hostile_snapshot(tmp_path / "hostile.sqlite", 5))
    cat, origin, problems = store.open_best(ALLOW)
    try:
        assert origin == "factory"
        with pytest.raises(ItemNotFound):
            cat.item("ATK-2")
        assert "HTML markup" in problems[0]
    finally:
        cat.close()


def test_a_full_check_under_the_current_rules_is_recorded(kiosk_home: HomeLayout, tmp_path: Path) -> None:
    store = SnapshotStore(kiosk_home)
    good = tmp_path / "good.sqlite"
    build_from_source(SAMPLE_SOURCE, good, allow_hosts=ALLOW, version=7)
    _install_as_old_software(store, good)
    assert store.current().rules is None
    cat, origin, _ = store.open_best(ALLOW)
    cat.close()
    assert origin == "current"
    assert store.current().rules == RULES  # the next start need not check every row again


def test_rows_judged_by_the_rules_keep_their_canonical_form() -> None:
    """A feed row must be its own canonical form: text the rules rewrite (a tab) is refused there."""
    from kiosk.catalogue.feed import row_from_feed
    from kiosk.catalogue.model import item_to_row

    canon = item_to_row(item_from_dict(row(), allow_hosts=ALLOW))
    item, _ = row_from_feed({"item": canon, "keys": []}, ALLOW)
    assert isinstance(item, Item)
    tabbed = json.loads(json.dumps(canon))
    tabbed["name"] = "社保\t查询"
    with pytest.raises(RowError):
        row_from_feed({"item": tabbed, "keys": []}, ALLOW)


# --------------------------------------------------------------------------- metadata

@pytest.mark.parametrize(("meta", "words"), [
    ({"published_at": "请访问evil.cn 领取补贴"}, "ISO 8601"),
    ({"published_at": "2026-13-45"}, "ISO 8601"),
    ({"title": "<img src=x.png>"}, "HTML markup"),
    ({"source": "示例\u202e数据"}, "U+202E"),
])
def test_a_list_whose_metadata_is_not_plain_is_refused_naming_it(
        tmp_path: Path, meta: dict[str, str], words: str) -> None:
    from kiosk.errors import ImportFileError

    src = tmp_path / "list.jsonl"
    head = {"version": 3, "published_at": "2026-12-02T00:00:00+08:00", "source": "s", "title": "t"}
    src.write_text(json.dumps({"_meta": {**head, **meta}}, ensure_ascii=False) + "\n"
                   + json.dumps(row(), ensure_ascii=False) + "\n", "utf-8")
    with pytest.raises(ImportFileError, match=re.escape(words)) as info:
        build_from_source(src, tmp_path / "out.sqlite", allow_hosts=ALLOW)
    assert "_meta." in str(info.value)
    assert not (tmp_path / "out.sqlite").exists()


@pytest.mark.parametrize(("key", "value"), [
    ("published_at", "请访问evil.cn"), ("title", "<font size=7>x</font>"), ("source", "a&#x202E;b")])
def test_a_signed_manifest_whose_metadata_is_not_plain_is_refused(key: str, value: str) -> None:
    from kiosk.catalogue import feed

    doc = {"format": feed.FORMAT, "version": 2, "published_at": "2026-12-02T00:00:00+08:00",
           "source": "s", "title": "t", "sample": False, "item_count": 1,
           "shards": [["0" * 64, 100, 100, 1]], key: value}
    feed.parse_manifest(json.dumps({**doc, key: "2026-12-02"}).encode())  # the honest one reads
    with pytest.raises(feed.FeedError, match=key):
        feed.parse_manifest(json.dumps(doc, ensure_ascii=False).encode())
