"""Fixtures for the resident session: a started session over the sample catalogue, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sessionhelpers import FakeClock

from kiosk.paths import HomeLayout
from kiosk.session.resident import ResidentSession


@pytest.fixture()
def session(factory: HomeLayout, clock: FakeClock) -> Iterator[ResidentSession]:
    s = ResidentSession(factory, clock=clock)
    s.start()
    s.finish_start()
    yield s
    s.close()
