"""The one object QML talks to: it calls ``kiosk.*`` and turns results into models and properties.

No SQL, HTTP or business rules here: the catalogue searches, the store picks the
snapshot, the config validates settings. This class only keeps screen state
(which scene, what was typed, the open item) and the idle/live-data timers.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.catalogue.store import SnapshotStore
from kiosk.config import Config, load_config_safe
from kiosk.errors import ItemNotFound, KnownError, SnapshotError
from kiosk.paths import HomeLayout
from kiosk.search import popularity
from kiosk.session import homecache
from kiosk.session.idle import IdlePolicy
from kiosk.state import read_state
from kiosk.sync.outcome import SyncOutcome
from ui.backends.models import FacetListModel, SummaryListModel
from ui.context import AppContext

if TYPE_CHECKING:
    from kiosk.catalogue.model import Item, SnapshotMeta

log = logging.getLogger("ui.backends.resident")

SEARCH_LIMIT = 60
HOT_LIMIT = 12
# How often the store is asked whether sync installed a new snapshot (ms).
POLL_MS = 3000
# Out of service, opening the catalogue is retried every this many polls.
RETRY_POLLS = 10
# How often idle phases are re-evaluated (ms).
TICK_MS = 500

SCREENS = ("home", "search", "browse", "item", "outofservice")

STATUS_TEXT = {"valid": "", "suspended": "该事项暂停办理", "cancelled": "该事项已取消"}


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a QML-invoked slot: a bug is logged with its trace, the resident sees an apology."""

    @functools.wraps(fn)
    def wrapper(self: Controller, *args: Any) -> Any:
        try:
            return fn(self, *args)
        except Exception:  # a slot must never take the kiosk down
            log.exception("unexpected error in %s", fn.__name__)
            self.apologise()
            return None

    return wrapper


def _item_view(item: Item) -> dict[str, Any]:
    """Flatten an Item for QML (plain dicts and lists, nothing to compute in QML)."""
    g = item.guide
    url = item.online_url if item.available else ""
    return {
        "code": item.code,
        "name": item.name,
        "department": item.department,
        "status": item.status,
        "statusText": STATUS_TEXT.get(item.status, ""),
        "available": item.available,
        "terminal": item.terminal_complete,
        "serviceObject": "、".join(item.service_object),
        "itemType": item.item_type,
        "url": url,
        "conditions": g.conditions,
        "materials": [
            {
                "name": m.name,
                "required": m.required,
                "form": m.form,
                "copies": m.copies,
                "source": m.source,
                "note": m.note,
            }
            for m in g.materials
        ],
        "steps": list(g.steps),
        "caseType": g.case_type,
        "legalDays": g.legal_days,
        "promiseDays": g.promise_days,
        "fee": g.fee,
        "phone": g.phone,
        "address": g.address,
        "hours": g.hours,
        "visits": g.visits,
        "note": g.note,
    }


