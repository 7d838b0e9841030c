"""Installed snapshots: atomic pointer switch, previous kept, rollback refused, fallbacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.catalogue.store import Installed, SnapshotRollback, SnapshotStore, file_sha256
from kiosk.catalogue.verify import verify_snapshot
from kiosk.errors import ImportFileError, SnapshotError
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from kiosk.state import read_state, update_state

ALLOW_HOSTS = ["gdzwfw.gov.cn", "gz.gov.cn"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Sample snapshots with versions 1, 2 and 3 (read-only: copy before installing)."""
    base = tmp_path_factory.mktemp("built")
    return {v: _build(base / f"v{v}.sqlite", v) for v in (1, 2, 3)}


def _build(out: Path, version: int) -> Path:
    build_from_source(SAMPLE_SOURCE, out, allow_hosts=ALLOW_HOSTS, version=version)
    return out


def _install(store: SnapshotStore, built: dict[int, Path], version: int) -> Installed:
    staged = store.layout.staging_dir / f"v{version}.part"
    shutil.copyfile(built[version], staged)
    meta = verify_snapshot(staged, allow_hosts=ALLOW_HOSTS)
    return store.install(staged, meta, allow_hosts=ALLOW_HOSTS)


def _corrupt(path: Path) -> None:
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # header and first page
    path.write_bytes(bytes(data))


def test_install_switches_current_and_keeps_previous(
    kiosk_home: HomeLayout, built: dict[int, Path]
) -> None:
    store = SnapshotStore(kiosk_home)
    assert (store.installed_version(), store.current_token()) == (None, "factory")
    first = _install(store, built, 1)
    token1 = store.current_token()
    assert token1 == first.file and store.installed_version() == 1
    assert store.path_of(first).stat().st_mode & 0o222 == 0  # installed files are read-only

    second = _install(store, built, 2)
    assert store.current_token() != token1
    assert (store.current(), store.previous()) == (second, first)
    assert file_sha256(store.path_of(second)) == second.sha256 == file_sha256(built[2])
    assert not list(kiosk_home.staging_dir.glob("*.part"))  # moved, not copied

    third = _install(store, built, 3)
    assert (store.current(), store.previous()) == (third, second)
    assert not store.path_of(first).exists()  # neither pointer names it any more
    pointer = json.loads((kiosk_home.catalogue_dir / "pointer.json").read_text())
    assert pointer["current"]["file"] == third.file and pointer["previous"]["file"] == second.file


def test_older_version_is_refused(kiosk_home: HomeLayout, built: dict[int, Path]) -> None:
    store = SnapshotStore(kiosk_home)
    _install(store, built, 2)
    pointer = (kiosk_home.catalogue_dir / "pointer.json").read_bytes()
    with pytest.raises(SnapshotRollback, match="older than the installed version 2"):
        _install(store, built, 1)
    assert (kiosk_home.catalogue_dir / "pointer.json").read_bytes() == pointer


def test_open_file_is_never_overwritten(kiosk_home: HomeLayout, built: dict[int, Path]) -> None:
    store = SnapshotStore(kiosk_home)
    first = _install(store, built, 1)
    with Catalogue.open(store.path_of(first)) as cat:
        before = cat.meta
        # A leftover file with the name the next install would use (e.g. from a crash)
        wanted = f"catalogue-v2-{file_sha256(built[2])[:12]}.sqlite"
        (kiosk_home.catalogue_dir / wanted).write_bytes(b"leftover")
        second = _install(store, built, 2)
        assert second.file != wanted and second.file.startswith(wanted[:-7])
        assert cat.meta == before and cat.hot(3)  # the open catalogue still reads fine


