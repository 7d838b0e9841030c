"""The government-services lexicon (offline_db/lexicon/lexicon.tsv): everyday words ↔ official terms.

Used twice: when a snapshot is built, an item's texts gain the other forms of every
entry they contain (keys.search_keys); at query time, filler is dropped, the query
is split at the lexicon's words and each part matches through its entry's forms.
Loading parses a few hundred lines (about 1 ms) and needs neither pypinyin nor OpenCC.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.paths import OFFLINE_DB_DIR

LEXICON_FILE = OFFLINE_DB_DIR / "lexicon" / "lexicon.tsv"
KINDS = ("term", "department", "action", "filler", "variant")
#: The longest form the query splitter looks for.
MAX_FORM = 12


class LexiconError(ValueError):
    """A lexicon line is malformed; the message names file and line."""


def fold(text: str) -> str:
    """Case, width and punctuation folded; Simplified input only (the file is Simplified)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text if c.isalnum())


@dataclass(frozen=True)
class Part:
    """One meaningful piece of a query, with every form that counts as it."""

    text: str
    kind: str  # term, department, action or word (not in the lexicon)
    forms: tuple[str, ...]


@dataclass
class Lexicon:
    """Parsed entries and the look-up tables built from them."""

    #: form -> the other forms of every term/department entry that holds it
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: form -> kind of the first entry that holds it (term, department, action, filler)
    kind_of: dict[str, str] = field(default_factory=dict)
    #: action form -> its equivalent forms
    actions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fillers: frozenset[str] = frozenset()
    #: (variant, standard) pairs, longest variant first
    variants: tuple[tuple[str, str], ...] = ()
    #: first two characters -> term/department forms starting with them, longest first
    by_pair: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dept_forms: frozenset[str] = frozenset()
    entries: int = 0

    # -- build time ---------------------------------------------------------

    def matches(self, text: str, departments: bool = False) -> Iterator[tuple[int, str]]:
        """(start, form) of every term form in ``text`` (department forms too if asked).

        In order of start, the longest form first at each start. Every form has two
        characters or more, so one look-up of each character pair finds the few forms
        that can start there (testing each form starting with a character, as before,
        was 40% of a 100,000-item build's key computation).
        """
        by_pair = self.by_pair
        for i in range(len(text) - 1):
            for form in by_pair.get(text[i:i + 2], ()):
                if text.startswith(form, i) and (departments or form not in self.dept_forms
                                                 or self.kind_of.get(form) == "term"):
                    yield i, form

    def other_forms(self, texts: Iterable[str], departments: bool = False) -> list[str]:
        """Every form of the entries found in ``texts``: those found, then the others.

        A found form is returned too when it is only part of a text (签注 in
        港澳台签注申请): as a key of its own it is a word residents type.
        """
        texts = list(texts)
        found: dict[str, None] = {}
        others: dict[str, None] = {}
        for text in texts:
            for _, form in self.matches(text, departments):
                if form not in texts:
                    found.setdefault(form)
                for other in self.related.get(form, ()):
                    if not any(other in t for t in texts):
                        others.setdefault(other)
        return list(found) + [f for f in others if f not in found]

    # -- query time ---------------------------------------------------------

    def fold_variants(self, text: str) -> str:
        for variant, standard in self.variants:
            if variant in text:
                text = text.replace(variant, standard)
        return text

    def _tokens(self, chunk: str, longest: int = MAX_FORM) -> list[tuple[str, str]]:
        """Greedy longest-match of ``chunk`` against every form up to ``longest`` characters;
        unknown runs are "word"."""
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(chunk):
            for n in range(min(longest, len(chunk) - i), 0, -1):
                piece = chunk[i:i + n]
                kind = self.kind_of.get(piece)
                if kind is not None and (n > 1 or kind in ("filler", "action")):
                    out.append((piece, kind))
                    i += n
                    break
            else:
                if out and out[-1][1] == "word":
                    out[-1] = (out[-1][0] + chunk[i], "word")
                else:
                    out.append((chunk[i], "word"))
                i += 1
        return out

    def split(self, chunks: Iterable[str], shorter_than: int = MAX_FORM + 1) -> list[Part]:
        """The meaningful parts of a query given as folded chunks (split at spaces).

        Filler goes when something else is left; a one-character filler or action
        only counts at a chunk's edge or next to a known word, so 重要 stays whole.
        ``shorter_than`` splits finer: only forms shorter than it count (a compound
        form such as 补办社保卡 read as 补办 + 社保卡).
        """
        tokens: list[tuple[str, str]] = []
        for chunk in chunks:
            toks = self._tokens(chunk, shorter_than - 1)
            for j, (text, kind) in enumerate(toks):
                if len(text) == 1 and kind in ("filler", "action"):
                    left = toks[j - 1][1] if j > 0 else "edge"
                    right = toks[j + 1][1] if j + 1 < len(toks) else "edge"
                    if left == "word" and right == "word":
                        kind = "word"
                tokens.append((text, kind))
        merged: list[tuple[str, str]] = []
        for text, kind in tokens:
            if kind == "word" and merged and merged[-1][1] == "word":
                merged[-1] = (merged[-1][0] + text, "word")
            else:
                merged.append((text, kind))
        meaningful = [t for t in merged if t[1] != "filler"]
        if not meaningful:
            meaningful = merged
        parts: list[Part] = []
        for text, kind in meaningful:
            if not any(p.text == text for p in parts):
                parts.append(self.part(text, kind))
        return parts

    def part(self, text: str, kind: str | None = None) -> Part:
        """``text`` as a query part with every form that counts as it (kind looked up if None)."""
        if kind is None:
            kind = self.kind_of.get(text, "word") if len(text) > 1 else "word"
        if kind == "action":
            forms: tuple[str, ...] = (text, *self.actions.get(text, ()))
        elif kind == "filler":
            forms = (text,)
        else:
            forms = (text, *self.related.get(text, ()))
        return Part(text, kind, tuple(dict.fromkeys(forms)))


