"""The technician PIN: slow salted hash and a lock-out that survives a restart."""

from __future__ import annotations

import pytest

from kiosk.errors import ConfigError
from kiosk.ops.pin import (
    FREE_TRIES,
    MAX_DELAY,
    QUIET_SECONDS,
    PinGate,
    check_pin_form,
    delay_after,
    hash_pin,
    verify_pin,
)


class Clock:
    """A boot clock the test moves by hand."""

    def __init__(self, t: float = 5_000.0) -> None:
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
    digest = hashlib.pbkdf2_hmac("sha256", b"135799", salt, 1000)
    stored = f"pbkdf2_sha256$1000${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert verify_pin("135799", stored)
    assert not verify_pin("135798", stored)


@pytest.mark.parametrize("bad", ["123", "13579", "1234567890123", "12a497", "１２３４５６", " 139745", ""])
def test_pin_form_is_checked(bad):
    with pytest.raises(ConfigError, match="6 to 12 digits"):
        hash_pin(bad)


def test_right_pin_opens(kiosk_home, stored):
    result = PinGate(kiosk_home, Clock()).attempt("246810", stored)
    assert result.ok and result.wait_seconds == 0


def test_no_pin_configured_never_opens(kiosk_home):
    result = PinGate(kiosk_home, Clock()).attempt("000000", "")
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


@pytest.mark.parametrize("weak", ["000000", "111111", "123456", "654321", "890123", "2345678901",
                                  "121212", "123123", "520520", "112233", "147258", "12344321"])
def test_weak_pins_are_refused(weak):
    with pytest.raises(ConfigError, match="too easy"):
        check_pin_form(weak)


def test_good_pins_pass():
    for pin in ("246810", "739164", "90817263", "583920174655"):
        assert check_pin_form(pin) == pin
    assert check_pin_form("7391", min_digits=4) == "7391"  # a site that set a shorter minimum


def test_delay_is_capped():
    assert [delay_after(n) for n in range(FREE_TRIES + 3)] == [0, 0, 0, 30, 60, 120][: FREE_TRIES + 3]
    assert delay_after(100) == MAX_DELAY
    # 2 ** (1026 - 3) x 30 s overflowed a float before; any count is now bounded.
    for n in (1025, 1026, 1027, 10**6, 10**12):
        assert delay_after(n) == MAX_DELAY


def test_lockout_keeps_working_past_1026_failures(kiosk_home, stored):
    """Drive the real gate to 1,030 wrong PINs (state.json written every time)."""
    import json

    from kiosk.ops.pin import _STATE_KEY

    clock = Clock()
    gate = PinGate(kiosk_home, clock)
    # Start from a saved count just below the old overflow point (1,020 real tries would take
    # 1,020 scrypt runs), then make the real tries across it.
    gate.attempt("000000", stored)
    entry = json.loads(kiosk_home.state_file.read_text())[_STATE_KEY]
    entry["failures"] = 1020
    kiosk_home.state_file.write_text(json.dumps({_STATE_KEY: entry}))
    for n in range(1021, 1031):
        clock.t += MAX_DELAY
        r = gate.attempt("000000", stored)
        assert not r.ok and r.wait_seconds == MAX_DELAY, n
        assert json.loads(kiosk_home.state_file.read_text())[_STATE_KEY]["failures"] == n
    assert PinGate(kiosk_home, clock).remaining() == MAX_DELAY


def _lock(kiosk_home, stored, clock, tries=FREE_TRIES):
    gate = PinGate(kiosk_home, clock)
    for _ in range(tries):
        if isinstance(clock, Clock):
            clock.t += gate.remaining()  # wait out each lock, as a patient guesser would
        gate.attempt("000000", stored)
    return gate


def test_wall_clock_does_not_matter(kiosk_home, stored, monkeypatch):
    import time as time_mod

    clock = Clock()
    gate = _lock(kiosk_home, stored, clock)
    assert gate.remaining() == 30
    monkeypatch.setattr(time_mod, "time", lambda: 0.0)  # the RTC battery died
    clock.t += 10
    assert gate.remaining() == 20  # still counting down on the boot clock


