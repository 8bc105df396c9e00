"""Provenance (issue 10): a figure's ``source`` is who said it, or nothing, never a document
id; every fact and event links to its reports' address and publisher, in the API, the event
page and the GeoJSON export."""

from __future__ import annotations

import io
import json
import warnings

import pytest

from ledger_data import REPORTS, URLS, ledger
from warledger import export as ex
from warledger.provenance import host_of, publisher
from warledger.webapi import Settings, create_app
from warledger.webapi.query import build_query

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.issue(10)

DOC_IDS = {doc_id for doc_id, _, _ in REPORTS}
PUBLISHERS = {
    "kharkiv-drones": "Reuters",
    "odesa-missiles": "Associated Press",
    "dnipro-strike": "news.example.org",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = ledger(tmp_path_factory.mktemp("prov") / "ledger.db")
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store, Settings()), raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.voanews.com/a/x.html", "Voice of America"),
        ("https://en.m.wikipedia.org./wiki/8_July", "Wikipedia"),  # subdomain and trailing dot
        ("https://reports.unocha.org/en/country/ukraine", "UN OCHA"),
        ("https://www.reuters.com/world/", "Reuters"),
        ("https://news.example.org/a.html", "news.example.org"),  # unlisted: its host
        ("javascript:alert(1)", None),
        ("(the seed report)", None),
        (None, None),
    ],
)
def test_publisher_from_the_url(url, name):
    assert publisher(url) == name


def test_host_of_drops_www_and_case():
    assert host_of("HTTPS://WWW.Example.ORG/x") == "example.org"


def test_api_facts_link_their_report_and_never_use_a_document_as_source(client):
    items = client.get("/api/facts", params={"limit": 500}).json()["items"]
    assert items
    published = {doc_id: when for doc_id, when, _ in REPORTS}
    for f in items:
        assert f["source"] not in DOC_IDS
        assert f["url"] == URLS.get(f["doc_id"])
        assert f["publisher"] == PUBLISHERS.get(f["doc_id"])
        assert f["published"] == published[f["doc_id"]]


def test_api_events_link_their_reports_and_sources_are_speakers(client):
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert events
    for e in events:
        refs = {d["doc_id"]: d for d in e["document_info"]}
        assert set(refs) == set(e["documents"])
        for doc_id, ref in refs.items():
            assert ref["url"] == URLS.get(doc_id) and ref["publisher"] == PUBLISHERS.get(doc_id)
        for fig in e["figures"]:
            assert not set(fig["sources"]) & DOC_IDS, fig
    detail = client.get(f"/api/events/{events[0]['key']}").json()
    for fig in detail["figures"]:
        for c in fig["claims"]:
            assert c["publisher"] == PUBLISHERS.get(c["doc_id"]) and c["source"] not in DOC_IDS
    assert all("publisher" in d for d in detail["document_info"])


def test_unattributed_figure_has_no_source(client):
    """The Odesa report attributes its launch figure to the air force; the Dnipro strike's
    killed figure to the governor. No figure stands its report's id in for a missing source."""
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    sources = {s for e in events for fig in e["figures"] for s in fig["sources"]}
    assert sources and not sources & DOC_IDS
    assert any("air force" in s for s in sources)


def test_event_page_names_publishers_and_unnamed_sources(client):
    events = client.get("/api/events", params={"limit": 500, "region": "UA-51"}).json()["items"]
    (odesa,) = events
    html = client.get(f"/events/{odesa['key']}").text
    assert 'class="publishers"' in html and "Associated Press" in html
    assert 'href="https://apnews.com/article/odesa-missiles"' in html
    assert '<span class="claim-publisher">Associated Press</span>' in html
    # "odesa-missiles" appears as the document link, never as a source
    assert '<span class="claim-source">odesa-missiles' not in html


def test_geojson_links_each_event_to_its_reports(store):
    buf = io.StringIO()
    ex.export(store, "geojson", build_query(), buf)
    features = json.loads(buf.getvalue())["features"]
    assert features
    for feat in features:
        props = feat["properties"]
        refs = {d["doc_id"]: d for d in props["document_info"]}
        assert set(refs) == set(props["documents"])
        for doc_id, ref in refs.items():
            assert ref["publisher"] == PUBLISHERS.get(doc_id)
        for fig in props["figures"]:
            assert not set(fig["sources"]) & DOC_IDS


# --- the publisher a document's own metadata names -------------------------------------------


def test_manifest_and_jsonl_publishers_are_read(tmp_path):
    from warledger.ingest import read_paths

    (tmp_path / "a.txt").write_text(
        "Russia launched 40 drones overnight, the air force said.\n", encoding="utf-8"
    )
    (tmp_path / "SOURCES.tsv").write_text(
        "file\tpublished\turl\tpublisher\na.txt\t2025-07-01\thttps://github.com/mirror/a.md\tWikipedia\n",
        encoding="utf-8",
    )
    (tmp_path / "b.jsonl").write_text(
        '{"id": "b", "text": "Russia launched 40 drones overnight.", "publisher": "Suspilne"}\n',
        encoding="utf-8",
    )
    docs = {d.id: d for d in read_paths([tmp_path])}
    assert docs["a"].publisher == "Wikipedia" and docs["a"].url == "https://github.com/mirror/a.md"
    assert docs["b"].publisher == "Suspilne"


def test_named_publisher_wins_over_the_url_host_and_reaches_every_output(tmp_path):
    from warledger.api import extract_text
    from warledger.reconcile.across import build_events
    from warledger.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'l.db'}")
    try:
        s.add(extract_text("Russia launched 40 drones at Kharkiv overnight, the air force said.", doc_id="m",
                           published="2025-07-01", url="https://github.com/mirror/m.md", publisher="Wikipedia"))  # fmt: skip
        s.replace_events(build_events(s.claims()))
        c = TestClient(create_app(s, Settings()))
        facts = c.get("/api/facts").json()["items"]
        assert facts and {f["publisher"] for f in facts} == {"Wikipedia"}
        (event,) = c.get("/api/events").json()["items"]
        assert event["document_info"][0]["publisher"] == "Wikipedia"
        claim = c.get(f"/api/events/{event['key']}").json()["figures"][0]["claims"][0]
        assert claim["publisher"] == "Wikipedia"
        assert c.get("/api/documents/m").json()["publisher"] == "Wikipedia"
        buf = io.StringIO(newline="")
        ex.export(s, "acled-csv", build_query(), buf)
        import csv

        rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
        assert rows and {(r["source"], r["source_scale"]) for r in rows} == {
            ("Wikipedia", "Other")
        }  # scale by name
    finally:
        s.close()


def test_post_document_takes_a_publisher(tmp_path):
    from warledger.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        c = TestClient(create_app(s, Settings(token="t")))
        r = c.post("/api/documents", headers={"Authorization": "Bearer t"},
                   json={"id": "p1", "text": "Russia launched 40 drones overnight, the air force said.",
                         "published": "2025-07-01", "publisher": "Ukrinform"})  # fmt: skip
        assert r.status_code == 201, r.text
        assert c.get("/api/documents/p1").json()["publisher"] == "Ukrinform"
    finally:
        s.close()
