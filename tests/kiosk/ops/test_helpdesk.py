"""帮助 requests in state.json and ``kiosk status``; the help desk from config, honest when unset."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk.config import Config, load_config
from kiosk.configedit import set_value
from kiosk.errors import ConfigError
from kiosk.ops.helpdesk import KEEP_RECENT, HelpDesk, HelpRequest, help_summary, record_help_request
from kiosk.paths import HomeLayout
from kiosk.state import read_state, update_state

T0 = 1_796_170_000.0  # 2026-12-02T00:06:40Z


def test_the_desk_is_empty_until_configured(kiosk_home: HomeLayout) -> None:
    desk = HelpDesk.from_config(Config.defaults())
    assert desk == HelpDesk("", "") and not desk.configured
    set_value(kiosk_home, "help.desk_location", "一楼综合咨询台")
    desk = HelpDesk.from_config(load_config(kiosk_home))
    assert desk.location == "一楼综合咨询台" and desk.phone == "" and desk.configured


@pytest.mark.parametrize("phone", ["020-8888 6666", "+86 20 8888 6666", "(020) 88886666", "12345"])
def test_phone_numbers_as_dialled(kiosk_home: HomeLayout, phone: str) -> None:
    set_value(kiosk_home, "help.desk_phone", phone)
    assert load_config(kiosk_home)["help.desk_phone"] == phone


@pytest.mark.parametrize("bad", ["call me", "020;rm", "1", "0" * 40])
def test_a_bad_phone_is_refused_with_the_key_named(kiosk_home: HomeLayout, bad: str) -> None:
    with pytest.raises(ConfigError, match="help.desk_phone"):
        set_value(kiosk_home, "help.desk_phone", bad)


def test_requests_are_counted_with_time_and_screen_only(kiosk_home: HomeLayout) -> None:
    assert help_summary(read_state(kiosk_home)) == {"count": 0, "last_at": None, "recent": []}
    record_help_request(kiosk_home, HelpRequest(T0, "item"))
    record_help_request(kiosk_home, HelpRequest(T0 + 60, "search"))
    record_help_request(kiosk_home, HelpRequest(T0 + 120, "<script>"))  # not a screen: "other"
    summary = help_summary(read_state(kiosk_home))
    assert summary["count"] == 3 and summary["last_at"] == "2026-12-02T00:08:40+00:00"
    assert [r["screen"] for r in summary["recent"]] == ["item", "search", "other"]
    assert set(read_state(kiosk_home)["help_requests"]) == {"count", "last_at", "recent"}


def test_only_the_last_requests_are_kept_but_all_are_counted(kiosk_home: HomeLayout) -> None:
    for i in range(KEEP_RECENT + 5):
        record_help_request(kiosk_home, HelpRequest(T0 + i, "home"))
    table = read_state(kiosk_home)["help_requests"]
    assert table["count"] == KEEP_RECENT + 5 and len(table["recent"]) == KEEP_RECENT


def test_writers_at_once_lose_no_request(kiosk_home: HomeLayout) -> None:
    threads = [threading.Thread(target=record_help_request, args=(kiosk_home, HelpRequest(T0 + i, "home")))
               for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert help_summary(read_state(kiosk_home))["count"] == 8


def test_a_hostile_state_file_is_read_as_nothing(kiosk_home: HomeLayout) -> None:
    update_state(kiosk_home, help_requests={"count": "lots", "recent": "x", "last_at": 5})
    assert help_summary(read_state(kiosk_home)) == {"count": 0, "last_at": None, "recent": []}
    record_help_request(kiosk_home, HelpRequest(T0, "home"))
    assert help_summary(read_state(kiosk_home))["count"] == 1


def test_an_unwritable_state_file_does_not_raise(kiosk_home: HomeLayout, tmp_path: Path) -> None:
    kiosk_home.state_file.parent.mkdir(parents=True, exist_ok=True)
    kiosk_home.state_file.mkdir()  # a directory where the file should be
    record_help_request(kiosk_home, HelpRequest(T0, "home"))  # logged, not raised


def test_kiosk_status_json_shows_the_requests(factory: HomeLayout) -> None:
    record_help_request(factory, HelpRequest(T0, "item"))
    record_help_request(factory, HelpRequest(T0 + 5, "home"))
    proc = subprocess.run([sys.executable, "-m", "kiosk", "status", "--json"], capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    help_requests = json.loads(proc.stdout)["help_requests"]
    assert help_requests["count"] == 2 and help_requests["last_at"] == "2026-12-02T00:06:45+00:00"
    assert help_requests["recent"][-1] == {"at": "2026-12-02T00:06:45+00:00", "screen": "home"}
    prom = (factory.root / "metrics" / "kiosk.prom").read_text("utf-8")
    assert "kiosk_help_requests_total 2" in prom
