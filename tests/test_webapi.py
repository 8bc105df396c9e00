"""The HTTP API (warledger.webapi) over a real SQLite store holding synthetic reports.

Every endpoint, every list filter and its pagination totals, the token rules for writes, and
the one JSON error shape for 401/403/404/405/413/422/500, including hostile filter values.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from ledger_data import REPORTS, fill, ledger
from warledger.webapi import Settings, create_app
from warledger.webapi.query import MAX_LIMIT, QueryError, build_query

with warnings.catch_warnings():
    # starlette warns that it prefers httpx2 over httpx; the test client works the same
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LISTS = ("/api/events", "/api/facts", "/api/documents")
FILTERS = ("date_from", "date_to", "region", "kind", "measure", "weapon", "source", "country")

KHARKIV = "Russia launched 40 drones overnight, the air force said. In Kharkiv, two people were injured, the mayor said."


PG_ENV = "WARLEDGER_TEST_PG_URL"
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not os.environ.get(PG_ENV), reason=f"PostgreSQL API tests not run: set {PG_ENV}"
        ),
    ),
]


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """The synthetic ledger, in SQLite and (when one is configured) in a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        s = ledger(tmp_path_factory.mktemp("api") / "ledger.db")
        yield s
        s.close()
        return
    from warledger.store import open_store
    from warledger.store.sql import temporary_schema

    with temporary_schema(os.environ[PG_ENV], prefix="wl_api") as url:
        s = fill(open_store(url))
        yield s
        s.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store, Settings(token=TOKEN)), raise_server_exceptions=False)


@pytest.fixture
def fresh(tmp_path):
    """A client over an empty store of its own, for tests that write."""
    from warledger.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    yield TestClient(create_app(s, Settings(token=TOKEN, max_body=64 * 1024)), raise_server_exceptions=False)
    s.close()


def assert_error(r, status: int) -> dict:
    """The one error shape, with ``status`` in both the response and the body."""
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"ok", "status", "error", "errors"}, body
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"]
    assert isinstance(body["errors"], list)
    return body


# --- reads -------------------------------------------------------------------------------


def test_openapi_lists_every_endpoint_and_docs_are_served(client):
    spec = client.get("/openapi.json").json()
    for path in (
        *LISTS,
        "/api/events/{key}",
        "/api/documents/{doc_id}",
        "/api/timeseries",
        "/api/regions",
        "/api/health",
    ):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/documents"]
    assert client.get("/docs").status_code == 200


def test_health(client):
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["documents"] == len(REPORTS) and body["events"] >= 3
    assert body["store"] in ("sqlite", "postgresql") and body["writes_enabled"] is True


def test_events_list_has_figures_and_region_names(client):
    body = client.get("/api/events").json()
    assert body["total"] == len(body["items"]) >= 3 and body["limit"] == 50 and body["offset"] == 0
    kharkiv = next(e for e in body["items"] if "UA-63" in e["admin1"])
    assert {"code": "UA-63", "name": "Kharkiv Oblast"} in kharkiv["regions"]
    launched = next(f for f in kharkiv["figures"] if f["measure"] == "launched")
    assert (launched["low"], launched["best"], launched["high"]) == (40, 40, 40)
    assert launched["status"] == "consistent" and launched["sources"] == ["the air force"]
    assert launched["claim_ids"]


