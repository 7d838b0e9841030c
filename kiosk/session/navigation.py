"""Where a resident is and what they set: screens, history, query, display choices, and the way out.

Plain Python (no Qt): the resident backend in ``ui/backends/resident.py`` only mirrors this
state into properties. :data:`RESETS` is the one rule of what each way out forgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from kiosk.access.script import Language


class Screen(StrEnum):
    """The resident scenes. The value is what QML compares ``controller.screen`` with."""

    HOME = "home"
    SEARCH = "search"
    BROWSE = "browse"
    ITEM = "item"
    OUT_OF_SERVICE = "outofservice"


class Exit(Enum):
    """The ways a resident's session ends (or a resident leaves it)."""

    HOME_BUTTON = "首页"
    BACK_TO_HOME = "返回 to home"
    IDLE_END = "idle countdown ran out"
    ATTRACT = "attract screen"
    END_SESSION = "结束并返回"
    TECHNICIAN_EXIT = "technician screen closed"


class Setting(Enum):
    """Everything a resident can set or leave behind during a session."""

    QUERY = "query"
    HISTORY = "history"
    BROWSE = "browse"  # the theme or department being browsed
    ITEM = "item"  # the open item
    LANGUAGE = "language"
    ELDER = "elder mode"
    CONTRAST = "high contrast"
    FONT_SCALE = "text size"
    PACE = "idle pace"  # the adaptive time-out learnt from this resident's touches
    VOICE = "read-aloud voice and volume"
    READING = "read-aloud under way"  # speech stops: the next person never hears the last one's item
    HELP = "help overlay"
    QR_ENLARGED = "enlarged QR code"  # the item's QR code shown full screen
    #: A message on screen (a toast) and the outcome of a slip still printing: the next
    #: person is never told 已打印，请取走 about the last one's slip.
    MESSAGES = "messages to the resident"


EVERYTHING = frozenset(Setting)

#: What each way out resets. Every way out forgets everything the resident set: the next
#: person at the kiosk must never inherit a search, a language or large text. A product
#: decision to keep something (say, elder mode across 首页) is one entry here.
RESETS: dict[Exit, frozenset[Setting]] = {
    Exit.HOME_BUTTON: EVERYTHING,
    Exit.BACK_TO_HOME: EVERYTHING,
    Exit.IDLE_END: EVERYTHING,
    Exit.ATTRACT: EVERYTHING,
    Exit.END_SESSION: EVERYTHING,
    Exit.TECHNICIAN_EXIT: EVERYTHING,
}

#: The longest query kept (a search box is not a text editor; longer input is cut).
MAX_QUERY = 100
#: The resident's text sizes (标准 / 大 / 特大): factors on the configured font scale.
TEXT_SIZES = (1.0, 1.15, 1.3)
#: Read-aloud volume in steps (1 to VOLUME_STEPS); the default is espeak-ng's normal loudness.
VOLUME_STEPS = 4
DEFAULT_VOLUME_STEP = 2
#: Languages whose residents hear 粤语 unless they choose 普通话 (Qt locale names and BCP 47 tags).
CANTONESE_LANGUAGES = frozenset({"zh_HK", "zh-Hant", "zh_TW", "zh-HK"})


@dataclass(frozen=True)
class Display:
    """How the screen looks: the configured defaults, or what a resident chose."""

    language: Language = Language.ZH_HANS
    elder: bool = False
    high_contrast: bool = False
    font_scale: float = 1.0


