"""The layout rules themselves (tests/helpers/layoutcheck.py) on small scenes made to break them:
each rule finds what it is for and nothing on a scene that holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from layoutcheck import Finding, check, list_findings, targets
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from ui.app import wait_for_frame

pytestmark = pytest.mark.qt

SCENES = {
    "holds": """
        Rectangle { x: 10; y: 10; width: 200; height: 60; color: "white"
            Text { anchors.centerIn: parent; text: "OK"; font.pixelSize: 20 } }
        Text { x: 10; y: 100; width: 100; text: "wraps onto more lines"; wrapMode: Text.Wrap; font.pixelSize: 20 }
        Rectangle { objectName: "key"; x: 250; y: 10; width: 80; height: 80; color: "grey"; TapHandler {} }
    """,
    "truncated": """
        Text { x: 10; y: 10; width: 60; text: "a long line that cannot fit"; elide: Text.ElideRight; font.pixelSize: 20 }
    """,
    "too-wide": """
        Text { x: 10; y: 10; width: 60; text: "a long line that cannot fit"; font.pixelSize: 20 }
    """,
    "shrunk": """
        Text { x: 10; y: 10; width: 60; height: 30; text: "a long line"; fontSizeMode: Text.Fit;
               minimumPixelSize: 6; font.pixelSize: 20 }
    """,
    "outside": """
        Rectangle { objectName: "button"; x: 10; y: 10; width: 60; height: 40; color: "white"
            Row { anchors.centerIn: parent; Text { text: "Full keyboard Pinyin/ABC"; font.pixelSize: 20 } } }
    """,
    "overlap": """
        Text { x: 10; y: 10; text: "Opening hours"; font.pixelSize: 20 }
        Text { x: 60; y: 12; text: "9:00-17:00"; font.pixelSize: 20 }
    """,
    "covered": """
        Rectangle { objectName: "button"; x: 10; y: 200; width: 200; height: 80; color: "white"; TapHandler {} }
        Rectangle { objectName: "bar"; x: 0; y: 250; width: 400; height: 50; color: "blue" }
    """,
    "half-row": """
        ListView { objectName: "list"; x: 0; y: 0; width: 300; height: 60; clip: true; model: 5
            delegate: Rectangle { width: 300; height: 80; color: "white" } }
    """,
}


@pytest.fixture()
def scene(request: pytest.FixtureRequest, qapp, tmp_path: Path) -> Iterator[QQuickWindow]:  # type: ignore[no-untyped-def]
    engine = QQmlApplicationEngine()
    qml = tmp_path / "Scene.qml"
    qml.write_text("import QtQuick\nWindow { width: 400; height: 300; visible: true; color: 'white'\n"
                   + SCENES[request.param] + "\n}\n", "utf-8")
    engine.load(QUrl.fromLocalFile(str(qml)))
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    wait_for_frame(window)
    wait_for_frame(window)
    yield window
    window.close()
    engine.deleteLater()


def _kinds(findings: list[Finding]) -> set[str]:
    return {f.kind for f in findings}


@pytest.mark.parametrize("scene", ["holds"], indirect=True)
def test_a_scene_that_holds_has_no_finding(scene: QQuickWindow) -> None:
    assert check(scene) + list_findings(scene) == []
    assert set(targets(scene)) == {"key"}


@pytest.mark.parametrize(("scene", "kind"), [(k, k) for k in SCENES if k not in ("holds", "half-row")],
                         indirect=["scene"])
def test_each_rule_finds_what_it_is_for(scene: QQuickWindow, kind: str) -> None:
    assert kind in _kinds(check(scene))


@pytest.mark.parametrize("scene", ["half-row"], indirect=True)
def test_a_list_showing_less_than_two_rows_is_found(scene: QQuickWindow) -> None:
    assert [f.kind for f in list_findings(scene)] == ["half-row"]
