"""``kiosk sync-stress``: kill the sync with SIGKILL at random points, check what is left.

Each round publishes a newer catalogue, starts ``python -m kiosk sync`` against
a loopback server and kills it after a random delay within the time a full run
takes. Afterwards the kiosk must open, as current, a file whose digest is the one
recorded at install, built from one of the published feeds (old or new, never a mix)
with that feed's version and item count, and ``integrity_check`` ok.
Every few rounds an unkilled sync must recover (updated or unchanged).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.catalogue.store import SnapshotStore, file_sha256
from kiosk.devtools.loopback import LoopbackServer
from kiosk.devtools.synthetic import write_source
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from kiosk.sync import publishing, signing
from kiosk.sync.client import SyncOptions, run_sync
from kiosk.sync.outcome import SyncOutcome
from kiosk.sync.trust import install_trust_root

ALLOW_HOSTS = ["gdzwfw.gov.cn", "gz.gov.cn"]


@dataclass
class StressReport:
    runs: int = 0
    seed: int = 0
    kill_start: float = 0.0
    kill_window: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        seen = ", ".join(f"{k}: {v}" for k, v in sorted(self.outcomes.items()))
        head = (
            f"{self.runs} sync runs, SIGKILL at a random moment (seed {self.seed}, "
            f"{self.kill_start:.2f}-{self.kill_window:.2f}s): {seen}"
        )
        if self.ok:
            return head + "\nOK: every time the kiosk opened a valid published catalogue"
        return head + "\nFAILED:\n  " + "\n  ".join(self.failures[:20])


@dataclass(frozen=True)
class Workspace:
    """Publisher keys, a repository and a kiosk home side by side (stress and bench)."""

    keys: Path
    repo: Path
    layout: HomeLayout


@contextmanager
def workspace(prefix: str, workdir: str | None) -> Iterator[Workspace]:
    """Fresh keys and an empty kiosk home in ``workdir`` (kept) or a temporary directory."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        base = Path(workdir) if workdir else Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        ws = Workspace(base / "keys", base / "repo", HomeLayout(base / "home").ensure())
        signing.init_keys(ws.keys)
        yield ws


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, KIOSK_HOME=str(home))
    src_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = src_root + os.pathsep + env.get("PYTHONPATH", "")
    return env


def sync_command(source: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", "sync", "--source", source, "--json"]


def check_home(layout: HomeLayout, published: dict[str, tuple[int, int]]) -> tuple[str, str | None]:
    """Open the catalogue as the kiosk would; return (what opened, problem or None)."""
    store = SnapshotStore(layout)
    try:
        cat, origin, problems = store.open_best(ALLOW_HOSTS)
    except Exception as exc:  # noqa: BLE001 - the stress report must name any failure
        return "nothing", f"open_best failed: {exc}"
    try:
        path = Path(cat.path)
        digest = file_sha256(path)
        version = cat.meta.version
        count = len(cat)
        cat.hot(5)
    finally:
        cat.close()
    if origin != "current":
        return origin, f"opened {origin}, not current ({'; '.join(problems)})"
    cur = store.current()
    if cur is None or cur.sha256 != digest:
        return origin, f"{path.name} is not the file the pointer recorded"
    if published.get(cur.feed) != (version, count):
        return origin, f"{path.name} (version {version}, {count} items) matches no published feed"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    if rows != ["ok"]:
        return origin, f"integrity_check on {path.name}: {rows[:3]}"
    return f"v{version}", None


def _recovery_run(url: str, env: dict[str, str], durations: deque[float]) -> str | None:
    """One unkilled sync process; it must install the newest catalogue."""
    t0 = time.monotonic()
    proc = subprocess.run(sync_command(url), env=env, capture_output=True, check=False)
    durations.append(time.monotonic() - t0)
    try:
        outcome = json.loads(proc.stdout)["outcome"]
    except (ValueError, KeyError):
        return f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-300:]}"
    return None if outcome == SyncOutcome.UPDATED else f"{outcome} (exit {proc.returncode})"


def run_stress(
    *,
    runs: int,
    items: int = 0,
    seed: int | None = None,
    workdir: str | None = None,
    emit: Callable[[str], None] = lambda s: None,
) -> StressReport:
    seed = seed if seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    report = StressReport(seed=seed)
    with workspace("kiosk-stress-", workdir) as ws:
        keys, repo_dir, layout = ws.keys, ws.repo, ws.layout
        published: dict[str, tuple[int, int]] = {}

        def publish(version: int) -> None:
            if items:
                src = write_source(repo_dir.parent / "src.jsonl", items=items, version=version)
            else:
                src = SAMPLE_SOURCE
            res = publishing.publish(src, repo_dir, keys, allow_hosts=ALLOW_HOSTS, version=version)
            published[res.sha256] = (version, res.meta.item_count)

        version = 1
        publish(version)
        install_trust_root(layout, repo_dir / "metadata" / "root.json")
        with LoopbackServer(repo_dir) as server:
            env = _child_env(layout.root)
            first = run_sync(layout, SyncOptions(source=server.url))
            if first.outcome != SyncOutcome.UPDATED:
                report.failures.append(f"initial sync: {first.outcome}: {first.message}")
                return report
            # Python start-up and imports take much of a small run: aim the kills past them.
            t0 = time.monotonic()
            subprocess.run([sys.executable, "-c", "import kiosk.sync.client"], env=env, check=False)
            startup = report.kill_start = (time.monotonic() - t0) * 0.6
            # Durations of recent unkilled runs (start-up included) set the kill window;
            # it adapts when the machine gets busier or quieter.
            durations: deque[float] = deque(maxlen=9)
            i = 0
            while report.runs < runs:
                version += 1
                publish(version)
                i += 1
                if i % 5 == 1:  # every fifth run is not killed and must recover from the kills
                    problem = _recovery_run(server.url, env, durations)
                    if problem:
                        report.failures.append(f"run {i}: sync after kill: {problem}")
                    continue
                report.kill_window = max(startup, statistics.median(durations)) * 1.1
                t0 = time.monotonic()
                proc = subprocess.Popen(
                    sync_command(server.url),
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                try:
                    proc.wait(timeout=rng.uniform(startup, report.kill_window))
                    durations.append(time.monotonic() - t0)
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                report.runs += 1
                opened, problem = check_home(layout, published)
                killed = proc.returncode == -signal.SIGKILL
                report.outcomes["killed" if killed else f"exited {proc.returncode}"] += 1
                report.outcomes["new" if opened == f"v{version}" else "old"] += 1
                if problem:
                    report.failures.append(f"run {i}: {problem}")
                if report.runs % 25 == 0:
                    emit(f"{report.runs}/{runs} killed runs, {len(report.failures)} failures")
    return report
