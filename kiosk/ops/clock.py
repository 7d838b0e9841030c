"""The boot clock and the boot's id: time that setting the date does not move.

Light on purpose (the resident UI imports it at start): no hashlib, no json.
"""

from __future__ import annotations

import time
from pathlib import Path

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def boot_clock() -> float:
    """Seconds on the boot clock: monotonic, counts suspend, unaffected by setting the date."""
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def boot_id() -> str:
    """This boot's id (changes at every reboot), so a saved boot-clock value is read right."""
    try:
        return _BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return ""
