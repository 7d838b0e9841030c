"""One resident session: navigation, idle phases, touch rules and the live catalogue, together.

Everything the resident scenes do goes through :class:`ResidentSession`; the Qt backend
(``ui/backends/resident.py``) forwards its slots here and mirrors the state into properties.
Plain Python on an injected monotonic clock: tested without Qt.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from kiosk.access.script import Language
from kiosk.catalogue.store import SnapshotStore
from kiosk.config import Config, load_config_safe
from kiosk.errors import ConfigError, ItemNotFound
from kiosk.ops.helpdesk import HelpRequest
from kiosk.paths import HomeLayout
from kiosk.search import popularity
from kiosk.session.idle import IdlePolicy
from kiosk.session.interaction import Interaction
from kiosk.session.live import LiveCatalogue
from kiosk.session.navigation import Display, Exit, Navigation, Screen, Setting

if TYPE_CHECKING:  # at run time these load with the catalogue, after home is drawn (homecache)
    from kiosk.catalogue.model import Item, ItemSummary
    from kiosk.catalogue.reader import Catalogue
    from kiosk.search.index import SearchHit

log = logging.getLogger("kiosk.session")

SEARCH_LIMIT = 60


class PrintStart(Enum):
    """What a press on 打印 does."""

    GO = "go"
    BUSY = "busy"  # the previous slip is still being printed: say so, print nothing
    IGNORED = "ignored"  # a swipe or a debounced tap: nothing at all


class ResidentSession:
    """The resident's session and the kiosk's live catalogue.

    Attributes:
        nav: where the resident is and what they chose (kiosk.session.navigation).
        idle: the idle phases (kiosk.session.idle); taps: the touch rules.
        live: the live catalogue; results, browse: the lists on the search and browse screens.
        item: the open item or None; countdown: seconds left of 还在使用吗？ (0: hidden);
        attract: the attract screen shows; online: the last sync succeeded recently (live.is_online).
    """

    def __init__(self, layout: HomeLayout, store: SnapshotStore | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._layout = layout
        self.clock = clock
        self._config_seen = self._config_stamp()
        self.config: Config
        self.config_error: ConfigError | None
        self.config, self.config_error = load_config_safe(layout)
        self.nav = Navigation(self._display_defaults())
        self.idle = IdlePolicy(*self._idle_settings())
        self.idle.reset(clock())
        self.taps = Interaction(clock)
        self.live = LiveCatalogue(layout, store if store is not None else SnapshotStore(layout),
                                  lambda: self.config)
        self.results: list[ItemSummary] = []
        #: The search hits behind ``results`` (what matched, for the highlight); [] for hot items.
        self.hits: list[SearchHit[ItemSummary]] = []
        #: When nothing matched: themes and departments sharing the query's words, (kind, name).
        self.related: list[tuple[str, str]] = []
        self.browse: list[ItemSummary] = []
        self.item: Item | None = None
        self.countdown = 0
        self.attract = False
        self.online = False
        #: Called with (way, what it reset) on every way out, e.g. to stop read-aloud (Setting.READING).
        self.leave_listeners: list[Callable[[Exit, frozenset[Setting]], None]] = []
        self._generation = -1
        #: Counts the ways out that forgot messages; a print job belongs to the visit that pressed.
        self.visit = 0
        self._print_visit = -1

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Draw home from homecache if it matches, else open the catalogue now."""
        self.live.start()
        self.online = self.live.online()
        self._follow_live()

    def finish_start(self) -> None:
        """After the first frame: open the catalogue if home came from the cache; refresh the cache."""
        self.live.ensure_open()
        self.live.remember_home()
        self._follow_live()

    def close(self) -> None:
        self.live.close()

    @property
    def catalogue(self) -> Catalogue | None:
        cat = self.live.ensure_open()
        self._follow_live()
        return cat

    def display(self) -> Display:
        return self.nav.display()

    # -- resident actions --------------------------------------------------------------------

    def search(self, text: str) -> None:
        """What the resident has typed so far (every key press): results, or hot items when empty."""
        cat = self.catalogue
        if cat is None:
            return
        self.nav.set_query(text)
        if self.nav.query.strip():
            self.hits = cat.search(self.nav.query, limit=SEARCH_LIMIT)
            self.results = [h.summary for h in self.hits]
            matched = any(not h.closest for h in self.hits)
            self.related = [] if matched else cat.related(self.nav.query)
        else:
            self.hits, self.results, self.related = [], list(self.live.shortlist), []

    def open_search(self) -> None:
        cat = self.catalogue
        if cat is None or not self.taps.may_act():
            return
        if not self.nav.query:
            self.hits, self.results, self.related = [], list(self.live.shortlist), []
        self.nav.go(Screen.SEARCH)

    def open_theme(self, theme: str) -> None:
        cat = self.catalogue
        if cat is not None and self.taps.may_act():
            self._open_browse(theme, cat.browse(theme=theme))

    def open_department(self, department: str) -> None:
        cat = self.catalogue
        if cat is not None and self.taps.may_act():
            self._open_browse(department, cat.browse(department=department))

    def _open_browse(self, title: str, items: list[ItemSummary]) -> None:
        self.nav.browse_title = title
        self.browse = items
        self.nav.go(Screen.BROWSE)

    def open_item(self, code: str) -> bool:
        """Open an item; False when it is no longer in the live catalogue (the resident is told)."""
        cat = self.catalogue
        if cat is None or not self.taps.may_act():
            return True
        try:
            self.item = cat.item(code)
        except ItemNotFound:
            log.warning("an item asked for is not in the live catalogue")
            return False
        popularity.record_view(code, self._layout.root)  # a count per item code, never a query
        self.nav.item_code = code
        self.nav.go(Screen.ITEM)
        return True

    def back(self) -> bool:
        """返回. True when the catalogue was swapped on the way (back reached home)."""
        if not self.taps.may_act():
            return False
        if self.nav.back() is Screen.HOME:
            return self.leave(Exit.BACK_TO_HOME)
        return False

    def home(self) -> bool:
        """首页. True when the catalogue was swapped on the way."""
        return self.taps.may_act() and self.leave(Exit.HOME_BUTTON)

    def end_session(self) -> bool:
        """结束并返回."""
        return self.taps.may_act() and self.leave(Exit.END_SESSION)

    def technician_done(self) -> bool:
        """The technician screen closed: what the technician changed applies at once."""
        return self.leave(Exit.TECHNICIAN_EXIT)

    def toggle_elder(self) -> None:
        if self.taps.may_act():
            self.nav.toggle_elder()

    def toggle_language(self) -> None:
        if self.taps.may_act():
            self.nav.toggle_language()

    def set_text_size(self, step: int) -> None:
        """标准 / 大 / 特大 (0, 1, 2)."""
        if self.taps.may_act():
            self.nav.set_text_size(step)

    def toggle_contrast(self) -> None:
        if self.taps.may_act():
            self.nav.toggle_contrast()

    def set_voice(self, voice: str) -> None:
        """普通话 ("cmn") or 粤语 ("yue") for read-aloud."""
        self.nav.set_voice(voice)

    def set_volume_step(self, step: int) -> None:
        self.nav.set_volume_step(step)

    def open_help(self) -> HelpRequest | None:
        """帮助: show where staff are; the request to record (time and screen only).

        None when refused (a swipe) or already open: a second tap is not a second request.
        """
        if self.nav.help_open or not self.taps.may_act():
            return None
        self.nav.help_open = True
        return HelpRequest(at=time.time(), screen=str(self.nav.screen))

    def close_help(self) -> None:
        self.nav.help_open = False

    def set_language(self, language: Language) -> None:
        if self.taps.may_act():
            self.nav.set_language(language)

    def enlarge_qr(self, shown: bool) -> None:
        """A tap on the item's QR code (True) or on its full-screen view (False)."""
        if not shown or (self.item is not None and self.item.available and self.taps.may_act()):
            self.nav.enlarge_qr(shown)

    def keep_using(self) -> None:
        """The resident answered 还在使用吗？."""
        self.idle.touch(self.clock())
        self.countdown = 0

    def start_print(self) -> PrintStart:
        if not self.taps.may_act():
            return PrintStart.IGNORED
        if not self.taps.may_print():
            return PrintStart.BUSY
        self._print_visit = self.visit
        return PrintStart.GO

    def print_done(self) -> bool:
        """The slip's job ended; True when the resident who pressed 打印 is still here to be told.

        After a way out (Setting.MESSAGES) its outcome is for nobody on screen: 已打印，请取走
        would send the next person to the last one's slip.
        """
        self.taps.print_done()
        return self._print_visit == self.visit

    def apologise(self) -> None:
        """After a bug: back to a safe screen (home), nothing else assumed."""
        self.nav.history.clear()
        self.nav.qr_enlarged = False
        if self.nav.screen is not Screen.OUT_OF_SERVICE:
            self.nav.screen = Screen.HOME

    # -- ways out ----------------------------------------------------------------------------

    def leave(self, way: Exit) -> bool:
        """End the session by ``way`` (navigation.RESETS); a pending snapshot goes live now.

        Returns True when a newer catalogue went live.
        """
        log.info("session ends: %s", way.name)
        resets = self.nav.leave(way)
        if Setting.MESSAGES in resets:
            self.visit += 1
        for listener in self.leave_listeners:
            try:
                listener(way, resets)
            except Exception:  # a broken listener must not keep the next resident in this session
                log.exception("a session-end listener failed")
        self.results, self.hits, self.browse, self.item = [], [], [], None
        self.related = []
        self.idle.reset(self.clock())
        self.countdown = 0
        self._reload_config()
        swapped = self.live.swap()
        self.live.recount_views(self.clock())  # a list without hot ranks: 本机常用 follows the views
        self._follow_live()
        return swapped

    # -- time and touches --------------------------------------------------------------------

    def tick(self) -> bool:
        """Re-evaluate the idle phase. True when a newer catalogue went live."""
        phase, left = self.idle.phase(self.clock())
        swapped = False
        if phase == "active":
            self.countdown = 0
        elif phase == "countdown" and self.nav.dirty():
            self.countdown = left
        elif phase in ("expired", "attract") and (self.nav.dirty() or self.countdown):
            swapped = self.leave(Exit.IDLE_END)
        if phase == "attract" and not self.attract and self.nav.screen is not Screen.OUT_OF_SERVICE:
            self.attract = True
            swapped = self.leave(Exit.ATTRACT) or swapped
        return swapped

    def press(self, x: float, y: float, *, on_control: bool) -> bool:
        """A finger went down at (x, y); False when the press must not reach the scene.

        The first touch on the attract screen only wakes the kiosk; a press right after an
        action is debounced.
        """
        now = self.clock()
        self.idle.touch(now)
        if self.attract:
            self.attract = False
            self.idle.reset(now)
            return False
        return self.taps.press(x, y, on_control=on_control)

    def move(self, x: float, y: float) -> None:
        self.taps.move(x, y)

    def release(self, x: float, y: float) -> bool:
        """The finger lifted; True when the technician gesture is complete."""
        return self.taps.release(x, y)

    def delivered(self) -> None:
        """The scene has handled the release (a swipe refuses nothing after it)."""
        self.taps.delivered()

    def poll(self) -> bool:
        """Notice a newly installed snapshot (it goes live at the next safe moment). True on a swap."""
        swapped = self.live.poll()
        self.online = self.live.online()
        self._follow_live()
        return swapped

    # -- helpers -----------------------------------------------------------------------------

    def _follow_live(self) -> None:
        """Out of service when no catalogue opens; back home when one does; fresh lists on a swap."""
        if self.live.out_of_service:
            self.nav.go(Screen.OUT_OF_SERVICE, remember=False)
            self.nav.history.clear()
        elif self.nav.screen is Screen.OUT_OF_SERVICE:
            self.nav.screen = Screen.HOME
        if self.live.generation != self._generation:
            self._generation = self.live.generation
            self.results, self.hits, self.browse, self.related = [], [], [], []

    def _display_defaults(self) -> Display:
        c = self.config
        return Display(language=Language.parse(c["kiosk.language"]), elder=bool(c["display.elder_mode"]),
                       high_contrast=bool(c["display.high_contrast"]),
                       font_scale=float(c["display.font_scale"]))

    def _idle_settings(self) -> tuple[float, float, float]:
        c = self.config
        return (float(c["idle.timeout_seconds"]), float(c["idle.countdown_seconds"]),
                float(c["idle.attract_seconds"]))

    def _config_stamp(self) -> int:
        try:
            return self._layout.config_file.stat().st_mtime_ns
        except OSError:
            return 0

    def _reload_config(self) -> None:
        """Pick up settings a technician changed (only when the file changed)."""
        stamp = self._config_stamp()
        if stamp == self._config_seen:
            return
        self._config_seen = stamp
        self.config, self.config_error = load_config_safe(self._layout)
        self.nav.defaults = self._display_defaults()
        self.idle.timeout, self.idle.countdown, self.idle.attract = self._idle_settings()
