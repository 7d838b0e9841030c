"""Minimal repro of a Qt 6.11.3 leak (run by tests/ui/test_qr_memory.py; also by hand):

    QT_QPA_PLATFORM=offscreen python tests/ui/data_url_leak.py data 900

A Loader shows, then hides, an Image of a 900 px PNG from a data: URL; prints how many MB the
process grew over 100 such cycles after 20 to warm up. ``file`` loads the same PNG from a file.
Measured 2026-12-02 (PySide6 6.11.3, offscreen): data 900 -> 160-205 MB, file 900 -> 0.1 MB,
data 300 -> ~1 MB (with ``cache: true`` too, and with MALLOC_MMAP_THRESHOLD_=131072).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import psutil
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from ui.app import wait_for_frame
from ui.backends.qrimage import png_data_url

QML = """
import QtQuick
Window {
    id: root
    width: 1920; height: 1080; visible: true
    property string url: ""
    property bool shown: false
    Loader {
        anchors.fill: parent
        active: root.shown
        sourceComponent: Rectangle {
            color: "white"
            Image { anchors.centerIn: parent; source: root.url; cache: false; smooth: false }
        }
    }
}
"""


def main(kind: str, side: int) -> float:
    app = QGuiApplication(sys.argv)
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    for y in range(0, side, 20):  # a QR-like pattern of dark squares
        for x in range(0, side, 20):
            if (x * 7 + y * 13) % 3 == 0:
                image.setPixelColor(x, y, QColor("black"))
                for yy in range(y, min(y + 20, side)):
                    for xx in range(x, min(x + 20, side)):
                        image.setPixel(xx, yy, 0)
    work = Path(tempfile.mkdtemp(prefix="data-url-leak-"))
    (work / "Main.qml").write_text(QML, encoding="utf-8")
    image.save(str(work / "code.png"))
    engine = QQmlApplicationEngine()
    engine.load(QUrl.fromLocalFile(str(work / "Main.qml")))
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    window.setProperty("url", png_data_url(image) if kind == "data"
                       else QUrl.fromLocalFile(str(work / "code.png")).toString())

    def cycles(n: int) -> None:
        for _ in range(n):
            window.setProperty("shown", True)
            wait_for_frame(window, 500)
            window.setProperty("shown", False)
            wait_for_frame(window, 500)

    cycles(20)
    before = psutil.Process().memory_info().rss
    cycles(100)
    growth = (psutil.Process().memory_info().rss - before) / 2**20
    del app
    return growth


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    kind, side = (sys.argv[1], int(sys.argv[2])) if len(sys.argv) > 2 else ("data", 900)
    print(f"{kind} {side}: {main(kind, side):.1f} MB")
