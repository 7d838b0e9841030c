"""QML's ``Qr``: a QR code as an image URL, drawn crisp from ``kiosk.ops.qr``'s matrix.

``Qr.image(text)`` returns a ``data:image/png`` URL of the matrix at one pixel a module (quiet
zone included, so about 40 px square); QML's Image scales it by a whole number with ``smooth:
false``, so each module is a whole number of screen pixels and the code decodes at any size.
A data URL rather than an image provider (``image://``): a QQuickImageProvider needs PySide6's
Qt Quick bindings, about 3 MiB that nothing else on a resident's path uses (measured with
``python -m ui.bench``, Debian's python3.11, 2026-12-02).

Why one pixel a module, not the code drawn at its size: Qt 6.11.3 leaks the decoded pixels of
a large image loaded from a data: URL when the Image is destroyed before that load (on Qt's
image reader thread) has finished. A Loader showing an Image of a 900 px data:image/png and
hiding it a frame later grew RSS by ~1.7 MB a time (tests/ui/data_url_leak.py: 160-180 MB per
100, with ``cache`` true or false and with MALLOC_MMAP_THRESHOLD_ fixed); 300 px by ~1 MB per
100, a 45 px code scaled to 900 not measurably, the same 900 px PNG from a file not at all.
The full-screen code (QrZoom), which a tap anywhere closes, was the kiosk's memory growth in
repeated sessions (tests/ui/test_qr_memory.py; figures in tests/ui/test_monkey.py).
"""

from __future__ import annotations

import base64
import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Slot
from PySide6.QtGui import QImage
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.ops.qr import qr_matrix

log = logging.getLogger("ui.qr")

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

def render_matrix(matrix: list[list[bool]], target: int) -> QImage:
    """Draw ``matrix`` (quiet zone included) at the largest integer module size within ``target`` px.

    Built from bytes rather than with QPainter.fillRect(int, int, int, int, QColor), which
    drops a reference to None on every call in PySide6 6.12 and so crashes a long-running
    kiosk after a few thousand QR codes (Python 3.11's None is not immortal).
    """
    n = len(matrix)
    module = max(1, target // n) if n else 1
    side = max(n * module, 1)
    dark, light = b"\x00" * module, b"\xff" * module
    rows = []
    for row in matrix:
        line = b"".join(dark if cell else light for cell in row)
        rows.append(line * module)
    data = b"".join(rows) or b"\xff"
    image = QImage(data, side, side, side, QImage.Format.Format_Grayscale8)
    return image.convertToFormat(QImage.Format.Format_RGB32)  # a deep copy that owns its pixels


def png_data_url(image: QImage) -> str:
    """``image`` as a ``data:image/png;base64,…`` URL (empty if it cannot be encoded)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # PySide6 6.11 stub: format as bytes
        log.error("could not encode a QR code as PNG")
        return ""
    return "data:image/png;base64," + base64.b64encode(data.data()).decode("ascii")


@QmlElement
@QmlSingleton
class Qr(QObject):
    """QML's ``Qr`` singleton (created by the engine on first use: the item screen)."""

    @Slot(str, result=str)
    def image(self, text: str) -> str:
        """A data URL of ``text``'s QR code, one pixel a module ("" for no text): see the module's doc."""
        if not text:
            return ""
        matrix = qr_matrix(text)
        return png_data_url(render_matrix(matrix, len(matrix)))
