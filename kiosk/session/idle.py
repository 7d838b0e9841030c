"""When to ask 还在使用吗？, when to go home, when to show the attract screen.

Pure Python (no Qt) so the rules are easy to test; the controller feeds it touch
times and polls :meth:`IdlePolicy.phase` from a timer.
"""

from __future__ import annotations

from collections import deque

#: How many recent gaps between touches are used to judge a resident's pace.
PACE_WINDOW = 8
#: A resident whose typical gap is this fraction of the time-out counts as slow.
SLOW_FRACTION = 0.25
#: The time-out is stretched at most this many times.
MAX_STRETCH = 3.0


class IdlePolicy:
    """Idle phases for one resident session.

    ``timeout`` seconds without a touch opens the countdown, which lasts
    ``countdown`` seconds and then resets the session; after ``attract`` seconds
    without a touch the attract screen shows. A resident whose median gap
    between touches is long gets a proportionally longer time-out (up to
    ``MAX_STRETCH`` times), so a slow reader is not ejected mid-task.
    """

    # A plain class, not a dataclass: see kiosk.paths.HomeLayout.
    def __init__(self, timeout: float, countdown: float, attract: float, last_touch: float = 0.0) -> None:
        self.timeout = timeout
        self.countdown = countdown
        self.attract = attract
        self.last_touch = last_touch
        self.gaps: deque[float] = deque(maxlen=PACE_WINDOW)

    def __repr__(self) -> str:
        return (f"IdlePolicy(timeout={self.timeout}, countdown={self.countdown}, attract={self.attract}, "
                f"last_touch={self.last_touch})")

    def touch(self, now: float) -> None:
        gap = now - self.last_touch
        # Gaps longer than the time-out belong to a previous resident, not to this one's pace.
        if 0 < gap < self.timeout:
            self.gaps.append(gap)
        self.last_touch = now

    def reset(self, now: float) -> None:
        """A new session starts: forget the previous resident's pace."""
        self.gaps.clear()
        self.last_touch = now

    def effective_timeout(self) -> float:
        if len(self.gaps) < 3:
            return self.timeout
        gaps = sorted(self.gaps)  # the median, without importing statistics (~6 ms at start-up)
        mid = len(gaps) // 2
        typical = gaps[mid] if len(gaps) % 2 else (gaps[mid - 1] + gaps[mid]) / 2
        if typical <= self.timeout * SLOW_FRACTION:
            return self.timeout
        return min(self.timeout * MAX_STRETCH, typical / SLOW_FRACTION)

    def idle_for(self, now: float) -> float:
        return max(0.0, now - self.last_touch)

    def phase(self, now: float) -> tuple[str, int]:
        """Return ("active" | "countdown" | "expired" | "attract", seconds left in countdown)."""
        idle = self.idle_for(now)
        if idle >= self.attract:
            return "attract", 0
        limit = self.effective_timeout()
        if idle < limit:
            return "active", 0
        left = limit + self.countdown - idle
        if left > 0:
            return "countdown", int(left + 0.999)
        return "expired", 0
