"""`warledger ingest ../shared/corpus/dev` then the API: one event per pair of dev reports
that describe the same attack, with both reports as sources, and separate events otherwise."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.store import open_store

from conftest import CORPUS, needs_corpus

with warnings.catch_warnings():
    # starlette warns that it prefers httpx2 over httpx; the test client works the same
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from warledger.webapi.app import create_app  # noqa: E402
from warledger.webapi.settings import Settings  # noqa: E402

pytestmark = needs_corpus


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dev-ledger")
    corpus = tmp / "dev"
    shutil.copytree(CORPUS, corpus)  # a copy: SOURCES.tsv dates travel with the reports
    db = f"sqlite:///{tmp / 'ledger.db'}"
    assert main(["ingest", str(corpus), "--db", db]) == 0
    store = open_store(db)
    with TestClient(create_app(store, Settings(db=db))) as c:
        yield c
    store.close()


def _all_events(client) -> list[dict]:
    out, offset = [], 0
    while True:
        page = client.get("/api/events", params={"limit": 500, "offset": offset}).json()
        out.extend(page["items"])
        offset += len(page["items"])
        if offset >= page["total"] or not page["items"]:
            return out


def test_the_same_attack_reported_twice_is_one_event_with_both_sources(client):
    events = _all_events(client)
    july = [e for e in events if e["date"] == "2024-07-08"]
    assert len(july) == 1
    detail = client.get(f"/api/events/{july[0]['key']}").json()
    assert set(detail["documents"]) == {
        "007-wikipedia-8-july-2024-strikes",
        "022-un-dppa-security-council-no-figures",
    }


def test_reports_of_other_attacks_are_separate_events(client):
    events = _all_events(client)
    multi = [e for e in events if len(e["documents"]) > 1]
    assert [e["date"] for e in multi] == ["2024-07-08"]
    # 3 September 2024 (Poltava) and 3 September 2025 (the seed) are two attacks
    sept3 = sorted(e["date"] for e in events if e["date"].endswith("-09-03"))
    assert sept3 == ["2024-09-03", "2025-09-03"]


def test_every_dated_report_with_figures_is_in_the_ledger(client):
    docs = {d for e in _all_events(client) for d in e["documents"]}
    for stem in (
        "seed-2025-09-03-reuters-502-drones",
        "001-voa-energy-strikes-outages-lviv-volyn-rivne",
        "008-wikipedia-poltava-strike-sep-2024",
        "015-wikipedia-current-events-2025-02-16-mykolaiv",
    ):
        assert stem in docs, stem
    assert Path(CORPUS).is_dir()


@pytest.mark.issue(10)
def test_dev_ledger_is_analyst_grade(client, tmp_path):
    """The issue's acceptance on the dev corpus: ACLED's 31 columns in order, no source that is
    a document id, an "at least" figure with an open upper bound."""
    import csv

    from warledger.export import ACLED_COLUMNS

    events = _all_events(client)
    doc_ids = {d for e in events for d in e["documents"]}
    assert doc_ids
    for e in events:
        for fig in e["figures"]:
            assert not set(fig["sources"]) & doc_ids, (e["key"], fig)
    at_least = [f for e in events for f in e["figures"] if f["qualifier"] in ("at_least", "more_than")]
    assert at_least and any(f["high"] is None for f in at_least)
    db = client.app.state.settings.db
    out = tmp_path / "acled.csv"
    assert main(["export", "--format", "acled-csv", "--db", db, "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
        rows = list(reader)
    assert rows
    for r in rows:
        assert not set(r["source"].split("; ")) & doc_ids and "urn:uuid" not in r["source"]
    # the outlets as SOURCES.tsv names them, whatever mirror the URL points at (github.com, ...)
    from warledger.ingest import read_manifest

    named = {m["publisher"] for m in read_manifest(CORPUS).values() if m.get("publisher")}
    outlets = {o for r in rows for o in r["source"].split("; ") if o}
    assert outlets and outlets <= named, outlets - named
    assert {"Voice of America", "Wikipedia"} <= outlets
