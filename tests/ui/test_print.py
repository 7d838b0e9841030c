"""The 办事指南 slip: real PDFs, rasterised and decoded with a real QR decoder; CUPS where it runs."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from kiosk.catalogue.model import Item, Material
from kiosk.config import load_config
from kiosk.configedit import set_value
from kiosk.errors import ConfigError
from kiosk.ops.printer import JobOutcome, PrinterState, cups_printer_state, follow_job, stuck_jobs
from ui.printing.devices import print_escpos, print_pdf
from ui.printing.layout import SlipInfo
from ui.printing.service import (
    MSG_BUSY,
    MSG_DONE_ESCPOS,
    MSG_DONE_PDF,
    MSG_FAILED,
    MSG_NO_PRINTER,
    MSG_OUTCOME,
    MSG_PRINTED,
    MSG_STATE,
    PrintService,
)

pytestmark = pytest.mark.qt

INFO = SlipInfo(kiosk_id="GZ-TH-0007", data_version="2026112601",
                printed_at=datetime(2026, 11, 26, 9, 30))


def decode_qr(pdf: Path, page: int | None = None) -> list[str]:
    """Rasterise ``pdf`` at 200 dpi and decode every QR code on its pages (or one page)."""
    out = pdf.with_suffix("")
    pages = ["-f", str(page), "-l", str(page)] if page else []
    subprocess.run(["pdftoppm", "-r", "200", "-png", *pages, str(pdf), str(out)], check=True)
    found = []
    for png in sorted(pdf.parent.glob(out.name + "-*.png")):
        proc = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        found += proc.stdout.splitlines()
        png.unlink()
    return found


def pdf_text(pdf: Path) -> str:
    """The PDF's text layer with line breaks and spaces removed (wrapping splits long names)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf: Path) -> tuple[int, float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
    return pages, float(w) / 72 * 25.4, float(h) / 72 * 25.4


@pytest.fixture()
def item(sample_catalogue) -> Item:
    """A sample item with an online address and a name or department with 广/门 (CJK radicals)."""
    for summary in sample_catalogue.browse():
        it = sample_catalogue.item(summary.code)
        if it.online_url and re.search("[广门长]", it.name + it.department):
            return it
    pytest.fail("the sample catalogue has no item with an online URL")


@pytest.mark.parametrize("paper", ["58mm", "80mm", "a4"])
def test_kiosk_print_pdf_decodes_to_url_and_holds_name(factory, item, tmp_path, paper):
    out = tmp_path / f"slip-{paper}.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "print", item.code, "--pdf", str(out), "--paper", paper],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    assert decode_qr(out) == [item.online_url]
    text = pdf_text(out)
    assert item.name in text and item.department in text
    assert "KIOSK-UNSET" in text and "数据版本" in text
    _, width, _ = pdf_pages(out)
    assert width == pytest.approx({"58mm": 58, "80mm": 80, "a4": 210}[paper], abs=0.5)


@pytest.mark.parametrize(("lang", "words"), [
    ("zh-Hant", ("實施部門", "終端編號", "資料版本", "辦事指南")),
    ("en", ("Department", "Kiosk:KIOSK-UNSET", "Dataversion", "inChinese", "notofficial")),
])
def test_kiosk_print_in_traditional_and_english(factory, item, tmp_path, lang, words):
    """A real PDF: the slip's own words in the language; catalogue text in Traditional, or
    Chinese with a note in English."""
    from kiosk.access.script import to_traditional

    out = tmp_path / f"slip-{lang}.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "print", item.code, "--pdf", str(out), "--lang", lang],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    text = pdf_text(out).replace("\n", "")  # pdf_text drops spaces
    for word in words:
        assert word in text, word
    name = to_traditional(item.name) if lang == "zh-Hant" else item.name
    assert name in text
    assert decode_qr(out) == [item.online_url]