def test_event_detail_resolves_claims_to_evidence_sentences(client):
    key = client.get("/api/events", params={"region": "UA-63"}).json()["items"][0]["key"]
    event = client.get(f"/api/events/{key}").json()
    assert event["key"] == key and event["document_info"][0]["doc_id"] == "kharkiv-drones"
    text = client.get("/api/documents/kharkiv-drones").json()["text"]
    claims = [c for f in event["figures"] for c in f["claims"]]
    assert claims and all(not f["unresolved"] for f in event["figures"])
    for c in claims:
        ev = c["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        assert c["doc_id"] == "kharkiv-drones" and c["published"] == "2025-07-01" and c["qualifier"]
        if c["figure"]:
            assert text[c["figure"]["start"] : c["figure"]["end"]] == c["figure"]["text"]
    injured = next(c for f in event["figures"] if f["measure"] == "injured" for c in f["claims"])
    assert injured["value"] == 2 and injured["source"] == "the mayor"
    assert injured["evidence"]["text"] == "In Kharkiv, two people were injured, the mayor said."


def test_event_not_found(client):
    body = assert_error(client.get("/api/events/no-such-key"), 404)
    assert "no-such-key" in body["error"]


@pytest.mark.parametrize(
    ("params", "expect"),
    [
        ({"country": "RU"}, {"belgorod-drones"}),
        ({"country": "ru"}, {"belgorod-drones"}),
        ({"region": "UA-63"}, {"kharkiv-drones"}),
        ({"region": "Kharkiv Oblast"}, {"kharkiv-drones"}),
        ({"date_from": "2025-07-03"}, {"odesa-missiles", "dnipro-strike"}),
        ({"date_to": "2025-07-01"}, {"kharkiv-drones"}),
        ({"date_from": "2025-07-02", "date_to": "2025-07-03"}, {"belgorod-drones", "odesa-missiles"}),
        ({"weapon": "ballistic_missile"}, {"dnipro-strike"}),
        ({"measure": "killed"}, {"belgorod-drones", "odesa-missiles", "dnipro-strike"}),
        ({"kind": "munitions", "country": "RU"}, {"belgorod-drones"}),
        ({"source": "GLADKOV"}, {"belgorod-drones"}),
        ({"date_from": "2030-01-01"}, set()),
    ],
)
def test_event_filters(client, params, expect):
    body = client.get("/api/events", params=params).json()
    assert {d for e in body["items"] for d in e["documents"]} == expect
    assert body["total"] == len(body["items"])


def test_fact_filters_and_every_field(client):
    body = client.get("/api/facts", params={"measure": "killed"}).json()
    assert body["total"] == 3 and {f["doc_id"] for f in body["items"]} == {
        "belgorod-drones",
        "odesa-missiles",
        "dnipro-strike",
    }
    f = body["items"][0]
    for field in ("id", "doc", "kind", "measure", "value", "low", "high", "qualifier", "country", "weapon", "admin1",
                  "place", "unit", "group", "date", "source", "evidence", "span", "members", "historical", "role",
                  "extractor", "geonameid", "lat", "lon", "revision"):  # fmt: skip
        assert field in f, field
    one = client.get("/api/facts", params={"doc_id": "odesa-missiles", "kind": "casualties"}).json()
    assert sorted((x["measure"], x["value"]) for x in one["items"]) == [("injured", 5), ("killed", 3)]
    assert client.get("/api/facts", params={"region": "UA-51", "weapon": "missile"}).json()["total"] == 1


def test_documents_list_and_detail(client):
    body = client.get("/api/documents").json()
    assert body["total"] == len(REPORTS) and all("text" not in d for d in body["items"])
    assert client.get("/api/documents", params={"date_from": "2025-07-05"}).json()["total"] == 1
    doc = client.get("/api/documents/odesa-missiles").json()
    assert doc["text"] == REPORTS[2][2] and doc["revision"] == 1 and doc["fact_count"] == len(doc["facts"])
    for f in doc["facts"]:
        s, e = f["evidence"]
        assert 0 <= s < e <= len(doc["text"])
    assert client.get("/api/documents/odesa-missiles", params={"revision": 1}).status_code == 200
    assert_error(client.get("/api/documents/odesa-missiles", params={"revision": 9}), 404)
    assert_error(client.get("/api/documents/nope"), 404)


@pytest.mark.parametrize("path", LISTS)
def test_pagination_covers_every_item_once_with_a_stable_total(client, path):
    total = client.get(path).json()["total"]
    assert total >= 3
    seen = []
    for offset in range(total):
        page = client.get(path, params={"limit": 1, "offset": offset}).json()
        assert page["total"] == total and page["limit"] == 1 and page["offset"] == offset
        assert len(page["items"]) == 1
        seen.append(repr(page["items"][0]))
    assert len(set(seen)) == total
    past = client.get(path, params={"limit": 2, "offset": total}).json()
    assert past["items"] == [] and past["total"] == total


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": MAX_LIMIT + 1}, {"offset": -1}, {"limit": "ten"}])
def test_pagination_bounds_are_422(client, path, params):
    body = assert_error(client.get(path, params=params), 422)
    assert body["errors"][0]["loc"][0] == "query"


def test_timeseries_per_day(client):
    days = {d["date"]: d for d in client.get("/api/timeseries").json()["items"]}
    assert days["2025-07-01"]["launched"] == 40 and days["2025-07-01"]["intercepted"] == 35
    assert days["2025-07-01"]["injured"] == 2 and days["2025-07-01"]["killed"] == 0
    assert days["2025-07-03"]["killed"] == 3
    only_ru = client.get("/api/timeseries", params={"country": "RU"}).json()
    assert [d["date"] for d in only_ru["items"]] == ["2025-07-02"] and only_ru["total"] == 1


def test_region_totals(client):
    regions = {r["admin1"]: r for r in client.get("/api/regions").json()["items"]}
    assert regions["UA-63"]["name"] == "Kharkiv Oblast" and regions["UA-63"]["totals"]["injured"] == 2
    assert regions["UA-51"]["totals"]["killed"] == 3 and regions["RU-BEL"]["country"] == "RU"
    ua = client.get("/api/regions", params={"country": "UA"}).json()
    assert "RU-BEL" not in {r["admin1"] for r in ua["items"]}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2025-02-30"}, "date_from"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"date_from": "2025-07-05", "date_to": "2025-07-01"}, "date_to"),
        ({"region": "Atlantis"}, "region"),
        ({"kind": "weather"}, "kind"),
        ({"country": "Ukraine"}, "country"),
    ],
)
def test_bad_filters_are_422_naming_the_field(client, params, field):
    for path in (*LISTS, "/api/timeseries", "/api/regions"):
        body = assert_error(client.get(path, params=params), 422)
        assert body["errors"][0]["loc"] == ["query", field], body


