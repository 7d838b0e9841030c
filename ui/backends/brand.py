"""QML's ``Brand``: who runs this kiosk (kiosk.brand), as the scenes show it.

Follows the resident backend: the settings are the session's (re-read at every way out, so a
technician's ``kiosk config set brand.…`` shows at the next resident), the scan hint is in the
language on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton, QQmlEngine

from kiosk.access.script import Language, for_display
from kiosk.brand import Brand, short_url
from ui.backends.resident import Controller

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlNamedElement("Brand")
@QmlSingleton
class BrandBackend(QObject):  # type: ignore[operator]  # PySide6 6.11 stub: QmlNamedElement has no __call__
    """The ``brand.*`` settings for the scenes.

    Signals:
        changed: a setting or the language on screen changed.
    """

    changed = Signal()

    def __init__(self, controller: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._brand, self._language = self._current()
        for signal in (controller.screen_changed, controller.display_changed):
            signal.connect(self._on_controller_changed)

    @staticmethod
    def create(engine: QQmlEngine) -> BrandBackend | None:
        """QML's ``Brand`` in ``engine``: the one ui.app parented to it."""
        return engine.findChild(BrandBackend)

    def _current(self) -> tuple[Brand, str]:
        session = self._controller.session
        return Brand.of(session.config), session.display().language

    @Slot()
    def _on_controller_changed(self) -> None:
        now = self._current()
        if now != (self._brand, self._language):
            self._brand, self._language = now
            self.changed.emit()

    @Slot(str, result=str)
    def shortUrl(self, url: str) -> str:
        """Host and path start of ``url``, the line written under an on-screen QR code."""
        return short_url(url)

    def _get_portal_name(self) -> str:
        return self._brand.portal_name

    def _get_logo_char(self) -> str:
        return self._brand.logo_char

    def _get_scan_hint(self) -> str:
        return for_display(self._brand.scan_hint(self._language), Language.parse(str(self._language)))

    def _get_kiosk_title(self) -> str:
        return for_display(self._brand.kiosk_title(self._language), Language.parse(str(self._language)))

    portalName = Property(str, _get_portal_name, notify=changed)
    logoChar = Property(str, _get_logo_char, notify=changed)
    scanHint = Property(str, _get_scan_hint, notify=changed)
    kioskTitle = Property(str, _get_kiosk_title, notify=changed)
