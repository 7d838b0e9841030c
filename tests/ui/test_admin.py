"""The technician screen: gesture → PIN pad only; PIN, lock-out, pages, settings, sync, print, exit."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from uihelpers import FakeClock, configure, find, lookup, run_fresh_process, tap, tap_at, visible

from kiosk.config import load_config
from kiosk.ops.logs import setup_logging
from kiosk.ops.pin import hash_pin
from kiosk.ops.statusrows import SYNC_TEXT
from kiosk.paths import HomeLayout
from kiosk.state import read_state
from ui.app import Ui
from ui.backends.admin import PAGES_IDLE_S, PIN_IDLE_S, AdminController
from ui.context import AppContext

pytestmark = pytest.mark.qt

PIN = "2468"


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN, min_digits=4)  # a site may allow 4 digits (admin.pin_min_digits)


def admin_of(ui: Ui) -> AdminController:
    ui.ensure_admin()  # created on the first gesture
    admin = AdminController.create(ui.engine)  # what QML's Technician singleton is
    assert isinstance(admin, AdminController)
    return admin


def open_by_gesture(ui: Ui, qtbot) -> None:
    for _ in range(5):
        tap_at(ui, QPointF(20, 20))
    qtbot.waitUntil(lambda: visible(ui, "adminScene"))


def type_pin(ui: Ui, pin: str) -> None:
    for digit in pin:
        tap(ui, f"pinKey_{digit}")
    tap(ui, "pinKey_ok")


def test_gesture_opens_pin_pad_only(ui: Ui, qtbot, pin_hash) -> None:
    configure(ui_layout(ui), admin__pin_hash=pin_hash)
    open_by_gesture(ui, qtbot)
    admin = admin_of(ui)
    assert visible(ui, "pinPad") and not visible(ui, "adminPages")
    assert not admin.unlocked and admin.statusRows == [] and admin.logLines == []
    # Nothing technician-only can be done from the PIN pad.
    assert not admin.setSetting("kiosk.id", "GZ-HACK-01")
    assert load_config(ui_layout(ui))["kiosk.id"] == "KIOSK-UNSET"

    type_pin(ui, "1357")
    assert not admin.unlocked
    assert "密码错误" in find(ui, "pinMessage").property("text")
    assert find(ui, "pinDots").property("text").strip() == ""  # digits never stay on screen

    type_pin(ui, PIN)
    qtbot.waitUntil(lambda: visible(ui, "adminPages"))
    assert not visible(ui, "pinPad")
    labels = [row["label"] for row in admin.statusRows]
    assert {"软件版本", "数据版本", "上次同步", "网络", "打印机", "磁盘剩余", "系统运行"} <= set(labels)

    tap(ui, "adminLeave")
    qtbot.waitUntil(lambda: lookup(ui, "adminScene") is None)
    assert not admin.unlocked


def ui_layout(ui: Ui) -> HomeLayout:
    return ui.controller.context().layout


def test_cancel_on_pin_pad_returns_to_resident_ui(ui: Ui, qtbot) -> None:
    open_by_gesture(ui, qtbot)
    tap(ui, "pinCancel")
    qtbot.waitUntil(lambda: lookup(ui, "adminScene") is None)
    assert ui.controller.screen == "home"


def test_pages_change_settings_through_the_screen(ui: Ui, qtbot, pin_hash) -> None:
    layout = ui_layout(ui)
    configure(layout, admin__pin_hash=pin_hash)
    open_by_gesture(ui, qtbot)
    type_pin(ui, PIN)
    qtbot.waitUntil(lambda: visible(ui, "adminPages"))

    tap(ui, "nav_printer")
    qtbot.waitUntil(lambda: visible(ui, "choice_printer.paper_58mm"))
    tap(ui, "choice_printer.paper_58mm")
    assert load_config(layout)["printer.paper"] == "58mm"

    tap(ui, "nav_display")
    qtbot.waitUntil(lambda: visible(ui, "plus_idle.timeout_seconds"))
    tap(ui, "plus_idle.timeout_seconds")
    assert load_config(layout)["idle.timeout_seconds"] == 100
    qtbot.waitUntil(lambda: find(ui, "value_idle.timeout_seconds").property("text") == "100")

    tap(ui, "nav_kiosk")
    qtbot.waitUntil(lambda: visible(ui, "input_kiosk.id"))
    find(ui, "input_kiosk.id").setProperty("text", "bad id!")
    tap(ui, "save_kiosk.id")
    assert "'kiosk.id'" in find(ui, "adminMessage").property("text")
    assert load_config(layout)["kiosk.id"] == "KIOSK-UNSET"

    tap(ui, "nav_logs")
    tap(ui, "exitDesktop")  # first tap only asks for confirmation
    assert admin_of(ui).unlocked
    tap(ui, "adminLeave")
    qtbot.waitUntil(lambda: lookup(ui, "adminScene") is None)


# -- the controller on its own, with injected clocks ------------------------------


class WallClock(FakeClock):
    def __init__(self) -> None:
        super().__init__()
        self.now = 1_800_000_000.0


@pytest.fixture()
def admin(qapp, kiosk_home, sample_catalogue, pin_hash):
    configure(kiosk_home, admin__pin_hash=pin_hash)
    quits: list[bool] = []
    ctx = AppContext(layout=kiosk_home, catalogue=lambda: sample_catalogue)
    ctl = AdminController(ctx, clock=WallClock(), monotonic=FakeClock(),
                          quit_app=lambda: quits.append(True))
    ctl.quits = quits
    yield ctl
    ctl.close()
    assert ctl.wait()
    ctl.deleteLater()


def test_lockout_counts_down_with_the_clock(admin) -> None:
    admin.open()
    for _ in range(3):
        assert not admin.enterPin("0000")
    assert admin.lockSeconds == 30 and "30 秒" in admin.pinMessage
    assert not admin.enterPin(PIN)  # locked: even the right PIN waits
    admin._gate.clock.advance(30)
    assert admin.lockSeconds == 0
    assert admin.enterPin(PIN) and admin.unlocked


def test_leaves_by_itself_after_idle(admin, qtbot) -> None:
    admin.open()
    admin._monotonic.advance(PIN_IDLE_S - 1)
    admin._on_timer_timeout()
    assert admin._timer.isActive()
    admin._monotonic.advance(2)
    with qtbot.waitSignal(admin.leave_requested, timeout=3000):
        pass  # the real 1 s timer notices
    assert not admin._timer.isActive()

    admin.open()
    assert admin.enterPin(PIN)
    admin._monotonic.advance(PAGES_IDLE_S - 1)
    admin._on_timer_timeout()
    assert admin.unlocked
    admin._monotonic.advance(2)
    with qtbot.waitSignal(admin.leave_requested, timeout=3000):
        pass
    assert not admin.unlocked


def test_settings_validated_and_saved(admin, kiosk_home) -> None:
    admin.open()
    assert not admin.setSetting("kiosk.location", "越秀区")  # still locked
    assert admin.enterPin(PIN)
    assert admin.setSetting("kiosk.location", "越秀区北京街党群服务中心")
    assert load_config(kiosk_home)["kiosk.location"] == "越秀区北京街党群服务中心"
    before = kiosk_home.config_file.read_bytes()
    assert not admin.setSetting("idle.timeout_seconds", "5")
    assert "'idle.timeout_seconds'" in admin.message and not admin.messageOk
    assert not admin.setSetting("admin.pin_hash", "x")  # not editable from the screen
    assert kiosk_home.config_file.read_bytes() == before
    assert admin.stepSetting("display.font_scale", 2)
    assert load_config(kiosk_home)["display.font_scale"] == pytest.approx(1.2)


def test_sync_now_runs_off_the_gui_thread(admin, kiosk_home, qtbot, tmp_path) -> None:
    configure(kiosk_home, sync__source=str(tmp_path / "usb-not-mounted"))
    admin.open()
    assert admin.enterPin(PIN)
    with qtbot.waitSignal(admin.sync_changed):
        admin.syncNow()
    assert admin.syncRunning
    qtbot.waitUntil(lambda: not admin.syncRunning, timeout=30000)
    last = read_state(kiosk_home)["last_sync"]  # the real sync ran and recorded its result
    assert admin.syncMessage == f"{SYNC_TEXT[last['result']]}：{last['message']}"
    assert "root.json" in admin.syncMessage  # this home has no trust root yet
    assert any(row["label"] == "上次同步" and last["message"] in row["value"]
               for row in admin.statusRows)


def test_test_print_writes_a_slip(admin, kiosk_home, qtbot, tmp_path) -> None:
    configure(kiosk_home, printer__kind="pdf", printer__pdf_dir=str(tmp_path / "prints"))
    admin.open()
    assert admin.enterPin(PIN)
    admin.testPrint()
    qtbot.waitUntil(lambda: admin.message.startswith("测试打印：办事指南已保存"), timeout=20000)
    assert len(list(Path(tmp_path / "prints").glob("*.pdf"))) == 1

    configure(kiosk_home, printer__kind="none")
    admin.testPrint()
    qtbot.waitUntil(lambda: "本机暂不提供打印" in admin.message)
    assert not admin.messageOk


def test_exit_to_desktop_only_when_unlocked(admin, qtbot) -> None:
    admin.open()
    admin.exitToDesktop()
    assert admin.quits == []
    assert admin.enterPin(PIN)
    with qtbot.waitSignal(admin.leave_requested):
        admin.exitToDesktop()
    qtbot.waitUntil(lambda: admin.quits == [True])


@pytest.fixture()
def file_logs(kiosk_home):
    root = logging.getLogger()
    level = root.level
    path = setup_logging(kiosk_home, "ui")
    yield path
    for h in [h for h in root.handlers if getattr(h, "_kiosk_log_file", False)]:
        root.removeHandler(h)
        h.close()
    root.setLevel(level)


def test_logs_page_shows_lines_but_never_what_a_resident_typed(ui: Ui, file_logs, pin_hash) -> None:
    ui.controller.openSearch()
    ui.controller.search("住房公积金提取")
    admin = admin_of(ui)
    configure(ui_layout(ui), admin__pin_hash=pin_hash)
    admin.open()
    admin.enterPin("0000")
    assert admin.enterPin(PIN)
    lines = admin.logLines
    assert any("technician PIN accepted" in ln for ln in lines)
    assert any("WARNING" in ln and "wrong technician PIN" in ln for ln in lines)
    text = file_logs.read_text(encoding="utf-8")
    assert "住房公积金提取" not in text and PIN not in text
    assert all(ln[:4].isdigit() and "\n" not in ln for ln in lines)  # one greppable line each
    admin.leave()


def test_broken_config_leaves_ui_running_on_last_valid_settings(qtbot, factory, clock) -> None:
    from kiosk.config import load_config_safe
    from ui.app import build_ui

    configure(factory, kiosk__id="GZ-TH-0009")
    load_config_safe(factory)  # a running kiosk remembered these settings
    factory.config_file.write_text("[kiosk\nid = 'GZ-", encoding="utf-8")  # a hand edit gone wrong
    ui = build_ui(factory, size=(1920, 1080), windowed=True, clock=clock, start_timers=False)
    try:
        ui.window.show()
        qtbot.waitExposed(ui.window)
        assert ui.controller.screen == "home" and ui.controller.kioskId == "GZ-TH-0009"
        admin = admin_of(ui)
        admin.refreshStatus()
        (row,) = [r for r in admin.statusRows if r["label"] == "配置文件"]
        assert not row["ok"] and "not valid TOML" in row["value"]
    finally:
        ui.close()


def test_a_broken_technician_module_is_loud(ui: Ui, qtbot, caplog, monkeypatch) -> None:
    """The five taps on a kiosk whose technician module cannot load: an ERROR line, a toast
    pointing at ``kiosk doctor``, and doctor's "ui" check FAILs until the module loads again."""
    import sys

    from kiosk.ops.doctor import FAIL, PASS, check_ui

    layout = ui_layout(ui)
    monkeypatch.setitem(sys.modules, "ui.backends.admin", None)  # what a failed install leaves: ImportError
    with caplog.at_level(logging.ERROR, logger="ui.app"):
        for _ in range(5):
            tap_at(ui, QPointF(20, 20))
        qtbot.waitUntil(lambda: "kiosk doctor" in find(ui, "toastText").property("text"))
    assert lookup(ui, "adminScene") is None
    assert any(r.levelno == logging.ERROR and "technician screen unavailable" in r.getMessage()
               for r in caplog.records)
    problem = read_state(layout)["ui_problem"]
    assert problem["part"] == "technician screen" and "ui.backends.admin" in problem["detail"]
    result = check_ui(layout)
    assert result.status == FAIL and "ui.backends.admin" in result.detail and result.hint

    # Repaired (the module imports again): the next gesture opens the screen and clears the problem.
    monkeypatch.undo()  # the module object imported before, not a second import (which would register
    # QML's Technician twice)
    ui.admin_ready = False
    ui.ensure_admin()
    assert "ui_problem" not in read_state(layout)
    assert check_ui(layout).status == PASS


FRESH_PROCESS = """
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from kiosk.paths import home_layout
from ui.app import build_ui, prepare_environment, wait_for_frame
from uihelpers import lookup, visible

assert "ui.backends.admin" not in sys.modules
prepare_environment(offscreen=True)
app = QGuiApplication(sys.argv[:1])
ui = build_ui(home_layout(Path(sys.argv[1])), size=(1280, 800), windowed=True, start_timers=False)
ui.window.show()
wait_for_frame(ui.window)
ui.controller.request_admin()
for _ in range(5):
    wait_for_frame(ui.window)
assert visible(ui, "pinPad"), "the PIN pad did not open"
ui.close()
"""


def test_gesture_opens_the_pin_pad_in_a_fresh_process(kiosk_home: HomeLayout, tmp_path: Path) -> None:
    """As on a kiosk: no test module imported ui.backends.admin before the scenes loaded.

    (A QML type registered after the scenes exist breaks the types they use; this pytest
    process imported the module while collecting, so only a fresh process can show it.)
    """
    proc = run_fresh_process(FRESH_PROCESS, kiosk_home, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "unavailable" not in proc.stderr and "Cannot assign" not in proc.stderr, proc.stderr[-3000:]
