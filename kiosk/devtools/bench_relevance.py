"""Relevance benchmark: success@1, success@5, MRR and zero results, overall and per kind.

Queries come from a TSV (query, kind, wanted codes as fnmatch patterns; "-" when
the list has no such item). Without ``--catalogue`` it runs the bundled sample
and its raw copy (see rawcopy.py), and, unless ``--queries`` is given, the
synthetic district list (district_sample.csv: 610 items, names and departments only,
parent/child rows) and a synthetic city list in another province's shape (city_sample.csv:
789 items, 「…（首次申领）」 业务办理项, departments as 市公安局 or 市人力资源社会保障局),
each with its own queries: on 87 items top 5 is easy, on a district or city list many
names share 社会保障卡, 户口 or 营业执照 and ranking decides.
Prints figures, asserts nothing (see ``kiosk bench-relevance``).
"""

from __future__ import annotations

import fnmatch
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.devtools.rawcopy import write_raw_copy
from kiosk.paths import SAMPLE_SOURCE

#: The city list links to its province's portal (zjzwfw.gov.cn), as another province's list would.
ALLOW = ["gdzwfw.gov.cn", "gz.gov.cn", "zjzwfw.gov.cn"]
DEFAULT_QUERIES = Path(__file__).with_name("relevance_sample.tsv")
#: A synthetic district list in the shape `kiosk import` reads, and queries labelled for it.
DISTRICT_LIST = Path(__file__).with_name("district_sample.csv")
DISTRICT_QUERIES = Path(__file__).with_name("relevance_district.tsv")
#: A synthetic 市级 list in another province's shape, and queries labelled for it before any run.
CITY_LIST = Path(__file__).with_name("city_sample.csv")
CITY_QUERIES = Path(__file__).with_name("relevance_city.tsv")
#: How deep the benchmark looks for the wanted item (MRR counts ranks up to here).
DEPTH = 50


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    kind: str
    wanted: tuple[str, ...]  # fnmatch patterns over item codes; empty: no such item


@dataclass
class Tally:
    n: int = 0
    at1: int = 0
    at5: int = 0
    rr: float = 0.0
    zero: int = 0  # queries whose item exists that found nothing (closest items aside)
    absent: int = 0  # queries for items the list does not have
    absent_dead_end: int = 0  # ...which got neither hits nor closest items
    misses: list[str] = field(default_factory=list)

    def add(self, rank: int | None, zero: bool, query: str) -> None:
        self.n += 1
        self.zero += zero
        if rank is None:
            self.misses.append(query)
            return
        self.at1 += rank == 1
        self.at5 += rank <= 5
        self.rr += 1 / rank
        if rank > 5:
            self.misses.append(f"{query}@{rank}")

    def row(self, label: str) -> str:
        n = max(self.n, 1)
        return (f"{label:<14} {self.n:>5} {self.at1 / n:>8.3f} {self.at5 / n:>8.3f} "
                f"{self.rr / n:>7.3f} {self.zero:>5} {self.absent:>7} {self.absent_dead_end:>9}")


def load_queries(path: Path) -> list[LabelledQuery]:
    """Parse the query TSV; a malformed line raises ValueError naming its number."""
    out = []
    for no, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise ValueError(f"{path}:{no}: expected query<TAB>kind<TAB>wanted")
        query, kind, wanted = parts[0], parts[1].strip(), parts[2].strip()
        if (query, kind) == ("query", "kind"):
            continue  # header
        codes = () if wanted == "-" else tuple(w.strip() for w in wanted.split(",") if w.strip())
        out.append(LabelledQuery(query, kind, codes))
    return out


def _rank(codes: Sequence[str], wanted: Sequence[str]) -> int | None:
    for i, code in enumerate(codes, 1):
        if any(fnmatch.fnmatchcase(code, w) for w in wanted):
            return i
    return None


def evaluate(cat: Catalogue, queries: Sequence[LabelledQuery]) -> dict[str, Tally]:
    """Tallies per kind and under "ALL"."""
    tallies: dict[str, Tally] = {"ALL": Tally()}
    for q in queries:
        hits = cat.search(q.query, limit=DEPTH)
        matched = [h.summary.code for h in hits if not h.closest]
        t = tallies.setdefault(q.kind, Tally())
        if not q.wanted:
            for tally in (t, tallies["ALL"]):
                tally.absent += 1
                tally.absent_dead_end += not hits and not cat.related(q.query)
            continue
        rank = _rank(matched, q.wanted)
        for tally in (t, tallies["ALL"]):
            tally.add(rank, not matched, q.query)
    return tallies


def report(title: str, tallies: dict[str, Tally], write: Callable[[str], None],
           verbose: bool) -> None:
    write(title)
    write(f"{'kind':<14} {'n':>5} {'succ@1':>8} {'succ@5':>8} {'MRR':>7} {'zero':>5} "
          f"{'absent':>7} {'dead-end':>9}")
    for kind in sorted(k for k in tallies if k != "ALL"):
        write(tallies[kind].row(kind))
    write(tallies["ALL"].row("ALL"))
    if verbose:
        for kind, t in sorted(tallies.items()):
            if kind != "ALL" and t.misses:
                write(f"  missed (or ranked below 5) [{kind}]: {'  '.join(t.misses)}")
    write("")


def _open(source: Path, directory: Path) -> Catalogue:
    if source.suffix in (".sqlite", ".db"):
        return Catalogue.open(source, views={})
    out = directory / f"{source.stem}.sqlite"
    build_from_source(source, out, allow_hosts=ALLOW, version=1)
    return Catalogue.open(out, views={})


def run(catalogue: Path | None, queries_file: Path | None, write: Callable[[str], None],
        verbose: bool = False) -> None:
    queries_path = queries_file or DEFAULT_QUERIES
    queries = load_queries(queries_path)
    write(f"relevance benchmark: {len(queries)} queries from {queries_path}; "
          f"success@k = a wanted item in the top k; zero = nothing found for an item that exists")
    with tempfile.TemporaryDirectory(prefix="kiosk-relevance-") as tmp:
        directory = Path(tmp)
        sources: list[tuple[str, Path, list[LabelledQuery]]]
        if catalogue is not None:
            sources = [(str(catalogue), catalogue, queries)]
        else:
            raw = directory / "sample-raw.jsonl"
            write_raw_copy(SAMPLE_SOURCE, raw)
            sources = [("bundled sample", SAMPLE_SOURCE, queries),
                       ("raw copy of the sample (no aliases/keywords/themes/hot/guide)", raw, queries)]
            if queries_file is None:
                district = load_queries(DISTRICT_QUERIES)
                write(f"and {len(district)} queries from {DISTRICT_QUERIES} over {DISTRICT_LIST.name}")
                sources.append((f"synthetic district list ({DISTRICT_LIST.name})", DISTRICT_LIST,
                                district))
                city = load_queries(CITY_QUERIES)
                write(f"and {len(city)} queries from {CITY_QUERIES} over {CITY_LIST.name}")
                sources.append((f"synthetic city list ({CITY_LIST.name})", CITY_LIST, city))
        for title, source, labelled in sources:
            with _open(source, directory) as cat:
                report(f"{title}: {len(cat)} items", evaluate(cat, labelled), write, verbose)