def test_open_best_falls_back_current_previous_factory(
    kiosk_home: HomeLayout, built: dict[int, Path]
) -> None:
    store = SnapshotStore(kiosk_home)
    cat, origin, problems = store.open_best(ALLOW_HOSTS)
    with cat:
        assert (origin, problems) == ("factory", [])
        assert cat.meta.sample
    first = _install(store, built, 1)
    second = _install(store, built, 2)
    cat, origin, _ = store.open_best(ALLOW_HOSTS)
    with cat:
        assert (origin, cat.meta.version) == ("current", 2)

    _corrupt(store.path_of(second))
    cat, origin, problems = store.open_best(ALLOW_HOSTS)
    with cat:
        assert (origin, cat.meta.version) == ("previous", 1)
        assert len(problems) == 1 and problems[0].startswith(f"current snapshot {second.file}")

    store.path_of(first).unlink()
    cat, origin, problems = store.open_best(ALLOW_HOSTS)
    with cat:
        assert origin == "factory"
        assert [p.split(":")[0] for p in problems] == [
            f"current snapshot {second.file}",
            f"previous snapshot {first.file}",
        ]


def test_open_best_survives_a_garbled_pointer(
    kiosk_home: HomeLayout, built: dict[int, Path]
) -> None:
    store = SnapshotStore(kiosk_home)
    _install(store, built, 1)
    store.pointer_file.write_text('{"current": {"file": "../../etc/passwd", "version": 1')
    cat, origin, _ = store.open_best(ALLOW_HOSTS)
    with cat:
        assert origin == "factory"
    store.pointer_file.write_text('{"current": {"file": "../x", "version": 1, "sha256": ""}}')
    assert store.current() is None  # a name outside catalogue/ is never followed


def test_factory_is_rebuilt_when_damaged(kiosk_home: HomeLayout) -> None:
    store = SnapshotStore(kiosk_home)
    store.open_best(ALLOW_HOSTS)[0].close()
    _corrupt(kiosk_home.factory_snapshot)
    cat, origin, problems = store.open_best(ALLOW_HOSTS)
    with cat:
        assert origin == "factory" and cat.meta.sample
        assert problems and problems[0].startswith("factory snapshot")


def test_nothing_usable_raises_snapshot_error(kiosk_home: HomeLayout) -> None:
    kiosk_home.factory_snapshot.mkdir(parents=True)  # cannot be opened nor rebuilt
    with pytest.raises(SnapshotError, match="no usable catalogue snapshot"):
        SnapshotStore(kiosk_home).open_best(ALLOW_HOSTS)


def test_state_updates_merge_and_survive_garbage(kiosk_home: HomeLayout) -> None:
    assert read_state(kiosk_home) == {}
    update_state(kiosk_home, last_sync={"result": "offline"}, admin_lock=3)
    update_state(kiosk_home, last_success_at="2026-11-26T10:00:00+00:00", admin_lock=None)
    assert read_state(kiosk_home) == {
        "last_sync": {"result": "offline"},
        "last_success_at": "2026-11-26T10:00:00+00:00",
    }
    kiosk_home.state_file.write_text("{not json")
    assert read_state(kiosk_home) == {}
    assert update_state(kiosk_home, a=1) == {"a": 1}


def test_rows_are_checked_again_when_the_allow_list_changes(
    kiosk_home: HomeLayout, built: dict[int, Path]
) -> None:
    store = SnapshotStore(kiosk_home)
    _install(store, built, 1)
    assert store.current().allow_hosts == tuple(ALLOW_HOSTS)
    cat, origin, _ = store.open_best(ALLOW_HOSTS)
    cat.close()
    assert origin == "current"
    # The installed list is checked again and skipped; the bundled sample (checked against the
    # hosts it ships with) keeps the kiosk in service.
    cat, origin, problems = store.open_best(["example.gov.cn"])
    cat.close()
    assert origin == "factory"
    assert "current snapshot" in problems[0] and "not on the allow-list" in problems[0]


