"""qmllint sees the typed boundary: a misspelled backend property in a scene fails the lint.

Runs ``.ci/lint qml`` (the same qmllint command and generated type information that
``bash .ci/lint`` uses) on a copy of the Kiosk module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "ui" / "qml" / "Kiosk"


def _lint(import_dir: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(ROOT / ".ci" / "lint"), "qml", str(import_dir), *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def module_copy(tmp_path: Path) -> Path:
    shutil.copytree(MODULE, tmp_path / "Kiosk", ignore=shutil.ignore_patterns("*.qmltypes"))
    return tmp_path


@pytest.mark.parametrize(("scene", "right", "wrong", "owner"), [
    ("home/StatusBar.qml", "Resident.online ?", "Resident.onlien ?", "Controller"),  # a property of the resident backend
    ("search/SearchScene.qml", "Resident.search(", "Resident.serach(", "Controller"),  # one of its slots
    ("admin/SyncPage.qml", "Technician.syncNow()", "Technician.syncNwo()", "AdminController"),  # the technician backend
    # the open item (Resident.item, an ItemView): in the scene, and through KeyFacts' typed property
    ("item/ItemScene.qml", "scene.item.name\n", "scene.item.nmae\n", "ItemView"),
    ("item/ItemScene.qml", "scene.item.materials.length", "scene.item.material.length", "ItemView"),
    ("item/KeyFacts.qml", "card.item.fee }", "card.item.fea }", "ItemView"),
])
def test_a_misspelled_backend_member_fails_the_lint(module_copy: Path, scene: str, right: str, wrong: str,
                                                     owner: str) -> None:
    path = module_copy / "Kiosk" / scene
    clean = _lint(module_copy, path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    text = path.read_text("utf-8")
    assert right in text
    path.write_text(text.replace(right, wrong, 1), "utf-8")
    broken = _lint(module_copy, path)
    name = next(w for w in re.findall(r"\w+", wrong) if w not in re.findall(r"\w+", right))
    assert broken.returncode != 0
    assert f'"{name}" not found on type "{owner}"' in broken.stdout + broken.stderr


def test_resident_item_is_typed_wherever_it_is_read(module_copy: Path) -> None:
    """Any QML file, not only the item scene: ``Resident.item.<name>`` is checked against ItemView."""
    probe = module_copy / "Kiosk" / "Probe.qml"
    probe.write_text("import QtQuick\nimport Kiosk\n\nItem {\n    property string shown: Resident.item.name\n}\n",
                     "utf-8")
    clean = _lint(module_copy, probe)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    probe.write_text(probe.read_text("utf-8").replace("item.name", "item.nmae"), "utf-8")
    broken = _lint(module_copy, probe)
    assert broken.returncode != 0
    assert '"nmae" not found on type "ItemView"' in broken.stdout + broken.stderr


def _declared(qmltypes: str, component: str) -> set[str]:
    """The property names of one Component of a .qmltypes file."""
    body = qmltypes.split(f'name: "{component}"', 1)[1].split("\n    Component {", 1)[0]
    return set(re.findall(r'Property \{\s*name: "(\w+)"', body))


@pytest.mark.qt
def test_the_type_information_has_every_property_the_backends_have(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """What qmllint knows is what QML gets at run time: no property is hidden from the type
    generator (pyside6-metaobjectdump reads only plain ``Property`` declarations)."""
    from ui.backends.item import ItemView
    from ui.backends.resident import Controller

    subprocess.run([sys.executable, str(ROOT / ".ci" / "qmltypes.py"), str(tmp_path)], check=True, timeout=300)
    qmltypes = (tmp_path / "Kiosk" / "kiosk.qmltypes").read_text("utf-8")
    for cls in (ItemView, Controller):
        meta = cls.staticMetaObject
        runtime = {meta.property(i).name() for i in range(meta.propertyOffset(), meta.propertyCount())}
        assert runtime, cls
        assert _declared(qmltypes, cls.__name__) == runtime, cls.__name__
