"""kiosk.session.navigation and the session's ways out: every one forgets everything a resident set."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sessionhelpers import FakeClock

from kiosk.access.script import Language
from kiosk.configedit import set_value
from kiosk.paths import HomeLayout
from kiosk.session.navigation import (
    DEFAULT_VOLUME_STEP,
    EVERYTHING,
    RESETS,
    TEXT_SIZES,
    VOLUME_STEPS,
    Display,
    Exit,
    Navigation,
    Screen,
    Setting,
)
from kiosk.session.resident import ResidentSession


def test_the_table_names_every_way_out_and_each_resets_everything() -> None:
    assert set(RESETS) == set(Exit)
    assert EVERYTHING == frozenset(Setting)
    for way, resets in RESETS.items():
        assert resets == EVERYTHING, way


def test_back_walks_the_history_and_reports_reaching_home() -> None:
    nav = Navigation()
    nav.go(Screen.SEARCH)
    nav.go(Screen.ITEM)
    assert nav.history == [Screen.HOME, Screen.SEARCH]
    assert nav.back() is Screen.SEARCH and nav.screen is Screen.SEARCH
    assert nav.back() is Screen.HOME
    assert nav.back() is Screen.HOME  # an empty history also means home


def test_out_of_service_is_never_remembered_and_survives_a_way_out() -> None:
    nav = Navigation()
    nav.go(Screen.OUT_OF_SERVICE, remember=False)
    nav.go(Screen.HOME)
    assert nav.history == []
    nav.go(Screen.OUT_OF_SERVICE, remember=False)
    nav.leave(Exit.HOME_BUTTON)
    assert nav.screen is Screen.OUT_OF_SERVICE


def test_display_is_the_default_until_the_resident_chooses() -> None:
    nav = Navigation(Display(language=Language.ZH_HANS, elder=True, high_contrast=False, font_scale=1.2))
    assert nav.display().elder and not nav.set_display()
    nav.toggle_elder()
    nav.toggle_language()
    nav.high_contrast, nav.font_scale = True, 1.5
    assert nav.display() == Display(language=Language.EN, elder=False, high_contrast=True, font_scale=1.5)
    assert nav.dirty()  # choices alone make the session worth a countdown
    nav.leave(Exit.END_SESSION)
    assert nav.display() == Display(language=Language.ZH_HANS, elder=True, high_contrast=False, font_scale=1.2)


def _mess_up(s: ResidentSession, clock: FakeClock) -> None:
    """A resident who set everything: search text, an item, English, large text, contrast, history."""
    s.toggle_language()
    clock.advance(1)
    s.toggle_elder()
    clock.advance(1)
    s.toggle_contrast()
    clock.advance(1)
    s.set_text_size(2)  # 特大
    s.set_voice("yue")
    s.set_volume_step(4)
    clock.advance(1)
    assert s.open_help() is not None
    s.close_help()
    clock.advance(1)
    assert s.open_help() is not None  # left open: the next resident must not find it
    clock.advance(1)
    s.open_search()
    s.search("sbcx")
    clock.advance(1)
    assert s.open_item("SAMPLE-RS-001")
    clock.advance(1)
    s.enlarge_qr(True)
    assert s.nav.qr_enlarged
    for gap in (5, 6, 7, 8):  # a slow reader: the time-out stretches
        clock.advance(gap)
        s.idle.touch(clock())
    assert s.nav.screen is Screen.ITEM and s.nav.query == "sbcx" and s.item is not None
    assert s.display() != s.nav.defaults and s.nav.history
    assert s.display().high_contrast and s.display().font_scale == TEXT_SIZES[2] and s.nav.help_open
    assert s.nav.speech_voice() == "yue" and s.nav.speech_volume() == 4


def _assert_fresh(s: ResidentSession) -> None:
    assert s.nav.screen is Screen.HOME
    assert s.nav.query == "" and s.results == [] and s.browse == []
    assert s.nav.history == [] and s.nav.browse_title == "" and s.nav.item_code == "" and s.item is None
    assert s.display() == Display(language=Language.ZH_HANS, elder=False, high_contrast=False, font_scale=1.0)
    assert s.nav.language is None and s.nav.elder is None
    assert s.nav.text_size() == 0 and s.nav.voice is None and s.nav.volume_step is None
    assert s.nav.speech_voice() == "cmn" and s.nav.speech_volume() == DEFAULT_VOLUME_STEP
    assert not s.nav.help_open
    assert not s.nav.qr_enlarged
    assert not s.nav.dirty()
    assert len(s.idle.gaps) == 0 and s.countdown == 0


def _home_button(s: ResidentSession, clock: FakeClock) -> None:
    clock.advance(1)
    assert s.nav.screen is Screen.ITEM
    s.home()


def _back_to_home(s: ResidentSession, clock: FakeClock) -> None:
    while s.nav.screen is not Screen.HOME:
        clock.advance(1)
        s.back()


def _idle_end(s: ResidentSession, clock: FakeClock) -> None:
    clock.advance(s.idle.effective_timeout() + 1)
    s.tick()
    assert s.countdown > 0 and s.nav.screen is Screen.ITEM  # 还在使用吗？ first
    clock.advance(s.idle.countdown)
    s.tick()


def _attract(s: ResidentSession, clock: FakeClock) -> None:
    clock.advance(s.idle.attract + 1)
    s.tick()
    assert s.attract


def _end_session(s: ResidentSession, clock: FakeClock) -> None:
    clock.advance(1)
    s.end_session()


def _technician(s: ResidentSession, clock: FakeClock) -> None:
    s.technician_done()


WAYS: dict[Exit, Callable[[ResidentSession, FakeClock], None]] = {
    Exit.HOME_BUTTON: _home_button,
    Exit.BACK_TO_HOME: _back_to_home,
    Exit.IDLE_END: _idle_end,
    Exit.ATTRACT: _attract,
    Exit.END_SESSION: _end_session,
    Exit.TECHNICIAN_EXIT: _technician,
}


def test_every_way_out_is_tested() -> None:
    assert set(WAYS) == set(Exit)


@pytest.mark.parametrize("way", list(Exit), ids=lambda w: w.name)
def test_every_way_out_resets_everything(session: ResidentSession, clock: FakeClock, way: Exit) -> None:
    heard: list[tuple[Exit, frozenset[Setting]]] = []
    session.leave_listeners.append(lambda w, resets: heard.append((w, resets)))
    _mess_up(session, clock)
    WAYS[way](session, clock)
    _assert_fresh(session)
    # the read-aloud backend hears every way out and stops speaking (Setting.READING)
    assert heard and heard[-1][0] is way and Setting.READING in heard[-1][1]


def test_a_broken_leave_listener_does_not_keep_the_session(session: ResidentSession, clock: FakeClock) -> None:
    def broken(way: Exit, resets: frozenset[Setting]) -> None:
        raise RuntimeError("listener bug")

    session.leave_listeners.append(broken)
    session.set_text_size(1)
    clock.advance(1)
    session.end_session()
    assert session.nav.text_size() == 0


def test_text_sizes_are_steps_on_the_configured_scale(factory: HomeLayout, clock: FakeClock) -> None:
    set_value(factory, "display.font_scale", 1.1)
    s = ResidentSession(factory, clock=clock)
    s.start()
    try:
        assert s.nav.text_size() == 0 and s.display().font_scale == 1.1
        for step, factor in enumerate(TEXT_SIZES):
            s.nav.set_text_size(step)
            assert s.nav.text_size() == step
            assert s.display().font_scale == pytest.approx(1.1 * factor, abs=0.005)  # kept to 2 places
        s.nav.set_text_size(0)
        assert s.nav.font_scale is None  # 标准 is the technician's setting, not a choice left behind
        with pytest.raises(ValueError):
            s.nav.set_text_size(3)
    finally:
        s.close()


def test_contrast_and_voice_choices(session: ResidentSession, clock: FakeClock) -> None:
    session.toggle_contrast()
    assert session.display().high_contrast and session.nav.dirty()
    clock.advance(1)
    session.toggle_contrast()
    assert not session.display().high_contrast
    with pytest.raises(ValueError):
        session.set_voice("en")
    session.set_volume_step(99)
    assert session.nav.speech_volume() == VOLUME_STEPS
    session.set_volume_step(-3)
    assert session.nav.speech_volume() == 1


def test_cantonese_is_the_default_voice_of_a_traditional_screen() -> None:
    nav = Navigation(Display(language="zh_HK"))
    assert nav.speech_voice() == "yue"
    nav.set_voice("cmn")
    assert nav.speech_voice() == "cmn"
    assert Navigation().speech_voice() == "cmn"


def test_help_request_names_the_screen_only(session: ResidentSession, clock: FakeClock) -> None:
    session.open_search()
    session.search("sbcx")
    clock.advance(1)
    request = session.open_help()
    assert request is not None and request.screen == "search" and request.at > 0
    assert "sbcx" not in repr(request)
    assert session.open_help() is None  # already open: a second tap is not a second request
    session.close_help()
    assert session.open_help() is not None


def test_home_button_forgets_the_search_text(session: ResidentSession, clock: FakeClock) -> None:
    session.open_search()
    session.search("sb")
    clock.advance(1)
    session.home()
    clock.advance(1)
    session.open_search()
    assert session.nav.query == ""
    assert [r.code for r in session.results] == [s.code for s in session.live.ensure_open().hot(12)]


def test_english_and_large_text_left_on_home_end_at_the_attract_screen(session: ResidentSession,
                                                                      clock: FakeClock) -> None:
    session.toggle_language()
    clock.advance(1)
    session.toggle_elder()
    assert session.display().language is Language.EN and session.display().elder
    clock.advance(session.idle.attract + 1)
    session.tick()
    assert session.attract
    assert session.display() == session.nav.defaults


def test_idle_countdown_from_home_with_only_elder_mode_set(session: ResidentSession, clock: FakeClock) -> None:
    session.toggle_elder()
    clock.advance(session.idle.timeout + 1)
    session.tick()
    assert session.countdown > 0  # something to forget: ask first
    clock.advance(session.idle.countdown)
    session.tick()
    assert not session.display().elder and session.countdown == 0


def test_back_between_screens_keeps_the_search(session: ResidentSession, clock: FakeClock) -> None:
    session.open_search()
    session.search("sbcx")
    clock.advance(1)
    session.open_item("SAMPLE-RS-001")
    clock.advance(1)
    session.back()
    assert session.nav.screen is Screen.SEARCH and session.nav.query == "sbcx"


def test_a_way_out_restores_the_configured_display_not_a_hard_coded_one(
    factory: HomeLayout, clock: FakeClock
) -> None:
    set_value(factory, "display.elder_mode", True)
    set_value(factory, "kiosk.language", "en")
    s = ResidentSession(factory, clock=clock)
    s.start()
    try:
        s.toggle_elder()
        clock.advance(1)
        s.toggle_language()
        assert not s.display().elder and s.display().language is Language.ZH_HANS
        clock.advance(1)
        s.end_session()
        assert s.display().elder and s.display().language is Language.EN
    finally:
        s.close()


def test_a_technician_change_applies_on_the_way_out(session: ResidentSession, factory: HomeLayout,
                                                   clock: FakeClock) -> None:
    set_value(factory, "display.high_contrast", True)
    set_value(factory, "idle.timeout_seconds", 100)
    assert not session.display().high_contrast
    session.technician_done()
    assert session.display().high_contrast and session.idle.timeout == 100


def test_the_three_way_language_choice_is_the_sessions_own(session: ResidentSession, clock: FakeClock) -> None:
    session.set_language(Language.ZH_HANT)
    assert session.display().language is Language.ZH_HANT and session.nav.dirty()
    clock.advance(1)
    session.set_language(Language.EN)
    assert session.display().language is Language.EN
    clock.advance(1)
    session.home()  # a way out: the next resident gets the configured language
    assert session.display().language is Language.ZH_HANS and session.nav.language is None
    assert Setting.LANGUAGE in RESETS[Exit.HOME_BUTTON]
