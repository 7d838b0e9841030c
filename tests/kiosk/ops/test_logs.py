"""Log files: one greppable line per record, tracebacks included; set up once per process."""

from __future__ import annotations

import logging

import pytest

from kiosk.ops.logs import recent_lines, redact, setup_logging


@pytest.fixture()
def root_logger():
    root = logging.getLogger()
    level = root.level
    yield root
    for h in [h for h in root.handlers if getattr(h, "_kiosk_log_file", False)]:
        root.removeHandler(h)
        h.close()
    root.setLevel(level)


def test_one_line_per_record_with_traceback(kiosk_home, root_logger):
    path = setup_logging(kiosk_home, "ui")
    assert path == kiosk_home.logs_dir / "ui.log"
    log = logging.getLogger("print")
    try:
        raise OSError("printer on fire\nsecond line")
    except OSError:
        log.exception("print %s failed", "SAMPLE-RS-001")
    log.info("searched %s", redact("社保缴费"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert " ERROR ui[" in lines[0] and "print: print SAMPLE-RS-001 failed" in lines[0]
    assert "Traceback" in lines[0] and "OSError: printer on fire ⏎ second line" in lines[0]
    assert lines[1].endswith("searched <4 chars>") and "社保" not in lines[1]


def test_setup_twice_keeps_one_handler_and_recent_lines_merge(kiosk_home, root_logger):
    setup_logging(kiosk_home, "sync")
    logging.getLogger("sync").warning("first")
    setup_logging(kiosk_home, "ui")
    logging.getLogger("ui").warning("second")
    assert sum(getattr(h, "_kiosk_log_file", False) for h in root_logger.handlers) == 1
    lines = recent_lines(kiosk_home)
    assert [ln.rsplit(": ", 1)[1] for ln in lines] == ["first", "second"]
    assert " sync[" in lines[0] and " ui[" in lines[1]


def test_unwritable_log_dir_does_not_stop_the_kiosk(kiosk_home, root_logger):
    kiosk_home.logs_dir.rmdir()
    kiosk_home.logs_dir.write_text("not a directory")
    assert setup_logging(kiosk_home, "ui") is None
    assert recent_lines(kiosk_home) == []


def test_a_huge_value_is_cut_in_the_log_file(kiosk_home):
    """A 1 MB bad value reaches the log file as one bounded line."""
    import logging

    from kiosk.ops.logs import MAX_LINE, setup_logging

    path = setup_logging(kiosk_home, "cli")
    logging.getLogger("kiosk.test").warning("bad value %s", "长" * 1_000_000)
    for h in logging.getLogger().handlers:
        h.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and max(len(ln) for ln in lines) < MAX_LINE + 100
    assert "cut, " in lines[-1]


def test_lines_logged_under_a_fast_clock_do_not_hide_what_came_after(kiosk_home, root_logger):
    """A process whose wall clock libfaketime puts a day ahead logs first (a fast RTC before NTP),
    then the clock is right: the technician's page must end with what happened last."""
    import os
    import shutil
    import subprocess
    import sys

    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed (bash .ci/setup --test installs it)")
    script = ("import logging, sys; from kiosk.paths import HomeLayout; from kiosk.ops.logs import setup_logging; "
              "setup_logging(HomeLayout(__import__('pathlib').Path(sys.argv[1])), 'sync'); "
              "logging.getLogger('sync').warning('a day ahead')")
    env = dict(os.environ)
    proc = subprocess.run(["faketime", "-f", "+1d", sys.executable, "-c", script, str(kiosk_home.root)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    setup_logging(kiosk_home, "sync")
    logging.getLogger("sync").warning("the clock right again")
    setup_logging(kiosk_home, "ui")
    logging.getLogger("ui").warning("in the other file")
    lines = recent_lines(kiosk_home)
    assert [ln.rsplit(": ", 1)[1] for ln in lines if "sync[" in ln] == ["a day ahead", "the clock right again"]
    assert lines[-1].endswith("the clock right again")  # newest first on the page: this one


_WRITER = """
import logging, sys
from kiosk.ops import logs
from kiosk.paths import home_layout
logs.MAX_BYTES, logs.BACKUPS = 20_000, 200
logs.setup_logging(home_layout(), "sync")
log = logging.getLogger("sync")
sys.stdin.readline()  # both start writing together
for i in range(int(sys.argv[1])):
    log.info("record %s-%d of the run", sys.argv[2], i)
"""


def test_two_processes_rotating_one_log_lose_no_record_and_keep_its_size(kiosk_home):
    """Before, each RotatingFileHandler rotated by its own count of bytes: records went into a
    file the other had renamed (sizes over the limit) or into a backup then deleted."""
    import subprocess
    import sys

    n = 1500
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(n), name],
                              stdin=subprocess.PIPE, text=True) for name in ("a", "b")]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        p.stdin.close()
        assert p.wait(timeout=120) == 0
    files = sorted(kiosk_home.logs_dir.glob("sync.log*"))
    assert len(files) > 10  # it did rotate, many times, while both wrote
    seen: list[str] = []
    for f in files:
        data = f.read_bytes()
        assert len(data) <= 20_000, (f.name, len(data))
        for line in data.decode("utf-8").splitlines():
            assert line.endswith(" of the run") and " INFO sync[" in line, line
            seen.append(line.split("record ", 1)[1].split(" ", 1)[0])
    assert sorted(seen) == sorted(f"{w}-{i}" for w in "ab" for i in range(n))
