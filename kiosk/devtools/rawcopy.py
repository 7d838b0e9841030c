"""Strip a JSON Lines catalogue down to what an official export carries.

Real published lists have names, codes, departments and service facts, but no
hand-written aliases, keywords, themes, hot ranks or 办事指南 text. Search is
measured on such a raw copy so the sample's own aliases cannot flatter it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: Fields an official export does not have (or that only a curator writes).
STRIPPED = ("aliases", "keywords", "themes", "hot", "guide")


def raw_row(row: dict[str, Any]) -> dict[str, Any]:
    """One item with every curated field removed."""
    return {k: v for k, v in row.items() if k not in STRIPPED}


def write_raw_copy(source: Path, out: Path) -> int:
    """Write ``out`` as a raw copy of the JSON Lines ``source``; returns the item count."""
    count = 0
    lines = []
    for line in source.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "_meta" in row:
            meta = dict(row["_meta"])
            meta["title"] = f"{meta.get('title', source.stem)}（原始副本：无别名、关键词、主题、热门）"
            meta["sample"] = True
            lines.append(json.dumps({"_meta": meta}, ensure_ascii=False))
            continue
        lines.append(json.dumps(raw_row(row), ensure_ascii=False))
        count += 1
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return count
