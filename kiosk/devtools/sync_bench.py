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

from kiosk.config import set_value
from kiosk.devtools.loopback import LoopbackServer
from kiosk.devtools.sync_stress import ALLOW_HOSTS, _child_env, sync_command, workspace
from kiosk.devtools.synthetic import write_source
from kiosk.paths import SAMPLE_SOURCE
from kiosk.sync import repo
from kiosk.sync.client import install_trust_root


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


def run_bench(*, items: int = 100_000, workdir: str | None = None) -> Iterator[str]:
    with workspace("kiosk-bench-", workdir) as ws:
        keys, repo_dir, layout = ws.keys, ws.repo, ws.layout
        t0 = time.monotonic()
        small = repo.publish(SAMPLE_SOURCE, repo_dir, keys, allow_hosts=ALLOW_HOSTS, version=1)
        yield (
            f"published bundled catalogue: {small.meta.item_count} items, "
            f"{small.length:,} bytes in {time.monotonic() - t0:.2f} s"
        )
        install_trust_root(layout, repo_dir / "metadata" / "root.json")
        set_value(layout, "sync.max_snapshot_mb", 2048)  # the synthetic file is large
        with LoopbackServer(repo_dir) as server:
            yield _line("full update, bundled catalogue", *_timed_sync(server, layout.root))
            yield _line("no-change sync", *_timed_sync(server, layout.root))
            src = write_source(repo_dir.parent / "big.jsonl", items=items, version=2)
            t0 = time.monotonic()
            big = repo.publish(src, repo_dir, keys, allow_hosts=ALLOW_HOSTS)
            src.unlink()
            yield (
                f"published synthetic catalogue: {big.meta.item_count:,} items, "
                f"{big.length:,} bytes in {time.monotonic() - t0:.2f} s"
            )
            yield _line(f"full update, {items:,} items", *_timed_sync(server, layout.root))
            yield _line("no-change sync (large installed)", *_timed_sync(server, layout.root))
