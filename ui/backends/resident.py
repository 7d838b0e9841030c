"""The object QML talks to: a thin Qt adapter over ``kiosk.session.resident.ResidentSession``.

Slots forward to the session; after each one the session's state is mirrored into
properties, list models and the item object, and a notify signal fires for what changed.
No rule lives here: navigation, resets, idle, touch rules and the live catalogue are in
``kiosk.session``.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton, QQmlEngine

from kiosk.access.script import Language, for_display
from kiosk.catalogue.store import SnapshotStore
from kiosk.config import Config
from kiosk.errors import KnownError
from kiosk.paths import HomeLayout
from kiosk.session.navigation import Exit, Screen, Setting
from kiosk.session.resident import ResidentSession
from ui.backends.item import ItemView
from ui.backends.models import FacetListModel, SummaryListModel
from ui.backends.searchview import SearchView
from ui.backends.slips import SlipPrinter
from ui.context import AppContext

if TYPE_CHECKING:  # loads with the catalogue, after home is drawn (kiosk.session.homecache)
    from kiosk.catalogue.reader import Catalogue

log = logging.getLogger("ui.backends.resident")

_T = TypeVar("_T", bound=QObject)

# The QML module the scenes import (ui/qml/Kiosk); the Controller is its singleton `Resident`.
QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

#: How often the store is asked whether sync installed a new snapshot (ms).
POLL_MS = 3000
#: How often idle phases are re-evaluated (ms).
TICK_MS = 500


def companion(engine: QQmlEngine, cls: type[_T]) -> _T | None:
    """The ``cls`` child of the engine's Controller, made on first use (QML singletons beside Resident)."""
    controller = engine.findChild(Controller)
    if controller is None:
        return None
    found = controller.findChild(cls)
    return found if found is not None else cls(controller, controller)  # type: ignore[call-arg,arg-type]  # cls(controller, parent)


def forwarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A slot QML calls: mirror the session afterwards; a bug is logged and the resident sees an apology."""

    @functools.wraps(fn)
    def wrapper(self: Controller, *args: Any) -> Any:
        try:
            result = fn(self, *args)
        except Exception:  # a slot must never take the kiosk down
            log.exception("unexpected error in %s", fn.__name__)
            self.apologise()
            return None
        self.mirror()
        return result

    return wrapper


def _state(s: ResidentSession) -> dict[str, Any]:
    """What the properties show, grouped by the signal that notifies them."""
    home = s.live.home
    return {
        "screen": (str(s.nav.screen), s.nav.browse_title, s.display().language, s.nav.qr_enlarged),  # browseTitle: its script
        "query": (s.nav.query, tuple(r.code for r in s.results)),
        "idle": (s.countdown, s.attract),
        "printing": s.taps.printing,
        "display": (s.display(), s.config["printer.kind"] != "none"),
        "status": (s.online, s.config["kiosk.id"], s.config["kiosk.location"],
                   (home.version, home.date, home.sample) if home else ("", "", False),
                   home.shortlist if home else "none"),
    }


@QmlNamedElement("Resident")
@QmlSingleton
class Controller(QObject):  # type: ignore[operator]  # PySide6 6.11 stub: QmlNamedElement has no __call__
    """The resident scenes' backend.

    Signals:
        screen_changed, query_changed, status_changed, idle_changed, display_changed: notify
            the matching properties.
        item_changed: another item (or none) is shown; ``item`` itself is one ItemView for
            the whole session, whose ``changed`` notifies its facts.
        toast_requested(str): a short message to show over any scene.
        toast_cleared: a way out forgot the resident's messages (the toast goes at once).
        printing_changed: a slip began or ended printing (``printing``).
        admin_preparing, admin_requested: the technician gesture was made; Python builds the
            technician controller on the first, QML opens the technician scene on the second.
        item_opening: an item is about to be shown (the UI registers the QR image provider).
        catalogue_swapped: a newly installed snapshot is now live.
        language_changed(str): the language on screen changed (its tag: zh-Hans, zh-Hant or en).
        shutting_down: shutdown() began (the read-aloud backend stops its threads).
    """

    screen_changed = Signal()
    query_changed = Signal()
    item_changed = Signal()
    status_changed = Signal()
    idle_changed = Signal()
    display_changed = Signal()
    toast_requested = Signal(str)
    toast_cleared = Signal()
    printing_changed = Signal()
    admin_requested = Signal()
    admin_preparing = Signal()
    item_opening = Signal()
    catalogue_swapped = Signal()
    language_changed = Signal(str)
    shutting_down = Signal()

    def __init__(self, layout: HomeLayout, store: SnapshotStore | None = None, *,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layout = layout
        self.session = ResidentSession(layout, store, clock=clock)
        self._generation = -1
        self._shown: tuple[Any, str] = (None, "")
        self.results_model = SummaryListModel(self)
        self.search_view = SearchView(self)  # QML's SearchResults: match count, closest, related
        self.hot_model = SummaryListModel(self)
        self.browse_model = SummaryListModel(self)
        self.themes_model = FacetListModel(self)
        self.departments_model = FacetListModel(self)
        self.item_view = ItemView(self)
        self.slips = SlipPrinter(layout, self.session, self)
        self.slips.message.connect(self.toast_requested)
        self.slips.finished.connect(self.mirror)
        self.session.leave_listeners.append(self._on_session_leave)
        self._poll_timer = self._timer(POLL_MS, self.poll)
        self._tick_timer = self._timer(TICK_MS, self.tick)
        self.session.start()
        self._seen = _state(self.session)
        self.mirror()

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    @staticmethod
    def create(engine: QQmlEngine) -> Controller | None:
        """QML's ``Resident`` in ``engine``: the Controller ui.app built and parented to it."""
        return engine.findChild(Controller)

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> None:
        self._poll_timer.start()
        self._tick_timer.start()

    def finish_start(self) -> None:
        """After the first frame: open the catalogue if home came from the cache."""
        self.session.finish_start()
        self.mirror()

    def shutdown(self) -> None:
        """Stop timers and close the catalogue (tests check nothing is left running)."""
        self.shutting_down.emit()
        self._poll_timer.stop()
        self._tick_timer.stop()
        self.slips.wait()
        self.session.close()

    def _on_session_leave(self, way: Exit, resets: frozenset[Setting]) -> None:
        if Setting.MESSAGES in resets:
            self.toast_cleared.emit()

    def context(self) -> AppContext:
        return AppContext(layout=self._layout, catalogue=lambda: self.session.catalogue)

    @property
    def config(self) -> Config:
        return self.session.config

    @property
    def clock(self) -> Callable[[], float]:
        return self.session.clock

    @property
    def catalogue(self) -> Catalogue | None:
        return self.session.catalogue

    @property
    def pending_swap(self) -> bool:
        return self.session.live.pending_swap

    # ----------------------------------------------------------- mirroring the session

    def mirror(self) -> None:
        """Bring models, the item object and properties up to the session; notify what changed."""
        s = self.session
        home = s.live.home
        if s.live.generation != self._generation:
            self._generation = s.live.generation
            self.hot_model.set_rows(home.hot if home else ())
            self.themes_model.set_facets(home.themes if home else ())
            self.departments_model.set_facets(home.departments if home else ())
        self.results_model.set_items(s.results, s.hits)
        self.search_view.show(s.hits, s.related)
        self.browse_model.set_items(s.browse)
        language = s.display().language
        for model in (self.results_model, self.hot_model, self.browse_model, self.themes_model,
                      self.departments_model):
            model.set_traditional(language.traditional)
        if (s.item, language) != self._shown:
            self._shown = (s.item, language)
            cat = s.catalogue if s.item is not None else None
            self.item_view.show(s.item, language, s.config["catalogue.url_allow_hosts"],
                                cat.summary(s.item.code) if cat and s.item else None)
            self.item_changed.emit()
        now, before = _state(s), self._seen
        self._seen = now
        if now["display"][0].language != before["display"][0].language:
            self.language_changed.emit(str(now["display"][0].language))
        for key, signal in (("query", self.query_changed), ("screen", self.screen_changed),
                            ("idle", self.idle_changed), ("display", self.display_changed),
                            ("printing", self.printing_changed),
                            ("status", self.status_changed)):
            if now[key] != before[key]:
                signal.emit()

    # --------------------------------------------------------------- properties

    # Declared one by one (a getter method and a Property each) so that pyside6-metaobjectdump,
    # which reads this file's syntax, gives qmllint every property the scenes use.
    def _get_screen(self) -> str:
        return str(self.session.nav.screen)

    def _get_query(self) -> str:
        return self.session.nav.query

    def _get_no_results(self) -> bool:
        return bool(self.session.nav.query) and not self.session.results

    def _get_browse_title(self) -> str:
        return for_display(self.session.nav.browse_title, self.session.display().language)

    def _get_item(self) -> ItemView:
        return self.item_view

    def _get_countdown(self) -> int:
        return self.session.countdown

    def _get_attract(self) -> bool:
        return self.session.attract

    def _get_kiosk_id(self) -> str:
        return self.session.config["kiosk.id"]

    def _get_location(self) -> str:
        return self.session.config["kiosk.location"]

    def _get_online(self) -> bool:
        return self.session.online

    def _get_data_version(self) -> str:
        return self._home_fact("version", "")

    def _get_data_date(self) -> str:
        return self._home_fact("date", "")

    def _get_sample(self) -> bool:
        return self._home_fact("sample", False)

    def _get_shortlist(self) -> str:
        return self._home_fact("shortlist", "none")

    def _get_printer_enabled(self) -> bool:
        return self.session.config["printer.kind"] != "none"

    def _get_printing(self) -> bool:
        """A slip is printing (a CUPS job is followed for up to printer.job_timeout_seconds)."""
        return self.session.taps.printing

    def _get_elder_mode(self) -> bool:
        return self.session.display().elder

    def _get_high_contrast(self) -> bool:
        return self.session.display().high_contrast

    def _get_font_scale(self) -> float:
        return self.session.display().font_scale

    def _get_text_size(self) -> int:
        return self.session.nav.text_size()

    def _get_language(self) -> str:
        return str(self.session.display().language)

    def _get_locale_name(self) -> str:
        return self.session.display().language.qt_locale

    def _get_qr_enlarged(self) -> bool:
        return self.session.nav.qr_enlarged

    def _get_results_model(self) -> QObject:
        return self.results_model

    def _get_hot_model(self) -> QObject:
        return self.hot_model

    def _get_browse_model(self) -> QObject:
        return self.browse_model

    def _get_themes_model(self) -> QObject:
        return self.themes_model

    def _get_departments_model(self) -> QObject:
        return self.departments_model

    screen = Property(str, _get_screen, notify=screen_changed)
    query = Property(str, _get_query, notify=query_changed)
    noResults = Property(bool, _get_no_results, notify=query_changed)
    browseTitle = Property(str, _get_browse_title, notify=screen_changed)
    item = Property(ItemView, _get_item, constant=True)  # one object; ItemView.changed notifies its facts
    countdown = Property(int, _get_countdown, notify=idle_changed)
    attract = Property(bool, _get_attract, notify=idle_changed)
    kioskId = Property(str, _get_kiosk_id, notify=status_changed)
    location = Property(str, _get_location, notify=status_changed)
    online = Property(bool, _get_online, notify=status_changed)
    dataVersion = Property(str, _get_data_version, notify=status_changed)
    dataDate = Property(str, _get_data_date, notify=status_changed)
    sample = Property(bool, _get_sample, notify=status_changed)
    # where home's short list (hotModel) comes from: "hot", "viewed" (本机常用) or "none"
    shortlist = Property(str, _get_shortlist, notify=status_changed)
    printerEnabled = Property(bool, _get_printer_enabled, notify=display_changed)
    printing = Property(bool, _get_printing, notify=printing_changed)
    elderMode = Property(bool, _get_elder_mode, notify=display_changed)
    highContrast = Property(bool, _get_high_contrast, notify=display_changed)
    fontScale = Property(float, _get_font_scale, notify=display_changed)
    language = Property(str, _get_language, notify=display_changed)
    textSize = Property(int, _get_text_size, notify=display_changed)
    localeName = Property(str, _get_locale_name, notify=display_changed)  # for Qt.locale(): dates
    qrEnlarged = Property(bool, _get_qr_enlarged, notify=screen_changed)
    resultsModel = Property(QObject, _get_results_model, constant=True)
    hotModel = Property(QObject, _get_hot_model, constant=True)
    browseModel = Property(QObject, _get_browse_model, constant=True)
    themesModel = Property(QObject, _get_themes_model, constant=True)
    departmentsModel = Property(QObject, _get_departments_model, constant=True)

    def _home_fact(self, name: str, empty: Any) -> Any:
        home = self.session.live.home
        return getattr(home, name) if home is not None else empty

    # ------------------------------------------------------------- resident slots

    # Each forwards to ResidentSession; @forwarded mirrors the session afterwards (a way out may
    # also have put a newer catalogue live).
    @Slot(str)
    @forwarded
    def search(self, text: str) -> None:  # every key press: what is typed so far
        self.session.search(text)

    @Slot()
    @forwarded
    def openSearch(self) -> None:
        self.session.open_search()

    @Slot(str)
    @forwarded
    def openTheme(self, text: str) -> None:
        self.session.open_theme(self.themes_model.catalogue_label(text))

    @Slot(str)
    @forwarded
    def openDepartment(self, text: str) -> None:
        self.session.open_department(self.departments_model.catalogue_label(text))

    @Slot()
    @forwarded
    def goBack(self) -> None:
        self._swapped(self.session.back())

    @Slot()
    @forwarded
    def goHome(self) -> None:  # 首页
        self._swapped(self.session.home())

    @Slot()
    @forwarded
    def endSession(self) -> None:  # 结束并返回
        self._swapped(self.session.end_session())

    @Slot()
    @forwarded
    def technicianDone(self) -> None:
        self._swapped(self.session.technician_done())

    @Slot()
    @forwarded
    def toggleElder(self) -> None:
        self.session.toggle_elder()

    @Slot()
    @forwarded
    def toggleLanguage(self) -> None:
        self.session.toggle_language()

    @Slot(int)
    @forwarded
    def setTextSize(self, step: int) -> None:  # 标准 / 大 / 特大
        self.session.set_text_size(step)

    @Slot()
    @forwarded
    def toggleContrast(self) -> None:  # 高对比度
        self.session.toggle_contrast()

    @Slot(str)
    @forwarded
    def setLanguage(self, tag: str) -> None:  # 简体 / 繁體 / English: zh-Hans, zh-Hant or en
        self.session.set_language(Language(tag))

    @Slot(bool)
    @forwarded
    def enlargeQr(self, shown: bool) -> None:  # a tap on the QR code (true) or on its full-screen view
        self.session.enlarge_qr(shown)

    @Slot()
    @forwarded
    def keepUsing(self) -> None:  # 继续使用
        self.session.keep_using()

    @Slot(str)
    @forwarded
    def openItem(self, code: str) -> None:
        self.item_opening.emit()
        if not self.session.open_item(code):
            self.toast_requested.emit(self.tr("该事项已不在目录中"))

    def reset_session(self) -> None:
        """Forget everything the last resident did (as 结束并返回, but for Python callers)."""
        self._swapped(self.session.leave(Exit.END_SESSION))
        self.mirror()

    def _swapped(self, swapped: bool) -> None:
        """After a way out, a tick or a poll: a newer catalogue went live when ``swapped``."""
        if swapped:
            self.mirror()
            self.catalogue_swapped.emit()

    def request_admin(self) -> None:
        """The technician gesture: prepare the technician screen, then ask QML to open it."""
        self.admin_preparing.emit()
        self.admin_requested.emit()

    @Slot(str)
    @forwarded
    def printItem(self, code: str) -> None:
        self.slips.print_item(code)

    # ---------------------------------------------------------------- errors

    def apologise(self) -> None:
        """Show a short apology and go to a safe screen (home)."""
        self.toast_requested.emit(self.tr("抱歉，刚才出了点问题，已返回首页"))
        try:
            self.session.apologise()
            self.mirror()
        except Exception:  # the safe screen itself failed; nothing more to do but log
            log.exception("could not return home after an error")

    # ------------------------------------------------------------- touches and time

    def press(self, x: float, y: float, *, on_control: bool) -> bool:
        """ui.backends.touch: a finger went down; False when the scene must not see it."""
        deliver = self.session.press(x, y, on_control=on_control)
        self.mirror()
        return deliver

    def move(self, x: float, y: float) -> None:
        self.session.move(x, y)

    def release(self, x: float, y: float) -> None:
        if self.session.release(x, y):
            self.request_admin()
        # Queued: runs once the scene has handled this release (and any click it made).
        QTimer.singleShot(0, self.session.delivered)

    def tick(self) -> None:
        """Re-evaluate the idle phase (the timer calls this; tests call it with a fake clock)."""
        try:
            self._swapped(self.session.tick())
            self.mirror()
        except Exception:
            log.exception("idle tick failed")
            self.apologise()

    def poll(self) -> None:
        """Notice a newly installed snapshot; refresh the online state."""
        try:
            self._swapped(self.session.poll())
            self.mirror()
        except (KnownError, OSError) as exc:  # the next poll tries again
            log.warning("catalogue poll failed: %s", exc)
        except Exception:  # a bug: logged with its trace; the resident is not disturbed
            log.exception("catalogue poll failed")

    # ------------------------------------------------- screens for screenshots

    def pose(self, overlay: str) -> None:
        """Show "idle" (the countdown), "attract" or "outofservice" as it looks, for a screenshot."""
        s = self.session
        if overlay == "idle":
            s.countdown = int(s.idle.countdown)
        elif overlay == "attract":
            s.attract = True
        else:
            s.nav.go(Screen.OUT_OF_SERVICE, remember=False)
        self.mirror()
