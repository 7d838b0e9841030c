"""Keep the UI translations in step with the sources: Qt's lupdate and lrelease, and a check.

    python .ci/translations.py update   re-extract every qsTr/tr string into the .ts files
                                        (new ones come in unfinished), then compile the .qm files
    python .ci/translations.py check    fail (exit 1) when a .ts is stale against the sources,
                                        holds an unfinished or empty translation, or a .qm is
                                        not what lrelease makes of its .ts

The sources are ui/qml (every .qml) and the Python of ui/ (``self.tr``, ``QT_TRANSLATE_NOOP``).
Locations are not stored (``-locations none``), so moving a line elsewhere never makes a .ts
stale; only a string added, changed or removed does. The .qm files are committed (a kiosk
installed from the repository needs no Qt tools) and the check keeps them equal to the .ts.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "assets" / "translations"
UI = ROOT / "ui"
#: The UI's translations (the source language is zh_CN): Hong Kong Traditional and English.
LANGUAGES = ("zh_HK", "en")
BIN = Path(sys.executable).parent


def ts_file(language: str, directory: Path = TRANSLATIONS) -> Path:
    return directory / f"kiosk_{language}.ts"


def lupdate(ts_files: list[Path]) -> None:
    """Merge the sources' strings into ``ts_files`` (created when missing); drop vanished ones."""
    for ts in ts_files:
        if not ts.exists():
            language = ts.stem.removeprefix("kiosk_")
            ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                          f'<TS version="2.1" language="{language}" sourcelanguage="zh_CN">\n</TS>\n',
                          encoding="utf-8")
    # Each file named: lupdate scans a directory for .qml but never for .py.
    sources = sorted(str(p.relative_to(ROOT)) for p in (*UI.rglob("*.qml"), *UI.rglob("*.py")))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-locations", "none", "-no-obsolete", "-sort-messages", "-silent",
                    "-source-language", "zh_CN", "-ts", *map(str, ts_files)],
                   check=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a translation file."""

    file: str
    context: str
    source: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: [{self.context}] {self.source!r}: {self.what}"


def untranslated(ts: Path) -> list[Problem]:
    """Messages of ``ts`` without a finished, non-empty translation (plural forms included)."""
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            tr = message.find("translation")
            if tr is None:
                problems.append(Problem(ts.name, name, source, "no translation element"))
                continue
            kind = tr.get("type", "")
            if kind in ("obsolete", "vanished"):
                problems.append(Problem(ts.name, name, source, f"{kind}: no longer in the sources"))
            elif kind == "unfinished":
                problems.append(Problem(ts.name, name, source, "unfinished"))
            texts = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
            if kind != "unfinished" and not all(t.strip() for t in texts):
                problems.append(Problem(ts.name, name, source, "empty translation"))
    return problems


def stale(ts_files: list[Path]) -> list[str]:
    """The .ts files that lupdate would change (a string added, changed or removed in the sources)."""
    changed = []
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for ts in ts_files:
            copy = Path(tmp) / ts.name
            if ts.exists():
                shutil.copy(ts, copy)
            copies.append(copy)
        lupdate(copies)
        for ts, copy in zip(ts_files, copies, strict=True):
            if not ts.exists() or ts.read_bytes() != copy.read_bytes():
                before = _messages(ts) if ts.exists() else set()
                after = _messages(copy)
                added = sorted(after - before)[:5]
                gone = sorted(before - after)[:5]
                changed.append(f"{ts.name} is stale: new {added}, gone {gone} "
                               "(run: .venv/bin/python .ci/translations.py update, then translate)")
    return changed


def _messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name", ""), m.findtext("source", "")) for c in root.iter("context")
            for m in c.iter("message")}


def compiled_mismatch(ts_files: list[Path]) -> list[str]:
    """The .qm files missing or different from what lrelease makes of their .ts."""
    wrong = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts in ts_files:
            qm, fresh = ts.with_suffix(".qm"), Path(tmp) / ts.with_suffix(".qm").name
            lrelease(ts, fresh)
            if not qm.exists() or not filecmp.cmp(qm, fresh, shallow=False):
                wrong.append(f"{qm.name} is not compiled from {ts.name} (run: .ci/translations.py update)")
    return wrong


def check(directory: Path = TRANSLATIONS) -> list[str]:
    """Everything wrong with the translations, as lines for a developer; empty when all is well."""
    files = [ts_file(lang, directory) for lang in LANGUAGES]
    out = stale(files)
    for ts in files:
        if ts.exists():
            out += [str(p) for p in untranslated(ts)]
    if not out:
        out += compiled_mismatch(files)
    return out


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        files = [ts_file(lang) for lang in LANGUAGES]
        lupdate(files)
        for ts in files:
            lrelease(ts, ts.with_suffix(".qm"))
        left = [str(p) for ts in files for p in untranslated(ts)]
        sys.stdout.write("\n".join(left) + ("\n" if left else "") + f"{len(left)} to translate\n")
        return 0
    if argv[1:] == ["check"]:
        problems = check()
        sys.stdout.write("".join(p + "\n" for p in problems) or "translations: up to date, all finished\n")
        return 1 if problems else 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
