"""Build small, purpose-made catalogues for tests (clearly test data, never shipped)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.model import item_from_dict
from kiosk.snapshot import build, search_keys

ALLOW = ["gdzwfw.gov.cn", "gz.gov.cn"]


def item(code: str, name: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"code": code, "name": name, "department": extra.pop("department", "测试部门"),
                           "pc_url": "https://www.gdzwfw.gov.cn/"}
    row.update(extra)
    return row


def make_catalogue(path: Path, rows: list[dict[str, Any]], *, version: int = 1,
                   sample: bool = True) -> Path:
    items = [item_from_dict(r, allow_hosts=ALLOW) for r in rows]
    build(((i, search_keys(i)) for i in items), path,
          meta={"version": version, "published_at": "2026-01-01T00:00:00+08:00",
                "source": "test", "title": "test catalogue", "sample": sample})
    return path
