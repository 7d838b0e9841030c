"""What the home screen shows of the live catalogue, kept so the UI can draw home at once.

The resident UI's first frame needs only the home screen: hot items, themes and
departments with their item counts, and the data version. Opening the snapshot (its
checks, the search index) and importing what that needs costs about 30 ms more. With
this cache the UI draws home from one small JSON file and opens the catalogue right
after its first frame; if the catalogue then turns out different (or unusable), the UI
updates home (or goes out of service) straight away.

The cache names the snapshot it was made from: the store's token (which changes on
every install), the file, its size and its modification time. Anything else, or a
cache that is not exactly the expected shape, is ignored and the UI opens the
catalogue first. It lives in ``$KIOSK_HOME/cache/`` and may be deleted at any time.

Headless and cheap to import (json and the file system): it runs before the first frame.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from kiosk.fsutil import write_json_atomic
from kiosk.paths import HomeLayout

log = logging.getLogger("kiosk.session.homecache")

FORMAT = 2
FILE_NAME = "home.json"
#: Fields of a hot-item row, in order (as ui.backends.models.SummaryListModel shows them).
HOT_FIELDS = ("name", "code", "department", "status", "terminal", "hot", "themes")
#: Where the hot rows come from (kiosk.session.shortlist.Shortlist's values; not imported: no enum
#: module is worth loading before the first frame).
SHORTLISTS = ("hot", "viewed", "none")


def cache_file(layout: HomeLayout) -> Path:
    return layout.cache_dir / FILE_NAME


def _identity(token: str, snapshot: Path) -> dict[str, Any] | None:
    try:
        st = snapshot.stat()
    except OSError:
        return None
    return {"format": FORMAT, "token": token, "file": str(snapshot),
            "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _facets_ok(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(f, list) and len(f) == 2 and isinstance(f[0], str) and type(f[1]) is int for f in value)


def _hot_ok(value: Any) -> bool:
    kinds = (str, str, str, str, bool, int, str)
    return isinstance(value, list) and all(
        isinstance(r, list) and len(r) == len(kinds) and all(type(v) is k for v, k in zip(r, kinds, strict=True))
        for r in value)


def check_home(home: Any) -> str | None:
    """What is wrong with a home payload, or None if it has exactly the expected shape."""
    if not isinstance(home, dict):
        return "not an object"
    meta = home.get("meta")
    if not (isinstance(meta, dict) and isinstance(meta.get("version"), str)
            and isinstance(meta.get("date"), str) and isinstance(meta.get("sample"), bool)):
        return "meta must have version and date (text) and sample (true/false)"
    if not _hot_ok(home.get("hot")):
        return f"hot must be a list of rows ({', '.join(HOT_FIELDS)})"
    for key in ("themes", "departments"):
        if not _facets_ok(home.get(key)):
            return f"{key} must be a list of [label, count] pairs"
    if home.get("shortlist") not in SHORTLISTS:
        return f"shortlist must be one of {', '.join(SHORTLISTS)}"
    return None


def read(layout: HomeLayout, token: str) -> dict[str, Any] | None:
    """The cached home for the snapshot the store opens under ``token``; None if there is none."""
    path = cache_file(layout)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("ignoring home cache %s: %s", path, exc)
        return None
    if not isinstance(data, dict) or data.get("token") != token:
        return None
    identity = _identity(token, Path(str(data.get("file", ""))))
    if identity is None or any(data.get(k) != v for k, v in identity.items()):
        return None  # a different or changed file: not this cache's snapshot
    home = data.get("home")
    problem = check_home(home)
    if problem is not None:
        log.warning("ignoring home cache %s: home %s", path, problem)
        return None
    assert isinstance(home, dict)
    return home


def write(layout: HomeLayout, token: str, snapshot: Path, home: dict[str, Any]) -> bool:
    """Record ``home`` as what ``snapshot`` (opened under ``token``) shows; False if already so."""
    problem = check_home(home)
    if problem is not None:
        raise ValueError(f"home payload: {problem}")
    identity = _identity(token, snapshot)
    if identity is None:
        return False
    data = {**identity, "home": home}
    path = cache_file(layout)
    try:
        if json.loads(path.read_text("utf-8")) == data:
            return False
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, data)
    return True
