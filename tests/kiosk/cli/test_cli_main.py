from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_factory import ROWS, write_csv

from kiosk.cli.main import main
from kiosk.paths import HomeLayout


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_search_json_puts_social_insurance_first(capsys: pytest.CaptureFixture[str]) -> None:
    for q in ("sbcx", "社保"):
        rc, out, _ = run(capsys, "search", q, "--json")
        hits = json.loads(out)
        assert rc == 0 and hits[0]["name"] == "社保缴费明细查询和打印", q


@pytest.mark.parametrize("q", ["签", "簽注", "qianzhu"])
def test_search_finds_visa_endorsement(capsys: pytest.CaptureFixture[str], q: str) -> None:
    rc, out, _ = run(capsys, "search", q)
    assert rc == 0 and "港澳台签注申请" in out


def test_hostile_query_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "search", '"; DROP', "--json")
    assert rc == 0 and json.loads(out) == []


def test_closest_items_are_never_printed_as_matches(capsys: pytest.CaptureFixture[str]) -> None:
    """A query with no match: the CLI says so, then lists the closest items under their own title."""
    rc, out, _ = run(capsys, "search", "医保报销")
    lines = out.splitlines()
    assert rc == 0 and lines[0].startswith("没有找到相关事项")
    assert lines[1].startswith("相近事项") and len(lines) > 2
    rc, out, _ = run(capsys, "search", "医保报销", "--json")
    assert rc == 0 and all(row["closest"] for row in json.loads(out))
    rc, out, _ = run(capsys, "search", "sbcx")
    assert "相近事项" not in out and out.splitlines()[0].startswith("SAMPLE-")


def test_search_limit(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "search", "查询", "--json", "--limit", "2")
    assert rc == 0 and len(json.loads(out)) == 2


def test_item_and_missing_item(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "item", "SAMPLE-CRJ-001", "--json")
    data = json.loads(out)
    assert rc == 0 and data["name"] == "港澳台签注申请" and data["online_url"].startswith("https://")
    rc, out, _ = run(capsys, "item", "SAMPLE-CRJ-001")
    assert rc == 0 and "港澳台签注申请" in out and "步骤1" in out
    rc, _, err = run(capsys, "item", "NO-SUCH")
    assert rc == 6 and "NO-SUCH" in err and "Traceback" not in err


def test_info_reports_sample_and_paths(capsys: pytest.CaptureFixture[str], kiosk_home: HomeLayout) -> None:
    rc, out, _ = run(capsys, "info", "--json")
    info = json.loads(out)
    assert rc == 0
    assert info["sample"] is True and info["item_count"] >= 60
    assert info["kiosk_home"] == str(kiosk_home.root)
    assert info["catalogue_origin"] == "factory"
    rc, out, _ = run(capsys, "info")
    assert "示例数据" in out


def test_import_and_install(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = write_csv(tmp_path / "list.csv", ROWS)
    rc, out, _ = run(capsys, "import", str(src), "--version", "2099010100", "--install")
    assert rc == 0 and "imported 2 items" in out and "installed" in out
    rc, out, _ = run(capsys, "info", "--json")
    info = json.loads(out)
    assert info["data_version"] == 2099010100 and info["sample"] is False
    assert info["catalogue_origin"] == "current"


def test_import_error_names_row_and_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[0][6] = "javascript:alert(1)"
    src = write_csv(tmp_path / "bad.csv", rows)
    rc, out, _ = run(capsys, "import", str(src), "--strict")
    assert rc == 5  # --strict: one refused row refuses the file
    assert "bad.csv, row 2, column 计算机端在线办理地址" in out and "nothing changed" in out
    rc, out, _ = run(capsys, "import", str(src))
    assert rc == 0 and "imported 1 items; 1 rows refused" in out  # the default policy
    assert "bad.csv, row 2, column 计算机端在线办理地址" in out


def test_bad_config_does_not_stop_search(capsys: pytest.CaptureFixture[str], kiosk_home: HomeLayout) -> None:
    kiosk_home.config_file.write_text("[idle]\ntimeout_seconds = 'soon'\n", "utf-8")
    rc, out, err = run(capsys, "search", "社保", "--json")
    assert rc == 0 and json.loads(out)
    assert "idle.timeout_seconds" in err


def test_console_script_entry_point(kiosk_home: HomeLayout) -> None:
    exe = Path(sys.executable).with_name("kiosk")
    assert exe.exists(), "the `kiosk` console script is not installed"
    proc = subprocess.run([str(exe), "search", "sbcx", "--json"], capture_output=True, text=True,
                          env={**os.environ, "KIOSK_HOME": str(kiosk_home.root)}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["code"] == "SAMPLE-RS-001"
