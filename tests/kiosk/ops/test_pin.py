"""The technician PIN: slow salted hash and a lock-out that survives a restart."""

from __future__ import annotations

import pytest

from kiosk.errors import ConfigError
from kiosk.ops.pin import FREE_TRIES, MAX_DELAY, PinGate, delay_after, hash_pin, verify_pin


class Clock:
    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin("246810")


def test_hash_never_holds_the_pin(stored):
    assert "246810" not in stored
    assert stored.startswith("scrypt$")
    again = hash_pin("246810")
    assert again != stored  # fresh salt every time
    assert verify_pin("246810", stored) and verify_pin("246810", again)


def test_wrong_pin_and_malformed_hash(stored):
    assert not verify_pin("246811", stored)
    assert not verify_pin("", stored)
    assert not verify_pin("246810", "scrypt$garbage")
    assert not verify_pin("246810", "md5$abc")


def test_pbkdf2_hashes_verify():
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.pbkdf2_hmac("sha256", b"1357", salt, 1000)
    stored = f"pbkdf2_sha256$1000${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert verify_pin("1357", stored)
    assert not verify_pin("1358", stored)


@pytest.mark.parametrize("bad", ["123", "1234567890123", "12a4", "１２３４", " 1234", ""])
def test_pin_form_is_checked(bad):
    with pytest.raises(ConfigError, match="4 to 12 digits"):
        hash_pin(bad)


def test_right_pin_opens(kiosk_home, stored):
    result = PinGate(kiosk_home, Clock()).attempt("246810", stored)
    assert result.ok and result.wait_seconds == 0


def test_no_pin_configured_never_opens(kiosk_home):
    result = PinGate(kiosk_home, Clock()).attempt("0000", "")
    assert not result.ok and "set-pin" in result.message


def test_lockout_grows_and_survives_restart(kiosk_home, stored):
    clock = Clock()
    gate = PinGate(kiosk_home, clock)
    for i in range(FREE_TRIES - 1):
        r = gate.attempt("000000", stored)
        assert not r.ok and r.wait_seconds == 0 and f"还可再试 {FREE_TRIES - i - 1} 次" in r.message
    r = gate.attempt("000000", stored)
    assert r.wait_seconds == 30 and "30 秒" in r.message

    # While locked even the right PIN is refused, and a restart (new gate) keeps the lock.
    clock.t += 29
    again = PinGate(kiosk_home, clock).attempt("246810", stored)
    assert not again.ok and again.wait_seconds == 1
    clock.t += 1
    assert PinGate(kiosk_home, clock).remaining() == 0

    r = gate.attempt("000000", stored)
    assert r.wait_seconds == 60
    clock.t += 60
    r = gate.attempt("000000", stored)
    assert r.wait_seconds == 120

    clock.t += 120
    assert gate.attempt("246810", stored).ok
    # Success resets the count: the next wrong PIN is a free try again.
    assert gate.attempt("000000", stored).wait_seconds == 0


def test_delay_is_capped():
    assert [delay_after(n) for n in range(FREE_TRIES + 3)] == [0, 0, 0, 30, 60, 120][: FREE_TRIES + 3]
    assert delay_after(100) == MAX_DELAY


def test_clock_set_backwards_does_not_extend_lock(kiosk_home, stored):
    clock = Clock()
    gate = PinGate(kiosk_home, clock)
    for _ in range(FREE_TRIES):
        gate.attempt("000000", stored)
    clock.t -= 10 * 365 * 86400  # the RTC battery died
    assert gate.remaining() == 30
