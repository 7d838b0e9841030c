"""``kiosk sync-bench``: bytes, time and peak memory of sync runs over loopback.

Each sync runs as its own process (``python -m kiosk sync``) so its peak RSS
can be read from ``wait4``'s resource usage. Figures are printed, not asserted.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kiosk.configedit import set_value
from kiosk.devtools.loopback import LoopbackServer
from kiosk.devtools.sync_stress import ALLOW_HOSTS, _child_env, sync_command, workspace
from kiosk.devtools.synthetic import write_source
from kiosk.paths import SAMPLE_SOURCE
from kiosk.sync import publishing
from kiosk.sync.trust import install_trust_root


def _vm_hwm_kib(pid: int) -> int | None:
    """Peak RSS of a running process's current image (VmHWM; resets at exec)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _timed_sync(server: LoopbackServer, home: Path) -> tuple[dict[str, object], float, int, float]:
    """Run one sync process; return (result, seconds, bytes served, peak RSS MiB).

    The peak is the child's own VmHWM, polled until it exits: ``ru_maxrss`` would
    also count the pages shared with this (larger) parent before exec.
    """
    server.reset()
    peak = 0
    t0 = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            sync_command(server.url), env=_child_env(home), stdout=out, stderr=subprocess.DEVNULL
        )
        while proc.poll() is None:
            peak = max(peak, _vm_hwm_kib(proc.pid) or 0)
            time.sleep(0.005)
        seconds = time.monotonic() - t0
        out.seek(0)
        text = out.read()
    result = json.loads(text) if text.strip() else {"outcome": "no output"}
    return result, seconds, server.counters.bytes_sent, peak / 1024


def _line(label: str, result: dict[str, object], seconds: float, nbytes: int, rss: float) -> str:
    return (
        f"{label:<34} {str(result.get('outcome')):<9} {nbytes:>12,} bytes "
        f"{seconds:>7.2f} s  peak RSS {rss:6.1f} MiB  "
        f"({result.get('requests_made')} requests)"
    )


def _one_changed(src: Path, out: Path, version: int, index: int) -> Path:
    """The list with item ``index``'s guide changed and a new version (a typical small update)."""
    lines = src.read_text("utf-8").splitlines()
    meta, row = json.loads(lines[0]), json.loads(lines[1 + index])
    meta["_meta"]["version"] = version
    row["guide"]["note"] = f"changed for version {version}"
    lines[0], lines[1 + index] = (json.dumps(meta, ensure_ascii=False),
                                  json.dumps(row, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return out


def _build_timing(ws_dir: Path, items: int) -> str:
    """The on-device half alone: build the kiosk's file from a feed's shards (rows streamed)."""
    from kiosk.catalogue.build import build_from_feed, feed_from_source

    src = write_source(ws_dir / f"build-{items}.jsonl", items=items, version=7)
    shards = ws_dir / f"shards-{items}"
    manifest, files = feed_from_source(src, shards, allow_hosts=ALLOW_HOSTS)
    src.unlink()
    out = ws_dir / f"built-{items}.sqlite"
    t0 = time.monotonic()
    build_from_feed(manifest, [files[sh.sha256] for sh in manifest.shards], out,
                    allow_hosts=ALLOW_HOSTS)
    seconds = time.monotonic() - t0
    size = out.stat().st_size
    feed_bytes = sum(sh.length for sh in manifest.shards)
    out.unlink()
    for f in files.values():
        f.unlink()
    return (f"on-device build, {items:,} items: {seconds:.2f} s from {len(manifest.shards)} "
            f"shards ({feed_bytes:,} bytes) into a {size:,} byte file")


def run_bench(*, items: int = 100_000, workdir: str | None = None) -> Iterator[str]:
    with workspace("kiosk-bench-", workdir) as ws:
        keys, repo_dir, layout = ws.keys, ws.repo, ws.layout
        t0 = time.monotonic()
        small = publishing.publish(SAMPLE_SOURCE, repo_dir, keys, allow_hosts=ALLOW_HOSTS, version=1)
        yield (
            f"published bundled catalogue: {small.meta.item_count} items, "
            f"{small.feed_bytes:,} bytes in {time.monotonic() - t0:.2f} s"
        )
        install_trust_root(layout, repo_dir / "metadata" / "root.json")
        set_value(layout, "sync.max_snapshot_mb", 2048)  # the synthetic file is large
        with LoopbackServer(repo_dir) as server:
            yield _line("full update, bundled catalogue", *_timed_sync(server, layout.root))
            yield _line("no-change sync", *_timed_sync(server, layout.root))
            # The Guangzhou list's size: a full update, then one changed item.
            mid = write_source(repo_dir.parent / "mid.jsonl", items=3334, version=2)
            publishing.publish(mid, repo_dir, keys, allow_hosts=ALLOW_HOSTS)
            full = _timed_sync(server, layout.root)
            yield _line("full update, 3,334 items", *full)
            yield _line("no-change sync (3,334 installed)", *_timed_sync(server, layout.root))
            costs = []
            base = mid
            for step, index in enumerate((0, 517, 1000, 1999, 3333), start=3):
                # each step changes one more item of what the kiosk has installed
                base = src_i = _one_changed(base, repo_dir.parent / f"mid-{step}.jsonl", step, index)
                publishing.publish(src_i, repo_dir, keys, allow_hosts=ALLOW_HOSTS)
                delta = _timed_sync(server, layout.root)
                yield _line(f"item {index + 1} changed, 3,334 items", *delta)
                costs.append(delta[2])
            yield (f"one changed item costs {min(costs):,}-{max(costs):,} bytes = "
                   f"{100 * min(costs) / full[2]:.1f}-{100 * max(costs) / full[2]:.1f}% of the full "
                   f"update's {full[2]:,} (target: at most 5%)")
            src = write_source(repo_dir.parent / "big.jsonl", items=items, version=9)
            t0 = time.monotonic()
            big = publishing.publish(src, repo_dir, keys, allow_hosts=ALLOW_HOSTS)
            src.unlink()
            yield (
                f"published synthetic catalogue: {big.meta.item_count:,} items, "
                f"{big.feed_bytes:,} bytes in {time.monotonic() - t0:.2f} s"
            )
            yield _line(f"full update, {items:,} items", *_timed_sync(server, layout.root))
            yield _line("no-change sync (large installed)", *_timed_sync(server, layout.root))
        for n in (3334, items):
            yield _build_timing(repo_dir.parent, n)
        # Start-up digest check of the installed file (kiosk.catalogue.store._try_open).
        from kiosk.catalogue.store import SnapshotStore, file_sha256

        store = SnapshotStore(layout)
        cur = store.current()
        if cur is not None:
            path = store.path_of(cur)
            t0 = time.monotonic()
            file_sha256(path)
            yield (f"start-up digest check of the installed {path.stat().st_size:,} byte file: "
                   f"{1000 * (time.monotonic() - t0):.0f} ms")