# --- hostile input -------------------------------------------------------------------------

INJECTIONS = (
    "' OR '1'='1",
    "'; DROP TABLE facts; --",
    '" OR 1=1 --',
    "UA-63' UNION SELECT sql FROM sqlite_master --",
    "%",
    "_",
    "\\",
    "1; SELECT pg_sleep(5)",
    "ＵＡ－６３",
    "\x00",
    "a" * 250,
)
LEAKS = ("sqlite", "select ", "traceback", "syntax error", "sqlalchemy", "operationalerror", "drop table")


@pytest.mark.parametrize("path", (*LISTS, "/api/timeseries", "/api/regions"))
@pytest.mark.parametrize("param", FILTERS)
def test_injection_strings_in_filters_never_500_or_leak(client, path, param):
    for payload in INJECTIONS:
        r = client.get(path, params={param: payload})
        assert r.status_code in (200, 422), (param, payload, r.text)
        if r.status_code == 422:
            assert_error(r, 422)
        else:
            # no filter value matches an injected string: nothing is returned, nothing is widened
            assert r.json()["total"] == 0, (param, payload)
        lowered = r.text.lower()
        assert not any(leak in lowered for leak in LEAKS if leak not in payload.lower()), (
            param,
            payload,
            r.text,
        )
    assert client.get("/api/health").json()["documents"] == len(REPORTS)


@pytest.mark.parametrize(
    "payload", ["' OR '1'='1", "x'; DROP TABLE events; --", "%", "../../etc/passwd", "%00", "a%01b"]
)
def test_injection_strings_in_paths_are_404(client, payload):
    assert_error(client.get(f"/api/events/{payload}"), 404)
    assert_error(client.get("/api/documents/" + payload.replace("/", "%2F")), 404)


def test_build_query_is_the_shared_validation():
    q = build_query(region="kharkiv oblast", country="ua", date_from="2025-07-01", limit=10, offset=5)
    assert (q.admin1, q.country, q.date_from, q.limit, q.offset) == ("UA-63", "UA", "2025-07-01", 10, 5)
    assert build_query(region="", source="  ").admin1 is None
    with pytest.raises(QueryError) as err:
        build_query(kind="x", limit=0, source="a\x00b")
    assert {e["field"] for e in err.value.errors} == {"kind", "limit", "source"}


