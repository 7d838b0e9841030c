"""The search results change in place on a key press: the list keeps its rows' delegates.

A model reset made the list view destroy and remake every delegate on each key (~7 ms at
3,334 items, ui.keybench); rows now change by dataChanged, with rows inserted or removed at
the end, and what the view shows must be what a fresh model would hold.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from uihelpers import find, tap, visible

from ui.app import Ui, wait_for_frame
from ui.backends.models import SummaryListModel

pytestmark = pytest.mark.qt


def _signals(model: SummaryListModel) -> list[str]:
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsInserted.connect(lambda *_: seen.append("inserted"))
    model.rowsRemoved.connect(lambda *_: seen.append("removed"))
    model.dataChanged.connect(lambda *_: seen.append("changed"))
    return seen


def _table(model: SummaryListModel) -> list[list[object]]:
    """Every role of every row, as a view would read them (the highlight included)."""
    roles = sorted(model.roleNames())
    return [[model.data(model.index(row), role) for role in roles] for row in range(model.rowCount())]


def test_key_presses_change_the_rows_in_place_and_match_a_fresh_model(ui: Ui, qtmodeltester) -> None:
    c = ui.controller
    c.search("s")
    m = c.results_model
    qtmodeltester.check(m, force_py=True)  # watches every insert, remove and change from here
    seen = _signals(m)
    s = c.session
    for query in ("sb", "sbc", "sbcx", "sb", "gjj", "社保", "s"):
        c.search(query)
        fresh = SummaryListModel()
        fresh.set_items(s.results, s.hits)
        assert [m.code_at(i) for i in range(m.rowCount())] == [r.code for r in s.results]
        assert _table(m) == _table(fresh), query
    assert "reset" not in seen and "changed" in seen
    # fewer rows and then more: both ways were taken (sbcx matches fewer items than sb)
    assert "removed" in seen and "inserted" in seen


def test_mirroring_an_unchanged_session_tells_the_view_nothing(ui: Ui) -> None:
    c = ui.controller
    c.search("sb")
    seen = _signals(c.results_model)
    c.mirror()  # what every press does (ui.backends.touch)
    assert seen == []
    c.search("sbc")
    assert seen  # a real change is still told


def test_an_empty_query_resets_to_the_short_list(ui: Ui) -> None:
    c = ui.controller
    c.search("sb")
    seen = _signals(c.results_model)
    c.search("")
    assert seen == ["reset"]  # the short list: a new list, not a key press's
    assert [c.results_model.code_at(i) for i in range(c.results_model.rowCount())] == \
        [r.code for r in c.session.results]


def test_a_scrolled_list_starts_at_its_top_after_the_next_key(ui: Ui, qtbot) -> None:
    tap(ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(ui, "initialsPad"))
    tap(ui, "padKey_S")
    wait_for_frame(ui.window)
    rows = find(ui, "resultsList")
    assert rows.property("contentHeight") > rows.height()  # "s" fills more than the screen
    rows.setProperty("contentY", rows.property("contentHeight") - rows.height())
    wait_for_frame(ui.window)
    assert not rows.property("atYBeginning")
    tap(ui, "padKey_B")
    wait_for_frame(ui.window)
    assert ui.controller.query == "sb"
    assert rows.property("atYBeginning")
    first = find(ui, f"itemRow_{ui.controller.results_model.code_at(0)}")
    assert first.isVisible()
    top = rows.mapToScene(QPointF(0, 0)).y()
    assert top <= first.mapToScene(QPointF(0, 0)).y() < top + rows.height() / 2
    assert rows.property("count") == ui.controller.results_model.rowCount()


def test_the_rows_drawn_carry_the_model_highlight_after_every_key(ui: Ui, qtbot) -> None:
    c = ui.controller
    m = c.results_model
    marked = next(k for k, v in m.roleNames().items() if bytes(v) == b"marked")
    tap(ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(ui, "initialsPad"))
    # from the short list (no highlight) to a query whose first item is the short list's
    # first too (社保缴费明细查询和打印): the same row, now highlighted
    for query in ("社保", "社", "s", "sb", "", "sb", "社保"):
        c.search(query)
        wait_for_frame(ui.window)
        drawn = 0
        for row in range(min(m.rowCount(), 5)):
            delegate = find(ui, f"itemRow_{m.code_at(row)}")
            assert delegate.property("marked") == m.data(m.index(row), marked), (query, row)
            drawn += delegate.property("marked") != ""
        assert drawn > 0 or query == "", query
