"""Any input returns results or none and never raises (hypothesis over odd text)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalogue.reader import Catalogue

ODD = ['"; DROP', "社保 OR 1=1", "%", "_", "*", "NEAR(社保 医保)", "社保 AND", "😀社保", "\x00",
       "\ud800", "社" * 10_240, "sb" * 5_120, "a b c d e f g", "我要我要我要", "办", "的了吗",
       "shenfengzhengshenfengzheng", "zzzzzzzzzzzz", "身分證號碼", "１２３", "ｓｂｃｘ"]


@pytest.fixture(scope="module")
def cat(raw_snapshot: Path) -> Iterator[Catalogue]:
    with Catalogue.open(raw_snapshot, views={}) as c:
        yield c


@pytest.mark.parametrize("query", ODD)
def test_odd_input(cat: Catalogue, query: str) -> None:
    hits = cat.search(query)
    assert isinstance(hits, list) and len(hits) <= 50
    for h in hits[:5]:
        assert all(0 <= s < len(h.summary.name) and n > 0 for s, n in h.marks)
    assert isinstance(cat.related(query), list)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("社保医卡证查询办 zhsbcx"),
               max_size=80))
def test_any_text(cat: Catalogue, query: str) -> None:
    hits = cat.search(query, limit=20)
    assert len(hits) <= 20
    for h in hits[:3]:
        _ = h.marks
    cat.related(query)
