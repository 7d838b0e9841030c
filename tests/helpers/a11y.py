"""Walk a Qt Quick scene for the items a finger (or a screen reader) can act on, and what they are called.

An item is interactive when it has a TapHandler, is a MouseArea, takes text (TextInput/TextEdit)
or takes focus by Tab. What a screen reader hears is read through QAccessible, exactly as
assistive technology asks for it (Accessible.name / Accessible.role in QML).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem

#: QML types (by metaobject class name prefix) that take a finger or text themselves.
INTERACTIVE_TYPES = ("QQuickMouseArea", "QQuickTextInput", "QQuickTextEdit", "QQuickTextField", "QQuickFlickable",
                     "QQuickListView", "QQuickGridView", "QQuickPathView",
                     "QQuickButton", "QQuickAbstractButton")
#: Subtrees left out: Qt Virtual Keyboard's own panel (its keys and candidate list are Qt's, styled
#: by the keyboard style; Qt reads them to assistive technology itself).
SKIPPED_OBJECT_NAMES = ("virtualKeyboard",)
#: Roles that say what an interactive item is; the default (a bare client area) says nothing.
SILENT_ROLES = (QAccessible.Role.NoRole, QAccessible.Role.Client)


@dataclass(frozen=True)
class Control:
    """One interactive item: its QML type, objectName, and what a screen reader is told."""

    item: QQuickItem
    kind: str
    name: str
    role: QAccessible.Role

    def describe(self) -> str:
        parent = self.item.parentItem()
        where = parent.metaObject().className() if parent is not None else "-"
        return f"{self.kind} {self.item.objectName()!r} in {where} (role {self.role.name}, name {self.name!r})"


def _class(obj: object) -> str:
    return obj.metaObject().className()  # type: ignore[attr-defined]


def is_interactive(item: QQuickItem) -> bool:
    if any(_class(c).startswith("QQuickTapHandler") for c in item.children()):
        return True
    if item.activeFocusOnTab():
        return True
    return _class(item).startswith(INTERACTIVE_TYPES)


def shown(item: QQuickItem) -> bool:
    """Visible and enabled all the way up (what a resident could reach)."""
    while item is not None:
        if not item.isVisible() or not item.isEnabled():
            return False
        item = item.parentItem()
    return True


def controls(root: QQuickItem) -> list[Control]:
    """Every shown interactive item under ``root``, with its accessible name and role."""
    out = []
    stack = [root]
    while stack:
        item = stack.pop()
        if item.objectName() in SKIPPED_OBJECT_NAMES:
            continue
        stack.extend(item.childItems())
        if not shown(item) or not is_interactive(item):
            continue
        iface = QAccessible.queryAccessibleInterface(item)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        role = iface.role() if iface is not None else QAccessible.Role.NoRole
        out.append(Control(item, _class(item), name, role))
    return out


def unnamed(root: QQuickItem) -> list[Control]:
    """The interactive items a screen reader could not announce: no name, or no role."""
    return [c for c in controls(root) if not c.name.strip() or c.role in SILENT_ROLES]
