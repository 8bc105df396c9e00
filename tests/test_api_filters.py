"""Every API filter validated (issue 10): values outside the vocabulary are a 422 that lists
the allowed ones, unknown parameters are refused, repeated filters are combined (any value
matches), and a region may be named ("Kharkiv")."""

from __future__ import annotations

import warnings

import pytest

from ledger_data import ledger
from warledger.vocabulary import all_measures, weapons
from warledger.webapi import Settings, create_app
from warledger.webapi.query import QueryError, build_query

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.issue(10)
LISTS = ("/api/events", "/api/facts", "/api/documents", "/api/timeseries", "/api/regions")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    s = ledger(tmp_path_factory.mktemp("filters") / "ledger.db")
    yield TestClient(create_app(s, Settings()), raise_server_exceptions=False)
    s.close()


def _422(r) -> dict:
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == 422 and body["errors"]
    return body


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    ("param", "value", "allowed_has"),
    [
        ("measure", "bogus", "launched"),
        ("weapon", "drones", "drone"),
        ("country", "XX", "UA"),
        ("region", "UA-99", "UA-63"),
        ("kind", "weather", "munitions"),
    ],
)
def test_a_value_outside_the_vocabulary_is_a_422_listing_the_allowed(client, path, param, value, allowed_has):
    body = _422(client.get(path, params={param: value}))
    (err,) = body["errors"]
    assert err["loc"] == ["query", param]
    assert allowed_has in err["allowed"]
    assert value in body["error"]


def test_allowed_values_come_from_the_one_vocabulary(client):
    err = _422(client.get("/api/facts", params={"measure": "bogus"}))["errors"][0]
    assert err["allowed"] == list(all_measures())
    assert ", ".join(all_measures()) in err["msg"]
    err = _422(client.get("/api/facts", params={"weapon": "drones"}))["errors"][0]
    assert err["allowed"] == list(weapons())


@pytest.mark.parametrize("path", LISTS)
def test_unknown_parameters_are_refused(client, path):
    body = _422(client.get(path, params={"from": "2025-07-01"}))
    assert body["errors"][0]["loc"] == ["query", "from"] and "date_from" in body["errors"][0]["msg"]


def test_single_valued_filter_twice_is_refused(client):
    body = _422(client.get("/api/events?date_from=2025-07-01&date_from=2025-07-03"))
    assert body["errors"][0]["loc"] == ["query", "date_from"]


def test_repeated_filters_are_combined(client):
    def keys(params):
        r = client.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        return {e["key"] for e in r.json()["items"]}

    kharkiv, odesa = keys({"region": "UA-63"}), keys({"region": "UA-51"})
    assert kharkiv and odesa and kharkiv != odesa
    assert keys([("region", "UA-63"), ("region", "UA-51")]) == kharkiv | odesa
    facts = client.get(
        "/api/facts", params=[("measure", "killed"), ("measure", "injured"), ("limit", 500)]
    ).json()
    assert {f["measure"] for f in facts["items"]} == {"killed", "injured"}
    killed = client.get("/api/facts", params={"measure": "killed"}).json()["total"]
    injured = client.get("/api/facts", params={"measure": "injured"}).json()["total"]
    assert facts["total"] == killed + injured
    days = client.get("/api/timeseries", params=[("country", "UA"), ("country", "RU")]).json()["items"]
    assert len(days) == len(client.get("/api/timeseries").json()["items"])


def test_region_by_name(client):
    by_code = client.get("/api/events", params={"region": "UA-63"}).json()
    for name in ("Kharkiv", "kharkiv oblast", "Kharkiv Oblast"):
        r = client.get("/api/events", params={"region": name})
        assert r.status_code == 200 and r.json()["items"] == by_code["items"], name


def test_build_query_normalises_repeated_values():
    q = build_query(region=["Kharkiv", "UA-63", "Odesa Oblast"], measure=["Killed"], country=["ua"])
    assert (q.admin1, q.measure, q.country) == (("UA-63", "UA-51"), "killed", "UA")
    with pytest.raises(QueryError) as exc:
        build_query(weapon=["drone", "laser"])
    assert exc.value.errors[0]["field"] == "weapon" and exc.value.errors[0]["allowed"] == list(weapons())
