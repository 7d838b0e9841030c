"""The on-device loop: jitter, backoff while offline, quick sync when the network returns."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time

from synchelpers import FAST, Publisher

from kiosk.configedit import set_value
from kiosk.devtools.loopback import FAIL_500
from kiosk.paths import HomeLayout
from kiosk.sync.client import SyncOptions, SyncResult
from kiosk.sync.daemon import SyncDaemon, Timing, network_fingerprint, next_delay


def test_regular_runs_are_spread_by_jitter() -> None:
    delays = [next_delay("unchanged", 0, 3600, 600, random.Random(seed)) for seed in range(50)]
    assert all(3600 <= d <= 4200 for d in delays)
    assert max(delays) - min(delays) > 300  # the fleet does not arrive at once


def test_offline_backs_off_exponentially_up_to_the_interval() -> None:
    rng = random.Random(7)
    timing = Timing(first_backoff=30)
    delays = [next_delay("offline", n, 3600, 600, rng, timing) for n in range(1, 12)]
    assert delays[0] <= 60
    assert delays[3] >= 120  # 30 * 2**3 * 0.5
    assert all(d <= 3600 + 600 for d in delays)
    assert min(delays[7:]) >= 1800  # capped at the interval (times 0.5..1.0, plus jitter)


def test_network_fingerprint_lists_no_loopback() -> None:
    assert all(not addr.startswith("127.") for _name, addr in network_fingerprint())


def test_daemon_syncs_soon_after_the_network_returns(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    set_value(kiosk, "sync.jitter_seconds", 0)
    publisher.server.fault(lambda p: True, FAIL_500)
    looks: list[int] = []
    results: list[SyncResult] = []

    def fingerprint() -> frozenset[tuple[str, str]]:
        # down when the wait starts; the cable is plugged in while the daemon waits
        looks.append(1)
        return frozenset({("eth0", "10.0.0.2")}) if len(looks) > 1 else frozenset()

    def on_result(result: SyncResult) -> None:
        results.append(result)
        publisher.server.faults.clear()

    daemon = SyncDaemon(
        kiosk,
        SyncOptions(source=publisher.server.url, net=FAST),
        # the backoff alone would wait at least half an hour
        timing=Timing(first_backoff=3600, poll=0.01, network_back_delay=0.0),
        rng=random.Random(1),
        fingerprint=fingerprint,
        on_result=on_result,
    )
    guard = threading.Timer(30, daemon.stop)  # fail rather than hang if the watch is broken
    guard.start()
    try:
        assert daemon.run(max_runs=2) == 2
    finally:
        guard.cancel()
    assert [r.outcome for r in results] == ["offline", "updated"]


def test_stop_ends_the_wait(kiosk: HomeLayout, publisher: Publisher) -> None:
    set_value(kiosk, "sync.jitter_seconds", 0)
    stopped: list[SyncResult] = []
    daemon = SyncDaemon(
        kiosk,
        SyncOptions(source=publisher.server.url, net=FAST),
        timing=Timing(poll=0.01),
        on_result=lambda r: (stopped.append(r), daemon.stop()),
    )
    assert daemon.run() == 1
    assert stopped[0].outcome == "updated"


def test_the_daemon_command_writes_the_monitoring_file_after_each_sync(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    """`kiosk sync --daemon` (a real process) refreshes kiosk.prom, as the one-shot sync does."""
    set_value(kiosk, "sync.jitter_seconds", 0)
    prom = kiosk.root / "metrics" / "kiosk.prom"
    assert not prom.exists()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--daemon", "--source", publisher.server.url],
        env=dict(os.environ, KIOSK_HOME=str(kiosk.root)), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not prom.exists():
            assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
            assert time.monotonic() < deadline, "no monitoring file after the first sync"
            time.sleep(0.1)
        text = prom.read_text("utf-8")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert 'kiosk_syncs_total{result="ok"} 1' in text, text[:800]