def test_failures_decay_after_a_quiet_period(kiosk_home, stored):
    clock = Clock()
    gate = _lock(kiosk_home, stored, clock, tries=FREE_TRIES + 3)  # 240 s lock, 6 failures
    assert gate.failures() == FREE_TRIES + 3
    clock.t += 240 + QUIET_SECONDS - 1
    assert gate.failures() == FREE_TRIES + 3
    clock.t += 1
    assert gate.failures() == 0 and gate.remaining() == 0
    r = gate.attempt("000000", stored)
    assert r.wait_seconds == 0 and f"还可再试 {FREE_TRIES - 1} 次" in r.message


def test_lock_survives_a_reboot_without_trusting_the_clock(kiosk_home, stored):
    clock = Clock()
    _lock(kiosk_home, stored, clock, tries=FREE_TRIES + 1)  # 60 s
    after = Clock(3.0)  # the boot clock restarts after a reboot
    gate = PinGate(kiosk_home, after, boot=lambda: "another-boot")
    assert gate.remaining() == 60  # starts again from its full length, no longer
    after.t += 45
    assert PinGate(kiosk_home, after, boot=lambda: "another-boot").remaining() == 15


def test_tampered_state_is_bounded(kiosk_home, stored):
    import json

    from kiosk.ops.clock import boot_id
    from kiosk.ops.pin import _STATE_KEY

    clock = Clock()
    kiosk_home.state_file.write_text(json.dumps({_STATE_KEY: {
        "failures": 10**30, "until": 1e300, "last": 0, "boot": boot_id()}}))
    gate = PinGate(kiosk_home, clock)
    assert gate.remaining() == MAX_DELAY
    kiosk_home.state_file.write_text(json.dumps({_STATE_KEY: {"failures": "x"}}))
    assert PinGate(kiosk_home, clock).remaining() == delay_after(FREE_TRIES)


def test_right_pin_opens_on_a_full_disk(tmp_path, stored):
    """A real full file system (a 1 MB tmpfs filled to the last block)."""
    import os
    import shutil
    import subprocess

    from fullfs import fill

    from kiosk.paths import HomeLayout

    mnt = tmp_path / "full"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
                                            str(mnt)], capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root and a container that allows mount")
    try:
        home = HomeLayout(mnt / "home").ensure()
        clock = Clock()
        gate = PinGate(home, clock)
        gate.attempt("000000", stored)  # one failure saved while there is room
        fill(mnt)
        assert shutil.disk_usage(mnt).free < 4096
        for _ in range(FREE_TRIES - 1):  # failures still count, in memory
            gate.attempt("000000", stored)
        assert gate.remaining() == 30
        clock.t += 30
        assert gate.attempt("246810", stored).ok
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


FAKETIME_SCRIPT = """
import sys, time
from kiosk.ops.pin import PinGate
from kiosk.paths import HomeLayout
gate = PinGate(HomeLayout(__import__("pathlib").Path(sys.argv[1])))
a = gate.remaining()
t = time.clock_gettime(time.CLOCK_BOOTTIME)
while time.clock_gettime(time.CLOCK_BOOTTIME) - t < 1.2:  # time.sleep fails under libfaketime
    pass
b = gate.remaining()
print(a, b, int(time.time()))
"""


@pytest.mark.parametrize("shift", ["-3650d", "+4745d"])  # back ten years; 13 years fast
def test_countdown_runs_with_the_wall_clock_moved(kiosk_home, stored, shift):
    """faketime moves the wall clock of a real process; the countdown neither freezes nor jumps."""
    import os
    import shutil
    import subprocess
    import sys
    import time

    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed (bash .ci/setup --test installs it)")
    gate = _lock(kiosk_home, stored, PinGate(kiosk_home).clock)  # 30 s on the real boot clock
    env = dict(os.environ, FAKETIME_DONT_FAKE_MONOTONIC="1")
    proc = subprocess.run(["faketime", "-f", shift, sys.executable, "-c", FAKETIME_SCRIPT,
                           str(kiosk_home.root)], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.split()
    before, after, wall = (int(x) for x in out)
    assert abs(wall - time.time()) > 300 * 86400  # the child really saw another date
    assert 15 <= before <= 30 and after < before  # counting down, not frozen, not skipped
    assert gate.remaining() <= after
