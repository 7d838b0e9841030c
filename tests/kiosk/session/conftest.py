"""Fixtures for the resident session: a started session over the sample catalogue, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sessionhelpers import FakeClock, put_factory

from kiosk.paths import HomeLayout
from kiosk.session.resident import ResidentSession


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture()
def factory(kiosk_home: HomeLayout, sample_snapshot: Path) -> HomeLayout:
    return put_factory(kiosk_home, sample_snapshot)


@pytest.fixture()
def session(factory: HomeLayout, clock: FakeClock) -> Iterator[ResidentSession]:
    s = ResidentSession(factory, clock=clock)
    s.start()
    s.finish_start()
    yield s
    s.close()
