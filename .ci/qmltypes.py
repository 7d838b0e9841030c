"""Generate the .qmltypes of the Python backends' QML modules, for qmllint.

    python .ci/qmltypes.py [IMPORT_DIR]       (default: ui/qml)

Every ``ui/backends/*.py`` that declares ``QML_IMPORT_NAME`` goes through Qt for Python's
``pyside6-metaobjectdump`` (Python source to moc-style JSON) and then
``pyside6-qmltyperegistrar`` (JSON to .qmltypes), as ``pyside6-project`` does; one file per
module, where the module's qmldir names it: ``Kiosk`` (QML's ``Resident``, its ``ItemView`` …) in
``IMPORT_DIR/Kiosk/kiosk.qmltypes``, ``Kiosk.admin`` (``Technician``) in
``IMPORT_DIR/Kiosk/admin/admin.qmltypes``. qmllint then checks every backend property, signal
and slot a scene uses. The files are not committed (.gitignore): ``.ci/lint`` makes them afresh
each time, so they can never be stale.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ROOT / "ui" / "backends"
DEFAULT_IMPORT_DIR = ROOT / "ui" / "qml"
BIN = Path(sys.executable).parent

# metaobjectdump (PySide6 6.11) reads a class-level ``Property("QVariantMap", getter)``'s
# type as ``call.args[0].id`` and fails on the string: give it the name instead.
_STRING_TYPE = re.compile(r"""\bProperty\(\s*["'](\w+)["']""")
# Python type names metaobjectdump passes through unchanged, as qmltyperegistrar needs them.
_CPP_TYPES = {"list": "QVariantList", "dict": "QVariantMap", "float": "double", "object": "QVariant",
              "QObject": "QObject*"}


def _modules() -> dict[str, list[Path]]:
    """QML module URI -> the backend files registering types in it."""
    found: dict[str, list[Path]] = {}
    for path in sorted(BACKENDS.glob("*.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            if (isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "QML_IMPORT_NAME" for t in node.targets)
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                found.setdefault(node.value.value, []).append(path)
    return found


def _constant_properties(source: str) -> set[tuple[str, str]]:
    """(class, property) of every ``name = Property(..., constant=True)`` in the source.

    metaobjectdump (PySide6 6.11) reads only ``notify=`` of a Property's keywords; without
    ``constant`` qmllint warns that a binding to the property may go stale.
    """
    found = set()
    for cls in ast.walk(ast.parse(source)):
        if not isinstance(cls, ast.ClassDef):
            continue
        for node in cls.body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and any(k.arg == "constant" and getattr(k.value, "value", False) is True
                            for k in node.value.keywords)):
                found.update((cls.name, t.id) for t in node.targets if isinstance(t, ast.Name))
    return found


def _fix_types(node: object) -> None:
    """Map the Python type names left in metaobjectdump's JSON to C++ ones, in place."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("type", "returnType") and isinstance(value, str):
                node[key] = _CPP_TYPES.get(value, value)
            else:
                _fix_types(value)
    elif isinstance(node, list):
        for value in node:
            _fix_types(value)


def _foreign_types() -> str:
    meta = Path(PySide6.__file__).parent / "Qt" / "metatypes"
    files = [next(meta.glob(f"qt6{name}_*metatypes.json"), None) for name in ("core", "qml", "gui")]
    return ",".join(str(f) for f in files if f is not None)


def _generate_module(uri: str, sources: list[Path], out: Path, work: Path) -> None:
    inputs = []
    constant: set[tuple[str, str]] = set()
    for src in sources:
        text = src.read_text("utf-8")
        constant |= _constant_properties(text)
        copy = work / src.name
        copy.write_text(_STRING_TYPE.sub(r"Property(\1", text), "utf-8")
        inputs.append(copy)
    dump = work / f"{uri}_metatypes.json"
    subprocess.run([str(BIN / "pyside6-metaobjectdump"), "--quiet", "-o", str(dump), *map(str, inputs)],
                   check=True)
    data = json.loads(dump.read_text("utf-8"))
    _fix_types(data)
    entries = data if isinstance(data, list) else [data]
    # A property whose type is one of these QObject classes holds a pointer (moc writes "T*").
    objects = {cls["className"] for entry in entries for cls in entry.get("classes", []) if cls.get("object")}
    for entry in entries:
        # name the real file, not the copy
        entry["inputFile"] = str(BACKENDS.relative_to(ROOT) / Path(entry.get("inputFile", "")).name)
        for cls in entry.get("classes", []):
            for prop in cls.get("properties", []):
                if prop.get("type") in objects:
                    prop["type"] += "*"
                if (cls["className"], prop["name"]) in constant:
                    prop["constant"] = True
                    prop.pop("notify", None)
    dump.write_text(json.dumps(data, indent=1), "utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN / "pyside6-qmltyperegistrar"), "--generate-qmltypes", str(out),
                    "-o", str(work / f"{uri}_registrations.cpp"), "--import-name", uri,
                    "--major-version", "1", "--minor-version", "0",
                    f"--foreign-types={_foreign_types()}", str(dump)], check=True)


def generate(import_dir: Path) -> list[Path]:
    """Write each module's .qmltypes under ``import_dir``; return the files written."""
    modules = _modules()
    if not modules:
        raise SystemExit(f"no backend in {BACKENDS} declares QML_IMPORT_NAME")
    written = []
    with tempfile.TemporaryDirectory(prefix="kiosk-qmltypes-") as tmp:
        for uri, sources in sorted(modules.items()):
            out = import_dir.joinpath(*uri.split(".")) / f"{uri.split('.')[-1].lower()}.qmltypes"
            _generate_module(uri, sources, out, Path(tmp))
            written.append(out)
    return written


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_IMPORT_DIR)
