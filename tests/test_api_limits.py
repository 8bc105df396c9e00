"""API limits: the per-client rate limit, path traversal against file-serving routes, and the
injection strings tests/test_webapi.py does not already send (the ``doc_id`` filter, the
dashboard's event page).

Path-traversal requests go to the ASGI app directly with a hand-made scope: an HTTP client
(httpx, browsers) normalises ``..`` and some encodings before sending, and an attacker's
raw socket does not.
"""

from __future__ import annotations

import asyncio
import json
import warnings
from pathlib import Path
from urllib.parse import unquote

import pytest
from pydantic import ValidationError

from ledger_data import fill
from warledger.store import open_store
from warledger.webapi import Settings, create_app
from warledger.webapi.app import TokenBuckets
from warledger.webapi.settings import DEFAULT_RATE, parse_rate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "limits-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = "Russia launched 40 drones overnight, the air force said. In Kharkiv, two people were injured, the mayor said."


def assert_error(r, status: int) -> dict:
    """The one error shape (as tests/test_webapi.py checks it)."""
    assert r.status_code == status, r.text
    body = r.json()
    assert (
        set(body) == {"ok", "status", "error", "errors"} and body["ok"] is False and body["status"] == status
    )
    assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"]
    return body


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = fill(open_store(f"sqlite:///{tmp_path_factory.mktemp('limits') / 'ledger.db'}"))
    yield s
    s.close()


def client_for(store, ip: str = "10.0.0.1", **settings) -> TestClient:
    app = create_app(store, Settings(token=TOKEN, **settings))
    return TestClient(app, raise_server_exceptions=False, client=(ip, 40000))


# --- the rate limit -------------------------------------------------------------------------


def test_reads_past_the_rate_are_429_in_the_error_shape_with_retry_after(store):
    """A client past its read rate gets a 429 in the one error shape, with a Retry-After
    that is a whole number of seconds, and the burst it was allowed is exactly the rate."""
    c = client_for(store, rate="5/minute")
    assert [c.get("/api/health").status_code for _ in range(5)] == [200] * 5
    r = c.get("/api/events")
    body = assert_error(r, 429)
    assert "too many reads" in body["error"]
    # a 5/minute bucket refills one request every 12 s
    assert r.headers["Retry-After"].isdigit() and 1 <= int(r.headers["Retry-After"]) <= 12


def test_the_limit_is_per_client_ip_and_reads_and_writes_have_their_own_buckets(store):
    """One client's flood does not stop another address, and spent reads do not block writes."""
    app = create_app(store, Settings(token=TOKEN, rate="2/minute", write_rate="1/minute"))
    a = TestClient(app, raise_server_exceptions=False, client=("10.0.0.1", 1))
    b = TestClient(app, raise_server_exceptions=False, client=("10.0.0.2", 1))
    for _ in range(2):
        assert a.get("/api/health").status_code == 200
    assert_error(a.get("/api/health"), 429)
    assert b.get("/api/health").status_code == 200  # another address: its own bucket
    # writes: a's write bucket is still full; its second write is refused before auth or parsing
    assert a.post("/api/documents", json={"id": "lim-1", "text": REPORT}, headers=AUTH).status_code == 201
    assert (
        "too many writes"
        in assert_error(a.post("/api/documents", json={"id": "lim-2", "text": REPORT}, headers=AUTH), 429)[
            "error"
        ]
    )
    assert store.document("lim-2") is None  # refused means not stored


def test_a_refused_request_never_reaches_the_store(store):
    """429 happens before the route: an unauthenticated flood of writes costs no extraction."""
    c = client_for(store, write_rate="1/hour")
    assert_error(c.post("/api/documents", json={"id": "x", "text": REPORT}), 401)  # spends the one token
    r = c.post("/api/documents", json={"id": "x", "text": REPORT}, headers=AUTH)
    assert_error(r, 429)
    assert int(r.headers["Retry-After"]) > 60 * 59  # an hour's bucket: about an hour to wait


def test_token_bucket_refills_at_the_configured_rate():
    """The bucket gives the burst, then one request per period/N, and never more than N saved up."""
    now = [0.0]
    b = TokenBuckets(3, 60.0, clock=lambda: now[0])  # 3/minute: one token each 20 s
    assert [b.take("k") for _ in range(3)] == [0, 0, 0]
    assert b.take("k") == pytest.approx(20.0)
    now[0] = 19.9
    assert b.take("k") > 0
    now[0] = 20.0
    assert b.take("k") == 0
    now[0] = 10_000.0  # a long pause saves up at most the burst
    assert [b.take("k") for _ in range(4)][:3] == [0, 0, 0] and b.take("k") > 0


def test_token_bucket_table_is_bounded():
    """A flood from many addresses cannot grow the bucket table without end."""
    b = TokenBuckets(1, 60.0)
    for i in range(TokenBuckets.MAX_KEYS + 500):
        b.take(f"10.{i}")
    assert len(b._buckets) == TokenBuckets.MAX_KEYS


def test_rate_setting_from_environment_and_validation():
    """WARLEDGER_RATE / WARLEDGER_WRITE_RATE configure it; a typo fails at start-up; off is off."""
    s = Settings.load({"WARLEDGER_RATE": "120/minute", "WARLEDGER_WRITE_RATE": "off"})
    assert (s.rate, s.write_rate) == ("120/minute", "off")
    assert (
        parse_rate("120/minute") == (120, 60.0)
        and parse_rate("2/second") == (2, 1.0)
        and parse_rate("off") is None
    )
    for bad in ("120/minutes", "many/minute", "-1/minute", "120", "1.5/second"):
        with pytest.raises(ValidationError):
            Settings(rate=bad)
    c = TestClient(
        create_app(open_store("sqlite:///:memory:"), Settings(rate="off")), raise_server_exceptions=False
    )
    assert all(c.get("/api/health").status_code == 200 for _ in range(50))


