"""Catalogue text is drawn as plain text: markup in a signed list never becomes rich text.

Found by the attack lab (a signed feed served on loopback): Qt's Text defaults to AutoText,
so a name holding ``<img src="http://…">`` made the item screen fetch a picture from that host
and draw it (a fake QR code beside the real one), and ``<font size=7 color=red>`` wrote 请扫码缴费
across the guide. The row rules now refuse such text (tests/kiosk/catalogue/
test_hostile_rows.py); this is the layer under them: a catalogue that holds it anyway (the
factory snapshot is opened without a row check) still shows it as the characters it is.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtQml import QQmlExpression, qmlContext
from PySide6.QtQuick import QQuickItem
from sessionhelpers import FakeClock, put_factory
from uihelpers import make_ui

from kiosk.catalogue.build import build
from kiosk.catalogue.model import Material, item_from_dict
from kiosk.paths import HomeLayout
from kiosk.search.keys import search_keys
from ui.app import Ui

pytestmark = pytest.mark.qt

ALLOW = ["gdzwfw.gov.cn", "gz.gov.cn"]
PLAIN, STYLED = 0, 4  # Text.PlainText, Text.StyledText


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every request made to it."""
    _Recorder.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, name="recorder", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _hostile_catalogue(path: Path, base: str) -> Path:
    """A snapshot whose texts carry markup, built without the row rules (as an older kiosk did)."""
    tag = f'<img src="{base}/qr.png" width=300 height=300><font size=7 color=red>请扫码缴费</font>'
    good = item_from_dict({"code": "ATK-1", "name": "社保缴费明细查询", "department": "测试人社局",
                           "pc_url": "https://rsj.gz.gov.cn/"}, allow_hosts=ALLOW)
    g = good.guide
    guide = dataclasses.replace(
        g, conditions=tag + "条件", steps=(tag + "步骤",), phone=tag + "12333", address=tag + "地址",
        hours=tag + "时间", fee=tag + "收费", note=tag + "备注",
        materials=(Material(name=tag + "材料", note=tag + "说明"),))
    bad = dataclasses.replace(good, code="ATK-2", name=tag + "社保", department=tag + "人社局",
                              themes=("社保",), guide=guide)
    build(((i, search_keys(i)) for i in (good, bad)), path,
          meta={"version": 9, "published_at": "2026-12-02T00:00:00+08:00",
                "source": "attack lab", "title": "hostile", "sample": False})
    return path


def _texts(ui: Ui) -> list[QQuickItem]:
    """Every visible Text item on screen."""
    out, stack = [], [ui.window.contentItem()]
    while stack:
        it = stack.pop()
        if not it.isVisible():
            continue
        if it.metaObject().indexOfProperty("textFormat") >= 0 and isinstance(it.property("text"), str):
            out.append(it)
        stack.extend(it.childItems())
    return out


def _format(item: QQuickItem) -> int:
    # PySide6 has no converter for QQuickText::TextFormat: read it through QML
    value, failed = QQmlExpression(qmlContext(item), item, "textFormat").evaluate()
    assert not failed
    return int(value)


def _check_screen(ui: Ui, screen: str) -> int:
    """Every Text showing the hostile markup is PlainText; return how many there were."""
    shown = 0
    for t in _texts(ui):
        text = t.property("text")
        if "<img" in text:
            shown += 1
            assert _format(t) == PLAIN, f"{screen}: {t.objectName() or t} draws {text[:60]!r} as rich text"
        elif _format(t) != PLAIN:
            # only the search row's highlight is marked up, by the kiosk, from escaped text
            own = re.sub(r'</?u>|<font color="#[0-9a-fA-F]{6}">|</font>', "", text)
            assert _format(t) == STYLED and "<" not in own, (screen, text[:80])
    return shown


def test_markup_in_a_catalogue_is_drawn_as_text_and_fetches_nothing(
        qtbot, kiosk_home: HomeLayout, clock: FakeClock, tmp_path: Path,
        server: tuple[str, list[str]]) -> None:
    base, requests = server
    put_factory(kiosk_home, _hostile_catalogue(tmp_path / "hostile.sqlite", base))
    ui = make_ui(qtbot, kiosk_home, clock, size=(1080, 1920))
    try:
        c = ui.controller
        assert _check_screen(ui, "home") >= 1  # the department's button
        c.openItem("ATK-2")
        qtbot.waitUntil(lambda: c.screen == "item")
        # name, department, conditions, step, phone, address, hours, fee, note, material
        assert _check_screen(ui, "item") >= 8
        c.goHome()
        c.openSearch()
        c.search("社保")
        qtbot.waitUntil(lambda: c.screen == "search" and any("&lt;img" in t.property("text")
                                                            for t in _texts(ui)))
        _check_screen(ui, "search")
        c.goHome()
        c.openTheme("社保")
        qtbot.waitUntil(lambda: c.screen == "browse")
        _check_screen(ui, "browse")
        # A rich-text Text asks for its image as soon as it is laid out; give a request the
        # time to arrive (a bounded wait: what is checked is that nothing comes).
        qtbot.wait(300)
        assert requests == []
    finally:
        ui.close()


def test_every_text_of_the_resident_scenes_is_a_ktext_and_only_the_highlight_is_marked_up() -> None:
    """What keeps the rule for scenes written later: a bare Text (AutoText by default) or another
    textFormat would draw catalogue markup again."""
    root = Path(__file__).resolve().parents[2] / "ui" / "qml" / "Kiosk"
    bare, formats = [], []
    for qml in sorted(root.rglob("*.qml")):
        rel = qml.relative_to(root).as_posix()
        for n, line in enumerate(qml.read_text("utf-8").splitlines(), 1):
            if re.match(r"\s*(Text|Label|TextEdit|TextArea)\s*\{", line) and rel != "controls/KText.qml":
                bare.append(f"{rel}:{n}")
            if re.search(r"\btextFormat\s*:", line) and rel not in ("controls/KText.qml",
                                                                     "controls/ItemRow.qml"):
                formats.append(f"{rel}:{n}")
    assert not bare, f"use KText (plain text): {bare}"
    assert not formats, f"catalogue text is drawn as plain text: {formats}"
