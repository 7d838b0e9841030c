"""kiosk import with its report, kiosk info's last import, item --json nulls, config add/remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exports import REPORT_HEADER, raw_items, report_rows, write_csv

from kiosk.cli.main import main
from kiosk.config import load_config
from kiosk.paths import HomeLayout
from kiosk.state import read_state


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def _export(tmp_path: Path) -> tuple[Path, int]:
    rows, _ = report_rows(raw_items())
    return write_csv(tmp_path / "district.csv", REPORT_HEADER, rows, encoding="gb18030"), len(rows)


def test_import_installs_the_valid_rows_and_info_keeps_the_report(
        capsys: pytest.CaptureFixture[str], kiosk_home: HomeLayout, tmp_path: Path) -> None:
    src, n_rows = _export(tmp_path)
    rc, out, _ = run(capsys, "import", str(src), "--version", "2099010100", "--install")
    assert rc == 0
    assert f"rows read {n_rows}, imported {n_rows - 3}, refused 3" in out
    assert "refused by cause: " in out and "url_host_not_allowed 1" in out
    assert "installed as the live catalogue" in out
    rc, out, _ = run(capsys, "info", "--json")
    info = json.loads(out)
    assert info["catalogue_origin"] == "current" and info["item_count"] == n_rows - 3
    last = info["last_import"]
    assert (last["rows_read"], last["imported"], last["refused"]) == (n_rows, n_rows - 3, 3)
    assert last["refused_by_cause"]["duplicate_code"] == 1 and last["installed"] is True
    assert last["http_upgraded"] == n_rows - 3
    rc, out, _ = run(capsys, "info")
    assert f"imported: {n_rows - 3} of {n_rows} rows from {src}" in out and "3 refused" in out


def test_dry_run_writes_nothing_and_json_carries_the_report(
        capsys: pytest.CaptureFixture[str], kiosk_home: HomeLayout, tmp_path: Path) -> None:
    src, n_rows = _export(tmp_path)
    state_before = read_state(kiosk_home)
    rc, out, _ = run(capsys, "import", str(src), "--dry-run", "--json")
    report = json.loads(out)
    assert rc == 0 and report["outcome"] == "checked" and report["dry_run"] is True
    assert report["rows_read"] == n_rows and report["refused"] == 3
    assert report["fixed"]["header_variants"] == [{"header": "实施主体名称", "read_as": "实施主体"}]
    assert report["first_problems"][0]["hint"] and report["duplicate_names"] == 1
    assert not (kiosk_home.root / "imports").exists()
    assert read_state(kiosk_home) == state_before
    rc, out, _ = run(capsys, "import", str(src), "--dry-run", "--strict")
    assert rc == 5 and "3 refused" in out


def test_strict_refuses_the_file_and_the_live_catalogue_stays(
        capsys: pytest.CaptureFixture[str], kiosk_home: HomeLayout, tmp_path: Path) -> None:
    src, _ = _export(tmp_path)
    rc, out, _ = run(capsys, "import", str(src), "--strict", "--install")
    assert rc == 5 and "nothing changed" in out
    assert not (kiosk_home.root / "imports" / "district.sqlite").exists()
    info = json.loads(run(capsys, "info", "--json")[1])
    assert info["catalogue_origin"] == "factory"
    assert info["last_import"]["outcome"] == "refused" and info["last_import"]["policy"] == "strict"


def test_item_json_has_null_for_what_the_list_does_not_say(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src, _ = _export(tmp_path)
    assert run(capsys, "import", str(src), "--version", "2099010100", "--install")[0] == 0
    items = raw_items()
    code = items[6]["code"]  # FACT_TEXTS[6]: the list gives no time limit and no visits
    rc, out, _ = run(capsys, "item", code, "--json")
    data = json.loads(out)
    g = data["guide"]
    assert rc == 0 and g["promise_limit"] is None and g["legal_limit"] is None and g["visits"] is None
    assert g["fee"] is None and g["address"] is None and g["phone"] is None
    rc, out, _ = run(capsys, "item", code)
    assert "即办" not in out and "0 次" not in out and "时限" not in out and "次数" not in out
    rc, out, _ = run(capsys, "item", items[1]["code"], "--json")
    assert json.loads(out)["guide"]["promise_limit"] == {"value": 3, "unit": "months", "text": "3个月"}
    assert json.loads(out)["distinguish"] == f"编码末4位 {items[1]['code'][-4:]}"
    rc, out, _ = run(capsys, "item", items[1]["code"])
    assert "承诺办结时限: 3 个月" in out and "到现场次数: 无需到现场" in out
    assert "同名事项，以此区分 (same name as another item): 编码末4位" in out
    rc, out, _ = run(capsys, "search", items[1]["name"])
    assert "（编码末4位 9876）" in out


def test_config_add_and_remove_a_host(capsys: pytest.CaptureFixture[str], kiosk_home: HomeLayout) -> None:
    rc, out, _ = run(capsys, "config", "add", "catalogue.url_allow_hosts", "WWW.Example-City.gov.cn")
    assert rc == 0 and out.strip().endswith(",www.example-city.gov.cn")
    rc, _, err = run(capsys, "config", "add", "catalogue.url_allow_hosts", "www.example-city.gov.cn")
    assert rc == 0 and "nothing changed" in err
    rc, out, _ = run(capsys, "config", "remove", "catalogue.url_allow_hosts", "gz.gov.cn")
    assert rc == 0
    assert load_config(kiosk_home)["catalogue.url_allow_hosts"] == ["gdzwfw.gov.cn",
                                                                    "www.example-city.gov.cn"]
    for argv, message in [
        (("add", "catalogue.url_allow_hosts", "not a host"), "cannot add 'not a host'"),
        (("remove", "catalogue.url_allow_hosts", "nope.gov.cn"), "does not hold 'nope.gov.cn'"),
        (("add", "idle.timeout_seconds", "30"), "'idle.timeout_seconds' is not a list"),
        (("add", "no.such_key", "x"), "unknown configuration key 'no.such_key'"),
    ]:
        rc, _, err = run(capsys, "config", *argv)
        assert rc == 3 and message in err, argv
    run(capsys, "config", "remove", "catalogue.url_allow_hosts", "gdzwfw.gov.cn")
    rc, _, err = run(capsys, "config", "remove", "catalogue.url_allow_hosts", "www.example-city.gov.cn")
    assert rc == 3 and "cannot become empty" in err
    assert load_config(kiosk_home)["catalogue.url_allow_hosts"] == ["www.example-city.gov.cn"]


def test_a_narrowed_allow_list_keeps_the_bundled_sample_and_checks_imports(
        capsys: pytest.CaptureFixture[str], kiosk_home: HomeLayout, tmp_path: Path) -> None:
    """Issue 14: narrowing the list to a city's portal never shows 本终端暂停服务 before an import."""
    assert run(capsys, "config", "set", "catalogue.url_allow_hosts", "www.example-city.gov.cn")[0] == 0
    rc, out, _ = run(capsys, "info", "--json")
    info = json.loads(out)
    assert rc == 0 and info["catalogue_origin"] == "factory" and info["sample"] is True
    assert info["problems"] == []
    rc, out, _ = run(capsys, "search", "社保", "--json")
    assert rc == 0 and json.loads(out)
    src, n_rows = _export(tmp_path)
    rc, out, _ = run(capsys, "import", str(src), "--json")
    report = json.loads(out)  # checked against the configured host: only its one row passes
    assert report["imported"] == 1 and report["refused_by_cause"]["url_host_not_allowed"] > 80


