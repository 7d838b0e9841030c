"""The technician PIN: a salted slow hash, and a bounded lock-out that survives restarts.

The config keeps only ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` (base64), never the PIN.
After :data:`FREE_TRIES` wrong PINs every further wrong one locks the pad for a
growing delay (30 s, 60 s, 120 s … capped at :data:`MAX_DELAY`). After a quiet
period of :data:`QUIET_SECONDS` with no wrong PIN the count starts again, so a
passer-by pressing keys cannot lock the staff out for good.

Waits are measured on the boot clock (``CLOCK_BOOTTIME``: monotonic, counts suspend),
never the wall clock: setting the date back or forward neither freezes nor skips a
lock. The count and the lock are kept in ``state.json`` with the boot they belong to,
so restarting the UI does not reset them; after a reboot the lock starts again from
its full length (the boot clock restarts, and the wall clock is not trusted).
A full disk never stops the right PIN: the state is then kept in memory.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import math
import os
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.errors import ConfigError
from kiosk.ops.clock import boot_clock, boot_id
from kiosk.paths import HomeLayout
from kiosk.state import read_state, update_state

log = logging.getLogger("kiosk.admin")

PIN_MIN, PIN_MAX = 6, 12
FREE_TRIES = 3
BASE_DELAY = 30.0
#: The longest single lock: short enough that a passer-by cannot shut staff out for long.
MAX_DELAY = 900.0
#: This long after a lock ends with no further wrong PIN, the count starts again.
QUIET_SECONDS = 1800.0
#: The count is kept bounded (the delay is capped long before this).
MAX_COUNT = 1_000_000
# 2**16 x 8 (64 MiB): about 0.25-0.3 s of CPU per try on this 2-core machine (measured with
# hashlib.scrypt and time.process_time, Dec 2026); 2**14 was about 0.06 s.
_SCRYPT = {"n": 2**16, "r": 8, "p": 1}
_SCRYPT_MAXMEM = 256 * 1024 * 1024
_STATE_KEY = "admin_lockout"

#: PINs people pick first (besides repeats, runs and repeated blocks, refused by rule).
COMMON_PINS = frozenset({
    "112233", "520131", "521521", "147258", "147852", "159357", "159753", "258369", "369258",
    "123321", "321123", "123654", "456789", "789456", "456123", "741852", "963852", "852456",
    "102030", "100200", "110110", "119119", "520520", "198964", "080808", "147369", "753951",
    "12344321", "11223344", "13145201314", "5201314", "1314520", "20082008",
})


def _weakness(pin: str) -> str:
    if len(set(pin)) == 1:
        return "all digits are the same"
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({1}, {9}):
        return "the digits run in order"
    for size in range(1, len(pin) // 2 + 1):
        if len(pin) % size == 0 and pin[:size] * (len(pin) // size) == pin:
            return f"it repeats {pin[:size]}"
    if pin in COMMON_PINS:
        return "it is one of the most common PINs"
    return ""


def check_pin_form(pin: str, min_digits: int = PIN_MIN) -> str:
    """Return the PIN if it is ``min_digits``-12 ASCII digits and not a weak one; else ConfigError."""
    if not (pin.isascii() and pin.isdigit() and min_digits <= len(pin) <= PIN_MAX):
        raise ConfigError(f"the PIN must be {min_digits} to {PIN_MAX} digits (0-9)")
    weak = _weakness(pin)
    if weak:
        raise ConfigError(f"that PIN is too easy to guess ({weak}); choose another")
    return pin


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def hash_pin(pin: str, min_digits: int = PIN_MIN) -> str:
    """A fresh salted scrypt hash of ``pin`` in the form the config stores."""
    check_pin_form(pin, min_digits)
    salt = os.urandom(16)
    n, r, p = _SCRYPT["n"], _SCRYPT["r"], _SCRYPT["p"]
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32,
                            maxmem=_SCRYPT_MAXMEM)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if ``pin`` matches ``stored`` (scrypt or pbkdf2_sha256); constant-time compare."""
    try:
        kind, *fields = stored.split("$")
        if kind == "scrypt":
            n, r, p, salt, want = fields
            got = hashlib.scrypt(
                pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                dklen=len(base64.b64decode(want)), maxmem=_SCRYPT_MAXMEM,
            )
        elif kind == "pbkdf2_sha256":
            iterations, salt, want = fields
            got = hashlib.pbkdf2_hmac("sha256", pin.encode(), base64.b64decode(salt), int(iterations))
        else:
            return False
    except (ValueError, TypeError, MemoryError) as exc:
        log.error("stored PIN hash is malformed: %s", type(exc).__name__)
        return False
    return hmac.compare_digest(got, base64.b64decode(want))


