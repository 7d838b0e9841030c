"""The import report: what ``kiosk import`` read, fixed, refused and why, for a technician.

The policy (README, "Importing an official list"): rows that validate are imported, rows that
do not are refused and listed here by cause, with the first problems named by file, row and
column and a hint naming the setting or fix; ``strict`` refuses the whole file if any row is
refused. The summary (:meth:`ImportReport.summary`) is what ``kiosk info`` shows afterwards.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kiosk.catalogue.model import Item, RowError
from kiosk.catalogue.values import Quantity, Unit

#: Problems named one by one (the rest are counted by cause).
FIRST_PROBLEMS = 10
#: Names of repeated-name groups listed one by one.
FIRST_DUPLICATES = 20


@dataclass(frozen=True)
class Problem:
    """One refused row: where, why, and what to do about it."""

    row: int
    column: str
    cause: str
    reason: str
    hint: str
    code: str = ""

    def where(self, path: str) -> str:
        return f"{path}, row {self.row}, column {self.column}"


_HOST = re.compile(r"URL host '([^']+)'")


def classify(exc: RowError, column: str) -> tuple[str, str]:
    """(cause, hint) for a refused row: the cause groups the report, the hint names the fix."""
    reason = exc.reason
    if "catalogue text is plain text" in reason or "combining marks" in reason:
        return "not_plain_text", (f"the kiosk shows catalogue text as plain text: remove the markup "
                                  f"or character from the {column} cell")
    if "free text may name only allowed addresses" in reason:
        m = _HOST.search(reason)
        host = m.group(1) if m else "HOST"
        return "text_address_not_allowed", (
            f"remove the address from the {column} cell, or if {host} is an official portal, "
            f"allow it: kiosk config add catalogue.url_allow_hosts {host}")
    if "allow-list" in reason:
        m = _HOST.search(reason)
        host = m.group(1) if m else "HOST"
        return "url_host_not_allowed", (
            f"if {host} is an official portal, allow it: kiosk config add "
            f"catalogue.url_allow_hosts {host}")
    if "is not https" in reason:
        if "scheme http:" in reason or "scheme http)" in reason:
            return "url_http", ("http links are refused by catalogue.http_links = refuse; "
                                "kiosk config set catalogue.http_links upgrade")
        return "url_scheme", f"only https links are shown; correct the {column} cell"
    if "URL" in reason:
        return "url_invalid", f"correct the link in the {column} cell"
    if "required but empty" in reason:
        return "required_empty", f"fill in the {column} cell (every item needs it)"
    if reason.startswith("duplicate code"):
        return "duplicate_code", ("each row needs its own code; the first row with it was imported, "
                                  "correct or remove the others")
    return "invalid_value", f"correct the {column} cell: {reason}"


@dataclass
class ImportReport:
    """What an import did, row by row, gathered while the rows stream past.

    Attributes:
        path: the file. strict: any refused row refuses the whole file. dry_run: nothing written.
        rows_read / imported: data rows read and items kept. problems: refused rows (all of them,
        but only :data:`FIRST_PROBLEMS` are printed). fixes: what was fixed, by kind.
        parsed / kept_text: service facts read as numbers (by unit) or kept as the list's text.
        notes: what was done to read the file's shape. outcome: imported / refused / checked.
    """

    path: str
    strict: bool = False
    dry_run: bool = False
    rows_read: int = 0
    imported: int = 0
    problems: list[Problem] = field(default_factory=list)
    fixes: Counter[str] = field(default_factory=Counter)
    header_variants: list[tuple[str, str]] = field(default_factory=list)
    parsed: Counter[str] = field(default_factory=Counter)
    kept_text: Counter[str] = field(default_factory=Counter)
    kept_examples: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheet: str | None = None
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    outcome: str = ""
    #: items whose themes came from the theme lexicon (the list gave none), and items with none
    lexicon_themes: int = 0
    no_theme: int = 0
    snapshot: str = ""
    version: int | None = None

    # -- gathering ---------------------------------------------------------------------

    def refuse(self, row: int, exc: RowError, column: str, code: str = "") -> None:
        cause, hint = classify(exc, column)
        self.problems.append(Problem(row, column, cause, exc.reason, hint, code))

    def accept(self, item: Item, upgraded_urls: int) -> None:
        self.imported += 1
        if upgraded_urls:
            self.fixes["http_upgraded"] += upgraded_urls
        g = item.guide
        for label, q in (("承诺办结时限", g.promise_limit), ("法定办结时限", g.legal_limit),
                         ("到现场次数", g.visits)):
            self._fact(label, q)
        self.names.setdefault(item.name, []).append((item.code, item.department))

    def note_themes(self, item: Item, listed: object) -> None:
        """Where ``item``'s themes came from; ``listed`` is the row's own themes cell."""
        if not item.themes:
            self.no_theme += 1
        elif not listed:
            self.lexicon_themes += 1

    def _fact(self, label: str, q: Quantity | None) -> None:
        if q is None:
            return
        if q.unit == Unit.TEXT:
            self.kept_text[label] += 1
            if len(self.kept_examples) < 5 and q.text not in self.kept_examples:
                self.kept_examples.append(q.text)
        elif q.text and q.text != str(q.value):  # "1次", "当场办结", "3个月": the text was read
            self.parsed[q.unit] += 1

    # -- reading it ----------------------------------------------------------------------

    @property
    def refused(self) -> int:
        return len(self.problems)

    def causes(self) -> dict[str, int]:
        return dict(Counter(p.cause for p in self.problems).most_common())

    def duplicates(self) -> list[dict[str, Any]]:
        """Names that repeat with different codes: each is told apart on screen."""
        return [{"name": name, "items": [{"code": c, "department": d} for c, d in entries]}
                for name, entries in self.names.items() if len(entries) > 1]

    def summary(self) -> dict[str, Any]:
        """The report as JSON (``kiosk import --json``; kept for ``kiosk info``)."""
        dups = self.duplicates()
        return {
            "file": self.path, "sheet": self.sheet, "outcome": self.outcome,
            "policy": "strict" if self.strict else "import valid rows, refuse the rest",
            "dry_run": self.dry_run, "rows_read": self.rows_read, "imported": self.imported,
            "refused": self.refused, "refused_by_cause": self.causes(),
            "fixed": {"http_upgraded": self.fixes["http_upgraded"],
                      "header_variants": [{"header": h, "read_as": c} for h, c in self.header_variants],
                      "values_parsed": dict(self.parsed),
                      "values_kept_as_text": dict(self.kept_text)},
            "themes": {"from_lexicon": self.lexicon_themes, "none": self.no_theme},
            "notes": list(self.notes),
            "first_problems": [dataclasses.asdict(p) for p in self.problems[:FIRST_PROBLEMS]],
            "duplicate_names": len(dups), "duplicates": dups[:FIRST_DUPLICATES],
            "snapshot": self.snapshot, "version": self.version,
        }

    def lines(self) -> list[str]:
        """The report as a technician reads it on a terminal."""
        out = [f"import report: {self.path}" + (f" (sheet {self.sheet!r})" if self.sheet else "")]
        out.append(f"  rows read {self.rows_read}, imported {self.imported}, refused {self.refused}"
                   + ("  [dry run: nothing written]" if self.dry_run else ""))
        out += [f"  read: {n}" for n in self.notes]
        if self.fixes["http_upgraded"]:
            out.append(f"  fixed: {self.fixes['http_upgraded']} http:// links on allowed hosts "
                       "upgraded to https:// (catalogue.http_links = upgrade)")
        if self.header_variants:
            out.append("  fixed: header variants read as "
                       + "; ".join(f"{h!r} → {c}" for h, c in self.header_variants))
        if self.parsed:
            out.append("  fixed: values read from the list's text: "
                       + ", ".join(f"{n} {u}" for u, n in self.parsed.most_common()))
        if self.kept_text:
            out.append("  kept as the list's own text (not read as a number): "
                       + ", ".join(f"{label} {n}" for label, n in self.kept_text.most_common())
                       + (f" (e.g. {', '.join(self.kept_examples)})" if self.kept_examples else ""))
        if self.lexicon_themes:
            out.append(f"  themes: {self.lexicon_themes} items without themes in the list got them from "
                       "the theme lexicon (offline_db/lexicon/themes.tsv)")
        if self.no_theme:
            out.append(f"  themes: {self.no_theme} items have no theme (found by search and department only)")
        if self.problems:
            out.append("  refused by cause: "
                       + ", ".join(f"{c} {n}" for c, n in self.causes().items()))
            for p in self.problems[:FIRST_PROBLEMS]:
                out.append(f"    {p.where(self.path)}: {p.reason}")
                out.append(f"      fix: {p.hint}")
            if self.refused > FIRST_PROBLEMS:
                out.append(f"    … and {self.refused - FIRST_PROBLEMS} more (kiosk import --json "
                           "lists the causes)")
        dups = self.duplicates()
        if dups:
            out.append(f"  names that repeat with different codes ({len(dups)}; told apart on "
                       "screen by department, parent item or code):")
            for d in dups[:FIRST_DUPLICATES]:
                out.append(f"    {d['name']}: " + ", ".join(
                    f"{i['code']} ({i['department']})" for i in d["items"]))
        out.append(f"  outcome: {self.outcome_text()}")
        return out

    def outcome_text(self) -> str:
        if self.outcome == "refused":
            return (f"file refused (--strict and {self.refused} refused rows): nothing changed"
                    if self.strict else "file refused: no row could be imported; nothing changed")
        if self.dry_run:
            return (f"checked: {self.imported} rows would be imported"
                    + (f", {self.refused} refused" if self.refused else ""))
        text = f"imported {self.imported} items"
        if self.refused:
            text += (f"; {self.refused} rows refused and left out (policy: import the rows that "
                     "validate; --strict refuses the whole file)")
        return text
