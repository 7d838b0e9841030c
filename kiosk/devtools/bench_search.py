"""Search benchmark: prints figures, asserts nothing (see ``kiosk bench-search``).

Builds the bundled sample and SYNTHETIC catalogues of 3,334 (Guangzhou's list),
10,000 and 100,000 items in a temporary directory, then times a fixed query mix
per catalogue (phrases and typos included: they take the slower stages).
"""

from __future__ import annotations

import functools
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.devtools.synthetic import write_jsonl
from kiosk.paths import SAMPLE_SOURCE

ALLOW = ["gdzwfw.gov.cn", "gz.gov.cn"]

QUERY_MIX: dict[str, list[str]] = {
    "initials": ["sbcx", "gjjcx", "wzcx", "fc", "ybjf", "s"],
    "pinyin": ["shebao", "qianzhu", "gongjijin", "fang chan", "yibao"],
    "chinese-1": ["社", "税", "证", "查"],
    "chinese-2": ["社保", "签注", "查询", "医保"],
    "chinese-4": ["社保查询", "房产查询", "缴费明细", "港澳通行"],
    "traditional": ["簽注", "醫保查詢"],
    "phrase": ["我要查社保", "补办社保卡", "社保 查询", "怎么办身份证"],
    "typo": ["shenfengzheng", "tuixui", "hukuo", "gongjijing"],
    "no-hit": ["zzzzqq", "龘龘", "xyz123", '"; DROP'],
}


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def time_queries(search: Callable[[str], object], rounds: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for kind, queries in QUERY_MIX.items():
        for q in queries:
            search(q)  # warm caches once, as a kiosk would after the first key press
        samples = []
        for _ in range(rounds):
            for q in queries:
                t0 = time.perf_counter()
                search(q)
                samples.append((time.perf_counter() - t0) * 1000)
        out[kind] = samples
    return out


def _cpu_s() -> float:
    """CPU seconds of this process and its reaped children (a build's worker pool)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def build_catalogue(size: int, directory: Path) -> tuple[Path, float]:
    """Build the sample (size 0) or a SYNTHETIC catalogue; the time covers the import only."""
    path, wall, _ = build_timed(size, directory)
    return path, wall


def build_timed(size: int, directory: Path) -> tuple[Path, float, float]:
    """As build_catalogue, with the CPU seconds too (a shared machine stretches wall time)."""
    path = directory / f"bench-{size}.sqlite"
    source = SAMPLE_SOURCE if size == 0 else write_jsonl(directory / f"synthetic-{size}.jsonl", size)
    t0, c0 = time.perf_counter(), _cpu_s()
    build_from_source(source, path, allow_hosts=ALLOW)
    return path, time.perf_counter() - t0, _cpu_s() - c0


def run(sizes: list[int], rounds: int, write: Callable[[str], None]) -> None:
    write(f"search benchmark: {rounds} rounds of {sum(map(len, QUERY_MIX.values()))} queries; "
          "latencies in ms per query; size 0 = the bundled sample catalogue")
    write("build and load: wall seconds (CPU seconds, all processes); the machine may be shared")
    header = f"{'items':>8} {'build s (cpu)':>15} {'db MB':>7} {'load s (cpu)':>14} | " + " ".join(
        f"{k + ' p50/p95':>20}" for k in (*QUERY_MIX, "ALL"))
    write(header)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        for size in sizes:
            path, build_s, build_cpu = build_timed(size, Path(tmp))
            t0, c0 = time.perf_counter(), time.process_time()
            cat = Catalogue.open(path, views={})
            load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
            with cat:
                times = time_queries(functools.partial(cat.search, limit=50), rounds)
                n = len(cat)
            every = [v for vs in times.values() for v in vs]
            cells = [f"{_pct(v, 50):9.3f}/{_pct(v, 95):9.3f}" for v in (*times.values(), every)]
            write(f"{n:>8} {build_s:7.2f} ({build_cpu:5.1f}) {path.stat().st_size / 1e6:7.1f}"
                  f" {load_s:6.2f} ({load_cpu:5.2f}) | "
                  + " ".join(f"{c:>20}" for c in cells))
            write(f"{'':>8} mean {statistics.fmean(every):.3f} ms, max {max(every):.3f} ms")