def test_default_rate_is_never_reached_by_a_dashboard_session(store):
    """The default (DEFAULT_RATE) lets a heavy user through: 600 page and API loads in a row."""
    assert parse_rate(DEFAULT_RATE)[0] >= 600
    c = client_for(store)
    for path in ("/", "/api/events", "/api/timeseries", "/api/regions", "/static/dashboard.js") * 120:
        assert c.get(path).status_code == 200, path


# --- path traversal --------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_FILE = "webapi/app.py"  # inside the package, outside /static: must not be served either
TRAVERSALS = (
    "/static/..%2F..%2Fetc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/../../../../../../etc/passwd",
    "/static/..%5c..%5c..%5cetc%5cpasswd",
    "/static/..\\..\\..\\etc\\passwd",
    "/static/%252e%252e%252fetc%252fpasswd",  # double-encoded: one decode leaves a literal name
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",  # overlong UTF-8 dots
    "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd",
    "/static/etc/passwd%00.js",
    "/static/dashboard.js%00",
    "/static/..%2F" + PACKAGE_FILE,
    "/static/../" + PACKAGE_FILE,
    "/static/%2e%2e/%2e%2e/" + "web/__init__.py",
    "/static/....//....//etc/passwd",
    "/static/..;/..;/etc/passwd",
)


def raw_get(app, raw: str) -> tuple[int, dict[str, str], bytes]:
    """GET ``raw`` byte for byte, as a raw socket would send it: no client-side normalising.

    ``path`` is decoded the way uvicorn decodes it (``urllib.parse.unquote``: bad UTF-8
    becomes U+FFFD), ``raw_path`` is the bytes as sent.
    """
    path = unquote(raw)
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": path, "raw_path": raw.encode("latin-1"), "root_path": "", "query_string": b"",
        "headers": [(b"host", b"testserver")], "client": ("10.9.9.9", 1), "server": ("testserver", 80),
    }  # fmt: skip
    sent: list[dict] = []
    asked: list[bool] = []

    async def receive():
        if not asked:
            asked.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        # a file response listens for the client going away: go once the response is complete
        while not any(m["type"] == "http.response.body" and not m.get("more_body") for m in sent):
            await asyncio.sleep(0.001)
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    async def run():
        async with app.router.lifespan_context(app):
            await app(scope, receive, send)

    asyncio.run(run())
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return (
        start["status"],
        headers,
        b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"),
    )


@pytest.fixture(scope="module")
def app(store):
    return create_app(store, Settings(token=TOKEN))


@pytest.mark.parametrize("raw", TRAVERSALS)
def test_path_traversal_on_static_is_404_in_the_error_shape_and_serves_nothing(app, raw):
    """Every encoding of ``..`` (and absolute paths, NUL bytes, backslashes) under /static is a
    404 in the error shape, and no byte of /etc/passwd or of the package's own code comes back."""
    status, headers, body = raw_get(app, raw)
    assert status == 404, (raw, status, body[:200])
    assert headers["content-type"].startswith("application/json")
    out = json.loads(body)
    assert set(out) == {"ok", "status", "error", "errors"} and out["status"] == 404
    assert b"root:" not in body and b"import " not in body and b"def " not in body


def test_a_real_static_file_is_still_served_raw(app):
    """The traversal checks above are not passing because /static serves nothing at all."""
    status, _, body = raw_get(app, "/static/dashboard.js")
    assert status == 200 and body


@pytest.mark.parametrize(
    "raw",
    [
        "/events/..%2F..%2Fetc%2Fpasswd",
        "/events/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/api/documents/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_traversal_strings_in_other_path_parameters_serve_no_file(app, raw):
    """Routes that take a key in their path look it up in the store, never on disk."""
    status, _, body = raw_get(app, raw)
    assert status == 404, (raw, status)
    assert b"root:" not in body


# --- injection strings not covered by tests/test_webapi.py -----------------------------------

INJECTIONS = (
    "' OR '1'='1",
    "x'; DROP TABLE facts; --",
    '" OR 1=1 --',
    "%",
    "_",
    "1 UNION SELECT text FROM documents --",
)


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_in_the_doc_id_filter_matches_nothing_and_drops_nothing(store, payload):
    """``/api/facts?doc_id=`` is a filter test_webapi's injection test does not send: an
    injected value matches no fact, widens nothing and leaves every table in place."""
    c = client_for(store)
    before = c.get("/api/health").json()
    r = c.get("/api/facts", params={"doc_id": payload})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        assert r.json()["total"] == 0
    assert "sqlite" not in r.text.lower() and "traceback" not in r.text.lower()
    assert c.get("/api/health").json() == before
    assert c.get("/api/facts", params={"limit": 1}).json()["total"] > 0


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_in_the_dashboards_event_page_is_a_404(store, payload):
    """The dashboard's /events/{key} page takes a key like the API does: a 404, nothing more."""
    c = client_for(store)
    r = c.get("/events/" + payload.replace("/", "%2F"))
    assert r.status_code == 404
    assert "traceback" not in r.text.lower() and "sqlite" not in r.text.lower()
