"""kiosk.ops.statusrows: the technician screen's rows from a real status snapshot, without Qt."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kiosk.catalogue.model import SnapshotMeta
from kiosk.catalogue.reader import Catalogue
from kiosk.configedit import set_value
from kiosk.ops.status import collect_status
from kiosk.ops.statusrows import SYNC_TEXT, status_rows
from kiosk.paths import HomeLayout
from kiosk.state import update_state
from kiosk.sync.outcome import SyncOutcome

NOW = datetime(2026, 12, 1, 9, 30).timestamp()


def _rows(layout: HomeLayout, meta: SnapshotMeta | None = None) -> dict[str, dict[str, Any]]:
    s = collect_status(layout, clock=lambda: NOW, cups=False)
    return {r["label"]: r for r in status_rows(s, meta, NOW)}


def test_a_fresh_kiosk_names_what_a_technician_must_set(factory: HomeLayout) -> None:
    rows = _rows(factory)
    assert rows["终端"] == {"label": "终端", "value": "KIOSK-UNSET", "ok": False}
    assert rows["数据版本"]["value"] == "无可用目录" and not rows["数据版本"]["ok"]
    assert rows["上次同步"] == {"label": "上次同步", "value": "从未同步", "ok": True}
    assert rows["同步来源"]["value"] == "未配置（不同步）" and not rows["同步来源"]["ok"]
    assert rows["打印机"]["value"] == "未配置（80mm）" and rows["打印机"]["ok"]
    assert rows["居民求助"]["value"] == "尚无求助记录"
    assert rows["本机时间"]["value"] == "2026-12-01 09:30:00"
    assert all(isinstance(r["value"], str) for r in rows.values())


def test_the_catalogue_a_failed_sync_and_the_settings_are_worded(
    factory: HomeLayout, sample_catalogue: Catalogue
) -> None:
    set_value(factory, "kiosk.id", "GZ-TH-0001")
    set_value(factory, "kiosk.location", "天河政务中心")
    update_state(factory, last_sync={"at": "2026-12-01T09:00:00+08:00", "result": SyncOutcome.REJECTED,
                                     "message": "bad signature", "version": None})
    rows = _rows(factory, sample_catalogue.meta)
    meta = sample_catalogue.meta
    assert rows["终端"] == {"label": "终端", "value": "GZ-TH-0001 天河政务中心", "ok": True}
    assert rows["数据版本"]["value"].startswith(f"{meta.version}（{meta.published_at[:10]}，")
    assert rows["数据版本"]["ok"]
    assert rows["上次同步"] == {"label": "上次同步", "ok": False,
                              "value": f"2026-12-01T09:00:00+08:00 {SYNC_TEXT['rejected']} bad signature"}
    assert rows["上次成功同步"] == {"label": "上次成功同步", "value": "无", "ok": False}


def test_every_sync_outcome_has_its_words() -> None:
    assert set(SYNC_TEXT) == set(SyncOutcome)
