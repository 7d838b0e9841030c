"""A static file server on 127.0.0.1 (HTTP or HTTPS) for tests, benchmark and stress command.

It serves a repository directory like any web server or CDN would, counts the
requests and bytes it sends, and can misbehave on purpose for chosen paths:
answer 500, hang, drip bytes slowly, or cut a file short.
"""

from __future__ import annotations

import http.server
import logging
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

log = logging.getLogger("kiosk.devtools.loopback")

#: Behaviours for :attr:`LoopbackServer.faults`.
FAIL_500, HANG, DRIP, TRUNCATE = "500", "hang", "drip", "truncate"


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that drops a kept-alive connection is normal here, not worth a trace.
        log.debug("connection from %s ended with an error", client_address, exc_info=True)


@dataclass
class Counters:
    requests: int = 0
    bytes_sent: int = 0
    paths: list[str] = field(default_factory=list)


class LoopbackServer:
    """Serve ``root`` over HTTP on 127.0.0.1 from a background thread.

    Attributes:
        url: base URL, e.g. ``http://127.0.0.1:40123``.
        counters: requests and payload bytes sent since the last :meth:`reset`.
        faults: list of (predicate on the URL path, behaviour) checked in order.
    """

    def __init__(self, root: Path, tls: tuple[Path, Path] | None = None) -> None:
        self.root = root
        self.counters = Counters()
        self.faults: list[tuple[Callable[[str], bool], str]] = []
        self.release = threading.Event()  # ends HANG/DRIP early when the server stops
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._serve(self)

            def log_message(self, format: str, *args: object) -> None:
                log.debug("%s " + format, self.address_string(), *args)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if tls is not None:  # (certificate chain, private key) in PEM
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(tls[0]), str(tls[1]))
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, daemon=True, name="loopback-http"
        )

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join()

    def reset(self) -> None:
        with self._lock:
            self.counters = Counters()

    def fault(self, predicate: Callable[[str], bool], behaviour: str) -> None:
        self.faults.append((predicate, behaviour))

    def _count(self, path: str, nbytes: int) -> None:
        with self._lock:
            self.counters.bytes_sent += nbytes

    def _serve(self, h: http.server.BaseHTTPRequestHandler) -> None:
        path = unquote(urlsplit(h.path).path)
        with self._lock:
            self.counters.requests += 1
            self.counters.paths.append(path)
        behaviour = next((b for pred, b in self.faults if pred(path)), None)
        if behaviour == FAIL_500:
            self._send_status(h, 500)
            return
        if behaviour == HANG:
            self.release.wait(60)
            h.close_connection = True
            return
        file = (self.root / path.lstrip("/")).resolve()
        if not file.is_relative_to(self.root.resolve()) or not file.is_file():
            self._send_status(h, 404)
            return
        data = file.read_bytes() if behaviour in (DRIP, TRUNCATE) else None
        size = file.stat().st_size
        h.send_response(200)
        h.send_header("Content-Type", "application/octet-stream")
        h.send_header("Content-Length", str(size))
        h.end_headers()
        try:
            if behaviour == TRUNCATE and data is not None:
                part = data[: len(data) // 2]
                h.wfile.write(part)
                self._count(path, len(part))
                h.close_connection = True
            elif behaviour == DRIP and data is not None:
                for i in range(0, len(data), 16):
                    if self.release.wait(0.05):
                        break
                    h.wfile.write(data[i : i + 16])
                    h.wfile.flush()
                    self._count(path, 16)
                h.close_connection = True
            else:
                with file.open("rb") as fh:
                    while block := fh.read(64 * 1024):
                        h.wfile.write(block)
                        self._count(path, len(block))
        except (BrokenPipeError, ConnectionResetError):
            h.close_connection = True

    def _send_status(self, h: http.server.BaseHTTPRequestHandler, status: int) -> None:
        body = f"{status}\n".encode()
        h.send_response(status)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        self._count("", len(body))
