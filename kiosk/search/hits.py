"""What a search returns and in which order items are laid out: tiers, hits, the ranking prior."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from kiosk.search import highlight

#: Match kinds, best first (see kiosk.search.index for the stages that produce them).
#: TIER_PARTS: every query part in the item's own name or aliases as typed; TIER_PARTS_OWN: there
#: through the lexicon's forms; TIER_PARTS_KEYWORD: some part only in a keyword.
#: TIER_MISTYPED: Chinese with one character wrong (婚烟登记 for 婚姻登记), looked for only when a
#: query finds nothing or holds a piece no item has.
(TIER_EXACT, TIER_PREFIX, TIER_INITIALS, TIER_SUBSTRING, TIER_KEYWORD, TIER_WORDS,
 TIER_WORDS_KEYWORD, TIER_FUZZY, TIER_FUZZY_KEYWORD, TIER_MISTYPED, TIER_PARTS,
 TIER_PARTS_OWN, TIER_PARTS_KEYWORD, TIER_SOUNDALIKE, TIER_SLIP, TIER_SPELT, TIER_SPELT_KEYWORD,
 TIER_SOME, TIER_CLOSEST) = range(19)
#: A later stage's own-text tier -> its tier for matches in helpers (keywords).
HELPER_TIER = {TIER_PARTS: TIER_PARTS_KEYWORD, TIER_SPELT: TIER_SPELT_KEYWORD}

#: Names shorter than this many characters count as short (a rank bucket, not a cut).
SHORT_NAME = 8


class Ranked(Protocol):
    """What the index needs of a list row (the catalogue's ItemSummary has it)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def hot(self) -> int: ...
    @property
    def terminal_complete(self) -> bool | None: ...
    @property
    def themes(self) -> tuple[str, ...]: ...


S = TypeVar("S", bound=Ranked)

#: Doable here first; an item whose list does not say (every raw official list) before one
#: the list says cannot be finished here.
_TERMINAL_RANK = {True: 0, None: 1, False: 2}


@dataclass(frozen=True)
class SearchHit(Generic[S]):
    summary: S
    tier: int
    field: str
    _marker: Callable[[str], highlight.Spans] | None = dataclasses.field(
        default=None, repr=False, compare=False)

    @property
    def marks(self) -> highlight.Spans:
        """(start, length) of the name's characters that matched, for the row's highlight.

        Worked out on demand: a list shows a few rows of the fifty found.
        """
        return self._marker(self.summary.name) if self._marker is not None else ()

    @property
    def closest(self) -> bool:
        """Not a match: the nearest items offered when nothing matched."""
        return self.tier == TIER_CLOSEST


def prior_order(
    items: list[tuple[int, S]], objects: Mapping[int, Iterable[str]], views: Mapping[str, float]
) -> list[int]:
    """Indices into ``items`` in ranking order (see the module docstring).

    An item whose 服务对象 is unknown is not put behind 自然人 items: missing data is no fact.
    """
    def key(i: int) -> tuple[int, int, int, int, int, float, int, int]:
        item_id, s = items[i]
        obj = tuple(objects.get(item_id, ()))
        person = 0 if not obj or "自然人" in obj else 1
        return (s.hot <= 0, s.hot, person, _TERMINAL_RANK[s.terminal_complete], len(s.name) >= SHORT_NAME,
                -views.get(s.code, 0.0), len(s.name), i)

    return sorted(range(len(items)), key=key)
