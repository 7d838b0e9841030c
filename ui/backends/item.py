"""The open item as QML sees it (``Resident.item``, of QML type ``ItemView`` in the Kiosk module).

One object for the whole session, never null: with no item open every fact is absent. A fact
the list does not give is the empty string (a list, empty), the same fact that
``kiosk item --json`` gives as null, and the scenes draw nothing for it: missing data is never
shown as a fact (no "0 次", no 即办 the list did not say). The wording comes from
``kiosk.catalogue.present``, in the session's language, so the screen says what the slip and
the CLI say.

Each property is a plain ``Property`` with its notify signal, so that
``pyside6-metaobjectdump`` (.ci/qmltypes.py) writes it into the type information and qmllint
checks every ``item.<name>`` a scene reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.access.script import Language, for_display

if TYPE_CHECKING:
    from kiosk.catalogue.model import Item, ItemSummary

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@dataclasses.dataclass(frozen=True)
class Shown:
    """What the item screen shows of one item; the defaults are "no item open".

    Every text is worded for the screen; "" is a fact the list does not give.
    """

    # who and what
    code: str = ""
    name: str = ""
    department: str = ""
    parent: str = ""  # the item a 业务办理项 belongs to
    distinguish: str = ""  # what tells it from items of the same name
    # whether it can be started, and where
    status: str = ""
    status_text: str = ""  # 该事项暂停办理 …; "" for a valid item
    available: bool = False  # valid: it can be started (print, QR code, 可在本机办理)
    terminal: bool = False
    terminal_known: bool = False  # the list says whether it can be finished here
    url: str = ""  # the checked serialisation (kiosk.catalogue.urls.shown); "" when none passes
    # the guide
    service_object: str = ""
    item_type: str = ""
    conditions: str = ""
    materials: tuple[dict[str, Any], ...] = ()
    steps: tuple[str, ...] = ()
    # 时限与收费
    case_type: str = ""
    time_limit: str = ""
    legal_limit: str = ""
    promise_limit: str = ""
    visits: str = ""
    fee: str = ""
    # 咨询与办理地点
    phone: str = ""
    address: str = ""
    hours: str = ""
    note: str = ""


#: No item open (home draws before the catalogue's modules load).
NOTHING = Shown()


def shown(item: Item | None, language: str, allow_hosts: Sequence[str] = (),
          summary: ItemSummary | None = None) -> Shown:
    """``item`` as the screen words it (NOTHING for None).

    ``language`` is a Language or its tag/locale name. For 繁體 the catalogue's own text (names,
    guide, values the list gives) is converted once here, when the item opens, never per frame.
    """
    if item is None:
        return NOTHING
    from kiosk.catalogue import present  # an item is open: the catalogue's modules are loaded
    from kiosk.catalogue.urls import shown as shown_url

    lang = Language.parse(str(language))
    loc = lang.qt_locale

    # The one rule for an absent fact: None (present's "the list gives none") or "" is "".
    def t(text: str | None) -> str:
        """The catalogue's own text, in the session's script."""
        return for_display(text, lang) if text else ""

    def w(text: str | None) -> str:
        """present's wording, already in the session's language."""
        return text or ""

    g = item.guide
    return Shown(
        code=item.code,
        name=t(item.name),
        department=t(item.department),
        status=str(item.status),
        status_text=w(present.status_text(item.status, loc)),
        available=item.available,
        terminal=item.terminal_complete is True,
        terminal_known=item.terminal_complete is not None,
        service_object=t(present.service_object(item, loc)),
        item_type=t(item.item_type),
        url=shown_url(item.online_url, allow_hosts) if item.available else "",
        conditions=t(g.conditions),
        materials=tuple(
            {"name": t(m.name), "required": m.required is True,
             "necessity": w(present.necessity(m, loc)),
             "form": t(m.form), "copiesText": w(present.copies(m, loc)), "source": t(m.source),
             "note": t(m.note)}
            for m in g.materials),
        steps=tuple(t(s) for s in g.steps),
        case_type=t(present.case_type(g, loc)),
        time_limit=w(present.time_limit(g, loc)),
        legal_limit=w(present.legal_limit(g, loc)),
        promise_limit=w(present.promise_limit(g, loc)),
        visits=w(present.visits(g, loc)),
        fee=t(present.fee(g, loc)),
        phone=t(g.phone),
        address=t(g.address),
        hours=t(g.hours),
        note=t(g.note),
        parent=t(item.parent),
        distinguish=t(present.distinguish(summary, loc)) if summary else "",
    )


@QmlElement
@QmlUncreatable("the open item is Resident.item")
class ItemView(QObject):  # type: ignore[operator]  # PySide6 6.11 stub: QmlUncreatable has no __call__
    """One item for the item scene, its key facts, QR card and QR zoom.

    Signals:
        changed: every property changed (another item opened, or the language switched).
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._v = NOTHING

    def show(self, item: Item | None, language: str, allow_hosts: Sequence[str] = (),
             summary: ItemSummary | None = None) -> None:
        """Show ``item`` (None: nothing open) worded in ``language``; its URL only if it passes
        the URL policy with ``allow_hosts`` (kiosk.catalogue.urls); ``summary`` (its list row)
        says what tells it from items of the same name."""
        view = shown(item, language, allow_hosts, summary)
        if view != self._v:
            self._v = view
            self.changed.emit()

    @Property(str, notify=changed)
    def code(self) -> str:
        """实施编码; "" while no item is open."""
        return self._v.code

    @Property(str, notify=changed)
    def name(self) -> str:
        return self._v.name

    @Property(str, notify=changed)
    def department(self) -> str:
        return self._v.department

    @Property(str, notify=changed)
    def status(self) -> str:
        """valid, suspended or cancelled (kiosk.catalogue.model.ItemStatus)."""
        return self._v.status

    @Property(str, notify=changed)
    def statusText(self) -> str:
        """Why the item cannot be started (已暂停办理 …); "" for a valid item."""
        return self._v.status_text

    @Property(bool, notify=changed)
    def available(self) -> bool:
        return self._v.available

    @Property(bool, notify=changed)
    def terminal(self) -> bool:
        """It can be finished at this terminal (可在本机办理)."""
        return self._v.terminal

    @Property(bool, notify=changed)
    def terminalKnown(self) -> bool:
        """The list says whether it can be finished here; else nothing is shown about where."""
        return self._v.terminal_known

    @Property(str, notify=changed)
    def serviceObject(self) -> str:
        return self._v.service_object

    @Property(str, notify=changed)
    def itemType(self) -> str:
        return self._v.item_type

    @Property(str, notify=changed)
    def url(self) -> str:
        """Where to continue on a phone (the QR code); "" when there is none or it cannot be started."""
        return self._v.url

    @Property(str, notify=changed)
    def conditions(self) -> str:
        return self._v.conditions

    @Property(list, notify=changed)
    def materials(self) -> list[dict[str, Any]]:
        """Each: name, required, necessity, form, copiesText, source, note (absent ones "")."""
        return list(self._v.materials)

    @Property(list, notify=changed)
    def steps(self) -> list[str]:
        return list(self._v.steps)

    @Property(str, notify=changed)
    def caseType(self) -> str:
        return self._v.case_type

    @Property(str, notify=changed)
    def timeLimitText(self) -> str:
        """How long, in one phrase (present.time_limit)."""
        return self._v.time_limit

    @Property(str, notify=changed)
    def legalText(self) -> str:
        return self._v.legal_limit

    @Property(str, notify=changed)
    def promiseText(self) -> str:
        return self._v.promise_limit

    @Property(str, notify=changed)
    def visitsText(self) -> str:
        """到现场次数 (无需到现场 only when the list says 0)."""
        return self._v.visits

    @Property(str, notify=changed)
    def fee(self) -> str:
        return self._v.fee

    @Property(str, notify=changed)
    def phone(self) -> str:
        return self._v.phone

    @Property(str, notify=changed)
    def address(self) -> str:
        return self._v.address

    @Property(str, notify=changed)
    def hours(self) -> str:
        return self._v.hours

    @Property(str, notify=changed)
    def note(self) -> str:
        return self._v.note

    @Property(str, notify=changed)
    def parentItem(self) -> str:
        return self._v.parent

    @Property(str, notify=changed)
    def distinguish(self) -> str:
        """What tells it from items of the same name (present.distinguish)."""
        return self._v.distinguish