def test_import_on_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """A real 256 KiB tmpfs as $KIOSK_HOME: SQLite's 'database or disk is full' was a traceback."""
    import os
    import subprocess
    import sys

    from fullfs import small_tmpfs

    from kiosk.paths import SOURCE_ROOT

    district = SOURCE_ROOT / "kiosk" / "devtools" / "district_sample.csv"
    with small_tmpfs(tmp_path / "small") as mnt:
        home = mnt / "home"
        env = dict(os.environ, KIOSK_HOME=str(home))
        proc = subprocess.run([sys.executable, "-m", "kiosk", "import", str(district), "--install"],
                              capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 8, proc.stdout + proc.stderr  # ExitCode.DISK
        assert "Traceback" not in proc.stderr
        assert proc.stderr.count("\n") == 1 and "disk full" in proc.stderr, proc.stderr
        left = [p for p in home.rglob("*") if ".building" in p.name or ".import" in p.name]
        assert left == []  # no half-written snapshot takes the little room there is


def test_an_import_killed_mid_build_leaves_nothing_after_the_next(kiosk_home: HomeLayout, tmp_path: Path) -> None:
    """kill -9 while the snapshot is being built: its temporary file (a whole snapshot: 200 MB
    at 100,000 items) stayed in $KIOSK_HOME/imports for good, one more for every killed run."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from kiosk.paths import SOURCE_ROOT

    district = SOURCE_ROOT / "kiosk" / "devtools" / "district_sample.csv"
    imports = kiosk_home.root / "imports"
    env = dict(os.environ, KIOSK_HOME=str(kiosk_home.root))
    cmd = [sys.executable, "-m", "kiosk", "import", str(district), "--install"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(imports.glob(".*.building")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    left = list(imports.glob(".*.building"))
    if not left:
        pytest.skip("the import finished before it could be killed")
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert list(imports.glob(".*.building")) == []
    info = subprocess.run([sys.executable, "-m", "kiosk", "info", "--json"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert json.loads(info.stdout)["catalogue_origin"] == "current"
