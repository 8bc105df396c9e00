"""The ledger service (``warledger.ledger``): incremental events equal a full rebuild.

Every batch of reports rebuilds only the events of the blocks (country, days) it touches;
``rebuild`` rebuilds them all from every current claim. The two must agree whatever the
order the reports arrive in, the batch size, and revisions of reports already stored: on
the dev and open corpora, on SQLite, and on PostgreSQL for one order of each.
"""

from __future__ import annotations

import dataclasses
import os
import random

import pytest

from warledger import ledger
from warledger.api import extract_paths
from warledger.model import Document, Skipped
from warledger.store import Query, open_store
from warledger.store.sql import temporary_schema

from conftest import CORPUS, SHARED, needs_corpus

OPEN = SHARED / "corpus" / "open"
PG_ENV = "WARLEDGER_TEST_PG_URL"


@pytest.fixture(scope="module")
def corpora() -> dict[str, list[Document]]:
    out = {}
    for name, path in (("dev", CORPUS), ("open", OPEN)):
        if path.is_dir():
            out[name] = [d for d in extract_paths([str(path)]) if not isinstance(d, Skipped)]
    return out


def all_events(store) -> list:
    out: list = []
    while True:
        page = store.events(Query(limit=500, offset=len(out)))
        out.extend(page.items)
        if not page.items or len(out) >= page.total:
            return sorted(out, key=lambda e: e.key)


def assert_incremental_is_full(store) -> list:
    incremental = all_events(store)
    n = ledger.rebuild(store)
    full = all_events(store)
    assert n == len(full)
    assert incremental == full
    return full


@pytest.fixture
def sqlite_store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        yield store


@pytest.fixture
def pg_store():
    base = os.environ.get(PG_ENV, "").strip()
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {PG_ENV} is not")
        pytest.skip(f"PostgreSQL ledger tests not run: set {PG_ENV}")
    with temporary_schema(base, prefix="wl_ledger") as url, open_store(url) as store:
        yield store


ORDERS = [("as read", None, ledger.BATCH_DOCS), ("shuffled", 1, 1), ("shuffled", 2, 5), ("reversed", -1, 16)]


@needs_corpus
@pytest.mark.parametrize("corpus", ["dev", "open"])
@pytest.mark.parametrize(("how", "seed", "batch"), ORDERS)
def test_incremental_events_equal_a_full_rebuild(corpora, sqlite_store, corpus, how, seed, batch):
    if corpus not in corpora:
        pytest.skip(f"no {corpus} corpus in {SHARED}")
    docs = list(corpora[corpus])
    if seed == -1:
        docs.reverse()
    elif seed is not None:
        random.Random(seed).shuffle(docs)
    tally = ledger.ingest(sqlite_store, docs, batch=batch)
    assert tally.new == len(docs) and tally.events == sqlite_store.events(Query(limit=0)).total > 0
    full = assert_incremental_is_full(sqlite_store)
    # the same events whatever the order (every order builds the same ledger)
    if how == "as read":
        with open_store("sqlite://") as other:
            ledger.ingest(other, list(reversed(docs)), batch=3)
            assert [e.key for e in all_events(other)] == [e.key for e in full]


