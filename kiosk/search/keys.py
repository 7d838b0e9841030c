"""The search keys of an item's texts: folded text and the initials of every pinyin reading.

Computed when a snapshot is built (pypinyin loads only here), stored in the snapshot,
and read back by the index at start-up.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kiosk.search import text as textnorm


@dataclass(frozen=True)
class SearchKey:
    field: str
    norm: str
    initials: str


@functools.lru_cache(maxsize=4096)
def _cached_key(field: str, text: str) -> SearchKey | None:
    return _key(field, text)


def _key(field: str, text: str) -> SearchKey | None:
    norm = textnorm.normalize(text)
    if not norm:
        return None
    variants = textnorm.pinyin_variants(norm)
    return SearchKey(
        field=field,
        norm=norm,
        initials="|".join(dict.fromkeys(textnorm.initials(v) for v in variants)),
    )


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


def search_keys(item: Searchable) -> list[SearchKey]:
    """The searchable texts of an item, folded, with the initials of every reading."""
    keys = [_key("name", item.name)]
    keys += [_key("alias", a) for a in item.aliases]
    # keywords and department names repeat across items: cache them
    keys += [_cached_key("keyword", k) for k in item.keywords]
    keys.append(_cached_key("department", item.department))
    return [k for k in keys if k is not None]


