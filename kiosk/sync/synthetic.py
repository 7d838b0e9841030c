"""Synthetic catalogue sources for the benchmark, the stress command and size tests.

Items are the bundled sample items repeated with new codes, so every row passes
the same validation as real data. Written line by line (memory stays flat).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk.paths import SAMPLE_SOURCE


def sample_rows(source: Path = SAMPLE_SOURCE) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The sample's ``_meta`` and its item rows."""
    meta: dict[str, Any] = {}
    rows = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            obj = json.loads(line)
            if "_meta" in obj:
                meta = obj["_meta"]
            else:
                rows.append(obj)
    return meta, rows


def write_source(
    out: Path,
    *,
    items: int,
    version: int,
    rows: list[dict[str, Any]] | None = None,
    title: str = "合成测试目录",
) -> Path:
    """Write a JSONL source of ``items`` items (sample rows with fresh codes)."""
    base = rows if rows is not None else sample_rows()[1]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        meta = {
            "sample": True,
            "version": version,
            "title": title,
            "source": "synthetic data for tests and benchmarks",
            "published_at": "2026-11-26T00:00:00+08:00",
        }
        fh.write(json.dumps({"_meta": meta}, ensure_ascii=False) + "\n")
        for i in range(items):
            row = dict(base[i % len(base)])
            row["code"] = f"SYN-{i:07d}"
            if i >= len(base):
                row["name"] = f"{row['name']}（{i // len(base)}）"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out
