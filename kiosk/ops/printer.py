"""CUPS through its own tools (``lpstat``, ``lp``, ``ipptool``, ``cancel``), and printer
device files (ESC/POS), with no Qt.

Used by ``kiosk doctor``/``status`` and by the print service, off the GUI thread:
is a queue ready (enabled, accepting jobs, no media-empty or jam), which jobs are
stuck in it, and what became of a job we sent (its IPP ``job-state``), so that a
slip is reported as printed only when CUPS says it was. Every call has a time-out:
a hung scheduler costs seconds, never a frozen caller.
"""

from __future__ import annotations

import enum
import errno
import logging
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

log = logging.getLogger("print")

LPSTAT_TIMEOUT = 5.0
#: A job waiting longer than this is stuck (doctor and status say so).
STUCK_AFTER_S = 300.0
#: A backend's alert (no paper, a jam) seen this long while our job waits stops the job: a
#: printer that finds paper again clears it at once, one still out of paper keeps it.
ALERT_GRACE_S = 8.0


class PrinterState(enum.Enum):
    READY = "ready"
    MISSING = "missing"  # no such queue
    OFFLINE = "offline"  # disabled, paused, unreachable
    REJECTING = "rejecting"  # the queue refuses new jobs (cupsreject)
    NO_PAPER = "no_paper"
    NO_CUPS = "no_cups"  # scheduler not running / tools missing
    ERROR = "error"  # another printer fault (jam, cover open, …)


class JobOutcome(enum.Enum):
    """What became of a job we sent, from CUPS's job-state (RFC 8011 §5.3.7)."""

    COMPLETED = "completed"
    STOPPED = "stopped"  # the job or its printer stopped, or the job is held
    CANCELED = "canceled"
    ABORTED = "aborted"
    TIMED_OUT = "timed_out"  # still waiting when our time ran out


_NO_PAPER = ("media-empty", "media-needed", "media-low-error")
_OFFLINE = ("offline", "paused", "shutdown", "connecting-to-device", "timed-out")
_ERROR = ("media-jam", "door-open", "cover-open", "marker-supply-empty", "toner-empty")


def parse_lpstat(name: str, output: str) -> tuple[PrinterState, str]:
    """Judge ``lpstat -l -p NAME`` output (C locale) for printer ``name``."""
    lines = output.splitlines()
    head = next((ln for ln in lines if ln.startswith(f"printer {name} ")), "")
    if not head:
        return PrinterState.MISSING, f"no CUPS queue named {name!r}"
    alerts = ""
    for ln in lines:
        if ln.strip().startswith("Alerts:"):
            alerts = ln.split(":", 1)[1].strip()
    reasons = [r for r in alerts.replace(",", " ").split() if r != "none"]
    rejecting = any(ln.strip() == "Rejecting Jobs" for ln in lines)
    detail = head.strip() + (f" (alerts: {' '.join(reasons)})" if reasons else "")
    if rejecting:
        detail += " (rejecting jobs)"
    if any(r.startswith(_NO_PAPER) for r in reasons):
        return PrinterState.NO_PAPER, detail
    if " disabled " in f" {head} " or any(r.startswith(_OFFLINE) for r in reasons):
        return PrinterState.OFFLINE, detail
    if any(r.startswith(_ERROR) or r.endswith("-error") for r in reasons):
        return PrinterState.ERROR, detail
    if rejecting:
        return PrinterState.REJECTING, detail
    return PrinterState.READY, detail


def left_by_backend(state: PrinterState, detail: str) -> bool:
    """True when ``state`` comes only from alerts a backend set on a queue CUPS keeps enabled.

    CUPS keeps a backend's ``media-empty-error`` (or jam, offline report) until a backend
    run clears it. When a job is cancelled while its backend waits for paper, the alert
    outlives the backend: after the paper is back only a new job can clear it, so refusing
    to send on it would refuse every slip for ever. Such a state is tried, and the job tells.
    """
    if state not in (PrinterState.NO_PAPER, PrinterState.ERROR, PrinterState.OFFLINE):
        return False
    head = detail.split(" (alerts:", 1)[0]
    return " disabled " not in f" {head} " and "(rejecting jobs)" not in detail


def _run(tool: str, *args: str, timeout: float = LPSTAT_TIMEOUT) -> subprocess.CompletedProcess[str]:
    path = shutil.which(tool)
    if path is None:
        raise FileNotFoundError(f"{tool} not found (install cups-client and cups-ipp-utils)")
    env = dict(os.environ, LC_ALL="C", LANG="C")  # parse the English messages
    return subprocess.run([path, *args], capture_output=True, text=True,
                          timeout=timeout, env=env, check=False)


