"""The printed slip: the brand's header and footer, a raw item's slip, and a long URL in whole lines (real PDFs)."""

from __future__ import annotations

import dataclasses
import html
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.brand import Brand, short_url
from kiosk.catalogue.reader import Catalogue
from kiosk.configedit import set_value
from kiosk.paths import HomeLayout
from ui.printing.devices import print_pdf
from ui.printing.layout import PAPERS, SlipInfo

pytestmark = pytest.mark.qt

LONG = ("https://www.gdzwfw.gov.cn/portal/guide/11440100MB2C92179R4442111009000?region=440100"
        "&channel=kiosk&source=zizhuban&lang=zh_CN&item=SAMPLE-RS-001&ref=" + "a1b2c3d4e5" * 8)[:220]
INFO = SlipInfo(kiosk_id="GZ-TEST-9", data_version="1", printed_at=datetime(2026, 12, 2, 9, 0))


def words(pdf: Path) -> tuple[float, list[tuple[float, float, float, float, str]]]:
    """The page width and every word's box (pdftotext -bbox) of a one-page slip."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', xml).group(1))
    found = [(float(a), float(b), float(c), float(d), html.unescape(e)) for a, b, c, d, e in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)]
    return width, found


def qr_texts(pdf: Path) -> list[str]:
    out = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(out)], check=True)
    found = []
    for png in sorted(pdf.parent.glob(out.name + "-*.png")):
        found += subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True,
                                text=True).stdout.splitlines()
    return found


@pytest.fixture()
def raw_item(raw_snapshot: Path):  # type: ignore[no-untyped-def]
    with Catalogue.open(raw_snapshot, views={}) as cat:
        yield cat.item("SAMPLE-RS-001")


@pytest.mark.parametrize("paper", ["58mm", "80mm", "a4"])
def test_a_220_character_url_prints_in_whole_lines(qapp, raw_item, tmp_path: Path, paper: str) -> None:
    assert len(LONG) == 220
    item = dataclasses.replace(raw_item, pc_url=LONG)
    pdf = print_pdf(tmp_path / f"long-{paper}.pdf", item, INFO, paper)
    width, boxes = words(pdf)
    margin = PAPERS[paper].margin * 72 / 25.4
    for x0, _, x1, _, text in boxes:  # nothing runs off the paper or into the margin
        assert x0 >= margin - 1 and x1 <= width - margin + 1, (text, x0, x1, width)
    expected = LONG if paper == "a4" else short_url(LONG)  # A4 has room to wrap it whole
    url_words = sorted((b for b in boxes if len(b[4]) > 5 and b[4] in expected), key=lambda b: b[1])
    assert "".join(w[4] for w in url_words) == expected  # every line whole, none cut off
    assert len(url_words) >= (4 if paper == "a4" else 1)
    footer_top = min(b[1] for b in boxes if b[4].startswith("终端编号"))
    assert max(w[3] for w in url_words) < footer_top  # the address never runs into the footer
    assert qr_texts(pdf) == [LONG]  # the code holds the whole address


def test_the_brand_heads_and_foots_the_slip(factory: HomeLayout, tmp_path: Path) -> None:
    set_value(factory, "brand.portal_name", "深圳政务服务")
    set_value(factory, "brand.slip_footer", "政务服务便民热线 12345")
    out = tmp_path / "brand.pdf"
    proc = subprocess.run([sys.executable, "-m", "kiosk", "print", "SAMPLE-RS-001", "--pdf", str(out)],
                          capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "深圳政务服务 · 办事指南"
    assert "广州政务服务" not in text
    assert "政务服务便民热线 12345" in text


def test_a_raw_items_slip_says_where_the_guide_is(qapp, raw_item, tmp_path: Path) -> None:
    pdf = print_pdf(tmp_path / "raw.pdf", raw_item, dataclasses.replace(INFO, brand=Brand()), "80mm")
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    assert text.startswith("广州政务服务·办事指南")
    assert "详细办事指南请扫描下方二维码在手机上查看" in text
    assert "0次" not in text and "即办" not in text and "【" not in text  # no empty section
    no_url = dataclasses.replace(raw_item, pc_url="", mobile_url="")
    pdf = print_pdf(tmp_path / "raw-no-url.pdf", no_url, INFO, "80mm")
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    assert "详细办事指南请咨询窗口工作人员" in text
