"""Helpers for the resident-session tests (no Qt): a fake clock and a factory catalogue in place."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.paths import HomeLayout


class FakeClock:
    """A monotonic clock the test moves by hand (idle and touch rules without sleeping)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def put_factory(layout: HomeLayout, snapshot: Path) -> HomeLayout:
    """Put a built snapshot in place as the factory catalogue (saves a rebuild per test)."""
    from kiosk.catalogue.factory import factory_hosts, factory_stamp, factory_stamp_file

    layout.factory_snapshot.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(snapshot, layout.factory_snapshot)
    factory_stamp_file(layout).write_text(factory_stamp(factory_hosts()), "utf-8")
    return layout
