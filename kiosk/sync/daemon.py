"""``kiosk sync --daemon``: sync periodically, spread out across the fleet.

* The first run waits a random part of ``sync.jitter_seconds``, and every later
  wait adds fresh jitter, so 5,000 terminals switched on at 08:00 do not all
  arrive at once.
* While offline (or after a local error) the wait backs off exponentially from
  :attr:`Timing.first_backoff` up to the normal interval, with jitter.
* While offline the daemon watches the local network interfaces (cheap, no
  traffic); when they change (cable plugged in, Wi-Fi back) it syncs within
  :attr:`Timing.network_back_delay` seconds.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType

import psutil

from kiosk.config import load_config_safe
from kiosk.paths import HomeLayout
from kiosk.sync.client import SyncOptions, SyncResult, run_sync
from kiosk.sync.outcome import SyncOutcome

log = logging.getLogger("kiosk.sync")


@dataclass(frozen=True)
class Timing:
    first_backoff: float = 30.0
    #: How often the network interfaces are looked at while waiting (seconds).
    poll: float = 1.0
    #: Upper bound of the random delay after the network comes back (seconds).
    network_back_delay: float = 30.0


def next_delay(
    outcome: str,
    failures: int,
    interval: float,
    jitter: float,
    rng: random.Random,
    timing: Timing = Timing(),
) -> float:
    """Seconds to wait before the next run.

    ``failures`` counts consecutive offline/error runs, this one included.
    """
    if outcome in (SyncOutcome.OFFLINE, SyncOutcome.ERROR) and failures > 0:
        backoff = min(interval, timing.first_backoff * 2 ** (failures - 1))
        return backoff * rng.uniform(0.5, 1.0) + rng.uniform(0, min(jitter, backoff))
    return interval + rng.uniform(0, jitter)


def network_fingerprint() -> frozenset[tuple[str, str]]:
    """Non-loopback interfaces that are up, with their addresses."""
    try:
        stats = psutil.net_if_stats()
        addrs = psutil.net_if_addrs()
    except OSError as exc:
        log.debug("cannot read network interfaces: %s", exc)
        return frozenset()
    found = set()
    for name, st in stats.items():
        if not st.isup or name == "lo":
            continue
        for a in addrs.get(name, []):
            if a.address and not a.address.startswith(("127.", "::1", "fe80")):
                found.add((name, a.address))
    return frozenset(found)


class SyncDaemon:
    """The loop behind ``kiosk sync --daemon``. :meth:`stop` ends it from any thread."""

    def __init__(
        self,
        layout: HomeLayout,
        options: SyncOptions | None = None,
        *,
        timing: Timing = Timing(),
        rng: random.Random | None = None,
        fingerprint: Callable[[], frozenset[tuple[str, str]]] = network_fingerprint,
        on_result: Callable[[SyncResult], None] | None = None,
    ) -> None:
        self.layout = layout
        self.options = options or SyncOptions()
        self.timing = timing
        self.rng = rng or random.Random()
        self.fingerprint = fingerprint
        self.on_result = on_result
        self.stopping = threading.Event()
        self.runs = 0

    def stop(self) -> None:
        self.stopping.set()

    def _settings(self) -> tuple[float, float]:
        cfg, _err = load_config_safe(self.layout)  # re-read: a technician may have changed it
        return cfg["sync.interval_minutes"] * 60.0, float(cfg["sync.jitter_seconds"])

    def _wait(self, delay: float, watch_network: bool) -> None:
        """Sleep ``delay`` seconds, or less if stopped or the network changes."""
        before = self.fingerprint() if watch_network else None
        remaining = delay
        while remaining > 0 and not self.stopping.is_set():
            step = min(self.timing.poll, remaining)
            if self.stopping.wait(step):
                return
            remaining -= step
            if watch_network and self.fingerprint() != before:
                soon = self.rng.uniform(0, self.timing.network_back_delay)
                log.info("network changed; syncing in %.0fs", soon)
                self.stopping.wait(soon)
                return

    def run(self, max_runs: int | None = None) -> int:
        """Loop until stopped (or ``max_runs`` runs); return the number of runs."""
        _interval, jitter = self._settings()
        first = self.rng.uniform(0, jitter)
        log.info("sync daemon started; first run in %.0fs", first)
        self._wait(first, watch_network=False)
        failures = 0
        while not self.stopping.is_set():
            result = run_sync(self.layout, self.options)
            self.runs += 1
            if self.on_result is not None:
                self.on_result(result)
            failures = failures + 1 if result.outcome in (SyncOutcome.OFFLINE, SyncOutcome.ERROR) else 0
            if max_runs is not None and self.runs >= max_runs:
                break
            interval, jitter = self._settings()
            delay = next_delay(result.outcome, failures, interval, jitter, self.rng, self.timing)
            log.info("next sync in %.0fs", delay)
            self._wait(delay, watch_network=result.outcome == SyncOutcome.OFFLINE)
        return self.runs


def run_daemon(layout: HomeLayout, options: SyncOptions | None = None, *,
               on_result: Callable[[SyncResult], None] | None = None) -> int:
    """Run the daemon in the foreground; SIGTERM/SIGINT stop it cleanly.

    ``on_result`` runs after every sync (the CLI refreshes the monitoring file there).
    """
    daemon = SyncDaemon(layout, options, on_result=on_result)

    def _stop(signum: int, frame: FrameType | None) -> None:
        log.info("signal %d: stopping sync daemon", signum)
        daemon.stop()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    daemon.run()
    return 0
