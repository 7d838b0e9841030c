"""``image://qr/<percent-encoded text>``: a QR code drawn crisp from ``kiosk.ops.qr``'s matrix.

Each module is a whole number of pixels and the quiet zone comes with the matrix,
so the code decodes at any size. QML shows the image at its own size (no scaling).
"""

from __future__ import annotations

import logging
from urllib.parse import unquote

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.ops.qr import qr_matrix

log = logging.getLogger("ui.qr")

DEFAULT_SIZE = 400


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


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        target = min(requestedSize.width(), requestedSize.height())
        if target <= 0:
            target = DEFAULT_SIZE
        text = unquote(id)
        image = render_matrix(qr_matrix(text), target)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
