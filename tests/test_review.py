"""The review workflow (issue 10): an analyst confirms, corrects or rejects a fact through the
token-guarded API; each review is a new revision with who and when, survives re-ingest of the
report, is used by the events and the exports, and is listed (``GET /api/corrections``, the
``corrections-csv`` export). Nothing is deleted."""

from __future__ import annotations

import csv
import io
import os
import warnings

import pytest

from warledger import export as ex
from warledger.api import extract_text
from warledger.reconcile.across import build_events
from warledger.store import open_store
from warledger.webapi import Settings, create_app
from warledger.webapi.query import build_query

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.issue(10)

TOKEN = "review-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = (
    "Russia launched 40 drones at Kharkiv overnight, the air force said. "
    "Three people were killed in Kharkiv, the mayor said."
)
PG_ENV = "WARLEDGER_TEST_PG_URL"
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"set {PG_ENV}")),
]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(f"sqlite:///{tmp_path / 'review.db'}")
        yield s
        s.close()
        return
    from warledger.store.sql import temporary_schema

    with temporary_schema(os.environ[PG_ENV], prefix="wl_review") as url:
        s = open_store(url)
        yield s
        s.close()


def _ingest(store, text=REPORT, doc_id="kh"):
    result = store.add(extract_text(text, doc_id=doc_id, published="2025-07-01"))
    store.replace_events(build_events(store.claims()))
    return result


@pytest.fixture
def client(store):
    _ingest(store)
    return TestClient(create_app(store, Settings(token=TOKEN)), raise_server_exceptions=False)


def _fact(client, measure):
    (f,) = [f for f in client.get("/api/facts").json()["items"] if f["measure"] == measure]
    return f


def _figure(client, measure):
    (event,) = client.get("/api/events").json()["items"]
    return next((f for f in event["figures"] if f["measure"] == measure), None)


def test_reviews_need_the_token(client):
    fact = _fact(client, "killed")
    body = {"action": "confirm", "reviewer": "ana"}
    assert client.post(f"/api/facts/{fact['id']}/review", json=body).status_code == 401
    bad = {"Authorization": "Bearer nope"}
    assert client.post(f"/api/facts/{fact['id']}/review", json=body, headers=bad).status_code == 401
    assert client.get("/api/corrections").json()["total"] == 0


def test_correct_a_value_is_used_by_events_and_kept_as_a_revision(client):
    fact = _fact(client, "killed")
    r = client.post(f"/api/facts/{fact['id']}/review", headers=AUTH,
                    json={"action": "correct", "value": 4, "reviewer": "ana", "note": "the mayor's later post"})  # fmt: skip
    assert r.status_code == 201, r.text
    assert r.json()["correction"]["action"] == "correct" and r.json()["events_rebuilt"] is True
    killed = _figure(client, "killed")
    assert (killed["low"], killed["best"], killed["high"]) == (4, 4, 4)
    # the fact stays as extracted, its review beside it
    listed = _fact(client, "killed")
    assert listed["value"] == 3 and listed["review"]["value"] == 4 and listed["review"]["reviewer"] == "ana"
    # a later confirmation is a new revision: both are listed, the newest first
    r = client.post(
        f"/api/facts/{fact['id']}/review", headers=AUTH, json={"action": "confirm", "reviewer": "ben"}
    )
    assert r.status_code == 201
    items = client.get("/api/corrections").json()["items"]
    assert [(i["action"], i["reviewer"]) for i in items] == [("confirm", "ben"), ("correct", "ana")]
    assert all(i["created_at"] for i in items)
    assert _figure(client, "killed")["best"] == 3  # the latest review (a confirmation) wins


def test_reject_leaves_the_fact_out_of_events_but_deletes_nothing(client, store):
    fact = _fact(client, "killed")
    r = client.post(
        f"/api/facts/{fact['id']}/review", headers=AUTH, json={"action": "reject", "reviewer": "ana"}
    )
    assert r.status_code == 201
    assert _figure(client, "killed") is None
    assert _figure(client, "launched")["best"] == 40
    assert _fact(client, "killed")["review"]["action"] == "reject"  # still listed
    buf = io.StringIO(newline="")
    ex.export(store, "acled-csv", build_query(), buf)
    assert {r["fatalities"] for r in csv.DictReader(io.StringIO(buf.getvalue()))} == {"0"}


