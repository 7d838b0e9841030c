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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.catalogue.store import SnapshotStore
from kiosk.config import Config
from kiosk.errors import KnownError
from kiosk.paths import HomeLayout
from kiosk.session.navigation import Exit, Screen
from kiosk.session.resident import ResidentSession
from ui.backends.item import ItemView
from ui.backends.models import FacetListModel, SummaryListModel
from ui.backends.slips import SlipPrinter
from ui.context import AppContext

if TYPE_CHECKING:  # loads with the catalogue, after home is drawn (kiosk.session.homecache)
    from kiosk.catalogue.reader import Catalogue

log = logging.getLogger("ui.backends.resident")

#: How often the store is asked whether sync installed a new snapshot (ms).
POLL_MS = 3000
#: How often idle phases are re-evaluated (ms).
TICK_MS = 500


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


def _forward(qml_name: str, method: str, *types: type) -> Any:
    """A slot QML calls as ``qml_name``: ResidentSession.<method>, then the mirror."""

    def slot(self: Controller, *args: Any) -> None:
        self._swapped(getattr(self.session, method)(*args) is True)

    slot.__name__ = qml_name
    return Slot(*types, name=qml_name)(forwarded(slot))


def _state(s: ResidentSession) -> dict[str, Any]:
    """What the properties show, grouped by the signal that notifies them."""
    home = s.live.home
    return {
        "screen": (str(s.nav.screen), s.nav.browse_title),
        "query": (s.nav.query, tuple(r.code for r in s.results)),
        "idle": (s.countdown, s.attract),
        "display": (s.display(), s.config["printer.kind"] != "none"),
        "status": (s.online, s.config["kiosk.id"], s.config["kiosk.location"],
                   (home.version, home.date, home.sample) if home else ("", "", False)),
    }


class Controller(QObject):
    """The resident scenes' backend.

    Signals:
        screen_changed, query_changed, item_changed, status_changed, idle_changed,
        display_changed: notify the matching properties.
        toast_requested(str): a short message to show over any scene.
        admin_preparing, admin_requested: the technician gesture was made; Python builds the
            technician controller on the first, QML opens the technician scene on the second.
        item_opening: an item is about to be shown (the UI registers the QR image provider).
        catalogue_swapped: a newly installed snapshot is now live.
        language_changed(str): the language on screen changed ("zh_CN" or "en").
    """

    screen_changed = Signal()
    query_changed = Signal()
    item_changed = Signal()
    status_changed = Signal()
    idle_changed = Signal()
    display_changed = Signal()
    toast_requested = Signal(str)
    admin_requested = Signal()
    admin_preparing = Signal()
    item_opening = Signal()
    catalogue_swapped = Signal()
    language_changed = Signal(str)

    def __init__(self, layout: HomeLayout, store: SnapshotStore | None = None, *,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layout = layout
        self.session = ResidentSession(layout, store, clock=clock)
        self._generation = -1
        self._shown: tuple[Any, str] = (None, "")
        self.results_model = SummaryListModel(self)
        self.hot_model = SummaryListModel(self)
        self.browse_model = SummaryListModel(self)
        self.themes_model = FacetListModel(self)
        self.departments_model = FacetListModel(self)
        self.item_view = ItemView(self)
        self.slips = SlipPrinter(layout, self.session, self)
        self.slips.message.connect(self.toast_requested)
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
        self._poll_timer.stop()
        self._tick_timer.stop()
        self.slips.wait()
        self.session.close()

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
        self.results_model.set_items(s.results)
        self.browse_model.set_items(s.browse)
        language = s.display().language
        if (s.item, language) != self._shown:
            self._shown = (s.item, language)
            self.item_view.show(s.item, language, s.config["catalogue.url_allow_hosts"])
            self.item_changed.emit()
        now, before = _state(s), self._seen
        self._seen = now
        if now["display"][0].language != before["display"][0].language:
            self.language_changed.emit(now["display"][0].language)
        for key, signal in (("query", self.query_changed), ("screen", self.screen_changed),
                            ("idle", self.idle_changed), ("display", self.display_changed),
                            ("status", self.status_changed)):
            if now[key] != before[key]:
                signal.emit()

    # --------------------------------------------------------------- properties

    def _p(kind: Any, get: Callable[[Controller], Any], notify: Signal) -> Any:
        return Property(kind, get, notify=notify)

    screen = _p(str, lambda c: str(c.session.nav.screen), screen_changed)
    query = _p(str, lambda c: c.session.nav.query, query_changed)
    noResults = _p(bool, lambda c: bool(c.session.nav.query) and not c.session.results, query_changed)
    browseTitle = _p(str, lambda c: c.session.nav.browse_title, screen_changed)
    item = _p(QObject, lambda c: c.item_view, item_changed)
    countdown = _p(int, lambda c: c.session.countdown, idle_changed)
    attract = _p(bool, lambda c: c.session.attract, idle_changed)
    kioskId = _p(str, lambda c: c.session.config["kiosk.id"], status_changed)
    location = _p(str, lambda c: c.session.config["kiosk.location"], status_changed)
    online = _p(bool, lambda c: c.session.online, status_changed)
    dataVersion = _p(str, lambda c: c._home_fact("version", ""), status_changed)
    dataDate = _p(str, lambda c: c._home_fact("date", ""), status_changed)
    sample = _p(bool, lambda c: c._home_fact("sample", False), status_changed)
    printerEnabled = _p(bool, lambda c: c.session.config["printer.kind"] != "none", display_changed)
    elderMode = _p(bool, lambda c: c.session.display().elder, display_changed)
    highContrast = _p(bool, lambda c: c.session.display().high_contrast, display_changed)
    fontScale = _p(float, lambda c: c.session.display().font_scale, display_changed)
    language = _p(str, lambda c: c.session.display().language, display_changed)
    resultsModel = Property(QObject, lambda c: c.results_model, constant=True)
    hotModel = Property(QObject, lambda c: c.hot_model, constant=True)
    browseModel = Property(QObject, lambda c: c.browse_model, constant=True)
    themesModel = Property(QObject, lambda c: c.themes_model, constant=True)
    departmentsModel = Property(QObject, lambda c: c.departments_model, constant=True)
    del _p

    def _home_fact(self, name: str, empty: Any) -> Any:
        home = self.session.live.home
        return getattr(home, name) if home is not None else empty

    # ------------------------------------------------------------- resident slots

    # QML name, ResidentSession method (returns True when a newer catalogue went live), arguments.
    search = _forward("search", "search", str)  # every key press: what is typed so far
    openSearch = _forward("openSearch", "open_search")
    openTheme = _forward("openTheme", "open_theme", str)
    openDepartment = _forward("openDepartment", "open_department", str)
    goBack = _forward("goBack", "back")
    goHome = _forward("goHome", "home")  # 首页
    endSession = _forward("endSession", "end_session")  # 结束并返回
    technicianDone = _forward("technicianDone", "technician_done")
    toggleElder = _forward("toggleElder", "toggle_elder")
    toggleLanguage = _forward("toggleLanguage", "toggle_language")
    keepUsing = _forward("keepUsing", "keep_using")  # 继续使用

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