# --- writes --------------------------------------------------------------------------------


def test_writes_refused_with_403_when_no_token_is_configured(store):
    no_token = TestClient(create_app(store, Settings(token=None)), raise_server_exceptions=False)
    body = assert_error(no_token.post("/api/documents", json={"id": "x", "text": KHARKIV}, headers=AUTH), 403)
    assert "WARLEDGER_TOKEN" in body["error"] and "--token" in body["error"]
    assert no_token.get("/api/events").status_code == 200  # reads stay open


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": TOKEN},
        {"Authorization": "Basic czNjcmV0"},
        {"Authorization": "Bearer ｓ3cret-token".encode()},
    ],  # fmt: skip
)
def test_writes_need_the_right_token(fresh, headers):
    r = fresh.post("/api/documents", json={"id": "x", "text": KHARKIV}, headers=headers)
    assert_error(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"
    assert fresh.get("/api/documents").json()["total"] == 0


def test_post_stores_extracts_and_rebuilds_events(fresh):
    r = fresh.post(
        "/api/documents",
        json={"id": "k1", "text": KHARKIV, "published": "2025-07-01", "url": "https://example.org/k1"},
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["ok"] is True and body["result"] == {
        "doc_id": "k1",
        "status": "new",
        "revision": 1,
        "facts": len(body["facts"]),
    }
    assert body["events_rebuilt"] is True and body["published"] == "2025-07-01"
    launched = next(f for f in body["facts"] if f["measure"] == "launched")
    assert launched["value"] == 40 and launched["figure_text"] == "40"
    assert launched["evidence_text"] == "Russia launched 40 drones overnight, the air force said."
    assert fresh.get("/api/events").json()["total"] == 1
    assert fresh.get("/api/documents/k1").json()["url"] == "https://example.org/k1"

    again = fresh.post(
        "/api/documents", json={"id": "k1", "text": KHARKIV, "published": "2025-07-01"}, headers=AUTH
    )
    assert again.status_code == 200 and again.json()["result"]["status"] == "duplicate"

    revised = KHARKIV.replace("two people", "three people")
    rev = fresh.post(
        "/api/documents", json={"id": "k1", "text": revised, "published": "2025-07-01"}, headers=AUTH
    )
    assert (
        rev.status_code == 201
        and rev.json()["result"]["status"] == "revision"
        and rev.json()["result"]["revision"] == 2
    )
    injured = fresh.get("/api/facts", params={"measure": "injured"}).json()
    assert [f["value"] for f in injured["items"]] == [3]


def test_post_html_uses_the_article_text(fresh):
    html = (
        "<html><head><title>Overnight attack</title></head><body><nav>Home | World</nav><article>"
        "<h1>Drones hit Kharkiv</h1><p>Russia launched 40 drones overnight, the air force said.</p>"
        "<p>In Kharkiv, two people were injured, the mayor said.</p></article></body></html>"
    )
    r = fresh.post("/api/documents", json={"id": "h1", "html": html, "published": "2025-07-01"}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert any(f["measure"] == "launched" and f["value"] == 40 for f in r.json()["facts"])
    assert "Home | World" not in fresh.get("/api/documents/h1").json()["text"]


@pytest.mark.parametrize(
    "body",
    [
        {"id": "x"},
        {"id": "x", "text": KHARKIV, "html": "<p>x</p>"},
        {"id": "x", "text": ""},
        {"id": "../etc/passwd", "text": KHARKIV},
        {"id": "", "text": KHARKIV},
        {"id": "x", "text": KHARKIV, "published": "July 1st"},
        {"id": "x", "text": KHARKIV, "colour": "red"},
        {"id": 5, "text": KHARKIV},
        [],
    ],
)
def test_post_bad_bodies_are_422(fresh, body):
    assert_error(fresh.post("/api/documents", json=body, headers=AUTH), 422)


def test_post_malformed_json_is_422(fresh):
    r = fresh.post(
        "/api/documents",
        content=b'{"id": "x", "text": ',
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert_error(r, 422)


def test_post_unreadable_report_is_422(fresh):
    body = assert_error(
        fresh.post(
            "/api/documents", json={"id": "nav", "html": "<html><nav>Home</nav></html>"}, headers=AUTH
        ),
        422,
    )
    assert "W014" in body["error"]


# --- the one error shape -------------------------------------------------------------------


def test_404_and_405_in_the_error_shape(client):
    assert "/api/nothing" in assert_error(client.get("/api/nothing"), 404)["error"]
    assert_error(client.delete("/api/events"), 405)
    assert_error(client.put("/api/documents", json={}), 405)
    assert_error(client.post("/api/health"), 405)


def test_413_on_a_declared_large_body_before_auth_or_parsing(fresh):
    big = b"{" + b" " * (64 * 1024) + b"}"
    body = assert_error(
        fresh.post("/api/documents", content=big, headers={"Content-Type": "application/json"}), 413
    )
    assert str(64 * 1024) in body["error"]


def test_413_on_a_chunked_large_body(fresh):
    def chunks():
        for _ in range(100):
            yield b" " * 1024

    r = fresh.post("/api/documents", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert_error(r, 413)


def test_small_chunked_body_passes_through(fresh):
    import json

    def chunks():
        yield json.dumps({"id": "c1", "text": KHARKIV, "published": "2025-07-01"}).encode()

    r = fresh.post("/api/documents", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 201, r.text


def test_500_is_in_the_error_shape_and_hides_the_cause(store, monkeypatch):
    app = create_app(store, Settings(token=TOKEN))
    c = TestClient(app, raise_server_exceptions=False)

    def boom(query):
        raise RuntimeError("secret /var/db/path SELECT * FROM facts")

    monkeypatch.setattr(store, "events", boom)
    body = assert_error(c.get("/api/events"), 500)
    assert "secret" not in str(body) and "SELECT" not in str(body)


def test_settings_resolve_defaults_then_env_then_explicit(monkeypatch):
    env = {"WARLEDGER_DB": "sqlite:///env.db", "WARLEDGER_TOKEN": "from-env", "WARLEDGER_MAX_BODY": "1000"}
    s = Settings.load(env=env, token="explicit")
    assert (s.db, s.token, s.max_body) == ("sqlite:///env.db", "explicit", 1000)
    assert Settings.load(env={}).max_body == 5 * 1024 * 1024 and Settings.load(env={}).token is None
    assert Settings.load(env={"WARLEDGER_TOKEN": "  "}).token is None
    with pytest.raises(ValueError):
        Settings.load(env={"WARLEDGER_MAX_BODY": "lots"})
    with pytest.raises(ValueError):
        Settings(tokn="typo")  # type: ignore[call-arg]


def test_create_app_opens_the_store_from_settings(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'own.db'}"
    with TestClient(create_app(settings=Settings(db=url))) as c:
        assert c.get("/api/health").json()["documents"] == 0


@pytest.mark.issue(10)
def test_repeated_filters_combine_on_every_backend(client):
    """A repeated filter matches any of its values (the store takes a tuple), on SQLite and
    PostgreSQL alike."""

    def total(path, params):
        r = client.get(path, params=params)
        assert r.status_code == 200, r.text
        return r.json()["total"]

    for path in ("/api/events", "/api/facts", "/api/documents"):
        both = total(path, [("region", "UA-63"), ("region", "UA-51")])
        assert both >= max(total(path, {"region": "UA-63"}), total(path, {"region": "UA-51"})) > 0
        assert total(path, [("measure", "killed"), ("measure", "injured")]) >= total(
            path, {"measure": "killed"}
        )
        assert total(path, [("country", "UA"), ("country", "RU")]) == total(
            path, {}
        )  # every report is UA or RU
    regions = client.get("/api/regions", params=[("measure", "killed"), ("measure", "injured")]).json()[
        "items"
    ]
    assert regions and all(set(r["totals"]) <= {"killed", "injured"} for r in regions)
