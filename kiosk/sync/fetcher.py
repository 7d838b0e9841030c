"""The HTTP layer of the TUF client: ``requests`` with the kiosk's network settings.

* proxy from config (``sync.proxy``), else the usual ``https_proxy`` environment variables;
* a custom CA bundle (``sync.ca_bundle``), as government intranets use their own CA;
* separate connect and read time-outs, plus a total deadline per request (headers
  included: a watchdog shuts the socket down) and for the whole sync, so a server
  that drips one byte a second cannot hold the sync forever;
* an HTML answer (a captive portal's login page) is "offline", not a bad repository;
* retries with exponential backoff and jitter for connection failures and 5xx;
* a size cap on every download (TUF passes the signed length or a role maximum);
* ``file://`` URLs are read from disk, so a USB stick gets the same TUF checks; only
  regular files inside the source tree are read (no FIFO, device or symlink out).

Downloads are streamed to a temporary file in the staging directory, never held
in memory whole.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import random
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from tuf.api import exceptions
from tuf.ngclient.fetcher import FetcherInterface
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

log = logging.getLogger("kiosk.sync")

CHUNK = 64 * 1024


def _kiosk_version() -> str:
    # Read from the installed distribution, not ``kiosk.__version__``: under pytest's
    # default import mode tests/kiosk/ can shadow the package's __init__.
    try:
        return importlib.metadata.version("zizhuban-kiosk")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


KIOSK_VERSION = _kiosk_version()
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class CaptivePortalError(exceptions.DownloadError):
    """The answer is an HTML page (a hotel or hospital Wi-Fi login): the kiosk is offline."""


class UnsafeFileError(exceptions.DownloadError):
    """A file on a USB source is not a regular file inside the tree (FIFO, device, symlink out)."""


# -- the per-request watchdog ----------------------------------------------------------
# requests' read time-out applies to each socket read, so a server that sends one byte a
# second never trips it, not even in the headers. The sockets a request opens are recorded
# (thread-locally) and a timer shuts them down at the request's deadline, which wakes the
# blocked read at once.
_tracking = threading.local()


def _track(sock: socket.socket) -> socket.socket:
    sockets = getattr(_tracking, "sockets", None)
    if sockets is not None:
        sockets.append(sock)
    return sock


class _TrackedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _track(super()._new_conn())


class _TrackedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _track(super()._new_conn())


class _TrackedPool(HTTPConnectionPool):
    ConnectionCls = _TrackedHTTPConnection


class _TrackedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _TrackedHTTPSConnection


class _TrackedAdapter(HTTPAdapter):
    """An adapter whose connections (direct or through an HTTP proxy) are tracked."""

    _pools = {"http": _TrackedPool, "https": _TrackedHTTPSPool}

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]
        self.poolmanager.pool_classes_by_scheme = self._pools

    def proxy_manager_for(self, proxy: str, **kwargs: object) -> urllib3.PoolManager:
        manager: urllib3.PoolManager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = self._pools
        return manager


@dataclass(frozen=True)
class NetSettings:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    proxy: str = ""
    ca_bundle: str = ""
    #: Attempts after the first one for connection failures, time-outs and 5xx.
    retries: int = 2
    #: First backoff in seconds; doubles per attempt, with +-50% jitter.
    backoff: float = 1.0
    #: Slowest acceptable average rate (bytes/s) once the read time-out has passed.
    min_rate: float = 16 * 1024
    #: Every request of one sync, retries and back-off included, ends within this.
    total_deadline: float = 900.0


class KioskFetcher(FetcherInterface):
    """A TUF fetcher over ``requests`` (and plain files for ``file://``).

    Attributes:
        bytes_received: payload bytes received in this run (HTTP and files).
        requests_made: requests sent (each retry counts).
    """

    def __init__(
        self, settings: NetSettings, temp_dir: Path | None = None, rng: random.Random | None = None
    ) -> None:
        self.settings = settings
        self.temp_dir = temp_dir
        self.rng = rng or random.Random()
        self.bytes_received = 0
        self.requests_made = 0
        #: The directory a ``file://`` source may read below (set by the sync for USB sources).
        self.file_root: Path | None = None
        self.sync_deadline = time.monotonic() + settings.total_deadline
        self.session = requests.Session()
        adapter = _TrackedAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = f"zizhuban-kiosk/{KIOSK_VERSION} (catalogue sync)"
        if settings.proxy:
            self.session.proxies = {"http": settings.proxy, "https": settings.proxy}
        # Passed on every request: a session-level value would lose to REQUESTS_CA_BUNDLE.
        self.verify: str | bool = settings.ca_bundle or True

    def close(self) -> None:
        self.session.close()

    # -- FetcherInterface ------------------------------------------------------------

    def _fetch(self, url: str) -> Iterator[bytes]:
        if urlsplit(url).scheme == "file":
            return self._file_chunks(Path(unquote(urlsplit(url).path)))
        return self._http_chunks(self._get(url), url)

    @contextmanager
    def download_file(self, url: str, max_length: int) -> Iterator[IO[bytes]]:
        """Stream ``url`` into a temporary file, enforcing the size cap and total deadline."""
        s = self.settings
        now = time.monotonic()
        if now >= self.sync_deadline:
            raise exceptions.SlowRetrievalError(
                f"{url}: the sync ran out of its {s.total_deadline:.0f} s (sync.total_deadline_seconds)")
        allowed = s.connect_timeout + s.read_timeout + max_length / s.min_rate
        deadline = min(now + allowed, self.sync_deadline)
        received = 0
        sockets: list[socket.socket] = []
        expired = threading.Event()

        def stop() -> None:  # the watchdog: wake a read blocked on a dripping server
            expired.set()
            for sock in list(sockets):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        watchdog = threading.Timer(max(0.0, deadline - now), stop)
        watchdog.daemon = True
        _tracking.sockets = sockets
        watchdog.start()
        try:
            with tempfile.TemporaryFile(dir=self.temp_dir) as tmp:
                try:
                    for chunk in self.fetch(url):
                        received += len(chunk)
                        if received > max_length:
                            raise exceptions.DownloadLengthMismatchError(
                                f"{url}: more than the allowed {max_length} bytes")
                        if expired.is_set() or time.monotonic() > deadline:
                            raise exceptions.SlowRetrievalError(
                                f"{url}: too slow ({received} bytes in the time allowed)")
                        tmp.write(chunk)
                    if expired.is_set():  # the shut-down socket may read as a clean end
                        raise exceptions.DownloadError(f"{url}: cut off by the deadline")
                except exceptions.DownloadError:
                    if expired.is_set():
                        raise exceptions.SlowRetrievalError(
                            f"{url}: no complete answer within {deadline - now:.1f} s "
                            "(headers included)") from None
                    raise
                tmp.seek(0)
                yield tmp
        finally:
            watchdog.cancel()
            _tracking.sockets = None

    # -- helpers ---------------------------------------------------------------------

    def _get(self, url: str) -> requests.Response:
        s = self.settings
        attempt = 0
        while True:
            self.requests_made += 1
            try:
                response = self.session.get(
                    url,
                    stream=True,
                    timeout=(s.connect_timeout, s.read_timeout),
                    verify=self.verify,
                )
            except requests.exceptions.Timeout as exc:
                error: exceptions.DownloadError = exceptions.SlowRetrievalError(
                    f"{url}: no answer within the time-out ({_reason(exc)})"
                )
            except requests.exceptions.ProxyError as exc:
                error = exceptions.DownloadError(
                    f"{url}: proxy {s.proxy or '(from environment)'} unreachable ({_reason(exc)})"
                )
            except requests.exceptions.SSLError as exc:
                error = exceptions.DownloadError(
                    f"{url}: TLS certificate not trusted ({_reason(exc)}); check sync.ca_bundle"
                )
            except requests.exceptions.RequestException as exc:
                error = exceptions.DownloadError(f"{url}: {_reason(exc)}")
            else:
                if response.status_code < 400:
                    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                    if kind in ("text/html", "application/xhtml+xml"):
                        response.close()
                        raise CaptivePortalError(
                            f"{url}: the answer is an HTML page, not the repository (a Wi-Fi "
                            "login page or a proxy's error page?)")
                    return response
                response.close()
                error = exceptions.DownloadHTTPError(
                    f"{url}: server answered HTTP {response.status_code}", response.status_code
                )
                if response.status_code not in RETRY_STATUSES:
                    raise error
            if attempt >= s.retries:
                raise error
            delay = s.backoff * (2**attempt) * self.rng.uniform(0.5, 1.5)
            log.info("retrying in %.1fs after: %s", delay, error)
            time.sleep(delay)
            attempt += 1

    def _http_chunks(self, response: requests.Response, url: str) -> Iterator[bytes]:
        # read1() returns what one socket read brings (at most CHUNK), so a server that
        # drips bytes is noticed by the deadline in download_file(); iter_content() would
        # block until a whole chunk had arrived.
        raw = response.raw
        first = True
        try:
            while chunk := raw.read1(CHUNK, decode_content=True):
                self.bytes_received += len(chunk)
                if first and chunk.lstrip()[:1] == b"<":
                    raise CaptivePortalError(
                        f"{url}: the answer is an HTML page, not the repository (captive portal?)")
                first = False
                yield chunk
        except urllib3.exceptions.ProtocolError as exc:
            # a body shorter than its Content-Length (IncompleteRead) or a reset connection
            raise exceptions.DownloadError(f"{url}: download cut off ({_reason(exc)})") from None
        except (urllib3.exceptions.TimeoutError, OSError) as exc:
            raise exceptions.SlowRetrievalError(f"{url}: {_reason(exc)}") from None
        except urllib3.exceptions.HTTPError as exc:
            raise exceptions.DownloadError(f"{url}: {_reason(exc)}") from None
        finally:
            response.close()

    def _file_chunks(self, path: Path) -> Iterator[bytes]:
        self.requests_made += 1
        try:
            fd = _open_inside(self.file_root, path)
        except FileNotFoundError:
            # The same answer an HTTP server gives, so TUF ends the root chain walk.
            raise exceptions.DownloadHTTPError(f"{path}: no such file", 404) from None
        except UnsafeFileError:
            raise
        except OSError as exc:
            raise exceptions.DownloadError(f"{path}: {exc.strerror}") from None
        return self._read_file(os.fdopen(fd, "rb"))

    def _read_file(self, fh: IO[bytes]) -> Iterator[bytes]:
        with fh:
            while block := fh.read(CHUNK):
                self.bytes_received += len(block)
                yield block


def _open_inside(root: Path | None, path: Path) -> int:
    """Open ``path`` for reading only if it is a regular file reached without symlinks from ``root``.

    Each component is opened relative to the last with O_NOFOLLOW, so neither a symlink
    (to /dev/zero, to a file outside the stick) nor a FIFO or device can be read;
    O_NONBLOCK keeps a FIFO's open from blocking.
    """
    if root is None:
        raise UnsafeFileError(f"{path}: file:// read outside a configured source directory")
    try:
        rel = path.relative_to(root)
    except ValueError:
        raise UnsafeFileError(f"{path}: outside the source directory {root}") from None
    parts = rel.parts
    if not parts or ".." in parts:
        raise UnsafeFileError(f"{path}: not a file inside the source directory")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            flags = os.O_RDONLY | os.O_NOFOLLOW | (os.O_NONBLOCK if last else os.O_DIRECTORY)
            try:
                nfd = os.open(part, flags, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (40, 20):  # ELOOP (a symlink), ENOTDIR
                    raise UnsafeFileError(f"{path}: {part} is a symbolic link or not a directory") from None
                raise
            os.close(fd)
            fd = nfd
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafeFileError(f"{path}: not a regular file (FIFO, device or directory)")
        os.set_blocking(fd, True)
        return fd
    except BaseException:
        os.close(fd)
        raise


def _reason(exc: BaseException) -> str:
    """The innermost useful reason of a requests/urllib3 error chain."""
    text = str(exc)
    seen = exc.__context__ or exc.__cause__
    while seen is not None:
        text = str(seen) or text
        seen = seen.__context__ or seen.__cause__
    return text[:300]
