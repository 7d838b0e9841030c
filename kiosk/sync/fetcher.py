"""The HTTP layer of the TUF client: ``requests`` with the kiosk's network settings.

* proxy from config (``sync.proxy``), else the usual ``https_proxy`` environment variables;
* a custom CA bundle (``sync.ca_bundle``), as government intranets use their own CA;
* separate connect and read time-outs, plus an overall deadline per file so a
  server that drips one byte a second cannot hold the sync forever;
* retries with exponential backoff and jitter for connection failures and 5xx;
* a size cap on every download (TUF passes the signed length or a role maximum);
* ``file://`` URLs are read from disk, so a USB stick gets the same TUF checks.

Downloads are streamed to a temporary file in the staging directory, never held
in memory whole.
"""

from __future__ import annotations

import importlib.metadata
import logging
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

import requests
import urllib3
from tuf.api import exceptions
from tuf.ngclient.fetcher import FetcherInterface

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
        self.session = requests.Session()
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
        """Stream ``url`` into a temporary file, enforcing the size cap and deadline."""
        s = self.settings
        deadline = time.monotonic() + s.connect_timeout + s.read_timeout + max_length / s.min_rate
        received = 0
        with tempfile.TemporaryFile(dir=self.temp_dir) as tmp:
            for chunk in self.fetch(url):
                received += len(chunk)
                if received > max_length:
                    raise exceptions.DownloadLengthMismatchError(
                        f"{url}: more than the allowed {max_length} bytes"
                    )
                if time.monotonic() > deadline:
                    raise exceptions.SlowRetrievalError(
                        f"{url}: too slow ({received} bytes in the time allowed for {max_length})"
                    )
                tmp.write(chunk)
            tmp.seek(0)
            yield tmp

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
        try:
            while chunk := raw.read1(CHUNK, decode_content=True):
                self.bytes_received += len(chunk)
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
            fh = path.open("rb")
        except FileNotFoundError:
            # The same answer an HTTP server gives, so TUF ends the root chain walk.
            raise exceptions.DownloadHTTPError(f"{path}: no such file", 404) from None
        except OSError as exc:
            raise exceptions.DownloadError(f"{path}: {exc.strerror}") from None
        return self._read_file(fh)

    def _read_file(self, fh: IO[bytes]) -> Iterator[bytes]:
        with fh:
            while block := fh.read(CHUNK):
                self.bytes_received += len(block)
                yield block


def _reason(exc: BaseException) -> str:
    """The innermost useful reason of a requests/urllib3 error chain."""
    text = str(exc)
    seen = exc.__context__ or exc.__cause__
    while seen is not None:
        text = str(seen) or text
        seen = seen.__context__ or seen.__cause__
    return text[:300]
