"""The technician PIN: a salted slow hash, and a lock-out that survives restarts.

The config keeps only ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` (base64), never the PIN.
After :data:`FREE_TRIES` wrong PINs every further wrong one locks the pad for
a growing delay (30 s, 60 s, 120 s … capped at one hour). The count and the end
of the lock are kept in ``state.json``, so pulling the plug does not reset them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.errors import ConfigError
from kiosk.paths import HomeLayout
from kiosk.state import read_state, update_state

log = logging.getLogger("kiosk.admin")

PIN_MIN, PIN_MAX = 4, 12
FREE_TRIES = 3
BASE_DELAY = 30.0
MAX_DELAY = 3600.0
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_STATE_KEY = "admin_lockout"


def check_pin_form(pin: str) -> str:
    """Return the PIN if it is 4-12 ASCII digits; raise ConfigError otherwise."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ConfigError(f"the PIN must be {PIN_MIN} to {PIN_MAX} digits (0-9)")
    return pin


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def hash_pin(pin: str) -> str:
    """A fresh salted scrypt hash of ``pin`` in the form the config stores."""
    check_pin_form(pin)
    salt = os.urandom(16)
    n, r, p = _SCRYPT["n"], _SCRYPT["r"], _SCRYPT["p"]
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if ``pin`` matches ``stored`` (scrypt or pbkdf2_sha256); constant-time compare."""
    try:
        kind, *fields = stored.split("$")
        if kind == "scrypt":
            n, r, p, salt, want = fields
            got = hashlib.scrypt(
                pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                dklen=len(base64.b64decode(want)), maxmem=64 * 1024 * 1024,
            )
        elif kind == "pbkdf2_sha256":
            iterations, salt, want = fields
            got = hashlib.pbkdf2_hmac("sha256", pin.encode(), base64.b64decode(salt), int(iterations))
        else:
            return False
    except (ValueError, TypeError) as exc:
        log.error("stored PIN hash is malformed: %s", type(exc).__name__)
        return False
    return hmac.compare_digest(got, base64.b64decode(want))


def delay_after(failures: int) -> float:
    """Seconds the pad stays locked after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY, BASE_DELAY * 2 ** (failures - FREE_TRIES))


@dataclass(frozen=True)
class PinResult:
    """Outcome of one try. ``wait_seconds`` > 0 means the pad is locked that long."""

    ok: bool
    wait_seconds: int
    message: str


class PinGate:
    """Checks PINs against the configured hash, with the persisted lock-out.

    ``clock`` returns wall-clock seconds (injected by tests); wall time is used
    because the lock must hold across a restart.
    """

    def __init__(self, layout: HomeLayout, clock: Callable[[], float] = time.time) -> None:
        self.layout = layout
        self.clock = clock

    def _load(self) -> tuple[int, float]:
        entry = read_state(self.layout).get(_STATE_KEY) or {}
        try:
            return int(entry.get("failures", 0)), float(entry.get("until", 0.0))
        except (TypeError, ValueError, AttributeError):
            return FREE_TRIES, 0.0

    def _save(self, failures: int, until: float) -> None:
        update_state(self.layout, **{_STATE_KEY: {"failures": failures, "until": until}})

    def remaining(self) -> int:
        """Whole seconds until the pad unlocks (0 if open)."""
        failures, until = self._load()
        left = until - self.clock()
        # A clock set backwards must not lock the pad for longer than the rule allows.
        left = min(left, delay_after(failures))
        return max(0, math.ceil(left))

    def attempt(self, pin: str, stored_hash: str) -> PinResult:
        wait = self.remaining()
        if wait:
            return PinResult(False, wait, f"尝试次数过多，请 {wait} 秒后再试")
        if not stored_hash:
            return PinResult(False, 0, "未设置管理密码，请用 kiosk config set-pin 设置")
        if verify_pin(pin, stored_hash):
            self._save(0, 0.0)
            log.info("technician PIN accepted")
            return PinResult(True, 0, "")
        failures = self._load()[0] + 1
        delay = delay_after(failures)
        self._save(failures, self.clock() + delay)
        log.warning("wrong technician PIN (%d in a row, locked %.0f s)", failures, delay)
        if delay:
            return PinResult(False, math.ceil(delay), f"密码错误，请 {math.ceil(delay)} 秒后再试")
        return PinResult(False, 0, f"密码错误，还可再试 {FREE_TRIES - failures} 次")

    def reset(self) -> None:
        self._save(0, 0.0)
