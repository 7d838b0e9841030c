"""kiosk.session.interaction: debounce, one print at a time, the technician gesture, swipes."""

from __future__ import annotations

import pytest
from sessionhelpers import FakeClock

from kiosk.session.interaction import (
    CORNER_PX,
    DEBOUNCE_S,
    GESTURE_TAPS,
    GESTURE_WINDOW_S,
    SWIPE_PX,
    Interaction,
)
from kiosk.session.navigation import Screen
from kiosk.session.resident import PrintStart, ResidentSession

CORNER = (CORNER_PX / 4, CORNER_PX / 4)
MIDDLE = (900.0, 500.0)


@pytest.fixture()
def taps(clock: FakeClock) -> Interaction:
    return Interaction(clock)


def tap(taps: Interaction, x: float, y: float, *, on_control: bool = False) -> tuple[bool, bool]:
    """(delivered, gesture complete) for one tap without movement."""
    delivered = taps.press(x, y, on_control=on_control)
    return delivered, taps.release(x, y)


def swipe(taps: Interaction, dx: float, *, back: float = 0.0, on_control: bool = True) -> bool:
    """A finger drawn ``dx`` px to the right (then ``back`` px back); may the release act?"""
    x, y = MIDDLE
    taps.press(x, y, on_control=on_control)
    taps.move(x + dx, y)
    taps.release(x + dx - back, y)
    return taps.may_act()


# -- debounce --------------------------------------------------------------------------------


def test_a_second_tap_soon_after_an_action_is_swallowed(taps: Interaction, clock: FakeClock) -> None:
    assert taps.press(*MIDDLE, on_control=True)
    assert taps.may_act()  # the tap opened something
    taps.release(*MIDDLE)
    clock.advance(DEBOUNCE_S - 0.1)
    assert not taps.press(*MIDDLE, on_control=True)  # same target
    clock.advance(0.05)
    assert not taps.press(100, 900, on_control=True)  # another target
    clock.advance(DEBOUNCE_S + 0.01)
    assert taps.press(*MIDDLE, on_control=True)


def test_a_burst_of_taps_counts_as_one(taps: Interaction, clock: FakeClock) -> None:
    taps.press(*MIDDLE, on_control=True)
    assert taps.may_act()
    delivered = []
    for _ in range(10):  # ten quick taps, 0.2 s apart: each extends the quiet time
        clock.advance(0.2)
        delivered.append(taps.press(*MIDDLE, on_control=True))
        taps.release(*MIDDLE)
    assert delivered == [False] * 10
    clock.advance(DEBOUNCE_S + 0.01)
    assert taps.press(*MIDDLE, on_control=True)


def test_typing_is_never_debounced(taps: Interaction, clock: FakeClock) -> None:
    """Keys of the initials pad trigger no action: quick typing reaches every key."""
    for _ in range(8):
        clock.advance(0.1)
        assert tap(taps, *MIDDLE, on_control=True) == (True, False)


# -- swipes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("dx", [-200.0, SWIPE_PX, 200.0])
def test_a_swipe_ending_on_a_button_does_not_act(taps: Interaction, dx: float) -> None:
    x, y = MIDDLE
    assert taps.press(x, y, on_control=True)
    taps.move(x + dx / 2, y)
    taps.release(x + dx, y)
    assert not taps.may_act()


def test_a_swipe_that_comes_back_is_still_a_swipe(taps: Interaction) -> None:
    assert not swipe(taps, 150, back=148)


def test_a_small_wobble_is_a_tap_and_the_next_press_forgets_the_swipe(taps: Interaction,
                                                                      clock: FakeClock) -> None:
    assert not swipe(taps, 300)
    clock.advance(1)
    x, y = MIDDLE
    taps.press(x, y, on_control=True)
    taps.release(x + SWIPE_PX / 3, y + SWIPE_PX / 3)
    assert taps.may_act()


# -- the technician gesture ---------------------------------------------------------------------


def test_five_taps_on_empty_corner_background_make_the_gesture(taps: Interaction, clock: FakeClock) -> None:
    results = []
    for _ in range(GESTURE_TAPS):
        clock.advance(0.2)
        results.append(tap(taps, *CORNER))
    assert results == [(True, False)] * (GESTURE_TAPS - 1) + [(True, True)]
    clock.advance(0.2)
    assert tap(taps, *CORNER) == (True, False)  # counting starts again


def test_taps_on_a_button_in_the_corner_never_make_the_gesture(taps: Interaction, clock: FakeClock) -> None:
    for _ in range(3 * GESTURE_TAPS):
        clock.advance(0.5)
        assert not tap(taps, *CORNER, on_control=True)[1]


def test_a_tap_on_a_button_between_breaks_the_count(taps: Interaction, clock: FakeClock) -> None:
    for i in range(GESTURE_TAPS + 2):  # five background taps, but the third of seven is on a button
        clock.advance(0.2)
        assert not tap(taps, *CORNER, on_control=(i == 2))[1]


def test_gesture_needs_the_corner_quick_taps_and_no_swipe(taps: Interaction, clock: FakeClock) -> None:
    for _ in range(GESTURE_TAPS):  # outside the corner
        clock.advance(0.2)
        assert not tap(taps, CORNER_PX + 5, 10)[1]
    for _ in range(GESTURE_TAPS):  # too slow
        clock.advance(GESTURE_WINDOW_S / (GESTURE_TAPS - 1) + 0.1)
        assert not tap(taps, *CORNER)[1]
    for _ in range(GESTURE_TAPS):  # swipes starting in the corner
        clock.advance(0.2)
        taps.press(*CORNER, on_control=False)
        assert not taps.release(CORNER[0] + 2 * SWIPE_PX, CORNER[1])


