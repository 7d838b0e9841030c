"""``kiosk keys init``, ``kiosk publish`` and ``kiosk sync`` as a technician runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from synchelpers import Publisher

from kiosk.cli.main import main
from kiosk.paths import SAMPLE_SOURCE, HomeLayout


def test_sync_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["sync", "--help"])
    out = capsys.readouterr().out
    for line in ("0   updated", "10  unchanged", "11  offline", "12  rejected", "13  error"):
        assert line in out


def test_publish_then_sync_from_the_command_line(
    tmp_path: Path, kiosk_home: HomeLayout, capsys: pytest.CaptureFixture[str]
) -> None:
    keys, repo_dir = tmp_path / "keys", tmp_path / "repo"
    assert main(["keys", "init", str(keys)]) == 0
    assert sorted(p.name for p in keys.iterdir()) == [
        "root.pem",
        "snapshot.pem",
        "targets.pem",
        "timestamp.pem",
    ]
    assert keys.stat().st_mode & 0o077 == 0
    assert main(["keys", "init", str(keys)]) == 14  # never overwrites keys (ExitCode.PUBLISH)
    assert "refusing to overwrite" in capsys.readouterr().err

    publish = ["publish", str(SAMPLE_SOURCE), "--repo", str(repo_dir), "--keys", str(keys)]
    assert main([*publish, "--version", "3"]) == 0
    assert "published catalogue version 3" in capsys.readouterr().out
    assert main([*publish, "--version", "3"]) == 14
    assert "not newer than the published version 3" in capsys.readouterr().err

    root = repo_dir / "metadata" / "root.json"
    code = main(["sync", "--trust-root", str(root), "--source", str(repo_dir), "--json"])
    out = capsys.readouterr().out.splitlines()
    assert "installed trust root" in out[0]
    result = json.loads(out[-1])
    assert (code, result["outcome"], result["exit_code"], result["version"]) == (0, "updated", 0, 3)

    refresh = ["publish", "--refresh-timestamp", "--repo", str(repo_dir), "--keys", str(keys)]
    assert main([*refresh, "--expires", "timestamp=2"]) == 0
    assert "re-signed timestamp" in capsys.readouterr().out
    assert main(["sync", "--source", str(repo_dir)]) == 10
    assert "sync unchanged" in capsys.readouterr().out


def test_sync_failure_goes_to_stderr_with_its_exit_code(
    kiosk_home: HomeLayout, publisher: Publisher, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "--source", publisher.server.url]) == 13
    assert "no trust root" in capsys.readouterr().err
    assert main(["sync", "--trust-root", str(tmp_path / "missing.json")]) == 1
    assert "cannot read trust root" in capsys.readouterr().err
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"signed": {}}')
    assert main(["sync", "--trust-root", str(bogus)]) == 1
    assert "not valid self-signed TUF root metadata" in capsys.readouterr().err


def test_bad_expires_option_is_named(
    publisher: Publisher, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "publish",
                "--refresh-timestamp",
                "--repo",
                str(publisher.dir),
                "--keys",
                str(publisher.keys),
                "--expires",
                "timestmp=1",
            ]
        )
        == 1
    )
    assert "--expires 'timestmp=1'" in capsys.readouterr().err


def test_a_kiosk_clock_days_fast_is_named_and_the_next_right_run_recovers(
    tmp_path: Path, kiosk_home: HomeLayout, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kiosk sync`` in a process whose wall clock libfaketime puts 2 days ahead: the fresh
    timestamp (1 day) looks expired. The message names the kiosk's clock (it sent the
    technician to the publisher only), and a run with the right clock is unchanged again."""
    import os
    import shutil
    import subprocess
    import sys
    from datetime import UTC, datetime, timedelta

    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed (bash .ci/setup --test installs it)")
    keys, repo_dir = tmp_path / "keys", tmp_path / "repo"
    assert main(["keys", "init", str(keys)]) == 0
    assert main(["publish", str(SAMPLE_SOURCE), "--repo", str(repo_dir), "--keys", str(keys)]) == 0
    assert main(["sync", "--trust-root", str(repo_dir / "metadata" / "root.json"),
                 "--source", str(repo_dir)]) == 0
    capsys.readouterr()
    env = dict(os.environ, KIOSK_HOME=str(kiosk_home.root))
    proc = subprocess.run(["faketime", "-f", "+2d", sys.executable, "-m", "kiosk", "sync", "--source",
                           str(repo_dir)], capture_output=True, text=True, env=env, timeout=120)
    fast = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%d")
    assert proc.returncode == 12, proc.stdout + proc.stderr
    assert "expired" in proc.stderr and "clock" in proc.stderr and fast in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert main(["sync", "--source", str(repo_dir)]) == 10  # the clock right again: unchanged
