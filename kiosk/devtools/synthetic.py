"""SYNTHETIC catalogue sources for benchmarks, stress runs and tests only.

Never shipped as data and never installed on a kiosk. Two kinds:

* :func:`rows` / :func:`write_jsonl` make varied short items from a word list
  (codes ``SYNTHETIC-…``, names with a （合成N） suffix): the search benchmark;
* :func:`write_source` repeats the bundled sample items with fresh codes
  (``SYN-…``), so rows carry full-size guides and pass the same validation as
  real data: the sync benchmark, the SIGKILL stress run and the sync tests.

Either way the metadata says synthetic and sets the sample flag.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kiosk.paths import SAMPLE_SOURCE

_DEPTS = [f"合成测试部门{i:02d}" for i in range(58)]
_SUBJECTS = ["社保", "医保", "公积金", "居住证", "驾驶证", "行驶证", "营业执照", "不动产", "个税", "出入境",
             "婚姻", "残疾人证", "养老金", "失业", "生育", "教育", "公证", "税务", "户籍", "预防接种",
             "重点人群", "银行账户", "长期护理", "车辆", "发票", "房产", "企业信用", "低保", "港澳通行证"]
_OBJECTS = ["缴费明细", "参保证明", "账户信息", "办理进度", "待遇", "资格", "记录", "信息", "证明", "补贴",
            "登记", "备案", "变更", "注销", "签注", "年审", "清单", "电子凭证"]
_ACTIONS = ["查询", "打印", "申请", "缴纳", "预约", "认证", "查询和打印", "申领", "补领", "提取"]
_THEMES = ["社保", "医保", "公积金", "户政", "出入境", "交通", "税务", "不动产", "民政", "残联", "卫健",
           "企业服务", "教育", "公证法律"]

META = {
    "sample": True,
    "title": "合成基准数据",
    "source": "synthetic benchmark data: generated, not real service items",
    "published_at": "2026-01-01T00:00:00+08:00",
}


def rows(n: int, seed: int = 20221, url: str = "https://www.gdzwfw.gov.cn/") -> Iterator[dict[str, Any]]:
    """``n`` synthetic item dicts in the JSONL source format (deterministic for a seed)."""
    rng = random.Random(seed)
    for i in range(1, n + 1):
        subject, obj, action = rng.choice(_SUBJECTS), rng.choice(_OBJECTS), rng.choice(_ACTIONS)
        yield {
            "code": f"SYNTHETIC-{i:06d}",
            "name": f"{subject}{obj}{action}（合成{i}）",
            "aliases": [f"{subject}{action}"] if rng.random() < 0.3 else [],
            "keywords": [subject, f"{subject}{action}"],
            "department": rng.choice(_DEPTS),
            "service_object": ["自然人"] if rng.random() < 0.8 else ["法人"],
            "themes": [rng.choice(_THEMES)],
            "list_tags": ["自助办"],
            "handling_types": [action[:2]],
            "terminal_complete": rng.random() < 0.6,
            "pc_url": url,
            "guide": {
                "conditions": "合成数据，仅供基准测试。",
                "materials": [{"name": "居民身份证", "required": True, "form": "原件", "copies": 1}],
                "steps": ["刷身份证", f"选择{obj}", "确认"],
                "phone": "12345",
                "address": "合成地址",
            },
            "status": "valid" if rng.random() < 0.97 else "suspended",
            "hot": i if i <= 12 else 0,
        }


def write_jsonl(path: Path, n: int, *, version: int = 1, seed: int = 20221) -> Path:
    """Write a SYNTHETIC source list of ``n`` items (for benchmarks and stress tests)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"_meta": {**META, "version": version}}, ensure_ascii=False) + "\n")
        for row in rows(n, seed):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


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
