"""Attacks a good signature does not stop: signed feeds that lie, against a real repository on 127.0.0.1.

Each case signs its feed with the publisher's real keys (tests/helpers/synchelpers.py,
``publish_rows``), so TUF accepts it; what must stop it is the kiosk's own reading of the rows.
"""

from __future__ import annotations

import gzip
import hashlib
import json

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

from kiosk.catalogue.verify import MAX_VERSION_STEP
from kiosk.paths import HomeLayout
from kiosk.sync import publishing, repo


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"pc_url": "javascript:alert(1)"}, ("pc_url", "not https")),
        ({"mobile_url": "https://evil.example\\@www.gz.gov.cn/"}, ("mobile_url", "evil.example")),
        ({"pc_url": "http://www.gz.gov.cn/"}, ("pc_url", "not https")),  # the feed carries only checked URLs
        ({"pc_url": "HTTPS://WWW.GZ.GOV.CN/"}, ("pc_url", "canonical form")),  # not as checked
        ({"hot": "5"}, ("hot", "canonical form")),
        ({"terminal_complete": 1}, ("terminal_complete", "canonical form")),
        ({"name": " 社保 "}, ("name", "canonical form")),
        ({"extra": "x"}, ("extra", "canonical form")),
        ({"aliases": "社保"}, ("aliases", "canonical form")),
        ({"hot": 10**30}, ("hot",)),
    ],
)
def test_rows_that_are_not_their_own_canonical_form_arerefused_keeping(
    kiosk: HomeLayout, publisher: Publisher, change: dict[str, object], words: tuple[str, ...]
) -> None:
    before = installed_from(kiosk, publisher)
    rows = feed_rows()
    rows[5] = with_fields(rows[5], **change)
    publisher.publish_rows(rows, 2)
    refused_keeping(kiosk, publisher, before, "row 6", *words)


def test_duplicate_codes_arerefused_keeping(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = installed_from(kiosk, publisher)
    rows = feed_rows()
    rows.append(with_fields(rows[3], name="冒名顶替的事项"))
    publisher.publish_rows(rows, 2)
    refused_keeping(kiosk, publisher, before, "duplicate code", str(rows[3]["item"]["code"]))  # type: ignore[index]


def test_search_key_flood_isrefused_keeping(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = installed_from(kiosk, publisher)
    rows = feed_rows()
    rows[0]["keys"] = [["keyword", f"k{i}", "k"] for i in range(65)]
    publisher.publish_rows(rows, 2)
    refused_keeping(kiosk, publisher, before, "at most 64 search keys")


def test_a_million_search_rows_in_one_row_is_refused_by_size(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = installed_from(kiosk, publisher)
    rows = feed_rows()
    rows[0]["keys"] = [["keyword", "社保", "sb"]] * 1_000_000
    publisher.publish_rows(rows, 2)
    refused_keeping(kiosk, publisher, before, "row longer than")


def test_bad_search_key_fields_arerefused_keeping(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = installed_from(kiosk, publisher)
    rows = feed_rows()
    rows[0]["keys"] = [["url", "javascript", "j"]]
    publisher.publish_rows(rows, 2)
    refused_keeping(kiosk, publisher, before, "search key field 'url'")


def test_gzip_bomb_stops_at_the_signed_length(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = installed_from(kiosk, publisher)
    bomb = [b" " * (8 << 20) + b"\n"]  # 8 MiB of spaces: ~8 KB compressed
    publisher.publish_rows([], 2, raw_lines=bomb, manifest={"item_count": 1})
    # publish_rows signs the true length; now a manifest that understates it
    shard = publisher.target_file()
    blob = shard.read_bytes()
    publisher.publish_rows([], 3, raw_lines=bomb, manifest={
        "item_count": 1, "shards": [[hashlib.sha256(blob).hexdigest(), len(blob), 1000, 1]]})
    refused_keeping(kiosk, publisher, before, "decompresses to more than the 1000 bytes")


def test_manifest_with_a_huge_expanded_size_is_refused_before_download(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    before = installed_from(kiosk, publisher)
    rows = feed_rows()
    raw = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)
    blob = gzip.compress(raw, mtime=0)
    publisher.publish_rows(rows, 2, manifest={
        "shards": [[hashlib.sha256(blob).hexdigest(), len(blob), 1 << 40, len(rows)]]})
    publisher.server.reset()
    refused_keeping(kiosk, publisher, before, "manifest refused", "raw length")
    assert not any("/feed/" in p for p in publisher.server.counters.paths)


def test_version_near_2_63_is_refused_and_later_genuine_versions_still_install(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    before = installed_from(kiosk, publisher)
    publisher.publish_rows(feed_rows(), 2**63 - 1)
    refused_keeping(kiosk, publisher, before, "version")
    publisher.publish(2, allow_older=True)
    assert sync(kiosk, publisher.server.url).version == 2


def test_version_jump_is_bounded(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = installed_from(kiosk, publisher)
    publisher.publish_rows(feed_rows(), 1 + MAX_VERSION_STEP + 1)
    refused_keeping(kiosk, publisher, before, "jumps more than")
    publisher.publish(3, allow_older=True)
    assert sync(kiosk, publisher.server.url).version == 3


def test_manifest_version_must_match_the_signed_one(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = installed_from(kiosk, publisher)
    publisher.publish_rows(feed_rows(), 2, manifest={"version": 7})
    refused_keeping(kiosk, publisher, before, "manifest says version 7")


def test_publisher_refuses_what_the_kiosk_refuses(publisher: Publisher) -> None:
    src = publisher.work / "phish.jsonl"
    row = json.loads(json.dumps(feed_rows()[0]["item"]))
    row["pc_url"] = "https://evil.example\\@www.gz.gov.cn/"
    src.write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    with pytest.raises(Exception, match="evil.example"):
        publisher.publish(2, source=src)
    src.write_text(json.dumps(feed_rows()[0]["item"], ensure_ascii=False) + "\n", "utf-8")
    with pytest.raises(Exception, match="version"):
        publisher.publish(2**63 - 1, source=src)
    sqlite = publisher.work / "built.sqlite"
    sqlite.write_bytes(b"SQLite format 3\0")
    with pytest.raises(repo.PublishError, match="never take a database"):
        publisher.publish(2, source=sqlite)


def test_http_links_are_upgraded_and_counted_by_the_publisher(publisher: Publisher) -> None:
    src = publisher.work / "http.jsonl"
    row = json.loads(json.dumps(feed_rows()[0]["item"]))
    row["pc_url"] = "http://rsj.gz.gov.cn/x"
    src.write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    result = publisher.publish(2, source=src)
    assert result.upgraded_urls == 1
    with pytest.raises(Exception, match="not https"):
        publishing.publish(src, publisher.dir, publisher.keys, allow_hosts=ALLOW_HOSTS, version=3,
                     http_links="refuse")
