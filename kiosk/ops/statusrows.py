"""The technician screen's status rows: ``kiosk status``'s snapshot in the technician's words.

Each row is a label, a value and whether it is fine (the screen marks the others). Plain
Python, so the wording is tested without Qt; ``ui.backends.admin`` shows the rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kiosk.catalogue.model import SnapshotMeta
from kiosk.sync.outcome import SyncOutcome

SYNC_TEXT: dict[str, str] = {SyncOutcome.UPDATED: "已更新", SyncOutcome.UNCHANGED: "已是最新", SyncOutcome.OFFLINE: "无法连接",
             SyncOutcome.REJECTED: "数据被拒绝", SyncOutcome.ERROR: "出错"}


def _help_text(h: dict[str, Any]) -> str:
    """帮助 presses as the technician reads them: how many, and the last one's time."""
    if not h.get("count"):
        return "尚无求助记录"
    return f"{h['count']} 次，最近一次 {h.get('last_at') or '时间未知'}"


def _sync_ok(result: object) -> bool:
    """The 上次同步 row is fine when no sync ran yet or the last one succeeded (SyncOutcome)."""
    if result is None:
        return True
    try:
        return SyncOutcome(str(result)).succeeded
    except ValueError:
        return False


def _fmt_seconds(seconds: float) -> str:
    days, rest = divmod(int(seconds), 86400)
    return (f"{days} 天 " if days else "") + f"{rest // 3600} 小时 {rest % 3600 // 60} 分"


def status_rows(s: dict[str, Any], meta: SnapshotMeta | None, now: float) -> list[dict[str, Any]]:
    """The rows for status ``s`` (:func:`kiosk.ops.status.collect_status`), the catalogue on
    screen (``meta``, None when there is none) and the time ``now``."""
    data = "无可用目录" if meta is None else (
        f"{meta.version}（{meta.published_at[:10]}，{meta.item_count} 项"
        + ("，示例数据" if meta.sample else "") + "）")
    last = s["last_sync"] or {}
    printer = s["printer"]
    printer_text = {"none": "未配置", "pdf": "PDF 文件", "cups": f"CUPS {printer['name']}",
                    "escpos": "ESC/POS"}.get(printer["kind"], printer["kind"])
    printer_ok = printer["kind"] != "cups" or (printer.get("state") == "ready"
                                               and not printer.get("stuck_jobs"))
    if printer["kind"] == "cups":
        printer_text += f"：{printer.get('state', '查询中…')}"
        if printer.get("stuck_jobs"):
            printer_text += f"，{printer['stuck_jobs']} 个任务卡住"
    rows = [
        ("软件版本", s["software_version"], True),
        ("终端", f"{s['kiosk_id']} {s['location']}".strip(), s["kiosk_id"] != "KIOSK-UNSET"),
        ("数据版本", data, meta is not None),
        ("上次同步", f"{last.get('at', '从未同步')} {SYNC_TEXT.get(last.get('result', ''), '')} "
                     f"{last.get('message', '')}".strip(), _sync_ok(last.get("result"))),
        ("上次成功同步", s["last_success_at"] or "无", bool(s["last_success_at"])),
        ("同步来源", s["sync_source"] or "未配置（不同步）", bool(s["sync_source"])),
        ("网络", "、".join(s["network_interfaces_up"]) or "无已连接的网卡", bool(s["network_interfaces_up"])),
        ("打印机", f"{printer_text}（{printer['paper']}）", printer_ok),
        ("磁盘剩余", f"{s['disk']['free_mb']} MB / {s['disk']['total_mb']} MB", s["disk"]["free_mb"] > 500),
        ("系统运行", _fmt_seconds(s["uptime_seconds"]) if s["uptime_seconds"] is not None
         else "未知", True),  # the UI process's uptime (its heartbeat), not the machine's
        ("配置文件", s["config_error"] or "正常", s["config_error"] is None),
        ("居民求助", _help_text(s.get("help_requests") or {}), True),
        ("本机时间", datetime.fromtimestamp(now).strftime("%Y-%m-%d %H:%M:%S"), True),
    ]
    return [{"label": a, "value": str(b), "ok": c} for a, b, c in rows]
