"""A real X11 window under Xvfb with a real window manager (openbox): residents cannot close it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.qt

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")


@pytest.fixture()
def display():
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(f"missing {', '.join(missing)} (bash .ci/setup --test installs them)")
    # -displayfd: Xvfb picks a free display and says which (other tests may run X servers too).
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        number = fh.readline().strip()
    assert number, "Xvfb did not start"
    env = dict(os.environ, DISPLAY=f":{number}")
    wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):  # openbox has taken the screen once it advertises itself (EWMH)
        prop = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                              capture_output=True, text=True).stdout
        if "window id" in prop:
            break
        time.sleep(0.1)
    else:
        pytest.fail("openbox did not start")
    yield env
    wm.terminate()
    xvfb.terminate()
    wm.wait(10)
    xvfb.wait(10)


def _window(env: dict[str, str], pid: int, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid), ""], env=env,
                              capture_output=True, text=True)
        for wid in proc.stdout.split():  # Qt's helper windows have no title: the kiosk's has
            name = subprocess.run(["xprop", "-id", wid, "WM_NAME"], env=env, capture_output=True,
                                  text=True).stdout
            if "=" in name:
                return wid
        time.sleep(0.3)
    raise AssertionError("the kiosk window never appeared")


def _start_kiosk(display, factory):  # type: ignore[no-untyped-def]
    """kiosk-ui on the X server (full screen, as the systemd unit starts it): its env and process."""
    env = dict(display, KIOSK_HOME=str(factory.root), QT_QPA_PLATFORM="xcb")
    env.pop("NOTIFY_SOCKET", None)
    ui = subprocess.Popen([sys.executable, "-c", "from ui.cli import main; raise SystemExit(main())"],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return env, ui


def test_alt_f4_and_quit_keys_do_not_close_the_kiosk(display, factory):
    env, ui = _start_kiosk(display, factory)
    try:
        wid = _window(env, ui.pid)
        subprocess.run(["xdotool", "windowactivate", "--sync", wid], env=env, check=False)
        # Alt+F4 is openbox's close binding: it sends WM_DELETE_WINDOW, the window manager's
        # close request. Ctrl+Q and Ctrl+W are the usual quit shortcuts.
        for keys in ("alt+F4", "ctrl+q", "ctrl+w", "alt+F4"):
            subprocess.run(["xdotool", "key", "--clearmodifiers", keys], env=env, check=True)
            time.sleep(0.5)
        time.sleep(2.0)
        assert ui.poll() is None, ui.communicate()[1]
        alive = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(ui.pid), ""], env=env,
                               capture_output=True, text=True)
        assert wid in alive.stdout.split()
        log = (factory.logs_dir / "ui.log").read_text(encoding="utf-8")
        assert "close request ignored" in log and "quit shortcut ignored" in log
    finally:
        if ui.poll() is None:
            ui.send_signal(signal.SIGTERM)
        ui.communicate(timeout=30)
    assert ui.returncode == 0  # systemctl stop: a clean exit (Restart=always would restart others)


def _states(env: dict[str, str], wid: str) -> str:
    return subprocess.run(["xprop", "-id", wid, "WM_STATE", "_NET_WM_STATE"], env=env, capture_output=True,
                          text=True).stdout


def _shown_full_screen(env: dict[str, str], wid: str) -> bool:
    """Mapped (ICCCM Normal), full screen, not hidden, on the desktop in view."""
    states = _states(env, wid)
    desktop = subprocess.run(["xdotool", "get_desktop"], env=env, capture_output=True, text=True).stdout
    on = subprocess.run(["xdotool", "get_desktop_for_window", wid], env=env, capture_output=True,
                        text=True).stdout
    return ("window state: Normal" in states and "_NET_WM_STATE_FULLSCREEN" in states
            and "_NET_WM_STATE_HIDDEN" not in states and desktop.strip() == on.strip())


def _until(check, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_the_window_manager_cannot_minimise_shrink_or_hide_the_kiosk(display, factory):
    """Minimise, leave full screen, move to another desktop, switch desktop, unmap: each time
    the kiosk is back, full screen, in view, within a moment (it stayed minimised before)."""
    if shutil.which("wmctrl") is None:
        pytest.skip("missing wmctrl (bash .ci/setup --test installs it)")
    env, ui = _start_kiosk(display, factory)
    try:
        wid = _window(env, ui.pid)
        assert _until(lambda: _shown_full_screen(env, wid)), _states(env, wid)
        attempts = {
            "minimise": ["xdotool", "windowminimize", wid],
            "leave full screen": ["wmctrl", "-i", "-r", wid, "-b", "remove,fullscreen"],
            "move to desktop 2": ["xdotool", "set_desktop_for_window", wid, "1"],
            "switch to desktop 3": ["xdotool", "set_desktop", "2"],
            "unmap": ["xdotool", "windowunmap", wid],
        }
        for what, cmd in attempts.items():
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            time.sleep(0.5)
            assert _until(lambda: _shown_full_screen(env, wid)), f"after {what}: {_states(env, wid)}"
            assert ui.poll() is None, ui.communicate()[1]
        log = (factory.logs_dir / "ui.log").read_text(encoding="utf-8")
        assert "shown again" in log
    finally:
        if ui.poll() is None:
            ui.send_signal(signal.SIGTERM)
        ui.communicate(timeout=30)
    assert ui.returncode == 0


def test_only_the_technician_exit_closes(qapp, monkeypatch):
    from PySide6.QtGui import QGuiApplication, QWindow

    from kiosk.errors import ExitCode
    from ui import window as window_mod

    codes: list[int] = []
    monkeypatch.setattr(QGuiApplication, "exit", staticmethod(codes.append))
    win = QWindow()
    win.show()
    guard = window_mod.guard_window(qapp, win)
    try:
        assert not win.close() and win.isVisible() and guard.refused == 1
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        for key, mods in ((Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                          # the keypad's keys carry a modifier of their own (ui.window masks it)
                          (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)):
            assert guard.eventFilter(win, QKeyEvent(QEvent.Type.KeyPress, key, mods))
        assert not guard.eventFilter(win, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Q,
                                                    Qt.KeyboardModifier.NoModifier))
        assert not guard.eventFilter(win, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Q,  # Ctrl+Shift+Q: not ours
                                                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
        assert guard.refused == 5
        window_mod.technician_exit()
        assert codes == [int(ExitCode.TECHNICIAN_EXIT)] and guard.allowed
    finally:
        qapp.setQuitOnLastWindowClosed(True)
        qapp.removeEventFilter(guard)
        win.removeEventFilter(guard)
        win.destroy()
