"""Plain dataclasses for catalogue records, and the row validation every path shares.

The importer, the snapshot builder and the sync verifier all call
:func:`item_from_dict`, so a row is judged the same way wherever it comes from.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from kiosk.catalogue import urls
from kiosk.catalogue.values import (
    Quantity,
    ValueRefused,
    legacy_int,
    quantity_from,
    quantity_to_row,
)


class ItemStatus(StrEnum):
    """An item's 事项状态 as the kiosk holds it (the importer maps the list's own words)."""

    VALID = "valid"
    SUSPENDED = "suspended"  # 暂停: shown, but cannot be started
    CANCELLED = "cancelled"  # 取消: shown only so a resident learns it is gone


STATUSES = tuple(s.value for s in ItemStatus)
SERVICE_OBJECTS = ("自然人", "法人")
CASE_TYPES = ("即办件", "承诺件", "")

# Bounds keep a hostile or broken snapshot from exhausting memory on the device.
MAX_CODE = 64
MAX_NAME = 200
MAX_SHORT = 200
MAX_TEXT = 4000
MAX_URL = urls.MAX_URL
MAX_LIST = 30
MAX_MATERIALS = 50
MAX_STEPS = 30

#: The version of the rules below and of the URL policy. Raise it whenever they refuse
#: something they accepted before: an installed catalogue checked under older rules is
#: checked again, row by row, when it is opened (kiosk.catalogue.store).
RULES = 2

# Catalogue text is plain text, shown as plain text on screen, slip and CLI (a valid signature
# says who published a list, not that it is harmless). Refused anywhere in it:
# * Cc controls (a tab reads as a space; CR LF and CR as LF where a line break is allowed),
#   so no escape sequence reaches a technician's terminal or a printer;
# * Cf format characters: bidi embeddings, overrides and isolates (社保\u202e询查 shows as
#   社保查询), zero-width spaces and joiners, the BOM, soft hyphens, tag characters;
# * lone surrogates (Cs) and the line and paragraph separators U+2028/U+2029;
# * characters drawn as nothing: Hangul fillers, the braille blank, U+034F, Khmer inherent
#   vowels, Mongolian variation selectors, the object replacement character.
# The class is written out from Unicode 15 (computing it takes 0.5 s);
# tests/kiosk/catalogue/test_hostile_rows.py checks it against the running Python's tables.
_BAD_CHARS = (  # all but C0 controls
    "\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\u2800\u3164\ud800-\udfff\ufeff\uffa0\ufff9-\ufffc"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f"
)
_BAD_LINE = re.compile(f"[\x00-\x1f{_BAD_CHARS}]")
_BAD_BLOCK = re.compile(f"[\x00-\x09\x0b-\x1f{_BAD_CHARS}]")  # a line break allowed
#: Three or more combining marks on one character (a Vietnamese letter carries two): text that
#: draws over the lines around it.
_STACKED = re.compile("[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                      "\ufe20-\ufe2f]{3,}")
#: An HTML or Qt rich-text tag, or a character reference: text written for a browser. A Qt
#: Text left at AutoText draws <img src=…> (fetching it over the network), <font>, <a href>.
_MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z]|<!--|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]+);")
#: Fields whose text may hold line breaks; every other field is one line.
MULTILINE = frozenset({"conditions", "steps", "fee", "address", "hours", "note"})


class RowError(ValueError):
    """A catalogue row is invalid. ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message

    def __reduce__(self) -> tuple[type[RowError], tuple[str, str]]:
        # picklable, so a worker process of a large import can report it
        return (RowError, (self.field, self.reason))


