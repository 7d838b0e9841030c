"""This kiosk's own anonymous view counts: how often each item was opened, by item code.

Counts only: never a query, a time of day or a session. Each count halves every
``HALF_LIFE_DAYS``, so what residents come for now outweighs last year. Keyed by
the item code (实施编码), so counts survive catalogue updates; the file lives under
$KIOSK_HOME and is written with the one atomic writer. A broken or hostile file
is ignored (and replaced on the next view), never trusted.
"""

from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path

from kiosk.fsutil import write_json_atomic
from kiosk.paths import home_layout

log = logging.getLogger("kiosk.search")

FILE_NAME = "views.json"
HALF_LIFE_DAYS = 90.0
#: Codes kept; the least viewed go first (bounds the file on a kiosk that runs for years).
MAX_CODES = 5000
MAX_CODE_LEN = 64
_FORMAT = 1


def views_file(root: Path | None = None) -> Path:
    return home_layout(root).root / FILE_NAME


def _days(now: float | None) -> float:
    return (time.time() if now is None else now) / 86400.0


def _decayed(count: float, then: float, now_days: float) -> float:
    age = max(0.0, now_days - then)
    return count * math.pow(0.5, age / HALF_LIFE_DAYS)


def _read(path: Path) -> dict[str, tuple[float, float]]:
    """code -> (count, day of last update); {} for a missing or malformed file."""
    try:
        if path.stat().st_size > 2_000_000:
            log.warning("view counts file %s is too large; ignored", path)
            return {}
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("view counts file %s is unreadable (%s); ignored", path, exc)
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    items = data.get("items")
    if not isinstance(items, dict):
        return {}
    out: dict[str, tuple[float, float]] = {}
    for code, value in items.items():
        if (isinstance(code, str) and 0 < len(code) <= MAX_CODE_LEN and isinstance(value, list)
                and len(value) == 2 and all(isinstance(v, int | float) for v in value)
                and all(math.isfinite(v) and v >= 0 for v in value)):
            out[code] = (float(value[0]), float(value[1]))
        if len(out) >= MAX_CODES:
            break
    return out


def scores(root: Path | None = None, now: float | None = None) -> dict[str, float]:
    """Decayed view count per item code (what the search ranking reads at open)."""
    today = _days(now)
    return {code: _decayed(c, t, today) for code, (c, t) in _read(views_file(root)).items()}


def record_view(code: str, root: Path | None = None, now: float | None = None) -> None:
    """Count one opening of the item ``code``. Never raises: a count is not worth a fault."""
    if not isinstance(code, str) or not 0 < len(code) <= MAX_CODE_LEN:
        return
    path = views_file(root)
    today = _days(now)
    try:
        # A stamp never moves back: a kiosk whose clock is wrong at boot (a flat RTC battery:
        # 1970 until NTP answers) would stamp every count 1970, and the right clock would then
        # decay them all by decades. Behind a stamp, nothing decays (_decayed), nothing moves.
        counts = {c: (_decayed(n, t, today), max(t, today)) for c, (n, t) in _read(path).items()}
        latest = max([today, *(t for _n, t in counts.values())])  # a new code: the latest stamp
        n, t = counts.get(code, (0.0, latest))
        counts[code] = (n + 1.0, t)
        if len(counts) > MAX_CODES:
            keep = sorted(counts, key=lambda c: counts[c][0], reverse=True)[:MAX_CODES]
            counts = {c: counts[c] for c in keep}
        payload = {"format": _FORMAT, "half_life_days": HALF_LIFE_DAYS,
                   "items": {c: [round(n, 4), round(t, 3)] for c, (n, t) in sorted(counts.items())}}
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(path, payload)
    except OSError as exc:
        log.warning("could not record a view count (%s)", exc)
