"""The signed catalogue feed: a manifest and gzip JSON Lines shards of typed rows.

What a publisher signs is data, not a database: the kiosk never opens a publisher's SQLite
schema, it builds its own file from these rows with its own migrations (kiosk.catalogue.build).

* ``manifest`` (JSON): format, version, metadata, item count, and per shard its sha256,
  compressed and decompressed length and item count, in catalogue order.
* a shard: gzip of lines ``{"item": {...}, "keys": [[field, norm, initials], ...]}``; the item
  in the canonical form of :func:`kiosk.catalogue.model.item_to_row`, the search keys
  precomputed by the publisher (kiosk.search.keys) so a kiosk needs no pypinyin pass.

Shard boundaries are content-defined (after an item whose code hashes to 0 mod
:data:`CUT_MODULUS`, once a shard holds :data:`MIN_CUT_ITEMS`; at most
:data:`CUT_MAX_ITEMS`), so adding, changing or removing one item changes one shard (two at a
forced cut) and a kiosk fetches only that. Every bound below is checked on both sides, each refusal naming
its reason: the publisher refuses what a kiosk would refuse.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.catalogue.model import (
    META_TEXT,
    ROW_FORMAT,
    Item,
    RowError,
    item_from_dict,
    item_to_row,
    meta_text,
)
from kiosk.errors import SnapshotError
from kiosk.search.keys import SearchKey

FORMAT = f"zizhuban-feed/{ROW_FORMAT}"
#: Formats a kiosk reads, with the row format each carries (kiosk.catalogue.model.ROW_FORMATS):
#: feeds published before the typed facts (format 1) still verify and build.
FORMATS = {"zizhuban-feed/1": 1, FORMAT: ROW_FORMAT}
#: Where the publisher cuts. The minimum and maximum keep shard sizes close to the mean:
#: with a plain hash cut an item lies, on average, in a shard twice the mean size.
CUT_MODULUS = 32
MIN_CUT_ITEMS = 16
CUT_MAX_ITEMS = 96
#: What a kiosk accepts in one shard.
MAX_SHARD_ITEMS = 512
MAX_SHARDS = 20_000
MAX_ITEMS = 500_000
#: One row as JSON; real rows are 1-3 KB, a row at every field's limit stays far below this.
MAX_ROW_BYTES = 512 * 1024
MAX_SHARD_RAW = 64 * 1024 * 1024
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_KEYS_PER_ITEM = 64
MAX_KEY_NORM = 400
MAX_KEY_INITIALS = 4000
#: The search_keys.field values the schema accepts (offline_db/migrations/0001_initial.sql).
KEY_FIELDS = frozenset({"name", "alias", "keyword", "department"})


class FeedError(SnapshotError):
    """The feed breaks a rule; the message names the rule (and the shard and row)."""


@dataclass(frozen=True)
class Shard:
    sha256: str
    length: int
    raw_length: int
    items: int


@dataclass(frozen=True)
class Manifest:
    version: int
    published_at: str
    source: str
    title: str
    sample: bool
    item_count: int
    shards: tuple[Shard, ...]
    #: The row format of its shards (1 for a feed published before the typed facts).
    row_format: int = ROW_FORMAT

    def meta(self) -> dict[str, Any]:
        return {"version": self.version, "published_at": self.published_at,
                "source": self.source, "title": self.title, "sample": self.sample}

    def to_json(self) -> bytes:
        fmt = next(f for f, r in FORMATS.items() if r == self.row_format)
        doc = {"format": fmt, **self.meta(), "item_count": self.item_count,
               "shards": [[s.sha256, s.length, s.raw_length, s.items] for s in self.shards]}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --------------------------------------------------------------------------- reading


def _need(cond: bool, message: str) -> None:
    if not cond:
        raise FeedError(message)


def _whole(value: Any, what: str, lo: int, hi: int) -> int:
    _need(isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi,
          f"manifest {what} must be a whole number in {lo}..{hi}, got {value!r}")
    return int(value)


def parse_manifest(data: bytes) -> Manifest:
    """Strictly read a manifest; FeedError names the first rule it breaks."""
    from kiosk.catalogue.verify import MAX_VERSION

    _need(len(data) <= MAX_MANIFEST_BYTES, f"manifest larger than {MAX_MANIFEST_BYTES} bytes")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        # RecursionError: a signed [[[[…]]]] nested deeper than the parser's stack
        raise FeedError(f"manifest is not JSON ({exc})") from None
    _need(isinstance(doc, dict), "manifest is not a JSON object")
    _need(doc.get("format") in FORMATS,
          f"manifest format {doc.get('format')!r}, expected one of {', '.join(FORMATS)}")
    expected = {"format", "version", "published_at", "source", "title", "sample", "item_count",
                "shards"}
    _need(set(doc) == expected, f"manifest fields {sorted(set(doc) ^ expected)} unexpected or missing")
    for key, limit in META_TEXT.items():
        value = doc[key]
        _need(isinstance(value, str) and 0 < len(value) <= limit and value.isprintable(),
              f"manifest {key} must be printable text of 1..{limit} characters")
        try:
            _need(meta_text(key, value) == value, f"manifest {key} is not trimmed")
        except RowError as exc:
            raise FeedError(f"manifest {exc}") from None
    _need(isinstance(doc["sample"], bool), "manifest sample must be true or false")
    raw_shards = doc["shards"]
    _need(isinstance(raw_shards, list) and 0 < len(raw_shards) <= MAX_SHARDS,
          f"manifest must list 1..{MAX_SHARDS} shards")
    shards = []
    for i, s in enumerate(raw_shards):
        _need(isinstance(s, list) and len(s) == 4, f"manifest shard {i} is not [sha256, length, raw, items]")
        digest = s[0]
        _need(isinstance(digest, str) and len(digest) == 64
              and all(c in "0123456789abcdef" for c in digest), f"manifest shard {i}: bad sha256")
        shards.append(Shard(digest, _whole(s[1], f"shard {i} length", 20, MAX_SHARD_RAW),
                            _whole(s[2], f"shard {i} raw length", 1, MAX_SHARD_RAW),
                            _whole(s[3], f"shard {i} items", 1, MAX_SHARD_ITEMS)))
    count = _whole(doc["item_count"], "item_count", 1, MAX_ITEMS)
    _need(sum(s.items for s in shards) == count, "manifest item_count is not the sum of its shards")
    _need(len({s.sha256 for s in shards}) == len(shards), "manifest lists a shard twice")
    return Manifest(version=_whole(doc["version"], "version", 1, MAX_VERSION),
                    published_at=doc["published_at"], source=doc["source"], title=doc["title"],
                    sample=doc["sample"], item_count=count, shards=tuple(shards),
                    row_format=FORMATS[doc["format"]])


def _canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _keys(raw: Any) -> list[SearchKey]:
    if not isinstance(raw, list) or len(raw) > MAX_KEYS_PER_ITEM:
        raise RowError("keys", f"expected a list of at most {MAX_KEYS_PER_ITEM} search keys")
    out = []
    for k in raw:
        if not (isinstance(k, list) and len(k) == 3 and all(isinstance(p, str) for p in k)):
            raise RowError("keys", "a search key must be [field, norm, initials] text")
        field, norm, initials = k
        if field not in KEY_FIELDS:
            raise RowError("keys", f"search key field {field!r} is not one of {sorted(KEY_FIELDS)}")
        if not 0 < len(norm) <= MAX_KEY_NORM or not norm.isprintable():
            raise RowError("keys", f"search key text empty, longer than {MAX_KEY_NORM} or unprintable")
        if len(initials) > MAX_KEY_INITIALS or not initials.isprintable():
            raise RowError("keys", f"search key initials longer than {MAX_KEY_INITIALS} or unprintable")
        out.append(SearchKey(field=field, norm=norm, initials=initials))
    return out


def row_from_feed(obj: Any, allow_hosts: Sequence[str], row_format: int = ROW_FORMAT
                  ) -> tuple[Item, list[SearchKey]]:
    """Validate one feed row: the item must be exactly its own canonical form in the feed's
    row format (so no type confusion, unknown field or unchecked URL passes), the keys within
    their bounds."""
    if not isinstance(obj, dict) or set(obj) != {"item", "keys"}:
        raise RowError("row", 'expected {"item": {...}, "keys": [...]}')
    raw = obj["item"]
    item = item_from_dict(raw, allow_hosts=allow_hosts, http_links="refuse")
    canon = item_to_row(item, row_format)
    if _canonical(canon) != _canonical(raw):
        if not isinstance(raw, dict):
            raise RowError("item", "expected a JSON object")
        odd = sorted(set(raw) ^ set(canon)) or [
            k for k in canon if _canonical(canon[k]) != _canonical(raw[k])]
        raise RowError(odd[0], "not in the feed's canonical form (wrong type, extra field, "
                               "untrimmed text or a URL not as checked)")
    return item, _keys(obj["keys"])


def iter_shard(path: Path, shard: Shard, index: int, allow_hosts: Sequence[str],
               row_format: int = ROW_FORMAT) -> Iterator[tuple[Item, list[SearchKey]]]:
    """Stream a shard's rows; decompression stops at the length its manifest signed."""
    where = f"shard {index + 1}"
    produced = 0
    rows = 0
    buf = b""
    try:
        with path.open("rb") as fh, gzip.GzipFile(fileobj=fh, mode="rb") as gz:
            while True:
                block = gz.read(64 * 1024)
                produced += len(block)
                if produced > shard.raw_length:
                    raise FeedError(f"{where} decompresses to more than the {shard.raw_length} "
                                    "bytes its manifest says (gzip bomb?)")
                buf += block
                while (nl := buf.find(b"\n")) >= 0:
                    line, buf = buf[:nl], buf[nl + 1:]
                    rows += 1
                    yield _row(line, where, rows, shard, allow_hosts, row_format)
                if len(buf) > MAX_ROW_BYTES:
                    raise FeedError(f"{where}, row {rows + 1}: row longer than {MAX_ROW_BYTES} bytes")
                if not block:
                    break
    except (OSError, EOFError, zlib.error) as exc:
        raise FeedError(f"{where}: not a readable gzip file ({exc})") from None
    if buf or produced != shard.raw_length or rows != shard.items:
        raise FeedError(f"{where}: {rows} rows and {produced} bytes, manifest says "
                        f"{shard.items} rows and {shard.raw_length} bytes")