@dataclass(frozen=True)
class Material:
    name: str
    #: 必要 (True) / 非必要 (False); None when the list does not say: nothing is shown then.
    required: bool | None = None
    form: str = ""
    copies: int = 0  # 份数; 0 when the list gives none (or says 0, as for an 电子 material): none shown
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Guide:
    conditions: str = ""
    materials: tuple[Material, ...] = ()
    steps: tuple[str, ...] = ()
    case_type: str = ""
    #: 法定/承诺办结时限 and 到办事现场次数 as the list gives them; None when it gives none.
    legal_limit: Quantity | None = None
    promise_limit: Quantity | None = None
    fee: str = ""
    phone: str = ""
    address: str = ""
    hours: str = ""
    visits: Quantity | None = None
    note: str = ""


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    department: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    department_code: str = ""
    service_object: tuple[str, ...] = ()
    item_type: str = ""
    themes: tuple[str, ...] = ()
    list_tags: tuple[str, ...] = ()
    handling_types: tuple[str, ...] = ()
    #: 自助终端可办结; None when the list does not say: nothing is shown about where then.
    terminal_complete: bool | None = None
    terminal_kinds: tuple[str, ...] = ()
    pc_url: str = ""
    mobile_url: str = ""
    auth: tuple[str, ...] = ()
    guide: Guide = field(default_factory=Guide)
    status: str = ItemStatus.VALID
    hot: int = 0
    #: The parent item's name of a 业务办理项 (a sub-item of a parent/child export), else "".
    parent: str = ""

    @property
    def online_url(self) -> str:
        """The address a resident's phone continues at: mobile first, else PC."""
        return self.mobile_url or self.pc_url

    @property
    def available(self) -> bool:
        return self.status == ItemStatus.VALID

    def summary(self) -> ItemSummary:
        return ItemSummary(
            code=self.code,
            name=self.name,
            department=self.department,
            status=self.status,
            terminal_complete=self.terminal_complete,
            hot=self.hot,
            themes=self.themes,
            parent=self.parent,
        )


@dataclass(frozen=True)
class ItemSummary:
    """What a list row needs; cheap to hold for every item."""

    code: str
    name: str
    department: str
    status: str
    terminal_complete: bool | None
    hot: int
    themes: tuple[str, ...] = ()
    parent: str = ""
    #: What tells this item from others of the same name: "department", "parent", "code" or "".
    twin: str = ""


@dataclass(frozen=True)
class SnapshotMeta:
    version: int
    published_at: str
    source: str
    title: str
    sample: bool
    item_count: int
    schema_version: int
    built_at: str


def plain_text(value: str, key: str, *, multiline: bool = False) -> str:
    """``value`` as catalogue text: tabs as spaces, CR LF as LF, stripped; RowError naming
    what is not plain text (see _BAD_CHARS, _STACKED, _MARKUP)."""
    if "\t" in value:
        value = value.replace("\t", " ")
    if "\r" in value and multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.strip()
    if (bad := (_BAD_BLOCK if multiline else _BAD_LINE).search(value)) is not None:
        c = bad.group()
        what = ("a line break (this field is one line)" if c in "\n\r" else
                f"the invisible or control character U+{ord(c):04X}")
        raise RowError(key, f"contains {what} at position {bad.start()}; catalogue text is plain text")
    if not value.isascii() and (stacked := _STACKED.search(value)):
        raise RowError(key, f"stacks {len(stacked.group())} combining marks on one "
                            f"character at position {stacked.start()}")
    if (tag := _MARKUP.search(value)) is not None:
        raise RowError(key, f"contains HTML markup ({value[tag.start():tag.start() + 24]!r}); "
                            "catalogue text is plain text")
    return value


#: A catalogue's metadata texts and their bounds (its date is shown on home's status bar).
META_TEXT = {"published_at": 64, "source": 500, "title": 200}


