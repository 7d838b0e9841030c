"""Servers and USB sticks that misbehave below the signature: real sockets on 127.0.0.1, real files."""

from __future__ import annotations

import dataclasses
import http.server
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from synchelpers import FAST, Publisher, installed_fingerprint, sync
from tuf.api.metadata import Metadata, Timestamp

from kiosk.paths import HomeLayout
from kiosk.sync import signing


class DripServer:
    """Accepts connections and sends an HTTP status line and headers one byte at a time, forever."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"a" * 100_000
        with conn:
            for i in range(len(head)):
                if self.stop.wait(0.2):
                    return
                try:
                    conn.sendall(head[i : i + 1])
                except OSError:
                    return

    def __enter__(self) -> DripServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.sock.close()
        self.thread.join()


def test_headers_dripped_one_byte_at_a_time_do_not_hang_sync(kiosk: HomeLayout) -> None:
    net = dataclasses.replace(FAST, min_rate=100 * 1024 * 1024)  # deadline ~ connect + read
    with DripServer() as server:
        t0 = time.monotonic()
        result = sync(kiosk, server.url, net=net)
    assert (result.outcome, result.exit_code) == ("offline", 11), result.message
    assert "headers included" in result.message
    assert time.monotonic() - t0 < 10


def test_the_whole_sync_has_a_deadline(kiosk: HomeLayout) -> None:
    net = dataclasses.replace(FAST, total_deadline=3.0, read_timeout=60.0)
    with DripServer() as server:
        t0 = time.monotonic()
        result = sync(kiosk, server.url, net=net)
    assert result.outcome == "offline", result.message
    assert 2.5 < time.monotonic() - t0 < 10


@pytest.fixture()
def portal() -> Iterator[str]:
    """A captive portal: every address answers 200 with a login page."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!DOCTYPE html><html><body>\xe8\xaf\xb7\xe7\x99\xbb\xe5\xbd\x95 Wi-Fi</body></html>"
            self.send_response(200)
            kind = "text/html; charset=utf-8" if "json" not in self.path else "application/json"
            self.send_header("Content-Type", kind if self.path.endswith("timestamp.json") else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_captive_portal_page_is_offline_not_rejected(
    kiosk: HomeLayout, publisher: Publisher, portal: str
) -> None:
    assert sync(kiosk, publisher.server.url).outcome == "updated"
    before = installed_fingerprint(kiosk)
    result = sync(kiosk, portal)
    assert (result.outcome, result.exit_code) == ("offline", 11), result.message
    assert "HTML page" in result.message
    assert installed_fingerprint(kiosk) == before


def _usb(publisher: Publisher, tmp_path: Path) -> Path:
    usb = tmp_path / "usb"
    shutil.copytree(publisher.dir, usb)
    return usb


def test_a_fifo_on_the_usb_stick_does_not_block(
    kiosk: HomeLayout, publisher: Publisher, tmp_path: Path
) -> None:
    usb = _usb(publisher, tmp_path)
    (usb / "metadata" / "timestamp.json").unlink()
    os.mkfifo(usb / "metadata" / "timestamp.json")
    t0 = time.monotonic()
    result = sync(kiosk, str(usb))
    assert (result.outcome, result.exit_code) == ("rejected", 12), result.message
    assert "not a regular file" in result.message
    assert time.monotonic() - t0 < 10


@pytest.mark.parametrize("where", ["metadata/timestamp.json", "targets"])
def test_symlinks_on_the_usb_stick_are_not_followed(
    kiosk: HomeLayout, publisher: Publisher, tmp_path: Path, where: str
) -> None:
    usb = _usb(publisher, tmp_path)
    link = usb / where
    if link.is_dir():
        shutil.rmtree(link)
        link.symlink_to(publisher.dir / "targets")  # the same files, but outside the stick
    else:
        link.unlink()
        link.symlink_to("/dev/zero")
    result = sync(kiosk, str(usb))
    assert (result.outcome, result.exit_code) == ("rejected", 12), result.message
    assert "symbolic link" in result.message


def test_a_plain_usb_copy_still_syncs(kiosk: HomeLayout, publisher: Publisher, tmp_path: Path) -> None:
    result = sync(kiosk, str(_usb(publisher, tmp_path)))
    assert (result.outcome, result.version) == ("updated", 1), result.message


def _expired_cached_timestamp(kiosk: HomeLayout, publisher: Publisher, bump: int) -> None:
    """Replace what the kiosk last trusted by a copy signed elsewhere, since expired."""
    assert sync(kiosk, publisher.server.url).outcome == "updated"
    cached = kiosk.trust_dir / "cache" / "timestamp.json"
    md = Metadata.from_bytes(cached.read_bytes())
    assert isinstance(md.signed, Timestamp)
    md.signed.version += bump
    md.signed.expires = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    md.signatures.clear()
    md.sign(signing.load_signer(signing.key_path(publisher.keys, "timestamp")))
    cached.write_bytes(md.to_bytes())


def test_an_expired_timestamp_with_the_same_version_does_not_make_the_origin_look_expired(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    _expired_cached_timestamp(kiosk, publisher, 0)  # a USB copy re-signed with the same version
    result = sync(kiosk, publisher.server.url)
    assert result.outcome == "unchanged", result.message


def test_an_older_timestamp_after_an_expired_one_is_still_a_rollback(
    kiosk: HomeLayout, publisher: Publisher
) -> None:
    _expired_cached_timestamp(kiosk, publisher, 5)
    result = sync(kiosk, publisher.server.url)
    assert result.outcome == "rejected" and "rollback" in result.message, result.message
