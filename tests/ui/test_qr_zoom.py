"""A tap on the item's QR code shows it full screen; a real decoder reads it from the window."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from uihelpers import find, tap, tap_at, visible

from kiosk.catalogue.reader import Catalogue
from ui.app import Ui

pytestmark = pytest.mark.qt

#: The full-screen code's side at least (quiet zone included), px.
ZOOM_MIN = 600


def _open(ui: Ui, qtbot, cat: Catalogue) -> str:  # type: ignore[no-untyped-def]
    code = next(s.code for s in cat.browse() if s.name == "港澳台签注申请")
    ui.controller.openItem(code)
    qtbot.waitUntil(lambda: visible(ui, "qrCard") or visible(ui, "itemName"))
    url = ui.controller.item.url
    assert url.startswith("https://")
    return url


def _zoom(ui: Ui, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tap the QR card on screen (landscape: beside the guide; portrait: inside it)."""
    tap(ui, "qrCard" if visible(ui, "qrCard") else "qrCardPortrait")
    qtbot.waitUntil(lambda: visible(ui, "qrZoom"))
    assert ui.controller.qrEnlarged


def _tap_item(ui: Ui, item) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    ui.controller.clock.advance(1)  # type: ignore[attr-defined]
    tap_at(ui, item.mapToScene(QPointF(item.width() / 2, item.height() / 2)))


def _decode(ui: Ui, tmp_path: Path) -> list[str]:
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg (zbar-tools) is needed: .ci/setup installs it"
    png = tmp_path / "window.png"
    assert ui.grab().save(str(png))
    out = subprocess.run([zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                         capture_output=True, text=True, timeout=60, check=False)
    return [line for line in out.stdout.splitlines() if line]


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("orientation", ["ui", "portrait_ui"])
def test_a_tap_on_the_qr_shows_it_full_screen_and_it_decodes_to_the_items_address(
        request: pytest.FixtureRequest, qtbot, sample_catalogue: Catalogue, tmp_path: Path,  # type: ignore[no-untyped-def]
        orientation: str, elder: bool) -> None:
    ui: Ui = request.getfixturevalue(orientation)
    ui.controller.session.nav.elder = elder
    url = _open(ui, qtbot, sample_catalogue)
    _zoom(ui, qtbot)
    image = find(ui, "qrZoomImage")
    # A data: URL loads off the GUI thread: wait for it, as a resident's eye does for a frame.
    qtbot.waitUntil(lambda: float(image.property("paintedWidth")) > 0)
    side = min(float(image.property("paintedWidth")), float(image.property("paintedHeight")))
    assert side >= ZOOM_MIN, f"the full-screen QR code is {side:.0f} px"
    assert _decode(ui, tmp_path) == [url]  # one code on screen: the small one is covered


def test_a_tap_anywhere_or_close_shuts_it(ui: Ui, qtbot, sample_catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    _open(ui, qtbot, sample_catalogue)
    _zoom(ui, qtbot)
    _tap_item(ui, find(ui, "qrZoom"))  # the middle of the screen: on the code itself
    qtbot.waitUntil(lambda: not visible(ui, "qrZoom"))
    assert not ui.controller.qrEnlarged and ui.controller.screen == "item"
    _zoom(ui, qtbot)
    tap(ui, "qrZoomClose")
    qtbot.waitUntil(lambda: not visible(ui, "qrZoom"))
    assert not ui.controller.qrEnlarged


def test_the_idle_time_out_closes_it_with_the_session(ui: Ui, qtbot, sample_catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    _open(ui, qtbot, sample_catalogue)
    _zoom(ui, qtbot)
    s, clock = ui.controller.session, ui.controller.clock
    clock.advance(s.idle.effective_timeout() + 1)  # type: ignore[attr-defined]
    ui.controller.tick()
    assert ui.controller.countdown > 0 and ui.controller.qrEnlarged  # 还在使用吗？ over it
    clock.advance(s.idle.countdown + 1)  # type: ignore[attr-defined]
    ui.controller.tick()
    qtbot.waitUntil(lambda: ui.controller.screen == "home")
    assert not ui.controller.qrEnlarged and not visible(ui, "qrZoom")


def test_an_item_without_an_address_has_nothing_to_enlarge(ui: Ui, qtbot, sample_catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    gone = next((s.code for s in sample_catalogue.browse() if s.status != "valid"), None)
    if gone is None:
        pytest.skip("the sample has no suspended or cancelled item")
    ui.controller.openItem(gone)
    qtbot.waitUntil(lambda: visible(ui, "noQrReason"))
    ui.controller.enlargeQr(True)
    assert not ui.controller.qrEnlarged