def _row(line: bytes, where: str, row: int, shard: Shard, allow_hosts: Sequence[str],
         row_format: int) -> tuple[Item, list[SearchKey]]:
    if row > shard.items:
        raise FeedError(f"{where}: more rows than the {shard.items} its manifest says")
    if len(line) > MAX_ROW_BYTES:
        raise FeedError(f"{where}, row {row}: row longer than {MAX_ROW_BYTES} bytes")
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FeedError(f"{where}, row {row}: not a JSON row ({exc})") from None
    try:
        return row_from_feed(obj, allow_hosts, row_format)
    except RowError as exc:
        code = obj.get("item", {}).get("code") if isinstance(obj, dict) and isinstance(
            obj.get("item"), dict) else None
        raise FeedError(f"{where}, row {row}{f' (item {code!r})' if code else ''}: {exc}") from None


# --------------------------------------------------------------------------- writing


def _boundary(code: str, size: int) -> bool:
    if size >= CUT_MAX_ITEMS:
        return True
    return size >= MIN_CUT_ITEMS and zlib.crc32(code.encode("utf-8")) % CUT_MODULUS == 0


def _shard_groups(rows: Iterable[tuple[Item, list[SearchKey]]]) -> Iterator[list[bytes]]:
    group: list[bytes] = []
    for item, keys in rows:
        line = _canonical({"item": item_to_row(item),
                           "keys": [[k.field, k.norm, k.initials] for k in keys]})
        group.append(line.encode("utf-8") + b"\n")
        if _boundary(item.code, len(group)):
            yield group
            group = []
    if group:
        yield group


def write_feed(rows: Iterable[tuple[Item, list[SearchKey]]], out_dir: Path,
               meta: dict[str, Any]) -> tuple[Manifest, dict[str, Path]]:
    """Write shards ``<sha256>.jsonl.gz`` into ``out_dir``; return the manifest and the files.

    Deterministic (gzip without a time stamp), so an unchanged shard has the same hash
    in every publication.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    shards: list[Shard] = []
    files: dict[str, Path] = {}
    for group in _shard_groups(rows):
        raw = b"".join(group)
        data = io.BytesIO()
        with gzip.GzipFile(fileobj=data, mode="wb", mtime=0, compresslevel=9) as gz:
            gz.write(raw)
        blob = data.getvalue()
        digest = hashlib.sha256(blob).hexdigest()
        path = out_dir / f"{digest}.jsonl.gz"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
        shards.append(Shard(digest, len(blob), len(raw), len(group)))
        files[digest] = path
    manifest = Manifest(version=int(meta["version"]), published_at=str(meta["published_at"]),
                        source=str(meta["source"]), title=str(meta["title"]),
                        sample=bool(meta["sample"]), item_count=sum(s.items for s in shards),
                        shards=tuple(shards))
    return manifest, files
