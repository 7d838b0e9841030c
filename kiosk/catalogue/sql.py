"""The one module that speaks SQL (qutebrowser's misc/sql.py, sqlite-utils' db.py).

Callers get plain dataclasses; every query uses bound parameters. Snapshots
are written once by the builder and afterwards only ever opened read-only.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.catalogue.model import Guide, Item, ItemSummary, Material
from kiosk.catalogue.values import Quantity, quantity_from, quantity_to_row
from kiosk.errors import SnapshotError
from kiosk.paths import MIGRATIONS_DIR
from kiosk.search.keys import SearchKey

_MIGRATION_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The schema migrations shipped in ``offline_db/migrations``, in order."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        m = _MIGRATION_RE.match(path.name)
        if not m:
            continue
        found.append(Migration(int(m.group(1)), m.group(2), path.read_text("utf-8")))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise SnapshotError(f"{directory}: migrations must be numbered 0001, 0002, … without gaps")
    return found


SCHEMA_VERSION = len(migrations())
#: Schema versions a kiosk still reads (an installed snapshot built by the release before).
READABLE_VERSIONS = (1, 2, SCHEMA_VERSION)


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> int:
    """Apply pending migrations (up to ``upto``), recording each in ``schema_migrations``."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    version = max(done, default=0)
    for mig in migrations():
        if mig.version in done or (upto is not None and mig.version > upto):
            continue
        conn.execute("BEGIN")
        try:
            for statement in _split_sql(mig.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (mig.version, mig.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {int(mig.version)}")
        except sqlite3.Error:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        version = mig.version
    return version


def _split_sql(script: str) -> Iterator[str]:
    """Split a migration into statements (sqlite3.complete_statement knows the grammar)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        if not buf and line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf
            buf = ""
    if buf.strip():
        yield buf


# --------------------------------------------------------------------------- writing


def create(path: Path) -> sqlite3.Connection:
    """A new, empty snapshot file with the current schema (for the builder only)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")  # built in a temp file, renamed when complete
    conn.execute("PRAGMA synchronous = OFF")
    # 64 MiB of page cache (SQLite's default is 2 MiB): item_terms' (kind, value) index is
    # inserted out of order, and at 100,000 items a small cache re-reads its pages per batch.
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)
    return conn


def _table(conn: sqlite3.Connection, name: str) -> Any:
    """A sqlite-utils table over the builder's connection (its schema is the migrations')."""
    import sqlite_utils  # builds only; the kiosk's reads never need it

    return sqlite_utils.Database(conn)[name]


def write_meta(conn: sqlite3.Connection, meta: dict[str, str]) -> None:
    _table(conn, "meta").insert_all(
        ({"key": k, "value": v} for k, v in sorted(meta.items())), replace=True)


_TERM_FIELDS = (
    ("alias", "aliases"),
    ("keyword", "keywords"),
    ("theme", "themes"),
    ("tag", "list_tags"),
    ("handling", "handling_types"),
    ("object", "service_object"),
    ("terminal", "terminal_kinds"),
    ("auth", "auth"),
)


_INSERTS = {
    "items": (
        "INSERT INTO items (id, code, name, department, department_code, item_type,"
        " terminal_complete, pc_url, mobile_url, status, hot, conditions, case_type, legal_days,"
        " promise_days, fee, phone, address, hours, visits, note, legal_limit, promise_limit,"
        " visits_fact, parent)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ),
    "terms": "INSERT INTO item_terms (item_id, kind, ord, value) VALUES (?, ?, ?, ?)",
    "materials": (
        "INSERT INTO materials (item_id, ord, name, required, form, copies, source, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    ),
    "steps": "INSERT INTO steps (item_id, ord, text) VALUES (?, ?, ?)",
    "keys": "INSERT INTO search_keys (item_id, field, norm, initials) VALUES (?, ?, ?, ?)",
}


def write_items(
    conn: sqlite3.Connection, rows: Iterable[tuple[Item, list[SearchKey]]], batch: int = 2000
) -> int:
    """Insert items with their terms, materials, steps and search keys. Returns the count.

    Plain ``executemany`` rather than sqlite-utils' ``insert_all`` (used for the small
    tables below): this is the 100,000-row hot path and the schema is fixed.
    """
    count = 0
    it = iter(rows)
    while chunk := list(itertools.islice(it, batch)):
        params: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _INSERTS}
        for offset, (item, skeys) in enumerate(chunk):
            item_id = count + offset + 1
            g = item.guide
            params["items"].append((
                item_id, item.code, item.name, item.department, item.department_code,
                item.item_type, _yes_no(item.terminal_complete), item.pc_url, item.mobile_url,
                # the 0001 number columns stay 0: a fact lives in its JSON column (0002)
                item.status, item.hot, g.conditions, g.case_type, 0, 0,
                g.fee, g.phone, g.address, g.hours, 0, g.note,
                _fact(g.legal_limit), _fact(g.promise_limit), _fact(g.visits), item.parent,
            ))
            for kind, attr in _TERM_FIELDS:
                for ord_, value in enumerate(getattr(item, attr)):
                    params["terms"].append((item_id, kind, ord_, value))
            for ord_, m in enumerate(g.materials):
                params["materials"].append(
                    (item_id, ord_, m.name, _yes_no(m.required), m.form, m.copies, m.source, m.note))
            for ord_, text in enumerate(g.steps):
                params["steps"].append((item_id, ord_, text))
            for k in skeys:
                params["keys"].append((item_id, k.field, k.norm, k.initials))
        conn.execute("BEGIN")
        try:
            for name, sql in _INSERTS.items():
                conn.executemany(sql, params[name])
        except sqlite3.IntegrityError as exc:
            conn.execute("ROLLBACK")
            raise SnapshotError(f"catalogue rows conflict: {exc}") from None
        conn.execute("COMMIT")
        count += len(chunk)
    return count


def _yes_no(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _read_yes_no(cell: Any) -> bool | None:
    """0/1, or NULL (schema 3) when the list did not say."""
    return None if cell is None else bool(cell)


def _fact(q: Quantity | None) -> str | None:
    return None if q is None else json.dumps(quantity_to_row(q), ensure_ascii=False)


def _read_fact(cell: Any, *, visits: bool = False) -> Quantity | None:
    """A fact column: JSON (schema 2), or a schema-1 whole number where 0 meant "not given"."""
    if cell is None:
        return None
    if isinstance(cell, str):
        try:
            cell = json.loads(cell)
        except json.JSONDecodeError:
            raise SnapshotError(f"a fact column holds {cell[:40]!r}, not JSON") from None
    try:
        return quantity_from(cell, visits=visits)
    except ValueError as exc:
        raise SnapshotError(f"a fact column holds {cell!r}: {exc}") from None


def key_chars(conn: sqlite3.Connection) -> set[str]:
    """Every character of the search keys written so far (one pass over one joined string)."""
    return set("".join(norm for (norm,) in conn.execute("SELECT norm FROM search_keys")))


def write_char_readings(conn: sqlite3.Connection, readings: dict[str, tuple[str, ...]]) -> None:
    _table(conn, "char_readings").insert_all(
        {"char": c, "readings": "|".join(r)} for c, r in sorted(readings.items()) if r)


# --------------------------------------------------------------------------- reading


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an installed snapshot read-only. Snapshots never change after install."""
    if not path.is_file():
        raise SnapshotError(f"catalogue file {path} does not exist")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SnapshotError(f"catalogue file {path} is not a readable SQLite database ({exc})") from None
    return conn


def check(conn: sqlite3.Connection, pragma: str = "quick_check") -> list[str]:
    """Run SQLite's quick_check or integrity_check; [] when the file is sound."""
    if pragma not in ("quick_check", "integrity_check"):
        raise ValueError(pragma)
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _schema_objects(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return {(t, n, sql or "") for t, n, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


_EXPECTED: dict[int, set[tuple[str, str, str]]] = {}


def schema_differences(conn: sqlite3.Connection) -> list[str]:
    """Tables, views, triggers or indexes that differ from what the migrations create.

    A file the kiosk built has exactly its own schema; anything else (a view named items,
    a trigger, a column of another type) is named here.
    """
    version = schema_version(conn)
    if version not in _EXPECTED:
        mem = sqlite3.connect(":memory:", isolation_level=None)
        migrate(mem, upto=version)
        _EXPECTED[version] = _schema_objects(mem)
        mem.close()
    expected = _EXPECTED[version]
    found = _schema_objects(conn)
    extra = sorted(found - expected)
    missing = sorted(expected - found)
    return ([f"unexpected {t} {n}" for t, n, _ in extra]
            + [f"{t} {n} missing or changed" for t, n, _ in missing])


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta"))


def count_items(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])


_ITEM_COLS_1 = (
    "id, code, name, department, department_code, item_type, terminal_complete, pc_url, "
    "mobile_url, status, hot, conditions, case_type, legal_days, promise_days, fee, phone, "
    "address, hours, visits, note"
)
_ITEM_COLS_2 = (
    "id, code, name, department, department_code, item_type, terminal_complete, pc_url, "
    "mobile_url, status, hot, conditions, case_type, legal_limit, promise_limit, fee, phone, "
    "address, hours, visits_fact, note, parent"
)


def _item_cols(conn: sqlite3.Connection) -> str:
    """The item columns of this snapshot's schema (1: whole-number facts, no parent)."""
    return _ITEM_COLS_1 if schema_version(conn) == 1 else _ITEM_COLS_2


def _build_item(row: tuple[Any, ...], terms: list[tuple[str, str]], mats: list[tuple[Any, ...]],
                steps: list[str]) -> Item:
    lists: dict[str, list[str]] = {attr: [] for _, attr in _TERM_FIELDS}
    attr_of = dict(_TERM_FIELDS)
    for kind, value in terms:
        lists[attr_of[kind]].append(value)
    (_id, code, name, dept, dept_code, item_type, term_complete, pc_url, mobile_url, status, hot,
     conditions, case_type, legal, promise, fee, phone, address, hours, visits,
     note, *rest) = row
    guide = Guide(
        conditions=conditions,
        materials=tuple(
            Material(name=m[0], required=_read_yes_no(m[1]), form=m[2], copies=m[3], source=m[4], note=m[5])
            for m in mats
        ),
        steps=tuple(steps),
        case_type=case_type, legal_limit=_read_fact(legal), promise_limit=_read_fact(promise),
        fee=fee, phone=phone, address=address, hours=hours,
        visits=_read_fact(visits, visits=True), note=note,
    )
    return Item(
        code=code, name=name, department=dept, department_code=dept_code, item_type=item_type,
        terminal_complete=_read_yes_no(term_complete), pc_url=pc_url, mobile_url=mobile_url,
        status=status, hot=hot, guide=guide, parent=rest[0] if rest else "",
        **{attr: tuple(values) for attr, values in lists.items()},
    )


def get_item(conn: sqlite3.Connection, code: str) -> Item | None:
    row = conn.execute(f"SELECT {_item_cols(conn)} FROM items WHERE code = ?", (code,)).fetchone()
    if row is None:
        return None
    item_id = row[0]
    terms = conn.execute(
        "SELECT kind, value FROM item_terms WHERE item_id = ? ORDER BY kind, ord", (item_id,)
    ).fetchall()
    mats = conn.execute(
        "SELECT name, required, form, copies, source, note FROM materials"
        " WHERE item_id = ? ORDER BY ord", (item_id,)
    ).fetchall()
    steps = [r[0] for r in conn.execute(
        "SELECT text FROM steps WHERE item_id = ? ORDER BY ord", (item_id,))]
    return _build_item(row, terms, mats, steps)


def iter_item_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, Item]]:
    """Stream every item (id, Item) with a merge over four ordered cursors.

    Memory stays flat however large the catalogue is; used by snapshot verification.
    """
    items = conn.execute(f"SELECT {_item_cols(conn)} FROM items ORDER BY id")
    terms = _grouped(conn.execute(
        "SELECT item_id, kind, value FROM item_terms ORDER BY item_id, kind, ord"))
    mats = _grouped(conn.execute(
        "SELECT item_id, name, required, form, copies, source, note FROM materials"
        " ORDER BY item_id, ord"))
    steps = _grouped(conn.execute("SELECT item_id, text FROM steps ORDER BY item_id, ord"))
    for row in items:
        item_id = row[0]
        yield item_id, _build_item(
            row,
            [(k, v) for k, v in terms.take(item_id)],
            mats.take(item_id),
            [t for (t,) in steps.take(item_id)],
        )
    for leftover in (terms, mats, steps):
        if leftover.peek_id() is not None:
            raise SnapshotError(f"row refers to item id {leftover.peek_id()} which does not exist")


class _grouped:
    """Walk a cursor ordered by item_id, handing out the rows of one item at a time."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cur = cursor
        self._next: tuple[Any, ...] | None = cursor.fetchone()

    def peek_id(self) -> int | None:
        return None if self._next is None else int(self._next[0])

    def take(self, item_id: int) -> list[Any]:
        out = []
        while self._next is not None and self._next[0] <= item_id:
            if self._next[0] == item_id:
                out.append(tuple(self._next[1:]))
            else:
                raise SnapshotError(f"row refers to item id {self._next[0]} which does not exist")
            self._next = self._cur.fetchone()
        return out


def summaries(conn: sqlite3.Connection) -> list[tuple[int, ItemSummary]]:
    """Every item's list-row data, in catalogue order, with its themes."""
    themes: dict[int, list[str]] = {}
    for item_id, value in conn.execute(
        "SELECT item_id, value FROM item_terms WHERE kind = 'theme' ORDER BY item_id, ord"
    ):
        themes.setdefault(item_id, []).append(value)
    parent = ", ''" if schema_version(conn) == 1 else ", parent"
    return [
        (row[0], ItemSummary(code=row[1], name=row[2], department=row[3], status=row[4],
                             terminal_complete=_read_yes_no(row[5]), hot=row[6],
                             themes=tuple(themes.get(row[0], ())), parent=row[7]))
        for row in conn.execute(
            "SELECT id, code, name, department, status, terminal_complete, hot"
            f"{parent} FROM items ORDER BY id"
        )
    ]


def search_key_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str, str, str]]:
    """(item_id, field, norm, initials) for every searchable text."""
    return iter(conn.execute(
        "SELECT item_id, field, norm, initials FROM search_keys ORDER BY item_id"))


def char_readings(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Character -> every toneless pinyin reading, for the characters of the search keys."""
    return {c: tuple(r.split("|")) for c, r in conn.execute("SELECT char, readings FROM char_readings")}


def term_index(conn: sqlite3.Connection, kind: str) -> list[tuple[str, int]]:
    """(value, item_id) pairs for one term kind (theme, tag, …), in item order."""
    return [(v, i) for i, v in conn.execute(
        "SELECT item_id, value FROM item_terms WHERE kind = ? ORDER BY item_id, ord", (kind,))]


def service_objects(conn: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """item_id -> its 服务对象 (自然人/法人), for the search ranking."""
    out: dict[int, list[str]] = {}
    for item_id, value in conn.execute(
        "SELECT item_id, value FROM item_terms WHERE kind = 'object' ORDER BY item_id, ord"
    ):
        out.setdefault(item_id, []).append(value)
    return {k: tuple(v) for k, v in out.items()}