def meta_text(key: str, value: Any) -> str:
    """A metadata text as the kiosk keeps it; RowError naming what is wrong.

    Plain text like any row's, and ``published_at`` an ISO 8601 date or date and time: home's
    status bar shows its first ten characters as the data's date, which must not read as
    anything else (请访问evil.cn).
    """
    if not isinstance(value, str):
        raise RowError(key, f"expected text, got {type(value).__name__}")
    text = plain_text(value, key)
    if not 0 < len(text) <= META_TEXT[key]:
        raise RowError(key, f"must be text of 1..{META_TEXT[key]} characters")
    if key == "published_at":
        from datetime import date, datetime

        try:
            datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
        except ValueError:
            raise RowError(key, f"must be an ISO 8601 date or time such as "
                                f"2026-11-26T00:00:00+08:00, got {text[:40]!r}") from None
    return text


def _text(d: Mapping[str, Any], key: str, limit: int, *, required: bool = False) -> str:
    value = d.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RowError(key, f"expected text, got {type(value).__name__}")
    if len(value) > 4 * limit + 100:  # judged before it is scanned: a bound on the work
        raise RowError(key, f"longer than {limit} characters")
    value = plain_text(value, key, multiline=key in MULTILINE)
    if required and not value:
        raise RowError(key, "is required but empty")
    if len(value) > limit:
        raise RowError(key, f"longer than {limit} characters")
    return value


def _texts(d: Mapping[str, Any], key: str, limit: int = MAX_SHORT) -> tuple[str, ...]:
    value = d.get(key, ())
    if value is None:
        return ()
    if isinstance(value, str):
        value = [p for p in value.replace("；", ";").replace("、", ";").split(";")]
    if not isinstance(value, list | tuple):
        raise RowError(key, f"expected a list of text, got {type(value).__name__}")
    if len(value) > MAX_LIST:
        raise RowError(key, f"more than {MAX_LIST} entries")
    out = []
    for v in value:
        if not isinstance(v, str):
            raise RowError(key, "expected a list of text")
        if len(v) > 4 * limit + 100:
            raise RowError(key, f"an entry is longer than {limit} characters")
        v = plain_text(v, key)
        if len(v) > limit:
            raise RowError(key, f"an entry is longer than {limit} characters")
        if v and v not in out:
            out.append(v)
    return tuple(out)


def _int(d: Mapping[str, Any], key: str, lo: int, hi: int) -> int:
    value = d.get(key, 0)
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RowError(key, f"expected a whole number, got {value!r}")
    try:
        n = int(value)
    except ValueError:
        raise RowError(key, f"expected a whole number, got {value!r}") from None
    if not lo <= n <= hi:
        raise RowError(key, f"{n} is outside {lo}..{hi}")
    return n


def _quantity(g: Mapping[str, Any], key: str, legacy: str, *, visits: bool = False
              ) -> Quantity | None:
    """A time limit or visit count: its typed form, the list's text, or an old row's number."""
    if key != legacy and key in g and legacy in g:
        raise RowError(key, f"give {key} or the old {legacy}, not both")
    name = key if key in g else legacy
    try:
        q = quantity_from(g.get(name), visits=visits)
    except ValueRefused as exc:
        raise RowError(name, str(exc)) from None
    if q is not None and q.text:
        text = plain_text(q.text, name)
        if text != q.text:
            q = dataclasses.replace(q, text=text)
    return q


#: Yes/no as lists write it (是/否, 必要/非必要, 容缺 is a 必要 material that may follow later).
_YES = frozenset({"是", "true", "1", "y", "yes", "必要", "必须", "必需", "必须提供", "容缺"})
_NO = frozenset({"否", "false", "0", "n", "no", "非必要", "非必须", "非必需", "不必要", "可选"})


def _maybe_bool(d: Mapping[str, Any], key: str) -> bool | None:
    """A yes/no fact, or None when the list gives none (missing, empty or words it does not
    say yes or no with): the kiosk shows nothing then rather than a guess."""
    value = d.get(key)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        return True if word in _YES else False if word in _NO else None
    raise RowError(key, f"expected yes/no (是/否, true/false) or nothing, got {value!r}")


