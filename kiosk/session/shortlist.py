"""The short list on home and on an empty search: the list's hot items, else this kiosk's most viewed.

Official exports carry no hot ranks. Then home shows the items most often opened on this
kiosk (kiosk.search.popularity), under a heading that says so (本机常用事项), never 热门. With
neither, the short list is empty and home gives its space to themes and departments. An item
counts only from MIN_VIEWS views, so the next resident cannot see what one person opened.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loads with the catalogue, after home is drawn (homecache)
    from kiosk.catalogue.model import ItemSummary
    from kiosk.catalogue.reader import Catalogue


class Shortlist(StrEnum):
    """Where home's short list comes from. The value is what QML compares ``Resident.shortlist`` with."""

    HOT = "hot"  # the list's own hot ranks: 热门事项
    VIEWED = "viewed"  # this kiosk's most viewed items: 本机常用事项
    NONE = "none"  # neither: no panel, themes and departments take the room


#: Decayed views an item needs before it is shown as 本机常用 (one resident's visits never are).
MIN_VIEWS = 3.0


def most_viewed(cat: Catalogue, views: Mapping[str, float], limit: int) -> list[ItemSummary]:
    """The live items viewed at least MIN_VIEWS times, most viewed first (codes no longer listed skipped)."""
    # counts decay by the second (popularity.HALF_LIFE_DAYS): three views just now are 2.9999
    ranked = sorted((c for c, n in views.items() if n + 0.01 >= MIN_VIEWS), key=lambda c: (-views[c], c))
    out: list[ItemSummary] = []
    for code in ranked:
        summary = cat.summary(code)
        if summary is not None:
            out.append(summary)
            if len(out) >= limit:
                break
    return out


def shortlist(cat: Catalogue, views: Mapping[str, float], limit: int
              ) -> tuple[Shortlist, list[ItemSummary]]:
    """What home's short list shows for ``cat``: its kind and its rows."""
    hot = cat.hot(limit)
    if hot:
        return Shortlist.HOT, hot
    viewed = most_viewed(cat, views, limit)
    return (Shortlist.VIEWED, viewed) if viewed else (Shortlist.NONE, [])