@dataclass
class Navigation:
    """One resident's place and choices.

    Attributes:
        defaults: the display the configuration asks for (restored by every way out).
        screen, history, query, browse_title, item_code: where the resident is.
        qr_enlarged: the open item's QR code fills the screen (closed by any move elsewhere).
        language, elder, high_contrast, font_scale: the resident's own choices, None when
            they chose nothing (then the default shows).
    """

    defaults: Display = field(default_factory=Display)
    screen: Screen = Screen.HOME
    history: list[Screen] = field(default_factory=list)
    query: str = ""
    browse_title: str = ""
    item_code: str = ""
    qr_enlarged: bool = False
    language: Language | None = None
    elder: bool | None = None
    high_contrast: bool | None = None
    font_scale: float | None = None
    #: read-aloud: "cmn" or "yue" (None: follows the language), volume step (None: the default)
    voice: str | None = None
    volume_step: int | None = None
    help_open: bool = False

    # -- what shows ------------------------------------------------------------------

    def display(self) -> Display:
        d = self.defaults
        return Display(
            language=d.language if self.language is None else self.language,
            elder=d.elder if self.elder is None else self.elder,
            high_contrast=d.high_contrast if self.high_contrast is None else self.high_contrast,
            font_scale=d.font_scale if self.font_scale is None else self.font_scale,
        )

    def dirty(self) -> bool:
        """True when a resident left anything behind (the idle countdown then asks 还在使用吗？)."""
        return (self.screen not in (Screen.HOME, Screen.OUT_OF_SERVICE) or bool(self.query)
                or bool(self.history) or self.set_display())

    def set_display(self) -> bool:
        return any(v is not None for v in (self.language, self.elder, self.high_contrast, self.font_scale,
                                           self.voice, self.volume_step)) or self.help_open

    def text_size(self) -> int:
        """The text-size step (0 标准, 1 大, 2 特大) nearest to the font scale on screen."""
        factor = self.display().font_scale / self.defaults.font_scale
        return min(range(len(TEXT_SIZES)), key=lambda i: abs(TEXT_SIZES[i] - factor))

    def set_text_size(self, step: int) -> None:
        """标准 / 大 / 特大: the configured font scale times TEXT_SIZES[step]; ValueError off the steps."""
        if not 0 <= step < len(TEXT_SIZES):
            raise ValueError(f"text size step {step} is not one of 0..{len(TEXT_SIZES) - 1}")
        self.font_scale = None if step == 0 else round(self.defaults.font_scale * TEXT_SIZES[step], 2)

    def toggle_contrast(self) -> None:
        self.high_contrast = not self.display().high_contrast

    def speech_voice(self) -> str:
        """The read-aloud voice: the resident's choice, else 粤语 for a Traditional screen, else 普通话."""
        if self.voice is not None:
            return self.voice
        return "yue" if self.display().language in CANTONESE_LANGUAGES else "cmn"

    def set_voice(self, voice: str) -> None:
        if voice not in ("cmn", "yue"):
            raise ValueError(f"unknown read-aloud voice {voice!r} (cmn or yue)")
        self.voice = voice

    def speech_volume(self) -> int:
        return DEFAULT_VOLUME_STEP if self.volume_step is None else self.volume_step

    def set_volume_step(self, step: int) -> None:
        self.volume_step = min(max(int(step), 1), VOLUME_STEPS)

    # -- moving ----------------------------------------------------------------------

    def go(self, screen: Screen, *, remember: bool = True) -> None:
        """Show ``screen``; the one left is remembered for 返回 unless ``remember`` is False."""
        if remember and self.screen not in (screen, Screen.OUT_OF_SERVICE):
            self.history.append(self.screen)
        self.screen = screen
        self.qr_enlarged = False

    def back(self) -> Screen:
        """返回: the previous screen; reaching home is a way out (the caller then calls leave)."""
        self.qr_enlarged = False
        target = self.history.pop() if self.history else Screen.HOME
        if target is not Screen.HOME:
            self.screen = target
        return target

    def set_query(self, text: str) -> None:
        self.query = text[:MAX_QUERY]

    def enlarge_qr(self, shown: bool) -> None:
        """Show the open item's QR code full screen, or close it; only an item screen has one."""
        self.qr_enlarged = shown and self.screen is Screen.ITEM

    def toggle_elder(self) -> None:
        self.elder = not self.display().elder

    def toggle_language(self) -> None:
        """Chinese ↔ English (from either Chinese script to English, from English to 简体)."""
        self.language = Language.ZH_HANS if self.display().language is Language.EN else Language.EN

    def set_language(self, language: Language) -> None:
        """The resident chose 简体, 繁體 or English (for this session only: RESETS forgets it)."""
        self.language = language

    def leave(self, way: Exit) -> frozenset[Setting]:
        """Apply :data:`RESETS` for ``way`` and go home; return what was reset."""
        resets = RESETS[way]
        if Setting.QUERY in resets:
            self.query = ""
        if Setting.HISTORY in resets:
            self.history.clear()
        if Setting.BROWSE in resets:
            self.browse_title = ""
        if Setting.ITEM in resets:
            self.item_code = ""
        if Setting.QR_ENLARGED in resets:
            self.qr_enlarged = False
        if Setting.LANGUAGE in resets:
            self.language = None
        if Setting.ELDER in resets:
            self.elder = None
        if Setting.CONTRAST in resets:
            self.high_contrast = None
        if Setting.FONT_SCALE in resets:
            self.font_scale = None
        if Setting.VOICE in resets:
            self.voice = self.volume_step = None
        if Setting.HELP in resets:
            self.help_open = False
        if self.screen is not Screen.OUT_OF_SERVICE:
            self.screen = Screen.HOME
        return resets