def _url(d: Mapping[str, Any], key: str, allow_hosts: Sequence[str], http_links: str) -> str:
    """The checked serialisation of the URL (kiosk.catalogue.urls), or "" when there is none."""
    value = _text(d, key, MAX_URL)
    if not value:
        return ""
    try:
        return urls.check(value, allow_hosts, http_links=http_links).href
    except urls.UrlRefused as exc:
        raise RowError(key, exc.reason) from None


def _material(m: Any, index: int) -> Material:
    where = f"guide.materials[{index}]"
    if isinstance(m, str):
        m = {"name": m}
    if not isinstance(m, Mapping):
        raise RowError(where, "expected an object with a name")
    try:
        return Material(
            name=_text(m, "name", MAX_SHORT, required=True),
            required=_maybe_bool(m, "required"),
            form=_text(m, "form", MAX_SHORT),
            copies=_int(m, "copies", 0, 100),
            source=_text(m, "source", MAX_SHORT),
            note=_text(m, "note", MAX_TEXT),
        )
    except RowError as exc:
        raise RowError(f"{where}.{exc.field}", exc.reason) from None


def guide_from_dict(g: Any) -> Guide:
    if g is None:
        g = {}
    if not isinstance(g, Mapping):
        raise RowError("guide", "expected an object")
    materials = g.get("materials") or []
    if not isinstance(materials, list | tuple) or len(materials) > MAX_MATERIALS:
        raise RowError("guide.materials", f"expected a list of at most {MAX_MATERIALS} materials")
    steps = g.get("steps") or []
    if isinstance(steps, str):
        steps = [s for s in steps.splitlines() if s.strip()]
    if not isinstance(steps, list | tuple) or len(steps) > MAX_STEPS:
        raise RowError("guide.steps", f"expected a list of at most {MAX_STEPS} steps")
    try:
        case_type = _text(g, "case_type", 10)
        if case_type not in CASE_TYPES:
            raise RowError("case_type", f"must be one of 即办件, 承诺件, got {case_type!r}")
        return Guide(
            conditions=_text(g, "conditions", MAX_TEXT),
            materials=tuple(_material(m, i) for i, m in enumerate(materials)),
            steps=tuple(_text({"steps": s}, "steps", MAX_TEXT) for s in steps if str(s).strip()),
            case_type=case_type,
            legal_limit=_quantity(g, "legal_limit", "legal_days"),
            promise_limit=_quantity(g, "promise_limit", "promise_days"),
            fee=_text(g, "fee", MAX_TEXT),
            phone=_text(g, "phone", 100),
            address=_text(g, "address", MAX_TEXT),
            hours=_text(g, "hours", MAX_TEXT),
            visits=_quantity(g, "visits", "visits", visits=True),
            note=_text(g, "note", MAX_TEXT),
        )
    except RowError as exc:
        if exc.field.startswith("guide."):
            raise
        raise RowError(f"guide.{exc.field}", exc.reason) from None