def cups_printer_state(name: str) -> tuple[PrinterState, str]:
    """Ask CUPS about queue ``name``; returns the state and a one-line detail."""
    if not name:
        return PrinterState.MISSING, "printer.name is empty"
    try:
        proc = _run("lpstat", "-l", "-p", name)
        if proc.returncode == 0:
            return parse_lpstat(name, proc.stdout)
        # With the scheduler down, lpstat may only say the name is invalid: ask it directly.
        running = _run("lpstat", "-r")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return PrinterState.NO_CUPS, f"lpstat failed: {exc}"
    if "not running" in running.stdout + running.stderr + proc.stderr:
        return PrinterState.NO_CUPS, "the CUPS scheduler is not running"
    return PrinterState.MISSING, proc.stderr.strip() or f"no CUPS queue named {name!r}"


def queue_names() -> list[str]:
    """The CUPS queues there are (``lpstat -e``); [] when CUPS cannot be asked."""
    try:
        proc = _run("lpstat", "-e")
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("lpstat -e failed: %s", exc)
        return []
    return sorted(ln.strip() for ln in proc.stdout.splitlines() if ln.strip()) if proc.returncode == 0 else []


class QueuedJob(NamedTuple):
    """A job CUPS has not finished (pending, held, processing or stopped)."""

    job_id: int
    created: float  # wall-clock seconds


_JOB_LINE = re.compile(r"^(?P<queue>\S+)-(?P<id>\d+)\s+\S+\s+\d+\s+(?P<when>\w{3} \w{3} +\d+ [\d:]+ \d{4})")


def parse_jobs(name: str, output: str) -> list[QueuedJob]:
    """Jobs of queue ``name`` in ``lpstat -o NAME`` output (C locale, local time)."""
    jobs = []
    for line in output.splitlines():
        m = _JOB_LINE.match(line)
        if m and m["queue"] == name:
            try:
                when = datetime.strptime(" ".join(m["when"].split()), "%a %b %d %H:%M:%S %Y")
            except ValueError:
                continue
            jobs.append(QueuedJob(int(m["id"]), when.timestamp()))
    return jobs


def queued_jobs(name: str) -> list[QueuedJob]:
    """The jobs queue ``name`` has not finished; [] when CUPS cannot be asked."""
    try:
        proc = _run("lpstat", "-o", name)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("lpstat -o failed: %s", exc)
        return []
    return parse_jobs(name, proc.stdout) if proc.returncode == 0 else []


def stuck_jobs(name: str, now: float, state: PrinterState | None = None) -> list[QueuedJob]:
    """Jobs waiting for more than STUCK_AFTER_S, or any job at all on a queue that cannot print."""
    jobs = queued_jobs(name)
    if state is not None and state not in (PrinterState.READY, PrinterState.REJECTING):
        return jobs
    return [j for j in jobs if now - j.created > STUCK_AFTER_S]


class SubmitError(Exception):
    """CUPS did not accept the job (no id): ``detail`` says why."""


_REQUEST_ID = re.compile(r"request id is (?P<queue>\S+)-(?P<id>\d+)")


