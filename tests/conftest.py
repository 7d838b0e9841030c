"""Shared fixtures. No test ever touches the real $KIOSK_HOME or config.

This file must not import PySide6: the core tests also run without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.paths import SAMPLE_SOURCE, HomeLayout

ALLOW_HOSTS = ["gdzwfw.gov.cn", "gz.gov.cn"]


@pytest.fixture(autouse=True)
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HomeLayout:
    """A fresh, empty $KIOSK_HOME for every test."""
    home = tmp_path / "kiosk-home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    return HomeLayout(home).ensure()


@pytest.fixture(scope="session")
def sample_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample catalogue built once per session (read-only: copy before changing)."""
    from kiosk.catalogue.build import build_from_source

    out = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    build_from_source(SAMPLE_SOURCE, out, allow_hosts=ALLOW_HOSTS)
    return out


@pytest.fixture()
def sample_catalogue(sample_snapshot: Path):  # type: ignore[no-untyped-def]
    from kiosk.catalogue.reader import Catalogue

    cat = Catalogue.open(sample_snapshot)
    yield cat
    cat.close()


@pytest.fixture()
def clock():  # type: ignore[no-untyped-def]
    """A monotonic clock the test moves by hand (sessionhelpers.FakeClock)."""
    from sessionhelpers import FakeClock  # tests/helpers is on the path once the tests load

    return FakeClock()


@pytest.fixture()
def factory(kiosk_home: HomeLayout, sample_snapshot: Path) -> HomeLayout:
    """Put the session's sample snapshot in place as the factory catalogue (saves a rebuild)."""
    from sessionhelpers import put_factory

    return put_factory(kiosk_home, sample_snapshot)


@pytest.fixture(scope="session")
def raw_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A raw copy of the sample (no aliases, keywords, themes, hot ranks or guide), built once."""
    from kiosk.catalogue.build import build_from_source
    from kiosk.devtools.rawcopy import write_raw_copy

    work = tmp_path_factory.mktemp("raw")
    write_raw_copy(SAMPLE_SOURCE, work / "raw.jsonl")
    out = work / "raw.sqlite"
    build_from_source(work / "raw.jsonl", out, allow_hosts=ALLOW_HOSTS)
    return out


@pytest.fixture()
def raw_factory(kiosk_home: HomeLayout, raw_snapshot: Path) -> HomeLayout:
    """The raw copy in place as the factory catalogue: what a kiosk with a real list shows."""
    from sessionhelpers import put_factory

    return put_factory(kiosk_home, raw_snapshot)