def _forms(cell: str) -> list[str]:
    return [f for f in (fold(x) for x in cell.split("|")) if f]


def rows(lines: Iterable[str], name: str, columns: int = 4,
         error: type[LexiconError] = LexiconError) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped cells) of every entry line of a lexicon TSV (blank and ``#`` lines skipped).

    Shared by this lexicon and the theme lexicon (kiosk.catalogue.themes): one file format.
    """
    for no, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != columns:
            raise error(f"{name}:{no}: expected {columns} tab-separated columns, got {len(cols)}")
        yield no, [c.strip() for c in cols]


def parse(lines: Iterable[str], name: str = "lexicon") -> Lexicon:
    """Build a Lexicon from TSV lines; LexiconError names the first bad line."""
    groups: list[tuple[str, list[str]]] = []
    actions: list[list[str]] = []
    fillers: set[str] = set()
    variants: list[tuple[str, str]] = []
    entries = 0
    for no, (kind, official, everyday, source) in rows(lines, name):
        if kind not in KINDS:
            raise LexiconError(f"{name}:{no}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
        if not source:
            raise LexiconError(f"{name}:{no}: the source column is empty")
        main = fold(official)
        if not main:
            raise LexiconError(f"{name}:{no}: the official column is empty")
        others = _forms(everyday)
        entries += 1
        if kind == "filler":
            fillers.add(main)
        elif kind == "variant":
            if not others:
                raise LexiconError(f"{name}:{no}: a variant entry needs its variant forms")
            variants += [(v, main) for v in others]
        elif kind == "action":
            actions.append([main, *others])
        else:
            if not others:
                raise LexiconError(f"{name}:{no}: a {kind} entry needs everyday forms")
            short = [f for f in [main, *others] if len(f) < 2]
            if short:
                raise LexiconError(f"{name}:{no}: form {short[0]!r} is one character: too noisy")
            groups.append((kind, [main, *others]))
    related: dict[str, dict[str, None]] = {}
    kind_of: dict[str, str] = {}
    dept_forms: set[str] = set()
    for kind, forms in groups:
        for f in forms:
            kind_of.setdefault(f, kind)
            bucket = related.setdefault(f, {})
            for other in forms:
                if other != f:
                    bucket.setdefault(other)
            if kind == "department":
                dept_forms.add(f)
    action_map: dict[str, dict[str, None]] = {}
    for forms in actions:
        for f in forms:
            kind_of.setdefault(f, "action")
            bucket = action_map.setdefault(f, {})
            for other in forms:
                if other != f:
                    bucket.setdefault(other)
    for f in fillers:
        kind_of.setdefault(f, "filler")
    by_pair: dict[str, list[str]] = {}
    for f in related:  # parse() refuses one-character forms
        by_pair.setdefault(f[:2], []).append(f)
    return Lexicon(
        related={k: tuple(v) for k, v in related.items()},
        kind_of=kind_of,
        actions={k: tuple(v) for k, v in action_map.items()},
        fillers=frozenset(fillers),
        variants=tuple(sorted(variants, key=lambda p: -len(p[0]))),
        by_pair={k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_pair.items()},
        dept_forms=frozenset(dept_forms),
        entries=entries,
    )


def load(path: Path) -> Lexicon:
    """Parse a lexicon file (UTF-8 TSV)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the lexicon ({exc})") from None
    return parse(text.splitlines(), str(path))


@functools.lru_cache(maxsize=1)
def default() -> Lexicon:
    """The shipped lexicon, parsed once per process."""
    return load(LEXICON_FILE)