class Controller(QObject):
    """Screen state and actions for the resident scenes.

    Signals:
        screen_changed, query_changed, item_changed, status_changed, idle_changed,
        display_changed: notify the matching properties.
        toast_requested(str): a short message to show over any scene.
        admin_requested: the technician gesture was made (five taps top-left); QML opens
            the technician scene. Call request_admin(), which first emits admin_preparing.
        admin_preparing: emitted just before admin_requested, for Python only (the UI builds
            the technician screen's controller here; QML's handlers may run before Python's
            on one signal, so the two steps are two signals).
        item_opening: an item is about to be shown (Python only; the UI registers the QR
            image provider on the first one).
        catalogue_swapped: a newly installed snapshot is now live.
        language_changed(str): the resident switched language ("zh_CN" or "en").
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

    def __init__(
        self,
        layout: HomeLayout,
        store: SnapshotStore | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._layout = layout
        self._store = store if store is not None else SnapshotStore(layout)
        self._clock = clock
        self._config_seen = self._config_stamp()
        self._config, self._config_error = load_config_safe(layout)
        self._catalogue: Any = None
        self._meta: SnapshotMeta | None = None
        # What the status bar shows of the data: version, date, sample flag.
        self._data: tuple[str, str, bool] = ("", "", False)
        # True while home was drawn from kiosk.session.homecache and the catalogue is not open yet.
        self._open_pending = False
        self._origin = ""
        self._token = ""
        self._pending_swap = False
        self._retry_polls = 0

        self._screen = "home"
        self._history: list[str] = []
        self._query = ""
        self._browse_title = ""
        self._item: dict[str, Any] = {}
        self._item_obj: Item | None = None
        self._countdown = 0
        self._attract = False
        self._elder_session: bool | None = None
        self._language_session: str | None = None
        self._online = False
        self._print_service: Any = None

        self.results_model = SummaryListModel(self)
        self.hot_model = SummaryListModel(self)
        self.browse_model = SummaryListModel(self)
        self.themes_model = FacetListModel(self)
        self.departments_model = FacetListModel(self)

        self._idle = IdlePolicy(*self._idle_settings())
        self._idle.reset(self._clock())

        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(TICK_MS)
        self._tick_timer.timeout.connect(self._on_tick_timer_timeout)

        self._token = self._store.current_token()
        home = homecache.read(layout, self._token)
        if home is not None:
            # Draw home from the cache; finish_start() opens the catalogue after the first frame.
            self._show_home_data(home)
            self._open_pending = True
        else:
            self._open_catalogue()
        self._refresh_status()

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> None:
        self._poll_timer.start()
        self._tick_timer.start()

    def finish_start(self) -> None:
        """After the first frame: open the catalogue if home came from the cache; refresh the cache."""
        self._ensure_open()
        self._remember_home()

    def _ensure_open(self) -> None:
        """Open the catalogue now if home was drawn from the cache and it is not open yet."""
        if self._open_pending:
            self._open_pending = False
            self._open_catalogue()

    def _show_home_data(self, home: dict[str, Any]) -> None:
        meta = home["meta"]
        self._data = (meta["version"], meta["date"], meta["sample"])
        self.hot_model.set_rows(home["hot"])
        self.themes_model.set_rows(home["themes"])
        self.departments_model.set_rows(home["departments"])

    def _remember_home(self) -> None:
        """Keep what home shows of the live catalogue for the next start (kiosk.session.homecache)."""
        if self._catalogue is None:
            return
        version, date, sample = self._data
        home = {
            "meta": {"version": version, "date": date, "sample": sample},
            "hot": self.hot_model.rows(),
            "themes": self.themes_model.rows(),
            "departments": self.departments_model.rows(),
        }
        try:
            if homecache.write(self._layout, self._token, self._catalogue.path, home):
                log.info("home cache written for catalogue version %s", version)
        except (OSError, ValueError) as exc:  # only the next start is slower
            log.warning("cannot write the home cache: %s", exc)

    def shutdown(self) -> None:
        """Stop timers and close the catalogue (tests check nothing is left running)."""
        self._poll_timer.stop()
        self._tick_timer.stop()
        if self._print_service is not None:
            self._print_service.wait()  # a slip being rendered must not outlive the window
        if self._catalogue is not None:
            self._catalogue.close()
            self._catalogue = None

    def context(self) -> AppContext:
        return AppContext(
            layout=self._layout,
            config=lambda: self._config,
            store=self._store,
            catalogue=lambda: self._catalogue,
            kiosk_id=self._config["kiosk.id"],
        )

    @property
    def config(self) -> Config:
        return self._config

    @property
    def catalogue(self) -> Any:
        self._ensure_open()
        return self._catalogue

    def _idle_settings(self) -> tuple[float, float, float]:
        c = self._config
        return (
            float(c["idle.timeout_seconds"]),
            float(c["idle.countdown_seconds"]),
            float(c["idle.attract_seconds"]),
        )

    def _open_catalogue(self) -> None:
        """Open the best snapshot and reload every model; out of service when none opens."""
        self._open_pending = False
        self._token = self._store.current_token()
        old = self._catalogue
        try:
            cat, origin, problems = self._store.open_best(self._config["catalogue.url_allow_hosts"])
        except SnapshotError as exc:
            log.error("no catalogue can be opened, out of service: %s", exc)
            self._catalogue, self._meta, self._origin = None, None, ""
            self._data = ("", "", False)
            for m in (self.results_model, self.hot_model, self.browse_model, self.themes_model,
                      self.departments_model):
                m.clear()
            self._set_screen("outofservice", remember=False)
        else:
            for p in problems:
                log.warning("catalogue: %s", p)
            self._catalogue, self._meta, self._origin = cat, cat.meta, origin
            self._data = (str(cat.meta.version), (cat.meta.published_at or "")[:10], bool(cat.meta.sample))
            log.info("catalogue version %s (%s) is live", cat.meta.version, origin)
            self.hot_model.set_items(cat.hot(HOT_LIMIT))
            self.themes_model.set_facets(cat.themes())
            self.departments_model.set_facets(cat.departments())
            self.results_model.clear()
            self.browse_model.clear()
            if self._screen == "outofservice":
                self._set_screen("home", remember=False)
        if old is not None:
            old.close()
        self._pending_swap = False
        self.status_changed.emit()

    def _config_stamp(self) -> int:
        try:
            return self._layout.config_file.stat().st_mtime_ns
        except OSError:
            return 0

    def _reload_config(self) -> None:
        """Pick up settings a technician changed (only when the file changed: no needless writes)."""
        stamp = self._config_stamp()
        if stamp == self._config_seen:
            return
        self._config_seen = stamp
        self._config, self._config_error = load_config_safe(self._layout)
        timeout, countdown, attract = self._idle_settings()
        self._idle.timeout, self._idle.countdown, self._idle.attract = timeout, countdown, attract
        self.display_changed.emit()
        self.status_changed.emit()

    # --------------------------------------------------------------- properties

    def _get_screen(self) -> str:
        return self._screen

    def _get_query(self) -> str:
        return self._query

    def _get_item(self) -> dict[str, Any]:
        return self._item

    def _get_browse_title(self) -> str:
        return self._browse_title

    def _get_no_results(self) -> bool:
        return bool(self._query) and self.results_model.rowCount() == 0

    def _get_countdown(self) -> int:
        return self._countdown

    def _get_attract(self) -> bool:
        return self._attract

    def _get_kiosk_id(self) -> str:
        return self._config["kiosk.id"]

    def _get_location(self) -> str:
        return self._config["kiosk.location"]

    def _get_online(self) -> bool:
        return self._online

    def _get_data_version(self) -> str:
        return self._data[0]

    def _get_data_date(self) -> str:
        return self._data[1]

    def _get_sample(self) -> bool:
        return self._data[2]

    def _get_printer(self) -> bool:
        return self._config["printer.kind"] != "none"

    def _get_elder(self) -> bool:
        if self._elder_session is not None:
            return self._elder_session
        return bool(self._config["display.elder_mode"])

    def _get_high_contrast(self) -> bool:
        return bool(self._config["display.high_contrast"])

    def _get_font_scale(self) -> float:
        return float(self._config["display.font_scale"])

    def _get_language(self) -> str:
        return self._language_session or self._config["kiosk.language"]

    screen = Property(str, _get_screen, notify=screen_changed)
    query = Property(str, _get_query, notify=query_changed)
    noResults = Property(bool, _get_no_results, notify=query_changed)
    browseTitle = Property(str, _get_browse_title, notify=screen_changed)
    item = Property("QVariantMap", _get_item, notify=item_changed)
    countdown = Property(int, _get_countdown, notify=idle_changed)
    attract = Property(bool, _get_attract, notify=idle_changed)
    kioskId = Property(str, _get_kiosk_id, notify=status_changed)
    location = Property(str, _get_location, notify=status_changed)
    online = Property(bool, _get_online, notify=status_changed)
    dataVersion = Property(str, _get_data_version, notify=status_changed)
    dataDate = Property(str, _get_data_date, notify=status_changed)
    sample = Property(bool, _get_sample, notify=status_changed)
    printerEnabled = Property(bool, _get_printer, notify=display_changed)
    elderMode = Property(bool, _get_elder, notify=display_changed)
    highContrast = Property(bool, _get_high_contrast, notify=display_changed)
    fontScale = Property(float, _get_font_scale, notify=display_changed)
    language = Property(str, _get_language, notify=display_changed)

    def _get_results(self) -> QObject:
        return self.results_model

    def _get_hot(self) -> QObject:
        return self.hot_model

    def _get_browse(self) -> QObject:
        return self.browse_model

    def _get_themes(self) -> QObject:
        return self.themes_model

    def _get_departments(self) -> QObject:
        return self.departments_model

    resultsModel = Property(QObject, _get_results, constant=True)
    hotModel = Property(QObject, _get_hot, constant=True)
    browseModel = Property(QObject, _get_browse, constant=True)
    themesModel = Property(QObject, _get_themes, constant=True)
    departmentsModel = Property(QObject, _get_departments, constant=True)

    # ------------------------------------------------------------- navigation

    def _set_screen(self, screen: str, *, remember: bool = True) -> None:
        if screen not in SCREENS:
            raise ValueError(f"unknown screen {screen!r}")
        if remember and self._screen not in (screen, "outofservice"):
            self._history.append(self._screen)
        self._screen = screen
        self.screen_changed.emit()

    @Slot(str)
    @guarded
    def search(self, text: str) -> None:
        """Run a search for what the resident has typed so far (every key press)."""
        self._ensure_open()
        if self._catalogue is None:
            return
        self._query = text[:100]
        if self._query.strip():
            hits = self._catalogue.search(self._query, limit=SEARCH_LIMIT)
            self.results_model.set_items([h.summary for h in hits], hits)
        else:  # nothing typed yet: offer the hot items
            self.results_model.set_items(self._catalogue.hot(HOT_LIMIT))
        self.query_changed.emit()

    @Slot()
    @guarded
    def openSearch(self) -> None:
        self._ensure_open()
        if self._catalogue is not None:
            if not self._query:
                self.results_model.set_items(self._catalogue.hot(HOT_LIMIT))
            self._set_screen("search")

    @Slot(str)
    @guarded
    def openTheme(self, theme: str) -> None:
        self._ensure_open()
        if self._catalogue is not None:
            self._open_browse(theme, self._catalogue.browse(theme=theme))

    @Slot(str)
    @guarded
    def openDepartment(self, department: str) -> None:
        self._ensure_open()
        if self._catalogue is not None:
            self._open_browse(department, self._catalogue.browse(department=department))

    def _open_browse(self, title: str, items: list[Any]) -> None:
        self._browse_title = title
        self.browse_model.set_items(items)
        self._set_screen("browse")

    @Slot(str)
    @guarded
    def openItem(self, code: str) -> None:
        self._ensure_open()
        if self._catalogue is None:
            return
        try:
            item = self._catalogue.item(code)
        except ItemNotFound:
            log.warning("item %s is not in the live catalogue", code)
            self.toast_requested.emit(self.tr("该事项已不在目录中"))
            return
        popularity.record_view(item.code, self._layout.root)  # a count per code, never a query
        self.item_opening.emit()
        self._item_obj = item
        self._item = _item_view(item)
        self.item_changed.emit()
        self._set_screen("item")

    def request_admin(self) -> None:
        """The technician gesture: prepare the technician screen, then ask QML to open it."""
        self.admin_preparing.emit()
        self.admin_requested.emit()

    @Slot()
    @guarded
    def goBack(self) -> None:
        if not self._history:
            self.goHome()
            return
        target = self._history.pop()
        if target == "home":
            self.goHome()
            return
        self._screen = target
        self.screen_changed.emit()

    @Slot()
    @guarded
    def goHome(self) -> None:
        """Return home; a snapshot installed meanwhile goes live now, not under a finger."""
        self._history.clear()
        self._reload_config()
        if self._pending_swap or self._catalogue is None:
            self._swap()
        if self._screen != "outofservice":
            self._screen = "home"
            self.screen_changed.emit()

    def _swap(self) -> None:
        before = self._data[0]
        self._open_catalogue()
        self._remember_home()
        if self._catalogue is not None and self._data[0] != before:
            self.catalogue_swapped.emit()

    def reset_session(self) -> None:
        """Forget everything the last resident did: search text, history, open item."""
        self._query = ""
        self.results_model.clear()
        self.browse_model.clear()
        self._browse_title = ""
        self._item, self._item_obj = {}, None
        self._elder_session = None
        if self._language_session is not None:
            self._language_session = None
            self.language_changed.emit(self._get_language())
        self.query_changed.emit()
        self.item_changed.emit()
        self.goHome()
        self._idle.gaps.clear()
        self._set_countdown(0)

    @Slot()
    @guarded
    def toggleElder(self) -> None:
        """The resident's 长辈模式 button: bigger type for this session only."""
        self._elder_session = not self._get_elder()
        self.display_changed.emit()

    @Slot()
    @guarded
    def toggleLanguage(self) -> None:
        """The resident's 中文/English button: for this session only."""
        self._language_session = "en" if self._get_language() == "zh_CN" else "zh_CN"
        self.display_changed.emit()
        self.language_changed.emit(self._language_session)

    @Slot()
    @guarded
    def endSession(self) -> None:
        """The resident chose to finish: clear what they did and go home."""
        self.reset_session()

    @Slot()
    @guarded
    def keepUsing(self) -> None:
        """The resident answered 还在使用吗？ (or touched anywhere on it)."""
        self.note_touch()
        self._set_countdown(0)

    # ----------------------------------------------------------------- printing

    @Slot(str)
    @guarded
    def printItem(self, code: str) -> None:
        if self._print_service is None:
            try:
                from ui.printing.service import PrintService
            except ImportError:
                log.warning("printing is not available in this build")
                self.toast_requested.emit(self.tr("本机暂不支持打印"))
                return
            self._print_service = PrintService(self._layout, lambda: self._config, self)
            self._print_service.finished.connect(self._on_print_service_finished)
        self._ensure_open()
        if self._catalogue is None:
            return
        item = self._catalogue.item(code)
        self._print_service.print_item(code, item, self._meta)

    @Slot(bool, str)
    def _on_print_service_finished(self, ok: bool, message: str) -> None:
        if not ok:
            log.warning("printing failed: %s", message)
        self.toast_requested.emit(message)

    # ---------------------------------------------------------------- errors

    def apologise(self) -> None:
        """Show a short apology and go to a safe screen (home)."""
        self.toast_requested.emit(self.tr("抱歉，刚才出了点问题，已返回首页"))
        try:
            self._history.clear()
            if self._screen != "outofservice":
                self._screen = "home"
                self.screen_changed.emit()
        except Exception:  # the safe screen itself failed; nothing more to do but log
            log.exception("could not return home after an error")

    # ------------------------------------------------------------- idle / touch

    def note_touch(self) -> bool:
        """A finger touched the screen. Returns True when the touch only woke the attract screen."""
        now = self._clock()
        self._idle.touch(now)
        # The countdown closes from its own overlay (keepUsing), after this touch is delivered
        # to it; closing it here would let the touch fall through to the scene underneath.
        if self._attract:
            self._attract = False
            self._idle.reset(now)
            self.idle_changed.emit()
            return True
        return False

    def _session_dirty(self) -> bool:
        return self._screen not in ("home", "outofservice") or bool(self._query) or bool(self._history)

    def _set_countdown(self, value: int) -> None:
        if value != self._countdown:
            self._countdown = value
            self.idle_changed.emit()

    @Slot()
    def _on_tick_timer_timeout(self) -> None:
        self.tick()

    def tick(self) -> None:
        """Re-evaluate the idle phase (the timer calls this; tests call it with a fake clock)."""
        try:
            phase, left = self._idle.phase(self._clock())
            if phase == "active":
                self._set_countdown(0)
            elif phase == "countdown" and self._session_dirty():
                self._set_countdown(left)
            elif phase in ("expired", "attract") and (self._session_dirty() or self._countdown):
                log.info("idle: session reset")
                self.reset_session()
            if phase == "attract" and not self._attract and self._screen != "outofservice":
                self._attract = True
                if self._pending_swap:
                    self._swap()
                self.idle_changed.emit()
        except Exception:
            log.exception("idle tick failed")
            self.apologise()

    # ------------------------------------------------- screens for screenshots

    def show_countdown(self) -> None:
        self._set_countdown(int(self._idle.countdown))

    def show_attract(self) -> None:
        self._attract = True
        self.idle_changed.emit()

    def show_out_of_service(self) -> None:
        self._set_screen("outofservice", remember=False)

    # ---------------------------------------------------------------- live data

    @Slot()
    def _on_poll_timer_timeout(self) -> None:
        self.poll()

    def poll(self) -> None:
        """Notice a newly installed snapshot; it goes live at the next return to home."""
        try:
            self._ensure_open()
            token = self._store.current_token()
            if token != self._token and not self._pending_swap:
                log.info("a new catalogue snapshot is installed; switching at next return home")
                self._pending_swap = True
            if self._catalogue is None:
                # Out of service: retry at once on a new snapshot, else every RETRY_POLLS polls.
                self._retry_polls += 1
                if self._pending_swap or self._retry_polls >= RETRY_POLLS:
                    self._retry_polls = 0
                    self._swap()
            self._refresh_status()
        except (KnownError, OSError) as exc:
            log.warning("catalogue poll failed: %s", exc)
        except Exception:
            log.exception("catalogue poll failed")

    @property
    def pending_swap(self) -> bool:
        return self._pending_swap

    def _refresh_status(self) -> None:
        """Online when the last sync succeeded within three sync intervals."""
        state = read_state(self._layout)
        online = False
        last_ok = state.get("last_success_at")
        last = state.get("last_sync") or {}
        if last_ok and isinstance(last, dict) and last.get("result") in (SyncOutcome.UPDATED, SyncOutcome.UNCHANGED):
            from datetime import datetime  # here: a kiosk that never synced does not need it

            try:
                age = (datetime.now().astimezone() - datetime.fromisoformat(last_ok)).total_seconds()
                online = age < 3 * 60 * self._config["sync.interval_minutes"]
            except (TypeError, ValueError):
                online = False
        if online != self._online:
            self._online = online
            self.status_changed.emit()