def _revised(doc: Document, rng: random.Random) -> Document:
    """The report with its later half cut: some of its figures go, its events change."""
    text = doc.text[: max(1, len(doc.text) // 2)] if rng.random() < 0.5 else doc.text + "\n\nUpdated."
    return dataclasses.replace(
        doc, text=text, facts=tuple(f for f in doc.facts if f.evidence[1] <= len(text))
    )


@needs_corpus
@pytest.mark.parametrize("corpus", ["dev", "open"])
def test_revisions_update_the_events_they_touch_only_as_a_rebuild_would(corpora, sqlite_store, corpus):
    if corpus not in corpora:
        pytest.skip(f"no {corpus} corpus in {SHARED}")
    rng = random.Random(8)
    docs = corpora[corpus]
    ledger.ingest(sqlite_store, docs, batch=7)
    revised = [_revised(d, rng) for d in rng.sample(docs, len(docs) // 3)]
    tally = ledger.ingest(sqlite_store, revised, batch=4)
    assert tally.revision == len(revised)
    assert_incremental_is_full(sqlite_store)
    # and back: the original texts become revision 3
    ledger.ingest(sqlite_store, [d for d in docs if d.id in {r.id for r in revised}], batch=2)
    assert_incremental_is_full(sqlite_store)


@needs_corpus
@pytest.mark.parametrize("corpus", ["dev", "open"])
def test_incremental_equals_full_on_postgresql(corpora, pg_store, corpus):
    if corpus not in corpora:
        pytest.skip(f"no {corpus} corpus in {SHARED}")
    docs = list(corpora[corpus])
    random.Random(3).shuffle(docs)
    ledger.ingest(pg_store, docs, batch=6)
    assert_incremental_is_full(pg_store)


@needs_corpus
def test_a_duplicate_batch_writes_no_event(corpora, sqlite_store):
    docs = corpora["dev"]
    ledger.ingest(sqlite_store, docs)
    before = all_events(sqlite_store)
    tally = ledger.ingest(sqlite_store, docs)
    assert (tally.new, tally.revision, tally.duplicate) == (0, 0, len(docs))
    assert tally.events_note == "unchanged"
    assert all_events(sqlite_store) == before


def test_a_report_touches_only_its_own_blocks(sqlite_store):
    """A report of another month leaves the stored events untouched (the same rows: their
    figure ids do not change), and one of an existing night joins that night's event."""
    from sqlalchemy import select

    from warledger.store.schema import event_figures

    def night(doc_id: str, day: str, n: int) -> Document:
        from warledger.api import extract_text

        return extract_text(
            f"Russia launched {n} drones at Ukraine overnight on {day}, the air force said.", doc_id=doc_id
        )

    ledger.ingest(sqlite_store, [night("a", "3 September 2025", 40), night("b", "4 September 2025", 50)])
    with sqlite_store.engine.connect() as conn:
        ids = set(conn.execute(select(event_figures.c.id)).scalars())
    ledger.ingest(sqlite_store, [night("c", "20 October 2025", 60)])
    with sqlite_store.engine.connect() as conn:
        assert ids < set(conn.execute(select(event_figures.c.id)).scalars())
    ledger.ingest(sqlite_store, [night("d", "3 September 2025", 45)])
    events = all_events(sqlite_store)
    assert [(e.date, e.documents) for e in events] == [
        ("2025-09-03", ("a", "d")),
        ("2025-09-04", ("b",)),
        ("2025-10-20", ("c",)),
    ]
    assert_incremental_is_full(sqlite_store)


QUERIES = [
    Query(),
    Query(admin1="UA-30"),
    Query(admin1="UA-63"),
    Query(kind="munitions"),
    Query(measure="killed"),
    Query(weapon="drone"),
    Query(country="RU"),
    Query(date_from="2024-01-01", date_to="2024-12-31"),
]


@needs_corpus
@pytest.mark.parametrize("corpus", ["dev", "open"])
def test_day_totals_kept_on_write_equal_the_totals_of_the_figures(corpora, sqlite_store, corpus, monkeypatch):
    """The time series and region totals read ``day_totals`` (kept up to date by every event
    write, incremental or full); they must equal the sums over the event figures themselves."""
    from warledger.store import sql

    if corpus not in corpora:
        pytest.skip(f"no {corpus} corpus in {SHARED}")
    rng = random.Random(5)
    docs = list(corpora[corpus])
    rng.shuffle(docs)
    ledger.ingest(sqlite_store, docs, batch=4)
    ledger.ingest(sqlite_store, [_revised(d, rng) for d in rng.sample(docs, len(docs) // 4)], batch=3)

    def both(q: Query):
        summary = (sqlite_store.timeseries(q), sqlite_store.region_totals(q))
        with monkeypatch.context() as m:
            m.setattr(sql, "_summarised", lambda q: False)
            figures = (sqlite_store.timeseries(q), sqlite_store.region_totals(q))
        return summary, figures

    for q in QUERIES:
        summary, figures = both(q)
        assert summary == figures, q
    assert both(Query())[0][0], "no time series at all"
    ledger.rebuild(sqlite_store)
    for q in QUERIES:
        summary, figures = both(q)
        assert summary == figures, q


@needs_corpus
def test_keyset_pages_are_the_offset_pages(corpora, sqlite_store):
    """Walking ``/api/facts`` and ``/api/events`` by ``next``/``after`` gives the same items as
    walking them by offset; an unknown cursor is a 422."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from warledger.webapi.app import create_app
    from warledger.webapi.settings import Settings

    ledger.ingest(sqlite_store, corpora["dev"])
    with TestClient(create_app(sqlite_store, Settings(db=sqlite_store.url))) as client:
        for route, ident in (("/api/facts", "id"), ("/api/events", "key")):
            by_offset, offset = [], 0
            while True:
                page = client.get(route, params={"limit": 7, "offset": offset}).json()
                by_offset += [item[ident] for item in page["items"]]
                offset += 7
                if offset >= page["total"]:
                    break
            by_key: list = []
            params: dict = {"limit": 7}
            while True:
                page = client.get(route, params=params).json()
                by_key += [item[ident] for item in page["items"]]
                if page["next"] is None:
                    break
                assert page["next"] == str(page["items"][-1][ident])
                params = {"limit": 7, "after": page["next"]}
            assert by_key == by_offset and len(by_key) == page["total"] > 7, route
        assert client.get("/api/events", params={"after": "no-such-event"}).status_code == 422
        assert client.get("/api/facts", params={"after": "x"}).status_code == 422