def item_from_dict(
    d: Mapping[str, Any], *, allow_hosts: Sequence[str], http_links: str = "upgrade"
) -> Item:
    """Validate one catalogue row (a JSON object) and return the Item.

    URLs come back as the serialisation the URL policy checked. Raises RowError naming
    the first bad field.
    """
    if not isinstance(d, Mapping):
        raise RowError("row", "expected a JSON object")
    code = _text(d, "code", MAX_CODE, required=True)
    if any(c.isspace() for c in code):
        raise RowError("code", "must not contain spaces")
    status = _text(d, "status", 20) or ItemStatus.VALID
    if status not in STATUSES:
        raise RowError("status", f"must be one of {', '.join(STATUSES)}, got {status!r}")
    service_object = _texts(d, "service_object")
    for so in service_object:
        if so not in SERVICE_OBJECTS:
            raise RowError("service_object", f"must be 自然人 or 法人, got {so!r}")
    item = Item(
        code=code,
        name=_text(d, "name", MAX_NAME, required=True),
        department=_text(d, "department", MAX_SHORT, required=True),
        aliases=_texts(d, "aliases"),
        keywords=_texts(d, "keywords"),
        department_code=_text(d, "department_code", 64),
        service_object=service_object,
        item_type=_text(d, "item_type", 50),
        themes=_texts(d, "themes", 20),
        list_tags=_texts(d, "list_tags", 20),
        handling_types=_texts(d, "handling_types", 20),
        terminal_complete=_maybe_bool(d, "terminal_complete"),
        terminal_kinds=_texts(d, "terminal_kinds", 20),
        pc_url=_url(d, "pc_url", allow_hosts, http_links),
        mobile_url=_url(d, "mobile_url", allow_hosts, http_links),
        auth=_texts(d, "auth", 20),
        guide=guide_from_dict(d.get("guide")),
        status=status,
        hot=_int(d, "hot", 0, 10_000),
        parent=_text(d, "parent", MAX_NAME),
    )
    for where, text in _free_text(item):
        try:
            urls.check_text(text, allow_hosts)  # most Chinese text: one scan, no Latin letter
        except urls.UrlRefused as exc:
            raise RowError(where, exc.reason) from None
    return item


def _free_text(item: Item) -> Iterator[tuple[str, str]]:
    """Every text of an item a resident reads, but its links, with the field it is in."""
    for name in ("code", "name", "department", "department_code", "item_type", "parent"):
        yield name, getattr(item, name)
    for name in ("aliases", "keywords", "themes", "list_tags", "handling_types",
                 "terminal_kinds", "auth"):
        for text in getattr(item, name):
            yield name, text
    g = item.guide
    for name in ("conditions", "fee", "phone", "address", "hours", "note"):
        yield f"guide.{name}", getattr(g, name)
    for text in g.steps:
        yield "guide.steps", text
    for i, m in enumerate(g.materials):
        for name in ("name", "form", "source", "note"):
            yield f"guide.materials[{i}].{name}", getattr(m, name)
    for name in ("legal_limit", "promise_limit", "visits"):
        q = getattr(g, name)
        if q is not None and q.text:
            yield f"guide.{name}", q.text


_MATERIAL_FIELDS = tuple(f.name for f in fields(Material))
_QUANTITIES = ("legal_limit", "promise_limit", "visits")
_GUIDE_FIELDS = tuple(f.name for f in fields(Guide) if f.name not in ("materials", *_QUANTITIES))
_ITEM_FIELDS = tuple(f.name for f in fields(Item) if f.name != "guide")


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


#: Row formats: 2 holds time limits and visits as {value, unit, text} or null and the parent's
#: name; 1 (feeds published before) held whole numbers, 0 for "not given", and no parent.
ROW_FORMAT = 2
ROW_FORMATS = (1, 2)


def item_to_row(item: Item, row_format: int = ROW_FORMAT) -> dict[str, Any]:
    """The canonical JSON row of an item: every field, lists as lists (the feed's row format).

    Written out rather than ``dataclasses.asdict``, which took a third of a kiosk's build.
    ``row_format`` 1 gives the form older feeds carry, so a row signed then is still checked.
    """
    g = item.guide
    guide = {name: _plain(getattr(g, name)) for name in _GUIDE_FIELDS}
    if row_format == 1:
        guide.update(legal_days=legacy_int(g.legal_limit), promise_days=legacy_int(g.promise_limit),
                     visits=legacy_int(g.visits))
    else:
        guide.update({name: quantity_to_row(getattr(g, name)) for name in _QUANTITIES})
    guide["materials"] = [{name: getattr(m, name) for name in _MATERIAL_FIELDS}
                          for m in g.materials]
    row = {name: _plain(getattr(item, name)) for name in _ITEM_FIELDS}
    if row_format == 1:
        del row["parent"]
    row["guide"] = guide
    return row
