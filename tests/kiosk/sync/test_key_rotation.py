"""Key rotation through TUF's root chain: kiosks with an old trust root keep working."""

from __future__ import annotations

import pytest
from synchelpers import Publisher, sync

from kiosk.paths import HomeLayout
from kiosk.sync import publishing, repo, signing
from kiosk.sync.trust import install_trust_root


def test_kiosks_follow_rotated_keys(
    kiosk: HomeLayout, publisher: Publisher, tmp_path_factory: pytest.TempPathFactory
) -> None:
    original_root = (publisher.dir / "metadata" / "1.root.json").read_bytes()
    assert sync(kiosk, publisher.server.url).version == 1
    old_timestamp_key = (publisher.keys / "timestamp.pem").read_bytes()

    assert signing.rotate_key(publisher.dir, publisher.keys, "timestamp") == 2
    assert signing.rotate_key(publisher.dir, publisher.keys, "root") == 3
    assert (publisher.keys / "timestamp.pem").read_bytes() != old_timestamp_key
    assert len(list(publisher.keys.glob("*.pem.old-*"))) == 2
    publisher.publish(2)

    result = sync(kiosk, publisher.server.url)
    assert (result.outcome, result.version) == ("updated", 2)
    assert (kiosk.trust_dir / "cache" / "root_history" / "3.root.json").exists()

    # A kiosk installed later from the original root.json walks the chain 1 -> 2 -> 3.
    fresh = HomeLayout(tmp_path_factory.mktemp("fresh-kiosk")).ensure()
    anchor = fresh.root / "root-v1.json"
    anchor.write_bytes(original_root)
    install_trust_root(fresh, anchor)
    assert sync(fresh, publisher.server.url).version == 2


def test_retired_key_can_no_longer_sign(kiosk: HomeLayout, publisher: Publisher) -> None:
    assert sync(kiosk, publisher.server.url).version == 1
    retired = publisher.work / "retired-keys"
    retired.mkdir()
    for pem in publisher.keys.glob("*.pem"):
        (retired / pem.name).write_bytes(pem.read_bytes())
    signing.rotate_key(publisher.dir, publisher.keys, "timestamp")
    with pytest.raises(repo.PublishError, match="not the one the repository root trusts"):
        publishing.refresh_timestamp(publisher.dir, retired)
