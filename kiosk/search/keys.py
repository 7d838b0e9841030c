"""The search keys of an item's texts: folded text and the initials of every pinyin reading.

Computed when a snapshot is built (pypinyin loads only here), stored in the snapshot,
and read back by the index at start-up. Every build applies the government-services
lexicon, so an official list with no aliases still answers to 低保, 社保卡 or 人社局.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kiosk.search import lexicon
from kiosk.search import text as textnorm

#: Lexicon forms added per item, and the readings kept for each (the likeliest only):
#: both bound the index a big list loads (100,000 items: 9 lexicon keys each with 10 and 2).
MAX_FORMS = 6
LEXICON_READINGS = 1


@dataclass(frozen=True)
class SearchKey:
    field: str
    norm: str
    initials: str


@functools.lru_cache(maxsize=4096)
def _cached_key(field: str, text: str, readings: int = textnorm.MAX_VARIANTS) -> SearchKey | None:
    return _key(field, text, readings)


def _key(field: str, text: str, readings: int = textnorm.MAX_VARIANTS) -> SearchKey | None:
    """The key of one text; ``readings`` bounds the polyphonic variants kept."""
    norm = textnorm.normalize(text)
    if not norm:
        return None
    return SearchKey(field=field, norm=norm,
                     initials="|".join(textnorm.initials_variants(norm, readings)))


class Searchable(Protocol):
    """What the keys are made of (an item has these attributes)."""

    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Iterable[str]: ...
    @property
    def keywords(self) -> Iterable[str]: ...
    @property
    def department(self) -> str: ...


def search_keys(item: Searchable, lex: lexicon.Lexicon | None = None) -> list[SearchKey]:
    """The searchable texts of an item, folded, with the initials of every reading.

    Besides the item's own name, aliases, keywords and department: the other forms
    of every lexicon entry found in them (as keywords) and the short forms of the
    department.
    """
    lex = lexicon.default() if lex is None else lex
    keys = [_key("name", item.name)]
    keys += [_key("alias", a) for a in item.aliases]
    # keywords and department names repeat across items: cache them
    keys += [_cached_key("keyword", k) for k in item.keywords]
    keys.append(_cached_key("department", item.department))
    own = [k for k in keys if k is not None]
    texts = [k.norm for k in own if k.field != "department"]
    # A sub-item's parent name (kept as a keyword) lists what its siblings do: the forms of
    # 内地居民婚姻登记 (结婚, 离婚) or of 居民身份证申领、换领、补领 would make every child answer
    # to each. The parent keyword still matches as text; only its lexicon forms are not added.
    parent = getattr(item, "parent", "")
    parent_norm = textnorm.normalize(parent) if parent else ""
    telling = [t for t in texts if t != parent_norm] or texts
    # Lexicon keys are "keyword"s: helpers, ranked below what the list itself calls an item.
    # Bare forms only: a name rewritten with them (最低生活保障待遇查询 -> 低保待遇查询) is a
    # key no other item shares, which at 100,000 items doubled the index and its load time.
    forms = [f for f in lex.other_forms(telling) if f not in texts][:MAX_FORMS]
    # A form found inside the item's own name is a word of the name (结婚登记 in
    # 婚姻登记（内地居民结婚登记）): stored as an alias, which the index reads as such a word
    # (a name's substring, ranked above keywords), so among siblings that all gain the forms
    # of their parent's 婚姻登记 (结婚, 离婚 …) the one whose own words say it comes first.
    name = own[0].norm if own and own[0].field == "name" else ""
    extra = [_cached_key("alias" if f in name else "keyword", f, LEXICON_READINGS) for f in forms]
    dept = [k.norm for k in own if k.field == "department"]
    extra += [_cached_key("department", f, 1)
              for f in lex.other_forms(dept, departments=True)[:MAX_FORMS]]
    seen = {(k.field, k.norm) for k in own}
    for k in extra:
        if k is not None and (k.field, k.norm) not in seen and k.norm not in texts:
            seen.add((k.field, k.norm))
            own.append(k)
    return own