def test_factory_snapshot_is_rebuilt_when_the_bundled_source_changes(
    kiosk_home: HomeLayout, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """After a software update ships a new sample, the kiosk must not keep the old one."""
    from kiosk.catalogue import factory as factory_mod

    src = tmp_path / "catalogue.jsonl"
    shutil.copy(SAMPLE_SOURCE, src)
    monkeypatch.setattr(factory_mod, "SAMPLE_SOURCE", src)
    path = factory_mod.ensure_factory(kiosk_home)
    built = path.stat().st_mtime_ns
    assert factory_mod.ensure_factory(kiosk_home).stat().st_mtime_ns == built  # unchanged: kept
    lines = src.read_text("utf-8").splitlines()
    src.write_text("\n".join(lines[:-1]) + "\n", "utf-8")  # the update drops one item
    factory_mod.ensure_factory(kiosk_home)
    with Catalogue.open(path) as cat:
        assert len(cat) == len(lines) - 2  # minus the _meta line and the dropped item


def test_factory_snapshot_is_checked_against_its_shipped_hosts_not_the_narrowed_list(
    kiosk_home: HomeLayout, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Narrowing the allow-list to a city's portal never puts the kiosk out of service: the
    bundled sample is part of the software (issue 14). An imported list is still checked
    against the configured hosts."""
    from kiosk.catalogue import factory as factory_mod
    from kiosk.catalogue import verify as snapshot_mod

    path = factory_mod.ensure_factory(kiosk_home)
    built = path.stat().st_mtime_ns
    full_checks: list[bool] = []
    real_verify = snapshot_mod.verify_snapshot

    def counting_verify(p: Path, *, allow_hosts: Sequence[str], full: bool = True) -> object:
        full_checks.append(full)
        return real_verify(p, allow_hosts=allow_hosts, full=full)

    monkeypatch.setattr(snapshot_mod, "verify_snapshot", counting_verify)
    narrowed = ["www.example.gov.cn"]  # the sample links to gz.gov.cn, none to this host
    cat, origin, problems = SnapshotStore(kiosk_home).open_best(narrowed)
    with cat:
        assert origin == "factory" and problems == [] and len(cat) > 50
    assert full_checks == [False] and path.stat().st_mtime_ns == built  # not rebuilt, not rechecked
    assert factory_mod.factory_stamp_file(kiosk_home).read_text("utf-8").endswith(
        "hosts=" + ",".join(factory_mod.factory_hosts()))

    # An imported list is checked against the configured (narrowed) hosts: refused, named.
    with pytest.raises(ImportFileError, match=r"row \d+, column pc_url: URL host .* not on the allow-list"):
        build_from_source(SAMPLE_SOURCE, tmp_path / "imported.sqlite", allow_hosts=narrowed)


def test_factory_is_built_in_a_child_process(kiosk_home: HomeLayout) -> None:
    """A kiosk's first start builds the sample; the builder's pinyin tables (~70 MiB) must not
    stay in the long-running UI that asked for it. Checked in a fresh interpreter, since this
    test process may have imported pypinyin for other tests already."""
    code = (
        "import sys\n"
        "from kiosk.catalogue.factory import ensure_factory\n"
        "from kiosk.catalogue.reader import Catalogue\n"
        "from kiosk.paths import HomeLayout\n"
        "from pathlib import Path\n"
        f"path = ensure_factory(HomeLayout(Path({str(kiosk_home.root)!r})))\n"
        "with Catalogue.open(path) as cat:\n"
        "    assert cat.meta.sample and len(cat) > 50, len(cat)\n"
        "print(sorted(m for m in ('pypinyin', 'kiosk.catalogue.build') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert kiosk_home.factory_snapshot.is_file()


def test_a_factory_build_that_fails_in_the_child_says_why(
    kiosk_home: HomeLayout, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from kiosk.catalogue import factory as factory_mod

    src = tmp_path / "catalogue.jsonl"
    src.write_text('{"code": "SAMPLE-1", "name": ""}\n', "utf-8")  # a required field empty
    monkeypatch.setattr(factory_mod, "SAMPLE_SOURCE", src)
    with pytest.raises(SnapshotError, match=r"could not build the factory snapshot from .*catalogue\.jsonl: .*\S"):
        factory_mod.ensure_factory(kiosk_home)
    assert not kiosk_home.factory_snapshot.exists()