def submit(name: str, path: str, title: str = "办事指南", options: dict[str, str] | None = None) -> int:
    """Send a file to queue ``name`` with ``lp``; return the job id CUPS gave it.

    The title never names the item: CUPS keeps job titles in its logs.
    """
    opts = [a for k, v in (options or {}).items() for a in ("-o", f"{k}={v}")]
    try:
        proc = _run("lp", "-d", name, "-t", title, *opts, "--", path, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SubmitError(f"lp failed: {exc}") from None
    m = _REQUEST_ID.search(proc.stdout)
    if proc.returncode != 0 or m is None:
        raise SubmitError((proc.stderr or proc.stdout).strip() or f"lp exited {proc.returncode}")
    return int(m["id"])


_IPP_TEST = """{
 OPERATION get-job-attributes
 GROUP operation
 ATTR charset attributes-charset utf-8
 ATTR language attributes-natural-language en
 ATTR uri job-uri $uri
 ATTR name requesting-user-name $user
 ATTR keyword requested-attributes job-state,job-state-reasons
 STATUS successful-ok
 DISPLAY job-state
}
"""


def job_state(job_id: int) -> str:
    """The job's IPP job-state keyword (pending, processing, completed, …), via ``ipptool``."""
    server = os.environ.get("CUPS_SERVER", "localhost")
    host = server if not server.startswith("/") else "localhost"
    with tempfile.NamedTemporaryFile("w", suffix=".test", prefix="kiosk-ipp-") as test:
        test.write(_IPP_TEST)
        test.flush()
        proc = _run("ipptool", "-T", str(LPSTAT_TIMEOUT), "-c", f"ipp://{host}/jobs/{job_id}",
                    test.name)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or len(lines) < 2:
        raise OSError(f"ipptool could not read job {job_id}: {(proc.stderr or proc.stdout).strip()}")
    return lines[1].split(",")[0].strip()


def cancel(job_id: int) -> None:
    """Cancel a job (a slip printed long after the resident left helps nobody)."""
    try:
        _run("cancel", str(job_id))
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("cancel of job %d failed: %s", job_id, exc)


def follow_job(
    job_id: int, queue: str, timeout: float, *, poll: float = 0.5,
    sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
) -> JobOutcome:
    """Watch job ``job_id`` until CUPS finishes it, it stops, or ``timeout`` seconds pass."""
    deadline = clock() + timeout
    alert_since: float | None = None
    while True:
        try:
            state = job_state(job_id)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("job %d: %s", job_id, exc)
            state = "unknown"
        if state == "completed":
            return JobOutcome.COMPLETED
        if state in ("canceled", "aborted"):
            return JobOutcome(state)
        if state in ("processing-stopped", "pending-held"):
            return JobOutcome.STOPPED
        printer, detail = cups_printer_state(queue)
        if printer in (PrinterState.READY, PrinterState.REJECTING):
            alert_since = None
        elif not left_by_backend(printer, detail):
            return JobOutcome.STOPPED  # a job on a disabled printer waits for ever
        elif alert_since is None:
            alert_since = clock()
        elif clock() - alert_since >= ALERT_GRACE_S:
            return JobOutcome.STOPPED  # the backend says it again: still no paper
        if clock() >= deadline:
            return JobOutcome.TIMED_OUT
        sleep(poll)


# -- a printer's device file (ESC/POS over /dev/usb/lp0, a serial port, a FIFO) -----------


class DeviceNotReady(Exception):
    """The device file cannot take the slip now; ``state`` says why (nothing was written)."""

    def __init__(self, state: PrinterState, detail: str) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail


class DeviceTimeout(Exception):
    """The device stopped taking data before the whole slip was written (``written`` bytes were)."""

    def __init__(self, detail: str, written: int) -> None:
        super().__init__(detail)
        self.written = written


_DEVICE_OPEN = os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
#: errno of a failed open or write -> what the resident is told.
#: (ENOENT, ENXIO, ENODEV: unplugged, shown as 未连接; a FIFO with no reader is ENXIO.)
_DEVICE_ERRNO = {errno.ENOSPC: PrinterState.NO_PAPER, errno.EISDIR: PrinterState.MISSING}


def write_device(path: str, data: bytes, timeout: float, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
    """Write ``data`` to an existing device file within ``timeout`` seconds, or raise.

    A printer that is out of paper, offline or jammed often stops reading without saying so:
    the kernel's usblp driver then blocks a write for ever, and a FIFO with no reader blocks
    the open. So the file is opened non-blocking (never created: a missing device is
    DeviceNotReady, not a new file where the printer was) and written as it drains, until
    the deadline (DeviceTimeout). Raises DeviceNotReady when it cannot be opened or a write fails.
    """
    deadline = clock() + timeout
    try:
        fd = os.open(path, _DEVICE_OPEN)
    except OSError as exc:
        raise DeviceNotReady(_DEVICE_ERRNO.get(exc.errno or 0, PrinterState.OFFLINE),
                             f"{path}: {exc.strerror or exc}") from None
    written = 0
    try:
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        view = memoryview(data)
        while written < len(view):
            left = deadline - clock()
            if left <= 0:
                raise DeviceTimeout(f"{path} took {written} of {len(view)} bytes in {timeout:g} s",
                                    written)
            events = poller.poll(max(1, int(min(left, 1.0) * 1000)))
            if any(ev & (select.POLLERR | select.POLLHUP | select.POLLNVAL) for _fd, ev in events):
                raise DeviceNotReady(PrinterState.OFFLINE, f"{path}: the device went away")
            if not events:
                continue
            try:
                written += os.write(fd, view[written:written + 65536])
            except (BlockingIOError, InterruptedError):
                continue
            except OSError as exc:
                raise DeviceNotReady(_DEVICE_ERRNO.get(exc.errno or 0, PrinterState.OFFLINE),
                                     f"{path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
