"""Characters beyond GB 2312 (Cantonese place names in window addresses, such as 沥滘) come
from the bundled extension font, on screen and in print, on a machine with no CJK font.

Each check runs in a child process whose fontconfig knows no font at all, as on a fresh
kiosk: only what the kiosk registers itself can draw Chinese there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.catalogue.factory import ensure_factory
from kiosk.paths import HomeLayout

pytestmark = pytest.mark.qt

RARE = "滘塱氹"  # GBK, not GB 2312: 沥滘, 石塱, 氹仔

SCREEN = r"""
import json, sys
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QTextLayout, QFont
import PySide6.QtQuick
from PySide6.QtQml import QQmlApplicationEngine
from ui.boot import CJK_FAMILY, load_extension_fonts, start_application

app, family = start_application()
text = sys.argv[1]

def runs():
    font = QFont(family)
    font.setPixelSize(40)
    layout = QTextLayout(text, font)
    layout.beginLayout(); layout.createLine(); layout.endLayout()
    return {r.rawFont().familyName(): [g for g in r.glyphIndexes()] for r in layout.glyphRuns()}

engine = QQmlApplicationEngine()
engine.loadData(("import QtQuick\nWindow { width: 300; height: 80; visible: true; color: 'white'\n"
                 "  Text { text: '%s'; font.family: '%s'; font.pixelSize: 40 } }" % (text, family)).encode())
window = engine.rootObjects()[0]

def grab():
    loop = QEventLoop()
    window.frameSwapped.connect(loop.quit)
    QTimer.singleShot(3000, loop.quit)
    window.update()
    loop.exec()
    window.frameSwapped.disconnect(loop.quit)
    return window.grabWindow()

before_runs, before = runs(), grab()
load_extension_fonts()
after_runs = runs()
grab()
after = grab()
print(json.dumps({"family": family, "bundled": CJK_FAMILY, "before": before_runs, "after": after_runs,
                  "scene_redrawn": before != after}))
"""

PRINT = r"""
import dataclasses, sys
from datetime import datetime
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from kiosk.catalogue.reader import Catalogue
from ui.printing.service import SlipInfo, print_pdf

app = QGuiApplication([])
catalogue = Catalogue.open(Path(sys.argv[1]))
item = catalogue.item(catalogue.hot(1)[0].code)
item = dataclasses.replace(item, name=item.name + sys.argv[2])
info = SlipInfo(kiosk_id="GZ-TEST-1", data_version="1", printed_at=datetime(2026, 11, 26, 9, 30))
print_pdf(Path(sys.argv[3]), item, info, "58mm")
"""


@pytest.fixture()
def no_system_fonts(tmp_path: Path) -> dict[str, str]:
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<?xml version='1.0'?>\n<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
                    "</fontconfig>\n", "utf-8")
    return dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen")


def _child(script: str, *args: str, env: dict[str, str]) -> str:
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_rare_characters_come_from_the_extension_once_it_is_registered(no_system_fonts) -> None:
    from kiosk.ops.fonts import BUNDLED_FAMILY, EXT_FAMILY

    out = json.loads(_child(SCREEN, "沥" + RARE, env=no_system_fonts).splitlines()[-1])
    assert out["family"] == out["bundled"] == BUNDLED_FAMILY
    # Before: the main files draw 沥 and a box (glyph 0) for each rare character.
    assert out["before"] == {BUNDLED_FAMILY: out["before"][BUNDLED_FAMILY]}
    assert out["before"][BUNDLED_FAMILY].count(0) == len(RARE)
    # After: real glyphs from the extension, and the scene already on screen drew them too.
    assert 0 not in out["after"][EXT_FAMILY] and len(out["after"][EXT_FAMILY]) == len(RARE)
    assert 0 not in out["after"][BUNDLED_FAMILY]
    assert out["scene_redrawn"]


@pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"), reason="needs poppler-utils")
def test_a_slip_prints_rare_characters_from_the_extension(no_system_fonts, kiosk_home: HomeLayout,
                                                          tmp_path: Path) -> None:
    snapshot = ensure_factory(kiosk_home)
    pdf = tmp_path / "slip.pdf"
    _child(PRINT, str(snapshot), "（沥" + RARE + "）", str(pdf), env=no_system_fonts)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "沥" + RARE in text.replace("\n", "")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "KioskPrintCJKExt" in fonts and "KioskPrintCJK" in fonts.replace("KioskPrintCJKExt", "")
