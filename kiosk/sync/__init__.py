"""Signed catalogue sync: publish a static TUF repository, verify and install on the kiosk.

* :mod:`kiosk.sync.repo`      publishing side: the signed repository on disk (metadata, targets);
* :mod:`kiosk.sync.signing`   the publisher's keys (make, load, rotate);
* :mod:`kiosk.sync.publishing` validate a list, check it as a kiosk would, sign it; the timestamp job;
* :mod:`kiosk.sync.fetcher`   the HTTP/file layer used by the TUF client;
* :mod:`kiosk.sync.client`    one sync run and its outcome;
* :mod:`kiosk.sync.trust`     the trust anchor (root.json) and the TUF metadata cache;
* :mod:`kiosk.sync.shards`    the feed's shard cache, the space check, leftovers of a killed run;
* :mod:`kiosk.sync.problems`  what a failed step means (TUF errors classified, rejections remembered);
* :mod:`kiosk.sync.daemon`    the on-device loop (jitter, backoff, network watch);
* :mod:`kiosk.cli.sync`       the ``kiosk keys/publish/sync`` commands.
"""
