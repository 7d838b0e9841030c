"""qmllint sees the typed boundary: a misspelled backend property in a scene fails the lint.

Runs ``.ci/lint qml`` (the same qmllint command and generated type information that
``bash .ci/lint`` uses) on a copy of the Kiosk module.
"""

from __future__ import annotations

import shutil
import subprocess
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


@pytest.mark.parametrize(("scene", "right", "wrong"), [
    ("home/StatusBar.qml", "Resident.online ?", "Resident.onlien ?"),  # a property of the resident backend
    ("search/SearchScene.qml", "Resident.search(", "Resident.serach("),  # one of its slots
    ("admin/SyncPage.qml", "Technician.syncNow()", "Technician.syncNwo()"),  # the technician backend
])
def test_a_misspelled_backend_member_fails_the_lint(module_copy: Path, scene: str, right: str, wrong: str) -> None:
    path = module_copy / "Kiosk" / scene
    clean = _lint(module_copy, path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    text = path.read_text("utf-8")
    assert right in text
    path.write_text(text.replace(right, wrong, 1), "utf-8")
    broken = _lint(module_copy, path)
    name = wrong.split(".")[1].rstrip(" ?(").rstrip("()")
    assert broken.returncode != 0
    assert f'"{name}" not found on type' in broken.stdout + broken.stderr
