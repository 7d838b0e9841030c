"""Where a slip goes: a PDF file, a CUPS queue (as a PDF through ``lp``), an ESC/POS printer.

``print_queue`` returns the job id CUPS gave the slip; :mod:`kiosk.ops.printer` follows it.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

from kiosk.catalogue.model import Item
from kiosk.ops.printer import DeviceNotReady, PrinterState, submit, write_device
from ui.printing.fonts import slip_family
from ui.printing.layout import (
    MM,
    PAPERS,
    RECEIPT_PAPERS,
    SlipInfo,
    SlipRenderer,
    render_slip,
    slip_media,
)

log = logging.getLogger("print")

ESCPOS_DPI = 203  # 8 dots per millimetre, the usual thermal print head


class PrinterNotReady(Exception):
    """The printer cannot take a job now; ``state`` picks the resident's message."""

    def __init__(self, state: PrinterState, detail: str) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail


def print_pdf(path: Path, item: Item, info: SlipInfo, paper: str) -> Path:
    """Write the slip as a PDF file (QPdfWriter: no print system involved)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    writer.setCreator("zizhuban-kiosk")
    render_slip(writer, item, info, paper)
    del writer  # closes the file
    return path


def print_queue(queue: str, item: Item, info: SlipInfo, paper: str) -> int:
    """Send the slip to a CUPS queue as a PDF; return the job id CUPS accepted it under.

    Raises SubmitError when CUPS refuses the job (no id: nothing was sent).
    """
    fd, tmp = tempfile.mkstemp(prefix="kiosk-slip-", suffix=".pdf")
    os.close(fd)
    try:
        print_pdf(Path(tmp), item, info, paper)
        # lp copies the file to the spooler before it returns
        return submit(queue, tmp, options={"media": slip_media(item, info, paper)})
    finally:
        Path(tmp).unlink(missing_ok=True)


def render_image(item: Item, info: SlipInfo, paper: str, dpi: int = ESCPOS_DPI) -> QImage:
    """The receipt slip as a grayscale picture of the printable width, for ESC/POS printers."""
    spec = PAPERS[paper if paper in RECEIPT_PAPERS else "80mm"]
    renderer = SlipRenderer(item, info, spec, slip_family())
    px_per_mm = dpi / 25.4
    width = round((spec.width - 2 * spec.margin) * px_per_mm)
    height = round(renderer.page_size_mm().height() * px_per_mm)
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.scale(dpi / 72, dpi / 72)
        painter.translate(-spec.margin * MM, 0)  # the print head covers the printable width only
        renderer.paint_on(painter, None)
    finally:
        painter.end()
    return image


def escpos_bytes(item: Item, info: SlipInfo, paper: str) -> bytes:
    """The ESC/POS commands of the slip: a raster image of it, then a paper cut."""
    from escpos.printer import Dummy
    from PIL import Image

    image = render_image(item, info, paper)
    gray = Image.frombuffer("L", (image.width(), image.height()), bytes(image.constBits()),
                            "raw", "L", image.bytesPerLine(), 1)
    # A thermal head prints dots or nothing: threshold rather than dither, so text stays sharp.
    bitmap = gray.point(lambda v: 255 if v >= 160 else 0).convert("1")
    printer = Dummy()
    # The default profile knows no paper width, and python-escpos print()s a warning then.
    printer.profile.profile_data.setdefault("media", {}).setdefault("width", {})["pixels"] = bitmap.width
    printer.image(bitmap)
    printer.cut()
    return bytes(printer.output)


def print_escpos(device: str, item: Item, info: SlipInfo, paper: str, timeout: float = 60.0) -> None:
    """Send the slip as a raster image to an ESC/POS thermal printer (a device file).

    Raises PrinterNotReady (the device is missing, offline or out of paper) or DeviceTimeout
    (it stopped taking data: a printer out of paper often just stops reading, and a
    blocking write would hold the print button busy for every resident after).
    """
    data = escpos_bytes(item, info, paper)
    try:
        write_device(device, data, timeout)
    except DeviceNotReady as exc:
        raise PrinterNotReady(exc.state, exc.detail) from None