def test_correct_the_measure_and_region(client):
    fact = _fact(client, "killed")
    r = client.post(f"/api/facts/{fact['id']}/review", headers=AUTH,
                    json={"action": "correct", "measure": "injured", "region": "Odesa", "reviewer": "ana"})  # fmt: skip
    assert r.status_code == 201, r.text
    assert r.json()["correction"]["admin1"] == "UA-51"
    injured = _figure(client, "injured")
    assert injured["admin1"] == "UA-51" and injured["best"] == 3 and _figure(client, "killed") is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "correct", "reviewer": "ana"}, "action"),  # a correction that changes nothing
        ({"action": "reject", "reviewer": "ana", "value": 2}, "action"),
        ({"action": "correct", "reviewer": "ana", "measure": "bogus"}, "measure"),
        ({"action": "correct", "reviewer": "ana", "region": "UA-99"}, "region"),
        ({"action": "delete", "reviewer": "ana"}, "action"),
        ({"action": "confirm"}, "reviewer"),
        ({"action": "confirm", "reviewer": "ana", "extra": 1}, "extra"),
    ],
)
def test_bad_reviews_are_422(client, body, field):
    fact = _fact(client, "killed")
    r = client.post(f"/api/facts/{fact['id']}/review", headers=AUTH, json=body)
    assert r.status_code == 422, r.text
    assert any(field in e["loc"] for e in r.json()["errors"])
    assert client.get("/api/corrections").json()["total"] == 0


def test_review_of_a_missing_fact_is_404(client):
    r = client.post("/api/facts/999999/review", headers=AUTH, json={"action": "confirm", "reviewer": "ana"})
    assert r.status_code == 404 and r.json()["error"] == "no fact with id 999999"


def test_a_review_survives_re_ingest_and_a_revised_report(client, store):
    fact = _fact(client, "killed")
    client.post(
        f"/api/facts/{fact['id']}/review",
        headers=AUTH,
        json={"action": "correct", "value": 4, "reviewer": "ana"},
    )
    assert _ingest(store).status == "duplicate"
    assert _figure(client, "killed")["best"] == 4
    # a revision of the report that still states the figure: new fact rows, the review still reaches them
    revised = _ingest(store, REPORT + " Power was cut to 2,000 homes in Kharkiv, the mayor said.")
    assert revised.status == "revision" and revised.revision == 2
    assert _fact(client, "killed")["id"] != fact["id"]
    assert _figure(client, "killed")["best"] == 4
    detail = client.get(f"/api/events/{client.get('/api/events').json()['items'][0]['key']}").json()
    killed = next(f for f in detail["figures"] if f["measure"] == "killed")
    assert killed["claims"][0]["review"] == "correct"


def test_exports_carry_the_reviews(client, store, tmp_path):
    fact = _fact(client, "killed")
    client.post(f"/api/facts/{fact['id']}/review", headers=AUTH,
                json={"action": "correct", "value": 4, "reviewer": "ana", "note": "later toll"})  # fmt: skip
    buf = io.StringIO(newline="")
    assert ex.export(store, "corrections-csv", build_query(), buf) == 1
    (row,) = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert (row["action"], row["value"], row["reviewer"], row["note"]) == (
        "correct",
        "4",
        "ana",
        "later toll",
    )
    assert row["doc_id"] == "kh" and row["created_at"]
    buf = io.StringIO(newline="")
    ex.export(store, "csv", build_query(), buf)
    facts = {r["measure"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}
    assert (facts["killed"]["value"], facts["killed"]["review"], facts["killed"]["review_value"]) == (
        "3",
        "correct",
        "4",
    )
    assert facts["launched"]["review"] == ""
    buf = io.StringIO(newline="")
    ex.export(store, "acled-csv", build_query(), buf)
    assert {r["fatalities"] for r in csv.DictReader(io.StringIO(buf.getvalue()))} == {"4"}