def test_kiosk_print_unknown_code_is_a_clear_error(factory, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "print", "NO-SUCH-CODE", "--pdf", str(tmp_path / "x.pdf")],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode != 0 and "NO-SUCH-CODE" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "x.pdf").exists()


def long_item(item: Item) -> Item:
    materials = tuple(Material(name=f"第{i}项材料：户口簿首页及本人页复印件", form="复印件", copies=2,
                               note="需加盖公章" * 6) for i in range(1, 31))
    steps = tuple(f"第{i}步：携带材料到窗口递交申请，等待工作人员审核并领取回执" for i in range(1, 21))
    return dataclasses.replace(item, guide=dataclasses.replace(item.guide, materials=materials,
                                                               steps=steps))


def test_long_guide_paginates_on_a4_and_grows_the_receipt(qapp, item, tmp_path):
    big = long_item(item)
    a4 = print_pdf(tmp_path / "a4.pdf", big, INFO, "a4")
    pages, width, height = pdf_pages(a4)
    assert pages >= 2 and height == pytest.approx(297, abs=0.5)
    text = pdf_text(a4)
    assert "第30项材料" in text and "第20步" in text and "GZ-TH-0007" in text
    assert decode_qr(a4, page=pages) == [item.online_url]

    roll = print_pdf(tmp_path / "roll.pdf", big, INFO, "80mm")
    pages, width, height = pdf_pages(roll)
    assert pages == 1 and width == pytest.approx(80, abs=0.5) and height > 297
    assert decode_qr(roll) == [item.online_url]


def test_item_without_online_address_says_so(qapp, item, tmp_path):
    offline = dataclasses.replace(item, pc_url="", mobile_url="")
    pdf = print_pdf(tmp_path / "no-url.pdf", offline, INFO, "58mm")
    assert decode_qr(pdf) == []
    assert "本事项暂无网上办理地址" in pdf_text(pdf)


# -- the service the resident UI calls ----------------------------------------------


@pytest.fixture()
def service(qapp, kiosk_home):
    svc = PrintService(kiosk_home, lambda: load_config(kiosk_home))
    yield svc
    assert svc.wait()
    svc.deleteLater()


def test_no_printer_gives_message_at_once(service, item, qtbot):
    with qtbot.waitSignal(service.finished) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_NO_PRINTER]


def test_pdf_printer_writes_slip(service, kiosk_home, item, sample_catalogue, qtbot, tmp_path):
    set_value(kiosk_home, "printer.kind", "pdf")
    set_value(kiosk_home, "printer.pdf_dir", str(tmp_path / "out"))
    set_value(kiosk_home, "printer.paper", "58mm")
    results = []
    service.finished.connect(lambda ok, message: results.append((ok, message)))
    service.print_item(item.code, item, sample_catalogue.meta)
    # A second tap while the first slip renders is refused at once, not queued.
    service.print_item(item.code, item, sample_catalogue.meta)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=20000)
    assert results == [(False, MSG_BUSY), (True, MSG_DONE_PDF)]
    (pdf,) = (tmp_path / "out").glob(f"{item.code}-*.pdf")
    assert decode_qr(pdf) == [item.online_url]
    text = pdf_text(pdf)  # the print font was prepared on the worker thread
    assert str(sample_catalogue.meta.version) in text and item.name in text


def test_unwritable_pdf_dir_gives_message_and_logs(service, kiosk_home, item, qtbot, tmp_path,
                                                   caplog):
    blocker_file = tmp_path / "not-a-dir"
    blocker_file.write_text("x")
    set_value(kiosk_home, "printer.kind", "pdf")
    with pytest.raises(ConfigError, match="printer.pdf_dir"):  # refused when a technician sets it
        set_value(kiosk_home, "printer.pdf_dir", str(blocker_file / "sub"))
    # ... and if the directory goes away later (an unmounted stick), the resident is told.
    with kiosk_home.config_file.open("a") as fh:
        fh.write(f'pdf_dir = "{blocker_file / "sub"}"\n')
    assert load_config(kiosk_home)["printer.pdf_dir"] == str(blocker_file / "sub")
    with caplog.at_level(logging.ERROR, "print"), qtbot.waitSignal(service.finished) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_FAILED]
    assert any(r.exc_info for r in caplog.records)


