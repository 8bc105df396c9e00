"""Evidence as spans (issue 9): a regions fact points at each sentence that names its regions,
not at the text from the first to the last; every other fact at its one sentence. The spans
survive the SQLite store, the CSV and Parquet exports, the API and the dashboard."""

from __future__ import annotations

import csv
import io
import json
import warnings

import pyarrow.parquet as pq
import pytest

from warledger import export as ex
from warledger import factshape
from warledger.api import extract_text
from warledger.model import Fact, sentence_spans
from warledger.reconcile.across import build_events
from warledger.store import open_store
from warledger.store.base import Query
from warledger.vocabulary import Kind, Measure
from warledger.webapi import Settings, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# two sentences that name a region, with one between them that names none
KHARKIV = "Drones struck the Kharkiv region overnight, officials said."
QUIET = "The weather was cold and the roads were empty."
ODESA = "In the Odesa region, a missile hit a port, injuring two workers."
TEXT = f"Russia attacked Ukraine overnight. {KHARKIV} {QUIET} {ODESA}"


@pytest.fixture(scope="module")
def doc():
    return extract_text(TEXT, doc_id="two-regions", published="2025-06-01")


def regions_fact(facts) -> Fact:
    (f,) = [f for f in facts if f.kind == Kind.REGIONS]
    return f


def test_a_regions_fact_points_at_each_sentence_naming_its_regions(doc):
    f = regions_fact(doc.facts)
    assert set(f.members) == {"UA-63", "UA-51"}
    assert [TEXT[s:e] for s, e in f.evidence_spans] == [KHARKIV, ODESA]
    sentences = {(s.start, s.end) for s in doc.sentences}
    assert set(f.evidence_spans) <= sentences  # each a real sentence of the text
    # ``evidence`` still covers them, for the consumers that read one span
    assert f.evidence == (f.evidence_spans[0][0], f.evidence_spans[-1][1])
    assert QUIET in TEXT[f.evidence[0] : f.evidence[1]]
    assert f.to_json()["evidence_spans"] == [list(s) for s in f.evidence_spans]


def test_every_other_fact_points_at_its_one_sentence(doc):
    others = [f for f in doc.facts if f.kind != Kind.REGIONS]
    assert others
    for f in others:
        assert f.evidence_spans == (f.evidence,)
        assert "evidence_spans" not in f.to_json()


def test_a_fact_without_spans_reads_its_evidence_as_its_one_span():
    """A fact stored or written before the field (an empty list) has its evidence as its span."""
    f = Fact(doc="d", kind=Kind.MUNITIONS, measure=Measure.LAUNCHED, value=5, evidence=(3, 9))
    assert f.evidence_spans == ((3, 9),)
    rec = factshape.record(f)
    rec["evidence_spans"] = []
    assert factshape.from_record(rec) == f
    del rec["evidence_spans"]  # a batch part written before the field
    assert factshape.from_record(rec) == f
    row = factshape.sql_row(f)
    row["evidence_spans"] = None
    assert factshape.from_sql_row(row, doc="d") == f


def test_sentence_spans_are_distinct_and_in_text_order():
    assert sentence_spans([(50, 60), (0, 10), (50, 60), (2, 8), (20, 30)]) == ((0, 10), (20, 30), (50, 60))


# parts of one figure stated apart ("three … one more"): within.py adds them up
PART_1 = "Three women were killed in Kharkiv, the mayor said."
PART_2 = "One more woman was killed in Kharkiv in a later drone attack, the mayor said."
PARTS = f"{PART_1} The city was quiet afterwards. {PART_2}"


@pytest.fixture(scope="module")
def parts():
    return extract_text(PARTS, doc_id="parts", published="2025-06-01")


def test_a_sum_of_parts_points_at_the_sentences_of_its_parts(parts):
    (f,) = [f for f in parts.facts if f.kind == Kind.CASUALTIES and f.measure == Measure.KILLED]
    assert f.value == 4
    assert [PARTS[s:e] for s, e in f.evidence_spans] == [PART_1, PART_2]


@pytest.fixture(scope="module")
def store(doc, parts, tmp_path_factory):
    s = open_store(f"sqlite:///{tmp_path_factory.mktemp('spans') / 'l.db'}")
    s.add(doc)
    s.add(parts)
    s.replace_events(build_events(s.claims()))
    yield s
    s.close()


def test_the_store_keeps_the_spans(store, doc):
    stored = [sf.fact for sf in store.facts(Query(doc_id=doc.id)).items]
    assert regions_fact(stored).evidence_spans == regions_fact(doc.facts).evidence_spans
    assert sorted(stored, key=repr) == sorted(doc.facts, key=repr)


def test_a_fact_stored_before_the_spans_reads_its_evidence(tmp_path, doc):
    """A ledger migrated from 0004: its facts' ``evidence_spans`` are the column's default,
    ``[]``, and each reads as its one ``evidence`` span."""
    import sqlalchemy as sa

    from warledger.store.schema import facts

    s = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        s.add(doc)
        with s.engine.begin() as conn:
            conn.execute(sa.update(facts).values(evidence_spans=[]))
        for sf in s.facts(Query()).items:
            assert sf.fact.evidence_spans == (sf.fact.evidence,)
    finally:
        s.close()


def test_csv_and_parquet_exports_keep_the_spans(store, doc, tmp_path):
    want = [list(s) for s in regions_fact(doc.facts).evidence_spans]
    buf = io.StringIO(newline="")
    ex.export(store, "csv", Query(), buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    (row,) = [r for r in rows if r["kind"] == Kind.REGIONS and r["doc_id"] == doc.id]
    assert json.loads(row["evidence_spans"]) == want
    with open(tmp_path / "f.parquet", "wb") as fh:
        ex.export(store, "parquet", Query(), fh)
    table = pq.read_table(tmp_path / "f.parquet").to_pylist()
    (prow,) = [r for r in table if r["kind"] == Kind.REGIONS and r["doc_id"] == doc.id]
    assert prow["evidence_spans"] == want
    assert factshape.from_record(prow) == regions_fact(doc.facts)


def test_the_api_and_the_dashboard_serve_the_spans_with_their_text(store, doc):
    client = TestClient(create_app(store, Settings(token="t")), raise_server_exceptions=False)
    want = [list(s) for s in regions_fact(doc.facts).evidence_spans]
    facts = client.get("/api/facts", params={"kind": "regions", "doc_id": doc.id}).json()["items"]
    assert [f["evidence_spans"] for f in facts] == [want]
    # an event's claim of the sum of parts: each part's sentence, and not the one between
    events = client.get("/api/events", params={"region": "UA-63"}).json()["items"]
    claims = [
        c
        for e in events
        for fig in client.get(f"/api/events/{e['key']}").json()["figures"]
        if fig["measure"] == Measure.KILLED
        for c in fig["claims"]
        if c["doc_id"] == "parts"
    ]
    assert [[s["text"] for s in c["evidence_spans"]] for c in claims] == [[PART_1, PART_2]]
    key = next(e["key"] for e in events if "parts" in e["documents"])
    page = client.get(f"/events/{key}")
    assert page.status_code == 200
    # each part's sentence, the figure marked in the one that states it
    marked = PART_1.replace("Three", "<mark>Three</mark>", 1)
    assert (
        f'<span class="evidence-sentence">{marked}</span> … <span class="evidence-sentence">{PART_2}</span>'
        in page.text
    )
    assert "The city was quiet afterwards." not in page.text
