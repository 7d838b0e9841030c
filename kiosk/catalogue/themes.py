"""Themes for items whose list gives none, from the theme lexicon (offline_db/lexicon/themes.tsv).

Official exports carry no 主题 column, so a raw list would leave home's 主题服务 empty. When a
snapshot is built (import, publish, sync) an item with no themes gets them from its department
(the longest department form found: one theme) and from words in its name (every form found,
longest first, not overlapping). When neither says anything, the search lexicon's other forms
of the name are tried (社会保障卡 → 社保卡). Themes a list gives always win.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.catalogue.model import Item
from kiosk.paths import OFFLINE_DB_DIR
from kiosk.search import lexicon as lex

THEMES_FILE = OFFLINE_DB_DIR / "lexicon" / "themes.tsv"
KINDS = ("name", "department")
#: An item gets at most this many themes from the lexicon.
MAX_THEMES = 3


class ThemeLexiconError(lex.LexiconError):
    """A theme lexicon line is malformed; the message names file and line."""


@dataclass
class ThemeLexicon:
    """Forms → theme, for names and for departments, each longest first."""

    name_forms: dict[str, str] = field(default_factory=dict)
    department_forms: dict[str, str] = field(default_factory=dict)
    themes: tuple[str, ...] = ()
    search: lex.Lexicon = field(default_factory=lex.Lexicon)
    # look-up tables (a build asks once per item: 100,000 items must stay a matter of seconds)
    _by_first: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False)
    _departments: tuple[str, ...] = field(default=(), init=False, repr=False)
    _seen: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[str]] = {}
        for form in self.name_forms:
            by_first.setdefault(form[0], []).append(form)
        self._by_first = {c: tuple(sorted(f, key=len, reverse=True)) for c, f in by_first.items()}
        self._departments = tuple(sorted(self.department_forms, key=len, reverse=True))

    def _scan(self, text: str) -> list[str]:
        """Themes of the name forms found in ``text``: longest form first at each place, no overlap."""
        found: list[str] = []
        i = 0
        while i < len(text):
            for form in self._by_first.get(text[i], ()):
                if text.startswith(form, i):
                    found.append(self.name_forms[form])
                    i += len(form)
                    break
            else:
                i += 1
        return found

    def department_theme(self, department: str) -> str | None:
        """The theme of the longest department form found in ``department``."""
        if department not in self._seen:  # a list has a few dozen departments for all its items
            text = lex.fold(department)
            form = next((f for f in self._departments if f in text), None)
            if len(self._seen) < 10_000:
                self._seen[department] = self.department_forms[form] if form else None
            else:
                return self.department_forms[form] if form else None
        return self._seen[department]

    def themes_for(self, name: str, department: str) -> tuple[str, ...]:
        """The themes the lexicon gives an item named ``name`` of ``department`` (maybe none)."""
        found: list[str] = []
        dept = self.department_theme(department)
        if dept:
            found.append(dept)
        folded = lex.fold(name)
        found += self._scan(folded)
        if not found:  # the search lexicon's everyday forms of the name (社会保障卡 → 社保卡)
            for form in self.search.other_forms([folded]):
                found += self._scan(form)
        return tuple(dict.fromkeys(found))[:MAX_THEMES]

    def assign(self, item: Item) -> Item:
        """``item`` with lexicon themes when its list gave none; unchanged otherwise."""
        if item.themes:
            return item
        themes = self.themes_for(item.name, item.department)
        return dataclasses.replace(item, themes=themes) if themes else item


def parse(lines: Iterable[str], name: str = "themes", search: lex.Lexicon | None = None
          ) -> ThemeLexicon:
    """Build a ThemeLexicon from TSV lines; ThemeLexiconError names the first bad line.

    A department form that is an official name in the search lexicon brings its short forms
    too, unless another theme claims that short form itself.
    """
    search = search if search is not None else lex.Lexicon()
    names: dict[str, str] = {}
    departments: dict[str, str] = {}
    expanded: dict[str, str] = {}
    themes: dict[str, None] = {}
    for no, (theme, kind, cell, source) in lex.rows(lines, name, error=ThemeLexiconError):
        if not theme:
            raise ThemeLexiconError(f"{name}:{no}: the theme column is empty")
        if kind not in KINDS:
            raise ThemeLexiconError(f"{name}:{no}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
        if not source:
            raise ThemeLexiconError(f"{name}:{no}: the source column is empty")
        forms = [f for f in (lex.fold(x) for x in cell.split("|")) if f]
        if not forms:
            raise ThemeLexiconError(f"{name}:{no}: no forms")
        short = [f for f in forms if len(f) < 2]
        if short:
            raise ThemeLexiconError(f"{name}:{no}: form {short[0]!r} is one character: too noisy")
        table = names if kind == "name" else departments
        for f in forms:
            if table.get(f, theme) != theme:
                raise ThemeLexiconError(f"{name}:{no}: form {f!r} already belongs to theme {table[f]!r}")
            table[f] = theme
            if kind == "department" and f in search.dept_forms:
                for other in search.related.get(f, ()):
                    if other in search.dept_forms and len(other) >= 2:
                        expanded.setdefault(other, theme)
        themes.setdefault(theme)
    for form, theme in expanded.items():
        departments.setdefault(form, theme)
    return ThemeLexicon(names, departments, tuple(themes), search)


def load(path: Path, search: lex.Lexicon | None = None) -> ThemeLexicon:
    """Parse a theme lexicon file (UTF-8 TSV)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeLexiconError(f"{path}: cannot read the theme lexicon ({exc})") from None
    return parse(text.splitlines(), str(path), search)


@functools.lru_cache(maxsize=1)
def default() -> ThemeLexicon:
    """The shipped theme lexicon (with the shipped search lexicon), parsed once per process."""
    return load(THEMES_FILE, lex.default())