def test_an_action_breaks_the_count(taps: Interaction, clock: FakeClock) -> None:
    for _ in range(GESTURE_TAPS - 1):
        clock.advance(0.2)
        tap(taps, *CORNER)
    taps.may_act()  # e.g. a key opened the search
    clock.advance(DEBOUNCE_S + 0.1)
    assert not tap(taps, *CORNER)[1]


def test_five_quick_taps_on_back_are_never_the_gesture(session: ResidentSession, clock: FakeClock) -> None:
    """返回 sits in the corner zone: the first tap goes back, the others are swallowed (then home's
    emblem is under the finger) and none counts towards the gesture."""
    session.open_search()
    clock.advance(1)
    gestures = []
    for _ in range(GESTURE_TAPS):
        clock.advance(0.15)
        on_back = session.nav.screen is not Screen.HOME
        delivered = session.press(*CORNER, on_control=on_back)
        if delivered and on_back:
            session.back()
        gestures.append(session.release(*CORNER))
    assert session.nav.screen is Screen.HOME
    assert gestures == [False] * GESTURE_TAPS


# -- printing and whole-session rules -------------------------------------------------------------


def test_one_print_while_a_job_runs(taps: Interaction) -> None:
    assert taps.may_print()
    assert not taps.may_print()
    assert not taps.may_print()
    taps.print_done()
    assert taps.may_print()


def test_ten_taps_on_print_start_one_job(session: ResidentSession, clock: FakeClock) -> None:
    session.open_item("SAMPLE-RS-001")
    clock.advance(1)
    starts = []
    for _ in range(10):
        clock.advance(0.15)
        if session.press(*MIDDLE, on_control=True):
            starts.append(session.start_print())
        session.release(*MIDDLE)
    assert starts == [PrintStart.GO]
    clock.advance(1)  # a deliberate press while the slip is still printing
    assert session.press(*MIDDLE, on_control=True)
    assert session.start_print() is PrintStart.BUSY
    assert session.print_done()  # the one who pressed is still here: tell them
    clock.advance(1)
    assert session.press(*MIDDLE, on_control=True)
    assert session.start_print() is PrintStart.GO


@pytest.mark.parametrize("way", ["home", "back", "end", "idle"])
def test_a_slip_finishing_after_its_resident_left_is_told_to_nobody(session: ResidentSession,
                                                                     clock: FakeClock, way: str) -> None:
    session.open_item("SAMPLE-RS-001")
    clock.advance(1)
    assert session.start_print() is PrintStart.GO
    clock.advance(1)
    if way == "home":
        assert session.home() is not None and session.nav.screen is Screen.HOME
    elif way == "back":
        session.back()
    elif way == "end":
        session.end_session()
    else:
        clock.advance(10_000)
        session.tick()
        clock.advance(10_000)
        session.tick()
    assert session.nav.screen is Screen.HOME
    # The next person presses 打印 while the last slip still prints: told so, nothing sent.
    clock.advance(1)
    assert session.start_print() is PrintStart.BUSY
    assert not session.print_done()  # 已打印，请取走 would send them to the last one's slip
    session.open_item("SAMPLE-RS-001")
    clock.advance(1)
    assert session.start_print() is PrintStart.GO
    assert session.print_done()


def test_a_double_tap_on_a_theme_opens_the_theme_only(session: ResidentSession, clock: FakeClock) -> None:
    theme = session.live.home.themes[0][0] if session.live.home else ""
    opened = []
    for _ in range(2):  # the second tap lands on the browse list the first one opened
        clock.advance(0.12)
        if session.press(*MIDDLE, on_control=True):
            if session.nav.screen is Screen.HOME:
                session.open_theme(theme)
            else:
                opened.append(session.open_item(session.browse[0].code))
        session.release(*MIDDLE)
    assert session.nav.screen is Screen.BROWSE and session.nav.browse_title == theme
    assert opened == [] and session.item is None


def test_a_swipe_on_the_department_strip_opens_nothing(session: ResidentSession) -> None:
    dept = session.live.home.departments[0][0] if session.live.home else ""
    x, y = MIDDLE
    assert session.press(x, y, on_control=True)
    session.move(x + 120, y)
    session.release(x + 240, y)
    session.open_department(dept)  # the button's click arrives with the release
    assert session.nav.screen is Screen.HOME and session.nav.history == []


def test_the_first_touch_on_the_attract_screen_only_wakes(session: ResidentSession, clock: FakeClock) -> None:
    clock.advance(session.idle.attract + 1)
    session.tick()
    assert session.attract
    assert not session.press(*MIDDLE, on_control=True)
    assert not session.attract
    session.release(*MIDDLE)
    clock.advance(0.1)
    assert session.press(*MIDDLE, on_control=True)


def test_a_swipe_refuses_only_what_its_own_release_triggers(taps: Interaction) -> None:
    """Once the release is delivered, an action from elsewhere (a timer, a test) is not refused."""
    assert not swipe(taps, 300, on_control=False)
    taps.delivered()
    assert taps.may_act()
