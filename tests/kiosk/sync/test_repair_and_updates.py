"""Start-up checks, repair, clean-up and small updates, against a real repository on 127.0.0.1."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from synchelpers import ALLOW_HOSTS, Publisher, sync

from kiosk.catalogue.store import SnapshotStore, file_sha256
from kiosk.devtools.synthetic import write_source
from kiosk.paths import HomeLayout


def _two_versions(kiosk: HomeLayout, publisher: Publisher) -> tuple[SnapshotStore, Path]:
    """Versions 1 and 2 installed; returns the store and the current file."""
    assert sync(kiosk, publisher.server.url).version == 1
    publisher.publish(2, source=write_source(publisher.work / "v2.jsonl", items=200, version=2))
    assert sync(kiosk, publisher.server.url).version == 2
    store = SnapshotStore(kiosk)
    cur = store.current()
    assert cur is not None
    return store, store.path_of(cur)


def _tamper(path: Path, sql: str) -> None:
    os.chmod(path, 0o644)
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_a_url_rewritten_in_the_installed_file_is_never_served_and_sync_repairs_it(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    store, path = _two_versions(kiosk, publisher)
    _tamper(path, "UPDATE items SET pc_url = 'javascript:alert(1)'")
    cat, origin, problems = store.open_best(ALLOW_HOSTS)
    with cat:
        assert (origin, cat.meta.version) == ("previous", 1)
    assert "sha256 differs" in problems[0]
    publisher.server.reset()
    result = sync(kiosk, publisher.server.url)
    assert (result.outcome, result.version) == ("updated", 2), result.message
    assert "rebuilt" in result.message
    # rebuilt from the cached shards: only metadata went over the wire
    assert not any("/feed/" in p for p in publisher.server.counters.paths)
    cat, origin, _ = store.open_best(ALLOW_HOSTS)
    with cat:
        assert (origin, cat.meta.version) == ("current", 2)
        assert all(cat.item(s.code).pc_url.startswith("https://") for s in cat.browse()[:20])
    prev = store.previous()
    assert prev is not None and prev.version == 1  # the damaged file did not become previous
    assert sync(kiosk, publisher.server.url).outcome == "unchanged"


def test_a_damaged_cached_shard_is_fetched_again(kiosk: HomeLayout, publisher: Publisher) -> None:
    store, path = _two_versions(kiosk, publisher)
    os.chmod(path, 0o644)
    path.write_bytes(b"broken")
    shard = sorted(store.feed_dir.glob("*.jsonl.gz"))[0]
    shard.write_bytes(b"not gzip")
    publisher.server.reset()
    result = sync(kiosk, publisher.server.url)
    assert result.outcome == "updated", result.message
    assert [p for p in publisher.server.counters.paths if "/feed/" in p] == [
        f"/targets/feed/{shard.name.split('.')[0]}.shard.jsonl.gz"]


def test_any_failure_to_open_falls_back_whatever_the_exception(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    """Bytes where text belongs make the search index raise TypeError, not SnapshotError."""
    store, path = _two_versions(kiosk, publisher)
    _tamper(path, "UPDATE search_keys SET norm = x'00ff'")
    pointer = json.loads(store.pointer_file.read_text("utf-8"))
    pointer["current"]["sha256"] = file_sha256(path)  # even if the digest were forged too
    store.pointer_file.write_text(json.dumps(pointer), "utf-8")
    cat, origin, problems = store.open_best(ALLOW_HOSTS)
    with cat:
        assert (origin, cat.meta.version) == ("previous", 1)
    assert "TypeError" in problems[0]
    env = dict(os.environ, KIOSK_HOME=str(kiosk.root))
    for args in (["info"], ["search", "sb"], ["doctor"]):
        proc = subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, capture_output=True,
                              text=True, check=False)
        assert "Traceback" not in proc.stderr, (args, proc.stderr)


def test_leftovers_of_killed_runs_are_cleaned_at_the_next_run(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    store = SnapshotStore(kiosk)
    kiosk.ensure()
    junk = [kiosk.staging_dir / "catalogue-abc-1.part",
            kiosk.staging_dir / ".catalogue-abc.part.x1.building",
            kiosk.catalogue_dir / ".catalogue-v1.sqlite.x2.building"]
    store.feed_dir.mkdir(parents=True, exist_ok=True)
    junk.append(store.feed_dir / ".abc.jsonl.gz.77.tmp")
    for path in junk:
        path.write_bytes(b"x" * 1000)
    assert sync(kiosk, publisher.server.url).outcome == "updated"
    assert [p for p in junk if p.exists()] == []


def test_no_change_sync_is_two_small_requests(kiosk: HomeLayout, publisher: Publisher) -> None:
    assert sync(kiosk, publisher.server.url).outcome == "updated"
    publisher.server.reset()
    result = sync(kiosk, publisher.server.url)
    assert result.outcome == "unchanged"
    assert publisher.server.counters.requests == 2
    assert publisher.server.counters.bytes_sent < 2000


@pytest.mark.slow  # three publications of 3,334 items: minutes on a busy machine
def test_one_changed_item_fetches_one_shard(kiosk: HomeLayout, publisher: Publisher) -> None:
    src = write_source(publisher.work / "v2.jsonl", items=3334, version=2)
    full = publisher.publish(2, source=src)
    publisher.server.reset()
    assert sync(kiosk, publisher.server.url).outcome == "updated"
    full_bytes = publisher.server.counters.bytes_sent
    lines = src.read_text("utf-8").splitlines()
    lines[0] = lines[0].replace('"version": 2', '"version": 3')
    row = json.loads(lines[1000])
    row["guide"]["note"] = "办理时间调整"
    lines[1000] = json.dumps(row, ensure_ascii=False)
    src.write_text("\n".join(lines) + "\n", "utf-8")
    small = publisher.publish(3, source=src)
    assert small.new_bytes < full.feed_bytes / 20
    publisher.server.reset()
    result = sync(kiosk, publisher.server.url)
    assert (result.outcome, result.version) == ("updated", 3)
    assert len([p for p in publisher.server.counters.paths if "/feed/" in p]) == 1
    assert publisher.server.counters.bytes_sent <= 0.05 * full_bytes


@pytest.mark.parametrize("mode", ["ro", "full"])
def test_read_only_or_full_home_is_one_line_and_its_exit_code(
    tmp_path: Path, publisher: Publisher, mode: str
) -> None:
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    opts = "size=64k" if mode == "full" else "size=1m"
    if subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(mnt)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        home = mnt / "home"
        env = dict(os.environ, KIOSK_HOME=str(home))
        run = [sys.executable, "-m", "kiosk"]
        root = publisher.dir / "metadata" / "root.json"
        assert subprocess.run([*run, "sync", "--trust-root", str(root)], env=env,
                              capture_output=True, check=False).returncode == 0
        if mode == "ro":
            subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        else:  # fill what is left
            fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT)
            try:
                while os.write(fd, b"\0" * 4096):
                    pass
            except OSError:
                pass
            finally:
                os.close(fd)
        proc = subprocess.run([*run, "sync", "--source", publisher.server.url], env=env,
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 13, proc.stderr
        # log lines may come before it; the command's own answer is the one last line
        assert "Traceback" not in proc.stderr
        last = proc.stderr.strip().splitlines()[-1]
        assert last.startswith("sync error: ")
        assert ("read-only" if mode == "ro" else "disk full") in last
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
