"""Build small, purpose-made catalogues for tests (clearly test data, never shipped)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from kiosk.catalogue.build import build
from kiosk.catalogue.model import item_from_dict
from kiosk.search.keys import search_keys

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


# An official-style CSV list (the Chinese headers of 实施清单 exports).
HEADER = ["事项名称", "实施编码", "实施主体", "服务对象", "办理地点", "咨询电话", "计算机端在线办理地址",
          "承诺办结时限", "申请材料", "办理流程", "事项状态", "搜索关键词", "主题分类", "备注（未使用）"]
ROWS = [
    ["社保缴费明细查询和打印", "TEST-0001", "测试人社局", "自然人", "自助终端", "12333",
     "https://www.gdzwfw.gov.cn/", "即办", "居民身份证；社保卡", "刷身份证\n选择时段\n打印", "在用",
     "社保查询、缴费记录", "社保", "x"],
    ["企业开办登记", "TEST-0002", "测试市场监管局", "法人", "政务服务中心", "12345",
     "https://www.gz.gov.cn/", "3个工作日", "营业执照", "", "暂停", "", "企业服务", ""],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return path
