"""Every string a resident (or technician) can read is translated into 繁體 and English, and current.

``.ci/translations.py check`` runs pyside6-lupdate over ui/ (QML and Python) against copies of
the .ts files: a string added after the last update (another helper's new button, say) makes the
.ts stale and fails here, as does an unfinished or empty translation or a .qm not compiled from
its .ts. A second walk fails on a QML literal a resident would read that no qsTr() wraps.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from qmlstrings import Literal, untranslated

ROOT = Path(__file__).resolve().parents[2]
QML = ROOT / "ui" / "qml"

#: Literals in QML that are not translated, on purpose: (file name, text) and why.
ALLOWED = {
    # Each language is named in itself, so its reader finds it whatever is on screen now.
    ("LanguageSwitch.qml", "简体"): "language name in itself",
    ("LanguageSwitch.qml", "繁體"): "language name in itself",
    ("LanguageSwitch.qml", "简体中文"): "language name in itself",
    ("LanguageSwitch.qml", "繁體中文"): "language name in itself",
    ("LanguageSwitch.qml", "English"): "language name in itself",
    ("PrinterPage.qml", "A4"): "a paper size, the same in every language",
}


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_translations", ROOT / ".ci" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _tool()


def test_translations_are_complete_current_and_compiled(tool: ModuleType) -> None:
    problems = tool.check()
    assert problems == [], "\n".join(problems)


def test_both_files_hold_the_strings_of_every_part_of_the_ui(tool: ModuleType) -> None:
    for language in tool.LANGUAGES:
        contexts = {c.findtext("name") for c in ET.parse(tool.ts_file(language)).getroot().iter("context")}
        # QML scenes, the resident backend's toasts, print messages and the technician screen.
        assert {"HomeScene", "ItemScene", "IdleOverlay", "Controller", "PrintService", "SlipPrinter",
                "LanguageSwitch", "AdminScene"} <= contexts, language


def _copy(tmp_path: Path, tool: ModuleType) -> Path:
    for language in tool.LANGUAGES:
        shutil.copy(tool.ts_file(language), tmp_path)
        shutil.copy(tool.ts_file(language).with_suffix(".qm"), tmp_path)
    return tmp_path


def test_the_check_fails_on_an_unfinished_or_empty_translation(tool: ModuleType, tmp_path: Path) -> None:
    d = _copy(tmp_path, tool)
    ts = tool.ts_file("en", d)
    text = ts.read_text("utf-8")
    text = text.replace("<translation>Back</translation>", '<translation type="unfinished">Back</translation>', 1)
    text = text.replace("<translation>Home</translation>", "<translation></translation>", 1)
    ts.write_text(text, "utf-8")
    problems = "\n".join(tool.check(d))
    assert "'返回': unfinished" in problems and "'首页': empty translation" in problems


def test_the_check_fails_on_a_stale_file_and_a_stale_qm(tool: ModuleType, tmp_path: Path) -> None:
    d = _copy(tmp_path, tool)
    ts = tool.ts_file("zh_HK", d)
    root = ET.parse(ts)
    context = next(c for c in root.getroot().iter("context") if c.findtext("name") == "SceneHeader")
    context.remove(context.find("message"))  # as if a new qsTr string came after the last update
    root.write(ts, encoding="utf-8", xml_declaration=True)
    assert any("kiosk_zh_HK.ts is stale" in p for p in tool.check(d))
    (tmp_path / "qm").mkdir()
    d2 = _copy(tmp_path / "qm", tool)
    tool.ts_file("en", d2).with_suffix(".qm").write_bytes(b"not a translation")
    assert tool.check(d2) == ["kiosk_en.qm is not compiled from kiosk_en.ts (run: .ci/translations.py update)"]


def test_no_qml_string_a_resident_reads_escapes_qstr() -> None:
    found: list[Literal] = []
    for path in sorted(QML.rglob("*.qml")):
        found += [lit for lit in untranslated(path) if (path.name, lit.text) not in ALLOWED]
    assert not found, "wrap these in qsTr() (or allow-list what is truly not UI text):\n" + "\n".join(map(str, found))


@pytest.mark.parametrize(("source", "count"), [
    ('Text { text: "办理" }', 1),
    ('Text { text: qsTr("办理") }', 0),
    ("KButton { text: cond ? qsTr(\"是\") : 'Back' }", 1),
    ('Text { text: "OK" }', 1),
    ('Item { objectName: "searchInput"; color: "#FFFFFF" }', 0),
    ('Item { property string kind: "primary" } // 注释里的中文', 0),
    ('Item { Accessible.name: "Search" }', 1),
    ('Text { text: qsTranslate("Ctx", "办理") }', 0),
])
def test_the_walk_finds_unwrapped_literals(tmp_path: Path, source: str, count: int) -> None:
    qml = tmp_path / "T.qml"
    qml.write_text("import QtQuick\n" + source + "\n", "utf-8")
    assert len(untranslated(qml)) == count


def test_every_shown_text_follows_the_language(ui, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Home in English shows no Chinese outside catalogue text; in 繁體 the chrome is Traditional."""
    from uihelpers import find, tap

    from kiosk.access.script import Language

    ui.controller.session.nav.set_language(Language.EN)
    ui.controller.mirror()
    qtbot.waitUntil(lambda: find(ui, "networkState").property("text") == "Offline")
    assert ui.window.title() == "Government Self-Service Kiosk"
    date = find(ui, "date").property("text")
    assert any(day in date for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                       "Sunday")), date
    ui.controller.session.nav.set_language(Language.ZH_HANT)
    ui.controller.mirror()
    qtbot.waitUntil(lambda: find(ui, "networkState").property("text") == "離線")
    assert ui.window.title() == "政務服務自助終端" and "星期" in find(ui, "date").property("text")
    assert find(ui, "themeTile_社保").property("label") == "社保"
    assert find(ui, "themeTile_醫保").property("label") == "醫保"  # catalogue labels in Traditional
    tap(ui, "themeTile_醫保")  # the query uses the catalogue's own label (医保)
    qtbot.waitUntil(lambda: ui.controller.screen == "browse")
    assert ui.controller.browseTitle == "醫保" and ui.controller.browse_model.rowCount() > 0


def test_start_up_loads_no_opencc_and_no_translator_for_simplified(tmp_path: Path) -> None:
    """OpenCC's s2hk tables load on the first 繁體 text, never while the first frame is drawn."""
    import os
    import subprocess

    code = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "from kiosk.paths import home_layout\n"
        "from ui.app import build_ui, prepare_environment, wait_for_frame\n"
        "prepare_environment(offscreen=True)\n"
        "app = QGuiApplication(sys.argv[:1])\n"
        "ui = build_ui(home_layout().ensure(), size=(1280, 800), windowed=True, start_timers=False)\n"
        "ui.window.show()\n"
        "wait_for_frame(ui.window)\n"
        "from kiosk.access import script\n"
        "print(script._converter.cache_info().currsize, ui.translator is None)\n"
        "ui.close()\n"
    )
    env = {**os.environ, "KIOSK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         cwd=ROOT, timeout=120).stdout.split()
    assert out[-2:] == ["0", "True"]  # s2hk never opened (the opencc module itself is search's, ~1 ms)
