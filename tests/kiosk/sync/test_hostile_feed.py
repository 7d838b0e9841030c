"""The attack lab as tests: a publisher's valid key signing rows built to phish or to break.

A real repository on 127.0.0.1 (tests/kiosk/sync/conftest.py), signed with the publisher's
keys, so TUF accepts every file; the kiosk's own reading of the rows must refuse them, keep the
catalogue it has and say why. The rows' rules are in kiosk/catalogue/model.py and urls.py
(tests/kiosk/catalogue/test_hostile_rows.py holds them one by one).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re

import pytest
from synchelpers import (
    ALLOW_HOSTS,
    Publisher,
    feed_rows,
    installed_from,
    refused_keeping,
    sync,
    with_fields,
)

from kiosk.catalogue import feed
from kiosk.catalogue.store import SnapshotStore
from kiosk.paths import HomeLayout
from kiosk.sync import publishing


@pytest.mark.parametrize(
    ("change", "guide", "words"),
    [
        ({"name": '<img src="http://127.0.0.1:1/qr.png">社保'}, None, ("name", "HTML markup")),
        ({"name": '<font color="red" size="7">请扫码缴费</font>'}, None, ("name", "HTML markup")),
        ({"department": "公安局&lt;b&gt;"}, None, ("department", "HTML markup")),
        ({"name": "社保\u202e询查\u202c打印"}, None, ("name", "U+202E")),
        ({"name": "社\u200b保"}, None, ("name", "U+200B")),
        ({"name": "社保\x1b[2J\x1b[31m红字"}, None, ("name", "U+001B")),
        ({"name": "公积金\n查询"}, None, ("name", "line break")),
        ({}, {"note": "请访问 http://gz-gov.cn.evil.example/pay 缴纳手续费"},
         ("guide.note", "gz-gov.cn.evil.example")),
        ({}, {"steps": ["扫码 ｗｗｗ．ｅｖｉｌ．ｃｏｍ 付款"]}, ("guide.steps", "www.evil.com")),
        ({}, {"phone": "<font size=7>110</font>"}, ("guide.phone", "HTML markup")),
        ({"pc_url": "https://www.gz.gov.cn/r?url=https://evil.example/login"}, None,
         ("pc_url", "evil.example")),
        ({"mobile_url": "https://www.gz.gov.cn///evil.example"}, None, ("mobile_url", "empty path segment")),
    ],
)
def test_signed_rows_that_would_phish_are_refused_and_the_last_catalogue_kept(
        kiosk: HomeLayout, publisher: Publisher, change: dict[str, object],
        guide: dict[str, object] | None, words: tuple[str, ...]) -> None:
    before = installed_from(kiosk, publisher)
    rows = feed_rows()
    rows[3] = with_fields(rows[3], guide, **change)
    publisher.publish_rows(rows, 2)
    refused_keeping(kiosk, publisher, before, *words)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        # JSON escapes that decode to a lone surrogate (no UTF-8 form; SQLite cannot store it)
        (lambda row: json.dumps(row).replace("\\u793e", "\\ud800", 1), ("U+D800",)),
        # NaN and Infinity: Python's json reads them
        (lambda row: re.sub(r'"hot": \d+', '"hot": NaN', json.dumps(row), count=1), ("hot",)),
        (lambda row: re.sub(r'"hot": \d+', '"hot": Infinity', json.dumps(row), count=1), ("hot",)),
        # a row nested deeper than any parser's stack
        (lambda row: "[" * 200_000 + "]" * 200_000, ("not a JSON row",)),
    ],
)
def test_rows_that_break_parsers_arerefused_keeping(kiosk: HomeLayout, publisher: Publisher,
                                             line: object, words: tuple[str, ...]) -> None:
    before = installed_from(kiosk, publisher)
    rows = feed_rows()
    raw = [json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows]
    raw[0] = line(rows[0]).encode() + b"\n"  # type: ignore[operator]
    publisher.publish_rows(rows, 2, raw_lines=raw)
    refused_keeping(kiosk, publisher, before, *words)


def _sign_manifest(publisher: Publisher, data: bytes, version: int) -> None:
    blob = gzip.compress(b"x\n", mtime=0)
    digest = hashlib.sha256(blob).hexdigest()
    shard = publisher.work / f"{digest}.jsonl.gz"
    shard.write_bytes(blob)
    r = publishing.open_repository(publisher.dir, publisher.keys)
    r.add_feed(data, {digest: shard}, {"version": version})


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, ("manifest",)),  # deeper than json's recursion limit
        (b'{"format": "zizhuban-feed/2", "version": NaN}', ("manifest",)),
        (b"\xff\xfe{}", ("manifest is not JSON",)),
    ],
)
def test_a_signed_manifest_that_breaks_the_parser_is_rejected(
        kiosk: HomeLayout, publisher: Publisher, data: bytes, words: tuple[str, ...]) -> None:
    before = installed_from(kiosk, publisher)
    _sign_manifest(publisher, data, 2)
    refused_keeping(kiosk, publisher, before, *words)


def test_parse_manifest_names_a_nesting_bomb() -> None:
    with pytest.raises(feed.FeedError, match="manifest is not JSON"):
        feed.parse_manifest(b"[" * 100_000 + b"]" * 100_000)


def test_a_catalogue_synced_under_older_rules_is_rejected_not_reported_unchanged(
        kiosk: HomeLayout, publisher: Publisher, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a software update that refuses markup, the feed it installed before is not shown,
    and sync says so (12) instead of 'up to date' (10) while the kiosk shows the factory list."""
    import re as re_mod

    from kiosk.catalogue import model

    rows = feed_rows()
    rows[3] = with_fields(rows[3], name='<font size="7">请扫码缴费</font>')
    publisher.publish_rows(rows, 2)
    with monkeypatch.context() as old_rules:  # the software before the text rules
        old_rules.setattr(model, "_MARKUP", re_mod.compile(r"(?!)"))
        assert sync(kiosk, publisher.server.url).outcome == "updated"
    store = SnapshotStore(kiosk)
    pointer = json.loads(store.pointer_file.read_text("utf-8"))
    del pointer["current"]["rules"]  # what that software wrote
    store.pointer_file.write_text(json.dumps(pointer), "utf-8")
    for _ in range(2):  # the second run answers from the remembered rejection
        result = sync(kiosk, publisher.server.url)
        assert (result.outcome, result.exit_code) == ("rejected", 12), result.message
        assert "fails this kiosk's checks" in result.message and "HTML markup" in result.message
    cat, origin, _ = store.open_best(ALLOW_HOSTS)
    with cat:
        assert origin == "factory"
