"""What a touch means: debounce, one print at a time, the technician gesture, a swipe is not a tap.

Plain Python on an injected monotonic clock, so the rules are tested without Qt or sleeps.
``ui/backends/touch.py`` feeds it every press, move and release (with whether the press
landed on a control); the resident backend asks :meth:`Interaction.may_act` before an action.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

#: A press this soon after an action (or after a press swallowed for that reason) does nothing:
#: a double tap on a theme tile must not open an item on the scene the first tap opened.
DEBOUNCE_S = 0.4
#: A finger that moves this far (px) between press and release swiped; a swipe is never a tap.
SWIPE_PX = 24.0
#: The technician gesture: this many taps on empty background ...
GESTURE_TAPS = 5
#: ... within this many seconds ...
GESTURE_WINDOW_S = 3.0
#: ... inside this square at the top-left corner (px).
CORNER_PX = 120.0


def in_corner(x: float, y: float) -> bool:
    return 0 <= x < CORNER_PX and 0 <= y < CORNER_PX


class Interaction:
    """The state of the finger on the screen, and the rules applied to it.

    Attributes:
        printing: True while a print job started by a resident is running.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._last_action = -math.inf
        self._last_swallowed = -math.inf
        self._press: tuple[float, float] | None = None
        self._press_on_control = False
        self._travel = 0.0
        self._swiped = False
        self._corner_taps: deque[float] = deque(maxlen=GESTURE_TAPS)
        self.printing = False

    # -- the finger ----------------------------------------------------------------------

    def press(self, x: float, y: float, *, on_control: bool) -> bool:
        """A finger went down; False when the press must be swallowed (debounced)."""
        now = self._clock()
        self._swiped = False
        if now - max(self._last_action, self._last_swallowed) < DEBOUNCE_S:
            self._last_swallowed = now
            self._press = None
            self._corner_taps.clear()
            return False
        self._press = (x, y)
        self._press_on_control = on_control
        self._travel = 0.0
        return True

    def move(self, x: float, y: float) -> None:
        if self._press is not None:
            self._travel = max(self._travel, math.dist(self._press, (x, y)))

    def release(self, x: float, y: float) -> bool:
        """The finger lifted; True when this tap completes the technician gesture."""
        if self._press is None:
            return False
        self.move(x, y)
        start, self._press = self._press, None
        self._swiped = self._travel >= SWIPE_PX
        if self._swiped or self._press_on_control or not in_corner(*start):
            self._corner_taps.clear()
            return False
        now = self._clock()
        self._corner_taps.append(now)
        if len(self._corner_taps) == GESTURE_TAPS and now - self._corner_taps[0] <= GESTURE_WINDOW_S:
            self._corner_taps.clear()
            return True
        return False

    def delivered(self) -> None:
        """The release has reached the scene: the swipe it ended refuses nothing more."""
        self._swiped = False

    # -- what the finger asks for ------------------------------------------------------------

    def may_act(self) -> bool:
        """Called by every resident action (open, back, home, print …); False refuses it.

        A swipe that ends on a button is refused (between :meth:`release` and :meth:`delivered`).
        An accepted action starts the debounce.
        """
        if self._swiped:
            return False
        self._last_action = self._clock()
        self._corner_taps.clear()
        return True

    def may_print(self) -> bool:
        """One print per press: refused while the previous job is still running."""
        if self.printing:
            return False
        self.printing = True
        return True

    def print_done(self) -> None:
        self.printing = False
