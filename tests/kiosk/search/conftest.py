"""Search fixtures: the raw copy of the sample (what an official export looks like)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.devtools.rawcopy import write_raw_copy
from kiosk.paths import SAMPLE_SOURCE

ALLOW = ["gdzwfw.gov.cn", "gz.gov.cn"]


@pytest.fixture(scope="session")
def raw_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with every alias, keyword, theme, hot rank and guide field removed."""
    d = tmp_path_factory.mktemp("raw")
    raw = d / "raw.jsonl"
    write_raw_copy(SAMPLE_SOURCE, raw)
    out = d / "raw.sqlite"
    build_from_source(raw, out, allow_hosts=ALLOW)
    return out


@pytest.fixture()
def raw_catalogue(raw_snapshot: Path) -> Iterator[Catalogue]:
    with Catalogue.open(raw_snapshot, views={}) as cat:
        yield cat

