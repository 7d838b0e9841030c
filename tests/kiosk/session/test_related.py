"""The session's no-match state: related themes and departments come only when nothing matched."""

from __future__ import annotations

from sessionhelpers import FakeClock

from kiosk.session.resident import ResidentSession


def test_related_groups_only_when_nothing_matched_and_forgotten_on_the_way_out(
        session: ResidentSession, clock: FakeClock) -> None:
    session.open_search()
    session.search("交通事故")  # the sample has 交通违法罚款缴纳 near it, but no match
    assert session.hits and all(h.closest for h in session.hits)
    assert ("theme", "交通") in session.related
    session.search("社保")
    assert session.hits and not any(h.closest for h in session.hits)
    assert session.related == []
    session.search("交通事故")
    clock.advance(1)
    session.end_session()
    assert session.related == [] and session.hits == []
