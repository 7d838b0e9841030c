"""The QR code on screen decodes to the item's URL; every list model passes Qt's model tester."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from uihelpers import find, visible

from ui.app import Ui, wait_for_frame

pytestmark = pytest.mark.qt


def decode(png: Path) -> list[str]:
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True,
                         check=False)
    return [line for line in out.stdout.splitlines() if line]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_qr_cut_from_a_screenshot_decodes_to_the_url(qtbot, factory, clock, tmp_path: Path,
                                                      sample_catalogue, size) -> None:
    from uihelpers import make_ui

    ui: Ui = make_ui(qtbot, factory, clock, size=size)
    try:
        item = sample_catalogue.item("SAMPLE-RS-001")
        assert item.online_url
        ui.controller.openItem(item.code)
        qtbot.waitUntil(lambda: visible(ui, "qrImage") and find(ui, "qrImage").implicitWidth() > 0)
        wait_for_frame(ui.window)
        shot = ui.grab()
        qr = find(ui, "qrImage")
        top_left = qr.mapToScene(QPointF(0, 0))
        crop = shot.copy(int(top_left.x()), int(top_left.y()), int(qr.width()), int(qr.height()))
        assert crop.width() >= 300  # large enough to scan from arm's length
        png = tmp_path / "qr.png"
        assert crop.save(str(png))
        assert decode(png) == [item.online_url]
    finally:
        ui.close()


def _decode_qr_on_screen(ui: Ui, tmp_path: Path) -> list[str]:
    wait_for_frame(ui.window)
    shot = ui.grab()
    qr = find(ui, "qrImage")
    top_left = qr.mapToScene(QPointF(0, 0))
    png = tmp_path / "qr.png"
    assert shot.copy(int(top_left.x()), int(top_left.y()), int(qr.width()), int(qr.height())).save(str(png))
    return decode(png)


@pytest.mark.parametrize("elder", [False, True])
def test_print_button_stays_on_screen_beside_the_qr_code(qtbot, factory, clock, tmp_path: Path,
                                                         elder: bool) -> None:
    """Landscape, with a printer: elder mode's larger text shrinks the QR code (240 px at
    least, and it still decodes) rather than pushing the print button below the screen."""
    from uihelpers import configure, make_ui

    configure(factory, printer__kind="pdf", printer__pdf_dir=str(factory.root / "pdf"),
              display__elder_mode=elder)
    ui: Ui = make_ui(qtbot, factory, clock, size=(1920, 1080))
    try:
        ui.controller.openItem("SAMPLE-RS-001")
        qtbot.waitUntil(lambda: visible(ui, "printButton") and find(ui, "qrImage").implicitWidth() > 0)
        button, card = find(ui, "printButton"), find(ui, "qrCard")
        qtbot.waitUntil(lambda: button.mapToScene(QPointF(0, button.height())).y() <= 1080 - 24)
        assert 240 <= card.property("codeSize") <= 400
        assert _decode_qr_on_screen(ui, tmp_path) == [ui.controller.item.url]
    finally:
        ui.close()


def test_qr_renders_whole_modules() -> None:
    from ui.backends.qrimage import render_matrix

    matrix = [[True, False], [False, True]]
    image = render_matrix(matrix, 101)
    assert image.width() == 100  # 2 modules x 50 px: never a fractional module
    assert image.pixelColor(0, 0).black() > 200 and image.pixelColor(99, 0).black() < 50


def test_every_list_model_passes_the_model_tester(ui: Ui, qtmodeltester) -> None:
    c = ui.controller
    c.search("sb")
    c.openTheme(c.themes_model.labels()[0])
    for model in (c.results_model, c.hot_model, c.browse_model, c.themes_model, c.departments_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
    c.search("")
    qtmodeltester.check(c.results_model, force_py=True)


def test_model_roles_carry_the_summary(ui: Ui) -> None:
    c = ui.controller
    c.search("sbcx")
    m = c.results_model
    roles = {bytes(v).decode(): k for k, v in m.roleNames().items()}
    first = m.index(0)
    assert m.data(first, roles["code"]) == "SAMPLE-RS-001"
    assert m.data(first, roles["status"]) == "valid"
    assert m.data(first, roles["terminal"]) is True
    assert m.data(m.index(999), roles["code"]) is None


def test_cli_screenshot_writes_a_png_of_the_asked_size(factory, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "screenshot", "--out", str(out), "--size", "1080x1920",
         "--screen", "search:sbcx"], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1080, 1920)


def test_cli_screenshot_of_an_unknown_item_is_a_clear_error(factory, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "screenshot", "--out", str(tmp_path / "x.png"),
         "--screen", "item:NO-SUCH"], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode != 0
    assert "NO-SUCH" in proc.stderr
    assert "Traceback" not in proc.stderr


RESIDENT_PATH = """
import sys
from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from kiosk.paths import home_layout
from ui.app import build_ui, prepare_environment, wait_for_frame

prepare_environment(offscreen=True)
app = QGuiApplication(sys.argv[:1])
ui = build_ui(home_layout(), start_timers=False)
ui.window.show()
wait_for_frame(ui.window)
ui.controller.openItem("SAMPLE-RS-001")
wait_for_frame(ui.window)
qr = ui.window.findChild(QObject, "qrImage")
print(str(qr.property("source").toString())[:22], "PySide6.QtQuick" in sys.modules)
"""


def test_the_resident_path_never_loads_the_qt_quick_bindings(factory) -> None:
    """Home, an item and its QR code show without PySide6.QtQuick (~3 MiB: ui/backends/qrimage.py)."""
    proc = subprocess.run([sys.executable, "-c", RESIDENT_PATH], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["data:image/png;base64,", "False"]