def delay_after(failures: int) -> float:
    """Seconds the pad stays locked after ``failures`` wrong PINs in a row (bounded at any count)."""
    if failures < FREE_TRIES:
        return 0.0
    doublings = min(failures - FREE_TRIES, 32)  # 2**32 x 30 s is far past the cap: no overflow
    return min(MAX_DELAY, BASE_DELAY * 2**doublings)


@dataclass(frozen=True)
class PinResult:
    """Outcome of one try. ``wait_seconds`` > 0 means the pad is locked that long."""

    ok: bool
    wait_seconds: int
    message: str


@dataclass
class _Lock:
    failures: int = 0
    until: float = 0.0  # boot clock
    last: float = 0.0  # boot clock: the last wrong PIN, or when the lock was re-anchored


class PinGate:
    """Checks PINs against the configured hash, with the persisted lock-out.

    ``clock`` is the monotonic clock the waits are measured on (the boot clock; tests
    inject one); ``boot`` names the boot its readings belong to.
    """

    def __init__(self, layout: HomeLayout, clock: Callable[[], float] = boot_clock,
                 boot: Callable[[], str] = boot_id) -> None:
        self.layout = layout
        self.clock = clock
        self.boot = boot
        self._memory: _Lock | None = None  # used while state.json cannot be written

    def _load(self) -> _Lock:
        now = self.clock()
        if self._memory is not None:
            lock = self._memory
        else:
            entry = read_state(self.layout).get(_STATE_KEY) or {}
            try:
                failures = max(0, min(MAX_COUNT, int(entry.get("failures", 0))))
                until, last = float(entry.get("until", 0.0)), float(entry.get("last", 0.0))
                same_boot = entry.get("boot") == self.boot()
            except (TypeError, ValueError, AttributeError, OverflowError):
                failures, until, last, same_boot = FREE_TRIES, 0.0, 0.0, False  # tampered
            if same_boot:
                lock = _Lock(failures, until, last)
            else:  # a reboot: the boot clock restarted; the lock starts again, saved once
                lock = _Lock(failures, now + delay_after(failures), now)
                if failures:
                    self._save(lock)
        # Never longer than the rule allows, whatever the file says.
        lock.until = min(lock.until, now + delay_after(lock.failures))
        if lock.failures and now - max(lock.until, lock.last) >= QUIET_SECONDS:
            lock = _Lock()
        return lock

    def _save(self, lock: _Lock) -> None:
        entry = {"failures": lock.failures, "until": lock.until, "last": lock.last,
                 "boot": self.boot()}
        try:
            update_state(self.layout, **{_STATE_KEY: entry})
            self._memory = None
        except OSError as exc:  # a full or read-only disk: keep counting in memory
            log.error("cannot save the PIN lock-out (%s); kept in memory", exc.strerror or exc)
            self._memory = lock

    def remaining(self) -> int:
        """Whole seconds until the pad unlocks (0 if open)."""
        lock = self._load()
        return max(0, math.ceil(lock.until - self.clock()))

    def failures(self) -> int:
        """Wrong PINs in a row that still count (after decay)."""
        return self._load().failures

    def attempt(self, pin: str, stored_hash: str) -> PinResult:
        wait = self.remaining()
        if wait:
            return PinResult(False, wait, f"尝试次数过多，请 {wait} 秒后再试")
        if not stored_hash:
            return PinResult(False, 0, "未设置管理密码，请用 kiosk config set-pin 设置")
        if verify_pin(pin, stored_hash):
            if self._load().failures:
                self._save(_Lock())
            log.info("technician PIN accepted")
            return PinResult(True, 0, "")
        lock = self._load()
        now = self.clock()
        failures = min(MAX_COUNT, lock.failures + 1)
        delay = delay_after(failures)
        self._save(_Lock(failures, now + delay, now))
        log.warning("wrong technician PIN (%d in a row, locked %.0f s)", failures, delay)
        if delay:
            return PinResult(False, math.ceil(delay), f"密码错误，请 {math.ceil(delay)} 秒后再试")
        return PinResult(False, 0, f"密码错误，还可再试 {FREE_TRIES - failures} 次")

    def reset(self) -> None:
        self._save(_Lock())
