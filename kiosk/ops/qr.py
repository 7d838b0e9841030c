"""QR codes for the item's online address, as a plain boolean matrix.

The matrix comes from the ``qrcode`` library; the UI and the printed slip draw
it themselves at a whole number of pixels per module, so it stays crisp at any
size, with the quiet zone included in the matrix.
"""

from __future__ import annotations

#: The quiet zone the QR standard asks for, in modules.
QUIET_ZONE = 4


def qr_matrix(text: str, border: int = QUIET_ZONE) -> list[list[bool]]:
    """Rows of modules (True = dark), quiet zone of ``border`` modules included."""
    # imported here: qrcode pulls in Pillow, which the kiosk needs only once an item opens
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=border, box_size=1
    )
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def qr_svg(text: str, border: int = QUIET_ZONE) -> str:
    """The matrix as a small SVG (one path), for documents and the README."""
    matrix = qr_matrix(text, border)
    n = len(matrix)
    cells = "".join(
        f"M{x},{y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" shape-rendering="crispEdges">'
        f'<rect width="{n}" height="{n}" fill="#fff"/><path d="{cells}" fill="#000"/></svg>'
    )
