from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.ops.qr import QUIET_ZONE, qr_matrix, qr_svg

URL = "https://www.gdzwfw.gov.cn/"


def test_matrix_has_quiet_zone_and_is_square() -> None:
    m = qr_matrix(URL)
    n = len(m)
    assert all(len(row) == n for row in m)
    assert (n - 2 * QUIET_ZONE - 21) % 4 == 0  # QR versions grow by 4 modules
    for i in range(QUIET_ZONE):
        assert not any(m[i]) and not any(m[n - 1 - i])
        assert not any(row[i] for row in m) and not any(row[n - 1 - i] for row in m)
    # finder pattern top-left: a dark 7x7 ring
    assert all(m[QUIET_ZONE][QUIET_ZONE + k] for k in range(7))


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
@pytest.mark.parametrize("text", [URL, "https://rsj.gz.gov.cn/", "https://www.gz.gov.cn/?q=" + "x" * 300])
def test_matrix_decodes_with_a_real_decoder(tmp_path: Path, text: str) -> None:
    from PIL import Image

    m = qr_matrix(text)
    scale = 8
    img = Image.new("L", (len(m) * scale, len(m) * scale), 255)
    px = img.load()
    for y, row in enumerate(m):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    for dx in range(scale):
                        px[x * scale + dx, y * scale + dy] = 0
    png = tmp_path / "qr.png"
    img.save(png)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == text


def test_svg_contains_every_dark_module() -> None:
    svg = qr_svg(URL)
    dark = sum(v for row in qr_matrix(URL) for v in row)
    assert svg.count("h1v1h-1z") == dark
