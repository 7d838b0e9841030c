"""The sync job against a real HTTP server on 127.0.0.1 (no mocked HTTP).

Every failure case checks the outcome, its exit code, a message that names the
problem, and that the installed catalogue is byte for byte what it was.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from synchelpers import (
    ALLOW_HOSTS,
    FAST,
    Publisher,
    installed_fingerprint,
    make_tls_files,
    sample_items,
    sync,
)

from kiosk.catalogue.reader import Catalogue
from kiosk.catalogue.store import SnapshotStore
from kiosk.configedit import set_value
from kiosk.devtools.loopback import DRIP, FAIL_500, HANG, TRUNCATE, LoopbackServer
from kiosk.devtools.synthetic import sample_rows, write_source
from kiosk.errors import ItemNotFound
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from kiosk.state import read_state
from kiosk.sync import publishing, repo, signing
from kiosk.sync.client import SyncOptions, run_sync


def _synced(kiosk: HomeLayout, publisher: Publisher) -> tuple[bytes, dict[str, str]]:
    """Install version 1 and return the installed fingerprint."""
    first = sync(kiosk, publisher.server.url)
    assert first.outcome == "updated", first.message
    return installed_fingerprint(kiosk)


def _assert_failed(kiosk: HomeLayout, result, outcome: str, before, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.outcome == outcome, result.message
    assert result.exit_code == {"updated": 0, "unchanged": 10, "offline": 11, "rejected": 12, "error": 13}[outcome]
    for word in words:
        assert word in result.message
    assert installed_fingerprint(kiosk) == before
    last = read_state(kiosk)["last_sync"]
    assert last["result"] == outcome and last["message"] == result.message


# --------------------------------------------------------------------------- happy paths


def test_update_installs_verified_catalogue_and_records_state(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    result = sync(kiosk, publisher.server.url)
    assert (result.outcome, result.exit_code, result.version) == ("updated", 0, 1)
    cat, origin, problems = SnapshotStore(kiosk).open_best(ALLOW_HOSTS)
    with cat:
        assert (origin, problems, cat.meta.version) == ("current", [], 1)
        assert cat.meta.item_count == len(sample_rows()[1])
    state = read_state(kiosk)
    assert state["last_sync"]["result"] == "updated"
    assert state["last_sync"]["version"] == 1
    assert state["last_success_at"] == state["last_sync"]["at"]


def test_no_change_costs_only_small_metadata_requests(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    before = _synced(kiosk, publisher)
    publisher.server.reset()
    result = sync(kiosk, publisher.server.url)
    assert (result.outcome, result.exit_code) == ("unchanged", 10)
    counters = publisher.server.counters
    # the next root version (404) and timestamp.json: nothing else moves
    assert counters.paths == ["/metadata/2.root.json", "/metadata/timestamp.json"]
    assert counters.bytes_sent < 1000
    assert result.bytes_received == counters.bytes_sent - len(b"404\n")
    assert installed_fingerprint(kiosk) == before


def test_new_version_replaces_whole_catalogue_and_keeps_previous(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    _synced(kiosk, publisher)
    items = sample_items()
    gone, suspended = items[0], items[1]
    changed = [dataclasses.replace(suspended, status="suspended")] + items[2:]
    publisher.publish_items(changed, version=2)
    result = sync(kiosk, publisher.server.url)
    assert (result.outcome, result.version) == ("updated", 2)
    store = SnapshotStore(kiosk)
    assert store.previous() is not None and store.previous().version == 1
    with Catalogue.open(store.path_of(store.current())) as cat:
        with pytest.raises(ItemNotFound):
            cat.item(gone.code)  # deleted items disappear with the new snapshot
        assert cat.item(suspended.code).status == "suspended"


def test_usb_directory_gets_the_same_verification(
    kiosk: HomeLayout, publisher: Publisher, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    shutil.copytree(publisher.dir, stick)
    result = sync(kiosk, str(stick))
    assert (result.outcome, result.version) == ("updated", 1)
    before = installed_fingerprint(kiosk)
    assert sync(kiosk, str(stick)).outcome == "unchanged"

    publisher.publish(2)
    shutil.rmtree(stick)
    shutil.copytree(publisher.dir, stick)
    target = sorted(stick.glob("targets/*"), key=lambda p: p.stat().st_mtime)[-1]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    _assert_failed(kiosk, sync(kiosk, str(stick)), "rejected", before, "signed hash")

    _assert_failed(
        kiosk, sync(kiosk, str(tmp_path / "not-mounted")), "offline", before, "not-mounted"
    )


# --------------------------------------------------------------------------- offline family


def test_offline_closed_port(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = _synced(kiosk, publisher)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = sync(kiosk, f"http://127.0.0.1:{port}")
    _assert_failed(kiosk, result, "offline", before, "cannot reach the repository")
    assert read_state(kiosk)["last_success_at"]  # the earlier success is kept


def test_http_500_is_retried_with_backoff_then_offline(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    before = _synced(kiosk, publisher)
    publisher.server.fault(lambda p: True, FAIL_500)
    publisher.server.reset()
    net = dataclasses.replace(FAST, retries=2)
    result = sync(kiosk, publisher.server.url, net=net)
    _assert_failed(kiosk, result, "offline", before, "HTTP 500")
    assert publisher.server.counters.requests == 3 == result.requests_made


def test_server_that_never_answers_times_out(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = _synced(kiosk, publisher)
    publisher.server.fault(lambda p: p.endswith("timestamp.json"), HANG)
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "offline", before, "not answering")
    assert result.seconds < 10


def _changed(publisher: Publisher, version: int, items: int = 300) -> None:
    """Publish a catalogue whose shards differ from the installed one (new ones to fetch)."""
    src = write_source(publisher.work / f"changed-{version}.jsonl", items=items, version=version)
    publisher.publish(version, source=src)


def test_slow_drip_download_is_abandoned(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = _synced(kiosk, publisher)
    _changed(publisher, 2)
    publisher.server.fault(lambda p: p.startswith("/targets/"), DRIP)
    net = dataclasses.replace(FAST, min_rate=1024 * 1024)
    result = sync(kiosk, publisher.server.url, net=net)
    _assert_failed(kiosk, result, "offline", before, "too slow")
    assert result.seconds < 10


def test_truncated_download(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = _synced(kiosk, publisher)
    _changed(publisher, 2)
    publisher.server.fault(lambda p: p.startswith("/targets/"), TRUNCATE)
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "offline", before, "cut off")
    assert not list(kiosk.staging_dir.glob("*.part"))
    publisher.server.faults.clear()
    assert sync(kiosk, publisher.server.url).outcome == "updated"  # recovers next time


# --------------------------------------------------------------------------- rejected family


def test_tampered_snapshot(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = _synced(kiosk, publisher)
    _changed(publisher, 2)
    target = publisher.target_file()
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "rejected", before, "does not match its signed hash")


def test_tampered_metadata(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = _synced(kiosk, publisher)
    publisher.publish(2)
    ts = publisher.dir / "metadata" / "timestamp.json"
    doc = json.loads(ts.read_text())
    doc["signed"]["expires"] = "2099-01-01T00:00:00Z"  # extend validity without the key
    ts.write_text(json.dumps(doc))
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "rejected", before, "bad signature")


def test_replayed_old_repository_is_a_rollback(
    kiosk: HomeLayout, publisher: Publisher, tmp_path: Path
) -> None:
    old = tmp_path / "old-repo"
    shutil.copytree(publisher.dir, old)
    publisher.publish(2)
    assert sync(kiosk, publisher.server.url).version == 2
    before = installed_fingerprint(kiosk)
    result = sync(kiosk, str(old))  # an attacker (or stale mirror) serves the old files
    _assert_failed(kiosk, result, "rejected", before, "rollback")


def test_signed_but_older_catalogue_version_is_refused(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    publisher.publish(5)
    assert sync(kiosk, publisher.server.url).version == 5
    before = installed_fingerprint(kiosk)
    with pytest.raises(repo.PublishError, match="not newer than the published version 5"):
        publisher.publish(3)
    publisher.publish(3, allow_older=True)
    publisher.server.reset()
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "rejected", before, "older than the installed version 5")
    assert not any(p.startswith("/targets/") for p in publisher.server.counters.paths)


def test_expired_timestamp(kiosk: HomeLayout, publisher: Publisher) -> None:
    before = _synced(kiosk, publisher)
    publishing.refresh_timestamp(publisher.dir, publisher.keys, {"timestamp": timedelta(minutes=-5)})
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "rejected", before, "expired", "--refresh-timestamp")
    publishing.refresh_timestamp(publisher.dir, publisher.keys)  # the cron job runs again
    assert sync(kiosk, publisher.server.url).outcome == "unchanged"


def test_repository_signed_with_other_keys(
    kiosk: HomeLayout, publisher: Publisher, tmp_path: Path
) -> None:
    before = _synced(kiosk, publisher)
    other_keys, other_repo = tmp_path / "other-keys", tmp_path / "other-repo"
    signing.init_keys(other_keys)
    publishing.publish(SAMPLE_SOURCE, other_repo, other_keys, allow_hosts=ALLOW_HOSTS, version=9)
    result = sync(kiosk, str(other_repo))
    _assert_failed(kiosk, result, "rejected", before, "bad signature")


def test_publishing_with_wrong_keys_is_refused(publisher: Publisher, tmp_path: Path) -> None:
    other = tmp_path / "other-keys"
    signing.init_keys(other)
    with pytest.raises(repo.PublishError, match="not the one the repository root trusts"):
        publishing.publish(SAMPLE_SOURCE, publisher.dir, other, allow_hosts=ALLOW_HOSTS, version=2)


def test_oversized_catalogue_is_not_downloaded(
    kiosk: HomeLayout, publisher: Publisher, tmp_path: Path
) -> None:
    before = _synced(kiosk, publisher)
    set_value(kiosk, "sync.max_snapshot_mb", 1)
    big = write_source(tmp_path / "big.jsonl", items=6000, version=2)
    assert publisher.publish(2, source=big).feed_bytes > 1024 * 1024
    publisher.server.reset()
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "rejected", before, "sync.max_snapshot_mb")
    assert publisher.server.counters.bytes_sent < 20_000


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("javascript:alert(1)", "not https"),
        ("http://www.gz.gov.cn/item", "not https"),
        ("https://gz-gov.example.com/pay", "not on the allow-list"),
    ],
)
def test_rows_with_unsafe_urls_are_rejected(
    kiosk: HomeLayout, publisher: Publisher, url: str, words: str
) -> None:
    before = _synced(kiosk, publisher)
    items = sample_items()
    items[3] = dataclasses.replace(items[3], pc_url=url, mobile_url="")
    publisher.publish_items(items, version=2)
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "rejected", before, "failed its checks", items[3].code, words)
    # the same rejected file is not downloaded again on the next run
    publisher.server.reset()
    again = sync(kiosk, publisher.server.url)
    assert (again.outcome, again.message) == ("rejected", result.message)
    assert not any(p.startswith("/targets/") for p in publisher.server.counters.paths)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"name": ""}, "name"),
        ({"department": ""}, "department"),
        ({"name": "长" * 500}, "name"),
    ],
)
def test_malformed_rows_are_rejected(
    kiosk: HomeLayout, publisher: Publisher, change: dict[str, str], words: str
) -> None:
    before = _synced(kiosk, publisher)
    items = sample_items()
    items[0] = dataclasses.replace(items[0], **change)
    publisher.publish_items(items, version=2)
    result = sync(kiosk, publisher.server.url)
    _assert_failed(kiosk, result, "rejected", before, "failed its checks", words)


# --------------------------------------------------------------------------- local errors


def test_without_trust_root_sync_is_an_error(kiosk_home: HomeLayout, publisher: Publisher) -> None:
    result = sync(kiosk_home, publisher.server.url)
    assert (result.outcome, result.exit_code) == ("error", 13)
    assert "trust root" in result.message and "--trust-root" in result.message
    assert installed_fingerprint(kiosk_home) == (b"", {})


def test_without_source_sync_is_an_error(kiosk: HomeLayout) -> None:
    result = run_sync(kiosk)
    assert (result.outcome, result.exit_code) == ("error", 13)
    assert "sync.source" in result.message


def test_source_from_config_and_default_network_settings(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    set_value(kiosk, "sync.source", publisher.server.url)
    result = run_sync(kiosk)
    assert (result.outcome, result.source) == ("updated", publisher.server.url)


def test_proxy_setting_is_used(kiosk: HomeLayout, publisher: Publisher) -> None:
    # The loopback server answers proxy-style requests too, so it can stand in as the
    # proxy for a repository host name that does not resolve.
    source = "http://catalogue.example.invalid"
    direct = sync(kiosk, source)
    assert direct.outcome == "offline"
    net = dataclasses.replace(FAST, proxy=publisher.server.url)
    via_proxy = sync(kiosk, source, net=net)
    assert (via_proxy.outcome, via_proxy.version) == ("updated", 1)
    assert "/metadata/timestamp.json" in publisher.server.counters.paths


def test_unreachable_proxy_is_named(kiosk: HomeLayout) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    net = dataclasses.replace(FAST, proxy=f"http://127.0.0.1:{port}")
    result = sync(kiosk, "http://catalogue.example.invalid", net=net)
    assert result.outcome == "offline"
    assert f"proxy http://127.0.0.1:{port} unreachable" in result.message


def test_https_with_the_configured_ca_bundle(
    kiosk: HomeLayout, publisher: Publisher, tmp_path: Path
) -> None:
    ca, cert, key = make_tls_files(tmp_path)
    with LoopbackServer(publisher.dir, tls=(cert, key)) as tls_server:
        before = installed_fingerprint(kiosk)
        untrusted = sync(kiosk, tls_server.url)
        _assert_failed(
            kiosk, untrusted, "offline", before, "TLS certificate not trusted", "sync.ca_bundle"
        )
        set_value(kiosk, "sync.ca_bundle", str(ca))
        trusted = run_sync(kiosk, SyncOptions(source=tls_server.url))
        assert (trusted.outcome, trusted.version) == ("updated", 1)


def test_trust_root_shipped_with_the_image_is_used(
    kiosk_home: HomeLayout, publisher: Publisher, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from kiosk.sync import trust

    shipped = tmp_path / "assets-trust-root.json"
    shutil.copyfile(publisher.dir / "metadata" / "root.json", shipped)
    monkeypatch.setattr(trust, "BUNDLED_TRUST_ROOT", shipped)
    assert sync(kiosk_home, publisher.server.url).outcome == "updated"
