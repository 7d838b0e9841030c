"""Never a dead end, on the real search scene: closest items under their own heading, related groups."""

from __future__ import annotations

import pytest
from uihelpers import find, lookup, tap, visible

from ui.app import Ui, wait_for_frame

pytestmark = pytest.mark.qt

#: No item of the sample holds 交通事故 (a lexicon term; 交通罚款 now matches 交通违法罚款缴纳 as
#: 交通 + 罚款); 交通违法罚款缴纳 and the 交通 theme are near.
NO_MATCH = "交通事故"


def type_text(ui: Ui, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put ``text`` in the scene's query box, as the virtual keyboard's commit does."""
    tap(ui, "homeSearchEntry")
    qtbot.waitUntil(lambda: visible(ui, "searchInput"))
    find(ui, "searchInput").setProperty("text", text)
    qtbot.waitUntil(lambda: ui.controller.query == text)


def rows_on_screen(ui: Ui) -> list[tuple[str, bool]]:
    """(code, closest) of the result rows the list view has created."""
    view = find(ui, "resultsList")
    out = []
    stack = [view]
    while stack:
        item = stack.pop()
        name = item.objectName()
        if name.startswith("itemRow_"):
            out.append((name.removeprefix("itemRow_"), bool(item.property("closest"))))
        stack.extend(item.childItems())
    return out


def test_no_match_shows_closest_items_under_their_own_heading(ui: Ui, qtbot, sample_catalogue) -> None:
    assert not any(not h.closest for h in sample_catalogue.search(NO_MATCH))  # the premise
    type_text(ui, qtbot, NO_MATCH)
    qtbot.waitUntil(lambda: visible(ui, "closestTitle"))
    assert find(ui, "closestTitle").property("text") == "没有找到完全匹配的事项，您可能要找："
    # the count is of matches: closest items are never counted as found
    assert find(ui, "resultCount").property("text") == "找到 0 项"
    rows = rows_on_screen(ui)
    assert rows and all(closest for _, closest in rows)
    assert "交通违法罚款缴纳" in [sample_catalogue.item(code).name for code, _ in rows]
    assert not visible(ui, "noResults")  # not the empty page: there is something to tap


def test_related_theme_and_department_open_when_tapped(ui: Ui, qtbot, qtmodeltester,
                                                       sample_catalogue) -> None:
    related = sample_catalogue.related(NO_MATCH)
    assert ("theme", "交通") in related
    department = next(name for kind, name in related if kind == "department")
    type_text(ui, qtbot, NO_MATCH)
    qtbot.waitUntil(lambda: visible(ui, "related_theme_交通"))
    # The heading's Column places its buttons at the next polish: a finger taps a drawn frame.
    wait_for_frame(ui.window)
    qtmodeltester.check(ui.controller.search_view.related_model)
    qtmodeltester.check(ui.controller.results_model)  # its highlight is made on demand
    assert find(ui, "related_theme_交通").property("text") == "主题：交通"
    tap(ui, "related_theme_交通")
    assert ui.controller.screen == "browse"
    assert ui.controller.browseTitle == "交通"
    assert ui.controller.browse_model.rowCount() == len(sample_catalogue.browse(theme="交通"))
    tap(ui, "backButton")
    qtbot.waitUntil(lambda: visible(ui, f"related_department_{department}"))
    wait_for_frame(ui.window)
    tap(ui, f"related_department_{department}")
    assert ui.controller.screen == "browse"
    assert ui.controller.browseTitle == department
    assert ui.controller.browse_model.rowCount() == len(sample_catalogue.browse(department=department))


def test_matching_query_shows_no_closest_heading(ui: Ui, qtbot, sample_catalogue) -> None:
    type_text(ui, qtbot, NO_MATCH)
    qtbot.waitUntil(lambda: visible(ui, "closestTitle"))
    find(ui, "searchInput").setProperty("text", "社保")  # the resident types on: now it matches
    qtbot.waitUntil(lambda: ui.controller.query == "社保")
    hits = sample_catalogue.search("社保", limit=60)
    assert hits and not any(h.closest for h in hits)
    qtbot.waitUntil(lambda: not visible(ui, "closestTitle"))
    assert lookup(ui, "relatedGroups") is None or not visible(ui, "relatedGroups")
    assert find(ui, "resultCount").property("text") == f"找到 {len(hits)} 项"
    rows = rows_on_screen(ui)
    assert rows and not any(closest for _, closest in rows)


def test_no_result_at_all_keeps_the_theme_suggestions(ui: Ui, qtbot) -> None:
    type_text(ui, qtbot, "龘龘")  # shares no character pair with anything
    qtbot.waitUntil(lambda: visible(ui, "noResults"))
    assert not visible(ui, "closestTitle")
    assert find(ui, "resultCount").property("text") == "找到 0 项"