def test_missing_cups_queue_gives_message(service, kiosk_home, item, qtbot):
    set_value(kiosk_home, "printer.kind", "cups")
    set_value(kiosk_home, "printer.name", "NO_SUCH_QUEUE")
    with qtbot.waitSignal(service.finished, timeout=10000) as blocker:
        service.print_item(item.code, item, None)
    ok, message = blocker.args
    assert not ok and message in (MSG_STATE[PrinterState.MISSING], MSG_STATE[PrinterState.NO_CUPS])


# -- a real CUPS queue (cups-pdf) -----------------------------------------------------


def _cups_pdf_queue() -> str | None:
    """Why the CUPS test cannot run here, or None if it can."""
    if shutil.which("lpstat") is None:
        return "lpstat not installed"
    state, detail = cups_printer_state("PDF")
    if state is PrinterState.NO_CUPS:
        return f"no CUPS scheduler reachable ({detail})"
    if state is PrinterState.MISSING:
        return "no cups-pdf queue named PDF (lpadmin -p PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd)"
    return None


def _cups_pdf_outdir() -> Path:
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text().splitlines():
            if line.startswith("Out "):
                out = line.split(None, 1)[1].strip()
    return Path(out.replace("${HOME}", str(Path.home())).replace("${USER}", os.environ.get("USER", "root")))


def _jobs_pending() -> bool:
    out = subprocess.run(["lpstat", "-o", "PDF"], capture_output=True, text=True).stdout
    return bool(out.strip())


