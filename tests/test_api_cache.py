"""The API's response cache (``warledger.webapi.cache``): fast, and never stale.

Every answer to a GET is compared with the same request to an app without the cache, after
writes through the API, through the store itself and through a second store object over
the same database (another process's ``warledger ingest``, as the server sees it).
"""

from __future__ import annotations

import warnings

import pytest

from ledger_data import fill
from warledger import ledger
from warledger.api import extract_text
from warledger.store import open_store
from warledger.webapi import Settings, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ROUTES = (
    "/api/health",
    "/api/events",
    "/api/facts",
    "/api/documents",
    "/api/timeseries",
    "/api/regions",
    "/api/events?limit=2",
    "/api/facts?kind=munitions",
)
MORE = "Russia launched 77 drones overnight on 3 September 2025, the air force said; 12 were shot down over Odesa."


@pytest.fixture
def stores(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    s = fill(open_store(url))
    other = open_store(url)
    yield s, other
    other.close()
    s.close()


def clients(store):
    cached = TestClient(create_app(store, Settings(token=TOKEN)))
    plain = TestClient(create_app(store, Settings(token=TOKEN, cache=False)))
    return cached, plain


def same_answers(cached, plain) -> None:
    for path in ROUTES:
        a, b = cached.get(path), plain.get(path)
        assert a.status_code == b.status_code == 200, (path, a.text)
        assert a.json() == b.json(), path


def test_a_second_read_is_a_hit_and_equal(stores):
    store, _ = stores
    cached, plain = clients(store)
    first = cached.get("/api/events")
    again = cached.get("/api/events")
    assert first.headers["x-cache"] == "miss"
    assert again.headers["x-cache"] == "hit"
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"] == first.headers["content-type"]
    assert "x-cache" not in plain.get("/api/events").headers
    same_answers(cached, plain)


def test_every_write_path_invalidates(stores):
    store, other = stores
    cached, plain = clients(store)
    same_answers(cached, plain)
    before = cached.get("/api/documents").json()["total"]

    # 1. through the API
    r = cached.post(
        "/api/documents", json={"id": "c-1", "text": MORE, "published": "2025-09-03"}, headers=AUTH
    )
    assert r.status_code == 201, r.text
    assert cached.get("/api/documents").json()["total"] == before + 1
    same_answers(cached, plain)

    # 2. through another store over the same database (another process's ingest)
    doc = extract_text(MORE.replace("77", "78"), doc_id="c-2", published="2025-09-03")
    ledger.store_batch(other, [doc])
    assert cached.get("/api/documents").json()["total"] == before + 2
    same_answers(cached, plain)

    # 3. a full rebuild of the events, and a review
    ledger.rebuild(other)
    same_answers(cached, plain)
    fact_id = cached.get("/api/facts?doc_id=c-2").json()["items"][0]["id"]
    r = cached.post(f"/api/facts/{fact_id}/review", json={"action": "reject", "reviewer": "t"}, headers=AUTH)
    assert r.status_code == 201, r.text
    facts = cached.get("/api/facts?doc_id=c-2").json()["items"]
    assert facts[0]["review"]["action"] == "reject"
    same_answers(cached, plain)


def test_a_duplicate_write_changes_nothing_and_answers_stay_equal(stores):
    store, other = stores
    cached, plain = clients(store)
    doc = extract_text(MORE, doc_id="c-3", published="2025-09-03")
    ledger.store_batch(other, [doc])
    same_answers(cached, plain)
    (result,) = ledger.store_batch(other, [doc])
    assert result.status == "duplicate"
    same_answers(cached, plain)


def test_etag_gives_304_until_the_ledger_changes(stores):
    store, other = stores
    cached, _ = clients(store)
    first = cached.get("/api/timeseries")
    etag = first.headers["etag"]
    r = cached.get("/api/timeseries", headers={"If-None-Match": etag})
    assert r.status_code == 304
    assert r.content == b""
    assert r.headers["etag"] == etag
    ledger.store_batch(other, [extract_text(MORE, doc_id="c-4", published="2025-09-03")])
    r = cached.get("/api/timeseries", headers={"If-None-Match": etag})
    assert r.status_code == 200
    assert r.headers["etag"] != etag
    assert r.json() != first.json()


def test_an_answer_a_write_leaves_alone_keeps_its_etag(stores):
    store, other = stores
    cached, _ = clients(store)
    path = "/api/regions?date_from=2030-01-01"  # no event then, before or after the write
    etag = cached.get(path).headers["etag"]
    ledger.store_batch(other, [extract_text(MORE, doc_id="c-6", published="2025-09-03")])
    r = cached.get(path, headers={"If-None-Match": etag})
    assert r.status_code == 304  # answered anew (a new version), and the same bytes
    assert r.headers["etag"] == etag


def test_errors_are_not_kept(stores):
    store, _ = stores
    cached, _ = clients(store)
    for _ in range(2):
        r = cached.get("/api/events?limit=0")
        assert r.status_code == 422
        assert "x-cache" not in r.headers
        r = cached.get("/api/events/no-such-key")
        assert r.status_code == 404
        assert "x-cache" not in r.headers


def test_the_version_counts_every_write_transaction(stores):
    store, other = stores
    v0 = store.write_version()
    ledger.store_batch(other, [extract_text(MORE, doc_id="c-5", published="2025-09-03")])
    v1 = store.write_version()
    assert v1 > v0
    assert other.write_version() == v1


def test_cache_setting_reads_on_and_off():
    assert Settings.load({"WARLEDGER_CACHE": "off"}).cache is False
    assert Settings.load({"WARLEDGER_CACHE": "on"}).cache is True
    assert Settings.load({}).cache is True
    with pytest.raises(ValueError):
        Settings.load({"WARLEDGER_CACHE": "sometimes"})


@pytest.mark.timeout(120)
def test_served_by_two_workers_every_answer_follows_a_write(tmp_path):
    """``warledger serve --workers 2``: each worker keeps its own answers, and a write from
    another process reaches every one of them on its next request."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = tmp_path / "w.db"
    fill(open_store(f"sqlite:///{db}")).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "WARLEDGER_RATE": "off"}
    env.pop("WARLEDGER_TOKEN", None)
    cmd = [sys.executable, "-c", "import sys; from warledger.cli import main; sys.exit(main())"]
    log = tmp_path / "serve.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [*cmd, "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log.read_text(errors="replace")
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)

        def totals() -> set[int]:
            # a new connection each time: the workers take turns accepting them
            return {httpx.get(base + "/api/documents?limit=1").json()["total"] for _ in range(12)}

        before = totals()
        assert len(before) == 1
        with open_store(f"sqlite:///{db}") as other:
            ledger.store_batch(other, [extract_text(MORE, doc_id="w-1", published="2025-09-03")])
        assert totals() == {next(iter(before)) + 1}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
