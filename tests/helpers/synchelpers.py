"""Helpers for the sync tests: a publisher, fast network settings, fingerprints."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
from pathlib import Path

from kiosk.catalogue import feed
from kiosk.catalogue.model import Item, item_from_dict, item_to_row
from kiosk.devtools.loopback import LoopbackServer
from kiosk.devtools.synthetic import sample_rows
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from kiosk.search.keys import search_keys
from kiosk.sync import publishing
from kiosk.sync.client import SyncOptions, SyncResult, run_sync
from kiosk.sync.fetcher import NetSettings

ALLOW_HOSTS = ["gdzwfw.gov.cn", "gz.gov.cn"]
#: Fast network settings for tests: no retries unless a test asks for them.
FAST = NetSettings(connect_timeout=1.0, read_timeout=1.0, retries=0, backoff=0.01)


@dataclasses.dataclass
class Publisher:
    keys: Path
    dir: Path
    server: LoopbackServer
    work: Path

    def publish(
        self, version: int, source: Path = SAMPLE_SOURCE, **kw: object
    ) -> publishing.PublishResult:
        return publishing.publish(
            source, self.dir, self.keys, allow_hosts=ALLOW_HOSTS, version=version, **kw
        )  # type: ignore[arg-type]

    def publish_items(self, items: list[Item], version: int) -> publishing.PublishResult:
        """Sign a feed written without any check (a bad publisher's key signing a bad list)."""
        return self.publish_rows(
            [{"item": item_to_row(it), "keys": [[k.field, k.norm, k.initials]
                                                for k in search_keys(it)]} for it in items],
            version)

    def publish_rows(self, rows: list[object], version: int, *, manifest: dict[str, object]
                     | None = None, raw_lines: list[bytes] | None = None) -> publishing.PublishResult:
        """Sign arbitrary feed rows (or raw lines) in one shard, with an honest manifest
        unless ``manifest`` overrides its fields: the attacks a signature does not stop."""
        lines = raw_lines if raw_lines is not None else [
            json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows]
        raw = b"".join(lines)
        blob = gzip.compress(raw, mtime=0)
        digest = hashlib.sha256(blob).hexdigest()
        shard = self.work / f"{digest}.jsonl.gz"
        shard.write_bytes(blob)
        doc: dict[str, object] = {
            "format": feed.FORMAT, "version": version,
            "published_at": "2026-11-26T00:00:00+08:00", "source": "forged for a test",
            "title": "test", "sample": True, "item_count": len(lines),
            "shards": [[digest, len(blob), len(raw), len(lines)]],
        }
        doc.update(manifest or {})
        data = json.dumps(doc).encode()
        r = publishing.open_repository(self.dir, self.keys)
        target, _ = r.add_feed(data, {digest: shard}, {"version": version})
        return publishing.PublishResult(meta=None, sha256=target.hashes["sha256"],  # type: ignore[arg-type]
                                  length=target.length, timestamp_version=r.timestamp().version)

    def target_file(self) -> Path:
        """The newest shard file the repository serves."""
        [path] = sorted(
            self.dir.glob("targets/feed/*.shard.jsonl.gz"), key=lambda p: p.stat().st_mtime
        )[-1:]
        return path


def sync(layout: HomeLayout, source: str, net: NetSettings = FAST, **kw: object) -> SyncResult:
    return run_sync(layout, SyncOptions(source=source, net=net, **kw))  # type: ignore[arg-type]


def sample_items() -> list[Item]:
    return [item_from_dict(r, allow_hosts=ALLOW_HOSTS) for r in sample_rows()[1]]


def installed_fingerprint(layout: HomeLayout) -> tuple[bytes, dict[str, str]]:
    """The pointer file and the hash of every installed snapshot file."""
    pointer = layout.catalogue_dir / "pointer.json"
    files = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(layout.catalogue_dir.glob("catalogue-*"))
    }
    return (pointer.read_bytes() if pointer.exists() else b""), files


def feed_rows() -> list[dict[str, object]]:
    """The sample as the rows of a signed feed: each item with its search keys."""
    return [{"item": item_to_row(it), "keys": [[k.field, k.norm, k.initials] for k in search_keys(it)]}
            for it in sample_items()]


def with_fields(row: dict[str, object], guide: dict[str, object] | None = None, **item: object
                ) -> dict[str, object]:
    """A copy of a feed row with some of its item's (and guide's) fields replaced."""
    new = json.loads(json.dumps(row))
    new["item"].update(item)
    if guide:
        new["item"]["guide"].update(guide)
    return new


def installed_from(kiosk: HomeLayout, publisher: Publisher) -> tuple[bytes, dict[str, str]]:
    """Sync ``kiosk`` from ``publisher`` (which must update it); what it then has installed."""
    assert sync(kiosk, publisher.server.url).outcome == "updated"
    return installed_fingerprint(kiosk)


def refused_keeping(kiosk: HomeLayout, publisher: Publisher, before: object, *words: str) -> str:
    """Sync again: it must be rejected (12), naming ``words``, with the last good catalogue kept."""
    from kiosk.catalogue.store import SnapshotStore

    result = sync(kiosk, publisher.server.url)
    assert (result.outcome, result.exit_code) == ("rejected", 12), result.message
    for word in words:
        assert word in result.message, result.message
    assert installed_fingerprint(kiosk) == before  # the last good catalogue stays, untouched
    cat, origin, _ = SnapshotStore(kiosk).open_best(ALLOW_HOSTS)
    with cat:
        assert (origin, cat.meta.version) == ("current", 1)
    return result.message


def make_tls_files(directory: Path) -> tuple[Path, Path, Path]:
    """A private CA and a server certificate for 127.0.0.1: (ca.pem, cert.pem, key.pem)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Intranet CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    paths = directory / "ca.pem", directory / "cert.pem", directory / "key.pem"
    paths[0].write_bytes(ca.public_bytes(pem))
    paths[1].write_bytes(cert.public_bytes(pem))
    paths[2].write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return paths
