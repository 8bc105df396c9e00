"""The dashboard's pages and static files, served by the real app over a real SQLite store."""

from __future__ import annotations

import json
import warnings

import pytest

from warledger.web import STATIC, highlight
from warledger.webapi.app import create_app
from warledger.webapi.settings import Settings
from web_fixtures import KHARKIV, ODESA, build_ledger

with warnings.catch_warnings():
    # starlette warns that it prefers httpx2 over httpx; the test client works the same
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# ISO 3166-2 codes of Ukraine's 27 first-level regions.
UA_CODES = {
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30",
    "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59",
    "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
}  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    store = build_ledger(tmp_path_factory.mktemp("web") / "ledger.db")
    with TestClient(create_app(store, Settings())) as c:
        yield c
    store.close()


def _event_key(client: TestClient, day: str) -> str:
    items = client.get("/api/events").json()["items"]
    return next(e["key"] for e in items if e["date"] == day)


def test_dashboard_renders_filters_map_chart_and_events(client: TestClient) -> None:
    res = client.get("/")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/html")
    html = res.text
    for measure in ("launched", "intercepted", "hit", "killed", "injured"):
        assert f'<option value="{measure}"' in html
    # the date range defaults to the days with figures
    assert 'name="date_from" id="date_from" value="2025-09-03"' in html
    assert 'name="date_to" id="date_to" value="2025-09-10"' in html
    assert 'id="map"' in html and 'data-geojson="/static/ukraine-regions.geojson"' in html
    assert 'id="chart"' in html and 'id="legend"' in html
    assert '<script src="/static/dashboard.js"' in html
    assert '<link rel="stylesheet" href="/static/style.css">' in html
    # the events list is rendered on the server, each event linking to its page
    key = _event_key(client, "2025-09-03")
    assert f'href="/events/{key}"' in html
    assert "Kharkiv Oblast" in html and "Odesa Oblast" in html


def test_dashboard_default_measure_is_one_the_map_can_show(client: TestClient) -> None:
    # the ledger's munitions figures are national, its casualties regional
    html = client.get("/").text
    assert '<option value="injured" selected>' in html
    assert '<option value="killed" selected>' in client.get("/?measure=killed").text


def test_dashboard_filters_by_region_and_dates(client: TestClient) -> None:
    html = client.get(f"/?region={KHARKIV}").text
    assert "Events in Kharkiv Oblast" in html
    assert "Odesa Oblast</span>" not in html
    html = client.get("/?date_from=2025-09-05&date_to=2025-09-30").text
    assert "1 event" in html and "58 drones" in html and "142 drones" not in html


def test_dashboard_bad_filter_is_a_page_with_the_reason(client: TestClient) -> None:
    res = client.get("/?date_from=2025-13-45")
    assert res.status_code == 422
    assert res.headers["content-type"].startswith("text/html")
    assert "not a date" in res.text


def test_static_files_are_served(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    js = client.get("/static/dashboard.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    geo = client.get("/static/ukraine-regions.geojson")
    assert geo.status_code == 200
    assert geo.json()["type"] == "FeatureCollection"
    assert client.get("/static/no-such-file.js").status_code == 404


def test_regions_geojson_has_every_region_once_and_is_small() -> None:
    path = STATIC / "ukraine-regions.geojson"
    assert path.stat().st_size < 300 * 1024
    data = json.loads(path.read_text(encoding="utf-8"))
    codes = [f["properties"]["iso"] for f in data["features"]]
    assert sorted(codes) == sorted(UA_CODES)
    for f in data["features"]:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert f["properties"]["name"]
    # lon/lat within Ukraine's bounding box
    xs = [
        pt[0] for f in data["features"] for poly in _polygons(f["geometry"]) for ring in poly for pt in ring
    ]
    ys = [
        pt[1] for f in data["features"] for poly in _polygons(f["geometry"]) for ring in poly for pt in ring
    ]
    assert 22 < min(xs) < max(xs) < 40.5 and 44 < min(ys) < max(ys) < 52.5
    attribution = (STATIC / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Natural Earth" in attribution and "public domain" in attribution


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def test_event_page_shows_figures_statuses_and_marked_evidence(client: TestClient) -> None:
    key = _event_key(client, "2025-09-03")
    res = client.get(f"/events/{key}")
    assert res.status_code == 200
    html = res.text
    # the figure is marked inside its evidence sentence
    assert "In the Kharkiv region, <mark>two</mark> people were killed and 11 were injured" in html
    assert "Russia launched <mark>142</mark> drones" in html
    # the toll a later report raised: revised, with its history and both reports' sentences
    assert 'class="badge badge-revised"' in html and 'class="badge badge-consistent"' in html
    assert "has risen to <mark>five</mark>" in html
    assert "History" in html
    # low / best / high and sources
    assert "Low</th>" in html and "Best</th>" in html and "High</th>" in html
    assert "governor Oleh Syniehubov" in html and "Ukraine&#39;s air force" in html
    # each claim links to its document
    assert 'href="/api/documents/kharkiv-night-1"' in html
    assert 'href="/api/documents/kharkiv-night-2"' in html
    assert client.get("/api/documents/kharkiv-night-1").status_code == 200


def test_event_page_unknown_key_is_a_404_page(client: TestClient) -> None:
    res = client.get("/events/1999-01-01-UA-0000000000")
    assert res.status_code == 404
    assert res.headers["content-type"].startswith("text/html")
    assert "No such event" in res.text


def test_region_click_data(client: TestClient) -> None:
    """What the map asks for: totals per region, then the clicked region's events."""
    regions = client.get("/api/regions", params={"date_from": "2025-09-03", "date_to": "2025-09-10"}).json()
    totals = {r["admin1"]: r["totals"] for r in regions["items"]}
    assert totals[KHARKIV]["killed"] == 5 and totals[KHARKIV]["injured"] == 14
    assert totals[ODESA]["injured"] == 1
    params = {"region": KHARKIV, "date_from": "2025-09-03", "date_to": "2025-09-10", "limit": 200}
    events = client.get("/api/events", params=params).json()
    assert events["total"] == 1
    assert [KHARKIV] == events["items"][0]["admin1"]
    assert client.get("/api/events", params={**params, "region": "UA-05"}).json()["total"] == 0
    series = client.get("/api/timeseries").json()["items"]
    assert [(d["date"], d["launched"], d["intercepted"]) for d in series] == [
        ("2025-09-03", 146, 123),
        ("2025-09-10", 58, 49),
    ]


def test_highlight_splits_the_sentence_around_the_figure() -> None:
    claim = {
        "evidence": {"start": 100, "end": 120, "text": "Air defences downed 49 of them."},
        "figure": {"start": 120, "end": 122, "text": "49"},
    }
    assert highlight(claim) == ("Air defences downed ", "49", " of them.")
    # a span that does not match the sentence is not marked at all
    assert highlight({**claim, "figure": {"start": 121, "end": 123, "text": "49"}}) is None
    assert highlight({**claim, "figure": {"start": 90, "end": 95, "text": None}}) is None
    assert highlight({**claim, "figure": None}) is None
