"""A publisher with keys, a repository served on 127.0.0.1, and a kiosk that trusts it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from synchelpers import ALLOW_HOSTS, Publisher

from kiosk.devtools.loopback import LoopbackServer
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from kiosk.sync import publishing, signing
from kiosk.sync.trust import install_trust_root


@pytest.fixture()
def publisher(tmp_path: Path) -> Iterator[Publisher]:
    """Keys, a repository with catalogue version 1, served on 127.0.0.1."""
    keys, repo_dir = tmp_path / "keys", tmp_path / "repo"
    signing.init_keys(keys)
    publishing.publish(SAMPLE_SOURCE, repo_dir, keys, allow_hosts=ALLOW_HOSTS, version=1)
    with LoopbackServer(repo_dir) as server:
        yield Publisher(keys=keys, dir=repo_dir, server=server, work=tmp_path)


@pytest.fixture()
def kiosk(kiosk_home: HomeLayout, publisher: Publisher) -> HomeLayout:
    """A kiosk that trusts the publisher's root (as a technician would install it)."""
    install_trust_root(kiosk_home, publisher.dir / "metadata" / "root.json")
    return kiosk_home