@pytest.mark.cups
def test_print_through_real_cups_queue(service, kiosk_home, item, qtbot):
    reason = _cups_pdf_queue()
    if reason:
        pytest.skip(reason)
    outdir = _cups_pdf_outdir()
    before = set(outdir.glob("*.pdf")) if outdir.exists() else set()
    set_value(kiosk_home, "printer.kind", "cups")
    set_value(kiosk_home, "printer.name", "PDF")
    set_value(kiosk_home, "printer.paper", "80mm")
    with qtbot.waitSignal(service.finished, timeout=30000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [True, MSG_PRINTED]  # CUPS reported the job completed
    qtbot.waitUntil(lambda: not _jobs_pending(), timeout=60000)
    qtbot.waitUntil(lambda: outdir.exists() and bool(set(outdir.glob("*.pdf")) - before), timeout=30000)
    # Other tests may print to the shared queue at the same time: find ours by its QR code.
    qtbot.waitUntil(lambda: any(decode_qr(p) == [item.online_url]
                                for p in set(outdir.glob("*.pdf")) - before), timeout=30000)
    printed = next(p for p in set(outdir.glob("*.pdf")) - before
                   if decode_qr(p) == [item.online_url])
    _, width, _ = pdf_pages(printed)
    assert width == pytest.approx(80, abs=1)  # the receipt page size reached the queue
    printed.unlink()


# -- queues of our own (unique names; the shared PDF queue is never touched) -------------


@pytest.fixture()
def own_queue():
    """A queue of this test's own that prints to /dev/null; removed afterwards."""
    if shutil.which("lpadmin") is None or cups_printer_state("PDF")[0] is PrinterState.NO_CUPS:
        pytest.skip("no CUPS scheduler (bash .ci/test starts one)")
    name = f"kiosk-field-{os.getpid()}-{os.urandom(3).hex()}"
    proc = subprocess.run(["lpadmin", "-p", name, "-E", "-v", "file:/dev/null", "-m", "raw"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot add a CUPS queue here: {proc.stderr.strip()}")
    yield name
    subprocess.run(["cancel", "-a", name], capture_output=True)
    subprocess.run(["lpadmin", "-x", name], capture_output=True)


def _cups_service(kiosk_home, queue: str, timeout: int = 10) -> None:
    set_value(kiosk_home, "printer.kind", "cups")
    set_value(kiosk_home, "printer.name", queue)
    set_value(kiosk_home, "printer.job_timeout_seconds", timeout)


@pytest.mark.cups
def test_own_queue_prints_and_says_printed(service, kiosk_home, item, qtbot, own_queue):
    _cups_service(kiosk_home, own_queue)
    with qtbot.waitSignal(service.finished, timeout=60000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [True, MSG_PRINTED]
    from kiosk.ops.metrics import counters
    from kiosk.state import read_state

    assert counters(read_state(kiosk_home))["prints_ok"] == 1


@pytest.mark.cups
def test_rejecting_queue_is_never_sent(service, kiosk_home, item, qtbot, own_queue, factory, tmp_path):
    subprocess.run(["cupsreject", own_queue], check=True)
    _cups_service(kiosk_home, own_queue)
    with qtbot.waitSignal(service.finished, timeout=30000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_STATE[PrinterState.REJECTING]]
    assert subprocess.run(["lpstat", "-o", own_queue], capture_output=True, text=True).stdout == ""
    # `kiosk print` says so too, with a non-zero exit.
    env = dict(os.environ, KIOSK_HOME=str(factory.root))
    proc = subprocess.run([sys.executable, "-m", "kiosk", "print", item.code, "--printer", own_queue],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0 and "rejecting" in proc.stderr, proc.stdout + proc.stderr


@pytest.mark.cups
def test_stopped_printer_reports_offline(service, kiosk_home, item, qtbot, own_queue):
    subprocess.run(["cupsdisable", own_queue], check=True)
    _cups_service(kiosk_home, own_queue)
    with qtbot.waitSignal(service.finished, timeout=30000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_STATE[PrinterState.OFFLINE]]


@pytest.mark.cups
def test_job_stuck_on_a_stopped_printer_is_followed_and_reported(kiosk_home, own_queue, tmp_path):
    """A job CUPS accepted whose printer stops: followed to 'stopped', and doctor sees stuck jobs."""
    from kiosk.config import load_config
    from kiosk.ops.doctor import check_printer
    from kiosk.ops.printer import submit
    from kiosk.ops.status import collect_status

    subprocess.run(["cupsdisable", own_queue], check=True)
    slip = tmp_path / "slip.txt"
    slip.write_text("slip")
    ids = [submit(own_queue, str(slip)) for _ in range(3)]
    assert all(isinstance(i, int) and i > 0 for i in ids)
    assert follow_job(ids[0], own_queue, timeout=5) is JobOutcome.STOPPED
    assert len(stuck_jobs(own_queue, __import__("time").time(),
                          cups_printer_state(own_queue)[0])) == 3
    _cups_service(kiosk_home, own_queue)
    row = check_printer(kiosk_home, load_config(kiosk_home))
    assert row.status == "fail" and "3 job(s) stuck" in row.detail and "cancel -a" in row.hint
    assert collect_status(kiosk_home)["printer"]["stuck_jobs"] == 3
    # On an enabled queue a young job is not stuck; an old one is.
    subprocess.run(["cupsenable", own_queue], check=True)



@pytest.mark.cups
def test_a_held_job_is_not_printed_and_cancelled_so_it_cannot_print_later(
        service, kiosk_home, item, qtbot, own_queue):
    """A queue that holds every job (job-hold-until-default, as ``lp -H hold`` does for one):
    CUPS says job-state pending-held. The resident is told it did not print and to ask staff,
    and the job is cancelled, so a later release cannot print this slip for the next resident."""
    subprocess.run(["lpadmin", "-p", own_queue, "-o", "job-hold-until-default=indefinite"],
                   check=True)
    _cups_service(kiosk_home, own_queue)
    with qtbot.waitSignal(service.finished, timeout=30000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_OUTCOME[JobOutcome.STOPPED]]
    assert "工作人员" in blocker.args[1]
    left = subprocess.run(["lpstat", "-o", own_queue], capture_output=True, text=True)
    assert left.stdout.strip() == "", left.stdout  # no held job left to print later
    done = subprocess.run(["lpstat", "-W", "completed", "-o", own_queue], capture_output=True,
                          text=True)
    assert own_queue in done.stdout  # it was sent (and then cancelled), not refused up front


# -- printers that say yes and then do nothing: CUPS backends of this test's own ----------

BACKEND_DIR = Path("/usr/lib/cups/backend")
#: A printer out of paper that waits for it (as CUPS's usb backend does), printing once a
#: flag file (the paper) is there.
WAITS_FOR_PAPER = """#!/bin/sh
[ $# -eq 0 ] && {{ echo 'network {name} "Unknown" "kiosk test"'; exit 0; }}
cat > /dev/null
while [ ! -e {flag} ]; do echo "STATE: +media-empty-error" >&2; sleep 1; done
echo "STATE: -media-empty-error" >&2
exit 0
"""
#: Out of paper: says so and stops the queue (CUPS_BACKEND_STOP).
STOPS_WITHOUT_PAPER = """#!/bin/sh
[ $# -eq 0 ] && {{ echo 'network {name} "Unknown" "kiosk test"'; exit 0; }}
cat > /dev/null
echo "STATE: +media-empty-error" >&2
exit 4
"""
#: Takes the job and never finishes it.
HANGS = """#!/bin/sh
[ $# -eq 0 ] && {{ echo 'network {name} "Unknown" "kiosk test"'; exit 0; }}
cat > /dev/null
exec sleep 3600
"""


@pytest.fixture()
def backend_queue(tmp_path):
    """make(script) -> a new queue whose CUPS backend is ``script`` (formatted with name, flag)."""
    if shutil.which("lpadmin") is None or cups_printer_state("PDF")[0] is PrinterState.NO_CUPS:
        pytest.skip("no CUPS scheduler (bash .ci/test starts one)")
    if os.geteuid() != 0 or not os.access(BACKEND_DIR, os.W_OK):
        pytest.skip(f"needs root to add a CUPS backend to {BACKEND_DIR}")
    made: list[tuple[str, Path]] = []
    shared = Path(__import__("tempfile").mkdtemp(prefix="kiosk-cups-", dir="/var/tmp"))
    shared.chmod(0o777)  # backends run as lp

    def make(script: str) -> tuple[str, Path]:
        name = f"kiosktest{os.getpid()}x{os.urandom(3).hex()}"
        flag = shared / f"{name}.paper"
        backend = BACKEND_DIR / name
        backend.write_text(script.format(name=name, flag=flag), encoding="utf-8")
        backend.chmod(0o755)
        made.append((name, backend))
        proc = subprocess.run(["lpadmin", "-p", name, "-E", "-v", f"{name}:/test", "-m", "raw"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"cannot add a CUPS queue here: {proc.stderr.strip()}")
        return name, flag

    yield make
    for name, backend in made:
        subprocess.run(["cancel", "-a", name], capture_output=True)
        subprocess.run(["lpadmin", "-x", name], capture_output=True)
        backend.unlink(missing_ok=True)
    shutil.rmtree(shared, ignore_errors=True)


def _print(service, item, qtbot, timeout_ms: int = 90000) -> list:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(service.finished, timeout=timeout_ms) as blocker:
        service.print_item(item.code, item, None)
    assert not service.busy  # the next press can print
    return blocker.args


@pytest.mark.cups
def test_paper_put_back_after_a_cancelled_job_prints_again(service, kiosk_home, item, qtbot, backend_queue):
    """The job waits for paper: the resident is told 缺纸 and the job is cancelled. CUPS keeps the
    backend's media-empty alert after that; with paper back, the next press must print (it was
    refused as 缺纸 for ever: only a job clears the alert, and none was ever sent)."""
    queue, paper = backend_queue(WAITS_FOR_PAPER)
    _cups_service(kiosk_home, queue, timeout=30)
    assert _print(service, item, qtbot) == [False, MSG_STATE[PrinterState.NO_PAPER]]
    assert subprocess.run(["lpstat", "-o", queue], capture_output=True, text=True).stdout == ""
    assert cups_printer_state(queue)[0] is PrinterState.NO_PAPER  # the alert outlives the job
    from kiosk.ops.doctor import check_printer

    row = check_printer(kiosk_home, load_config(kiosk_home))  # says so, and how to clear it
    assert row.status == "fail" and f"lp -d {queue} /etc/hostname" in row.hint, row.hint
    paper.touch()
    assert _print(service, item, qtbot) == [True, MSG_PRINTED]


@pytest.mark.cups
def test_a_printer_that_stops_for_paper_says_no_paper(service, kiosk_home, item, qtbot, backend_queue):
    queue, _paper = backend_queue(STOPS_WITHOUT_PAPER)
    _cups_service(kiosk_home, queue)
    # Not 打印机已暂停: the queue stopped because the printer has no paper.
    assert _print(service, item, qtbot) == [False, MSG_STATE[PrinterState.NO_PAPER]]
    assert _print(service, item, qtbot) == [False, MSG_STATE[PrinterState.NO_PAPER]]


@pytest.mark.cups
def test_a_printer_that_never_finishes_times_out_and_the_job_is_cancelled(service, kiosk_home, item, qtbot,
                                                                         backend_queue):
    queue, _paper = backend_queue(HANGS)
    _cups_service(kiosk_home, queue, timeout=10)
    assert _print(service, item, qtbot) == [False, MSG_OUTCOME[JobOutcome.TIMED_OUT]]
    assert subprocess.run(["lpstat", "-o", queue], capture_output=True, text=True).stdout == ""


@pytest.mark.cups
def test_a_queue_deleted_while_its_job_prints(service, kiosk_home, item, qtbot, backend_queue):
    queue, _paper = backend_queue(HANGS)
    _cups_service(kiosk_home, queue, timeout=60)
    with qtbot.waitSignal(service.finished, timeout=90000) as blocker:
        service.print_item(item.code, item, None)
        qtbot.waitUntil(lambda: subprocess.run(["lpstat", "-o", queue], capture_output=True,
                                               text=True).stdout != "", timeout=30000)
        subprocess.run(["lpadmin", "-x", queue], check=True)
    assert blocker.args == [False, MSG_STATE[PrinterState.MISSING]]
    assert not service.busy


def test_job_outcome_messages_cover_every_failure():
    assert set(MSG_OUTCOME) == set(JobOutcome) - {JobOutcome.COMPLETED}


# -- ESC/POS thermal printers (a device file stands in for /dev/usb/lp0) -----------------


def raster_from_escpos(data: bytes) -> Image.Image:
    """Rebuild the picture from the GS v 0 raster commands a printer would receive."""
    rows: list[bytes] = []
    width = 0
    pos = data.find(b"\x1dv0")
    while pos >= 0:
        x_bytes = data[pos + 4] | data[pos + 5] << 8
        height = data[pos + 6] | data[pos + 7] << 8
        start = pos + 8
        rows += [data[start + r * x_bytes: start + (r + 1) * x_bytes] for r in range(height)]
        width = x_bytes * 8
        pos = data.find(b"\x1dv0", start + x_bytes * height)
    # In ESC/POS a set bit is a black dot; in PIL's mode "1" a set bit is white.
    return Image.frombytes("1", (width, len(rows)), bytes(b ^ 0xFF for b in b"".join(rows)))


@pytest.mark.parametrize(("paper", "dots"), [("58mm", 384), ("80mm", 576)])
def test_escpos_printer_gets_a_decodable_raster(qapp, item, tmp_path, paper, dots):
    device = tmp_path / "lp0"
    device.touch()  # the device node exists (the kiosk never creates one)
    print_escpos(str(device), item, INFO, paper)
    data = device.read_bytes()
    assert b"\x1dV" in data  # paper cut at the end
    picture = raster_from_escpos(data)
    assert abs(picture.width - dots) <= 8  # the print head's width, rounded up to whole bytes
    png = tmp_path / "raster.png"
    picture.save(png)
    proc = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    assert proc.stdout.splitlines() == [item.online_url]


def test_escpos_device_missing_gives_offline_message(service, kiosk_home, item, qtbot, tmp_path):
    set_value(kiosk_home, "printer.kind", "escpos")
    set_value(kiosk_home, "printer.name", str(tmp_path / "unplugged" / "lp0"))
    with qtbot.waitSignal(service.finished, timeout=20000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_STATE[PrinterState.OFFLINE]]

    # A device path that is not there is never created as a file (as root, under /dev/usb,
    # that would "print" every slip into it and say so).
    set_value(kiosk_home, "printer.name", str(tmp_path / "lp0"))
    with qtbot.waitSignal(service.finished, timeout=20000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_STATE[PrinterState.OFFLINE]]
    assert not (tmp_path / "lp0").exists()

    (tmp_path / "lp0").touch()
    with qtbot.waitSignal(service.finished, timeout=20000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [True, MSG_DONE_ESCPOS]
    assert (tmp_path / "lp0").stat().st_size > 10_000


@pytest.fixture()
def stalled_printer(tmp_path):
    """A FIFO whose reader opens it and never reads: a printer that stops taking data
    (usblp blocks a write while the printer is out of paper or offline)."""
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    yield fifo
    os.close(reader)


def test_escpos_printer_that_stops_reading_times_out_and_frees_the_button(
        service, kiosk_home, item, qtbot, stalled_printer):
    set_value(kiosk_home, "printer.kind", "escpos")
    set_value(kiosk_home, "printer.name", str(stalled_printer))
    set_value(kiosk_home, "printer.job_timeout_seconds", 10)
    with qtbot.waitSignal(service.finished, timeout=30000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_OUTCOME[JobOutcome.TIMED_OUT]]
    assert not service.busy  # the next press prints again, rather than 正在打印上一份 for ever
    from kiosk.ops.metrics import counters
    from kiosk.state import read_state

    assert counters(read_state(kiosk_home))["prints_failed"] == 1


def test_escpos_fifo_without_reader_is_not_connected(service, kiosk_home, item, qtbot, tmp_path):
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # nobody at the other end: a blocking open would wait for ever
    set_value(kiosk_home, "printer.kind", "escpos")
    set_value(kiosk_home, "printer.name", str(fifo))
    with qtbot.waitSignal(service.finished, timeout=20000) as blocker:
        service.print_item(item.code, item, None)
    assert blocker.args == [False, MSG_STATE[PrinterState.OFFLINE]]


def test_kiosk_print_escpos_to_a_stalled_printer_ends(factory, item, stalled_printer):
    env = dict(os.environ, KIOSK_HOME=str(factory.root))
    subprocess.run([sys.executable, "-m", "kiosk", "config", "set", "printer.job_timeout_seconds", "10"],
                   env=env, check=True, capture_output=True)
    proc = subprocess.run([sys.executable, "-m", "kiosk", "print", item.code, "--escpos", str(stalled_printer)],
                          capture_output=True, text=True, env=env, timeout=90)
    assert proc.returncode != 0 and "长时间没有响应" in proc.stderr, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
