"""The open item as QML sees it: typed properties that are always there (empty when none is open).

The wording of facts comes from ``kiosk.catalogue.present``, in the session's language, so the
screen says what the slip and the CLI say. QML needs no ``hasItem`` guards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal

from kiosk.access.script import Language, for_display

if TYPE_CHECKING:
    from kiosk.catalogue.model import Item, ItemSummary

#: What shows while no item is open (home draws before the catalogue's modules load).
EMPTY: dict[str, Any] = {
    "code": "", "name": "", "department": "", "status": "", "statusText": "", "available": False,
    "terminal": False, "serviceObject": "", "itemType": "", "url": "", "conditions": "", "materials": [],
    "steps": [], "caseType": "", "timeLimitText": "", "legalText": "", "promiseText": "",
    "visitsText": "", "fee": "", "phone": "", "address": "", "hours": "", "note": "", "parentItem": "",
    "distinguish": "",
}


def _view(item: Item | None, language: str, allow_hosts: Sequence[str],
          summary: ItemSummary | None = None) -> dict[str, Any]:
    """Every property's value (EMPTY when no item is open), worded by kiosk.catalogue.present.

    ``language`` is a Language or its tag/locale name. For 繁體 the catalogue's own text (names,
    guide, values the list gives) is converted once here, when the item opens, never per frame.
    """
    if item is None:
        return EMPTY
    from kiosk.catalogue import present  # an item is open: the catalogue's modules are loaded
    from kiosk.catalogue.urls import shown

    lang = Language.parse(str(language))
    loc = lang.qt_locale

    def t(text: str) -> str:
        return for_display(text, lang)

    g = item.guide
    return {
        "code": item.code,
        "name": t(item.name),
        "department": t(item.department),
        "status": str(item.status),
        "statusText": present.status_text(item.status, loc) or "",
        "available": item.available,
        "terminal": item.terminal_complete,
        "serviceObject": t(present.service_object(item, loc) or ""),
        "itemType": t(item.item_type),
        "url": shown(item.online_url, allow_hosts) if item.available else "",  # the checked form
        "conditions": t(g.conditions),
        "materials": [
            {"name": t(m.name), "required": m.required, "necessity": present.necessity(m, loc),
             "form": t(m.form), "copies": m.copies, "copiesText": present.copies(m, loc) or "",
             "source": t(m.source), "note": t(m.note)}
            for m in g.materials
        ],
        "steps": [t(s) for s in g.steps],
        "caseType": t(present.case_type(g, loc) or ""),
        "timeLimitText": present.time_limit(g, loc) or "",
        "legalText": present.legal_limit(g, loc) or "",
        "promiseText": present.promise_limit(g, loc) or "",
        "visitsText": present.visits(g, loc) or "",
        "fee": t(present.fee(g, loc) or ""),
        "phone": g.phone,
        "address": t(g.address),
        "hours": t(g.hours),
        "note": t(g.note),
        "parentItem": t(item.parent),
        "distinguish": t(present.distinguish(summary, loc) or "") if summary else "",
    }


def _prop(kind: type, key: str, notify: Signal) -> Property:
    """A read-only property over one value of the view."""
    return Property(kind, lambda self: self._v[key], notify=notify)


class ItemView(QObject):
    """One item for the item scene, the key facts and the QR card.

    Signals:
        changed: every property changed (another item opened, or the language switched).
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._v = EMPTY

    def show(self, item: Item | None, language: str, allow_hosts: Sequence[str] = (),
             summary: ItemSummary | None = None) -> None:
        """Show ``item`` (None: nothing open) worded in ``language``; its URL only if it passes
        the URL policy with ``allow_hosts`` (kiosk.catalogue.urls); ``summary`` (its list row)
        says what tells it from items of the same name."""
        view = _view(item, language, allow_hosts, summary)
        if view != self._v:
            self._v = view
            self.changed.emit()

    code = _prop(str, "code", changed)
    name = _prop(str, "name", changed)
    department = _prop(str, "department", changed)
    status = _prop(str, "status", changed)
    statusText = _prop(str, "statusText", changed)
    available = _prop(bool, "available", changed)
    terminal = _prop(bool, "terminal", changed)
    serviceObject = _prop(str, "serviceObject", changed)
    itemType = _prop(str, "itemType", changed)
    url = _prop(str, "url", changed)
    conditions = _prop(str, "conditions", changed)
    materials = _prop(list, "materials", changed)
    steps = _prop(list, "steps", changed)
    caseType = _prop(str, "caseType", changed)
    timeLimitText = _prop(str, "timeLimitText", changed)
    legalText = _prop(str, "legalText", changed)
    promiseText = _prop(str, "promiseText", changed)
    visitsText = _prop(str, "visitsText", changed)
    fee = _prop(str, "fee", changed)
    phone = _prop(str, "phone", changed)
    address = _prop(str, "address", changed)
    hours = _prop(str, "hours", changed)
    note = _prop(str, "note", changed)
    parentItem = _prop(str, "parentItem", changed)
    distinguish = _prop(str, "distinguish", changed)

