"""The store contract: one suite, run against every backend (SQLite and PostgreSQL).

Every test gets a fresh database: a new SQLite file in ``tmp_path``, or a new, uniquely
named schema in the PostgreSQL database of ``$WARLEDGER_TEST_PG_URL`` (dropped after the
test). Without that variable the PostgreSQL runs are skipped, unless ``$CI`` is set: CI
must run them, so there they fail. Locally:

    eval "$(sudo scripts/ci-services.sh)"   # or any database you own
    .venv/bin/python -m pytest tests/test_store_contract.py
"""

from __future__ import annotations

import os
import threading
from datetime import date

import pytest

from warledger.model import Document, Event, EventFigure, Fact
from warledger.store import Query, StoreError, default_url, open_store
from warledger.store.sql import MAX_LIMIT, SqlStore, normalize_url, temporary_schema

PG_ENV = "WARLEDGER_TEST_PG_URL"

# --- sample reports: written for these tests, facts set by hand so they do not depend on
# the extractor (one test below runs the real pipeline too) -------------------------------

KHARKIV = (
    "Russia launched 40 drones overnight, the air force said. Air defences shot down 35 of them. "
    "In Kharkiv, two people were injured, the mayor said."
)
ODESA = "A missile struck a warehouse in Odesa on Tuesday, killing three people, the regional governor said."
# non-ASCII before the evidence: offsets are code points, on every backend
DNIPRO = (
    "Дніпро — 🚀 update. Russian forces fired 5 missiles at Dnipro overnight, Ukraine's Air Force said. "
    "In Dnipro, one person was killed, the governor said."
)


def span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def kharkiv_doc(
    doc_id: str = "kharkiv-1", text: str = KHARKIV, launched: float = 40, published: str = "2025-03-01"
) -> Document:
    ev1 = span(text, text.split(". ")[0])
    ev3 = span(text, "In Kharkiv, two people were injured, the mayor said.") if "two people" in text else ev1
    return Document(
        id=doc_id,
        text=text,
        published=date.fromisoformat(published),
        url=f"https://example.org/{doc_id}",
        title="Drones over Kharkiv",
        facts=(
            Fact(
                doc_id,
                "munitions",
                "launched",
                launched,
                ev1,
                weapon="drone",
                date=published,
                source="the air force",
                span=(16, 18),
                extractor="test/1",
            ),
            Fact(
                doc_id,
                "munitions",
                "intercepted",
                35,
                ev1,
                weapon="drone",
                date=published,
                source="the air force",
                extractor="test/1",
            ),
            Fact(
                doc_id,
                "casualties",
                "injured",
                2,
                ev3,
                admin1="UA-63",
                place="Kharkiv",
                group="people",
                date=published,
                source="the mayor",
                geonameid=706483,
                lat=49.98177,
                lon=36.25475,
                extractor="test/1",
            ),
        ),
    )


def odesa_doc(doc_id: str = "odesa-1", published: str = "2025-03-04") -> Document:
    ev = span(ODESA, ODESA)
    return Document(
        id=doc_id,
        text=ODESA,
        published=date.fromisoformat(published),
        facts=(
            Fact(
                doc_id,
                "casualties",
                "killed",
                3,
                ev,
                admin1="UA-51",
                place="Odesa",
                group="people",
                date=published,
                source="the regional GOVERNOR",
            ),
            Fact(
                doc_id,
                "munitions",
                "hit",
                1,
                ev,
                weapon="missile",
                admin1="UA-51",
                qualifier="at_least",
                low=1,
                date=published,
                source="the regional GOVERNOR",
            ),
            Fact(doc_id, "regions", "affected", 1, ev, members=("UA-51",), date=published),
        ),
    )


def dnipro_doc(doc_id: str = "dnipro-1") -> Document:
    ev1 = span(DNIPRO, "Russian forces fired 5 missiles at Dnipro overnight, Ukraine's Air Force said.")
    ev2 = span(DNIPRO, "In Dnipro, one person was killed, the governor said.")
    return Document(
        id=doc_id,
        text=DNIPRO,
        published=date(2025, 3, 2),
        facts=(
            Fact(
                doc_id,
                "munitions",
                "launched",
                5,
                ev1,
                weapon="missile",
                date="2025-03-02",
                source="Ukraine's Air Force",
                low=5,
                high=6,
                qualifier="about",
            ),
            Fact(
                doc_id,
                "casualties",
                "killed",
                1,
                ev2,
                admin1="UA-12",
                place="Dnipro",
                date="2025-03-02",
                source="the governor",
                historical=True,
                role="update",
            ),
        ),
    )


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for an empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    base = os.environ.get(PG_ENV, "").strip()
    if not base:
        how = f'set {PG_ENV} (as root: eval "$(scripts/ci-services.sh)")'
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {PG_ENV} is not: CI must run the PostgreSQL store contract; {how}")
        pytest.skip(f"PostgreSQL store contract not run: {how}")
    with temporary_schema(base, prefix="wl_test") as url:
        yield url


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    try:
        yield s
    finally:
        s.close()


def current_values(store, **filters) -> dict[tuple[str, str], float]:
    return {
        (sf.fact.measure, sf.doc_id): sf.fact.value for sf in store.facts(Query(limit=500, **filters)).items
    }


# --- documents and revisions -------------------------------------------------------------------


def test_add_new_then_duplicate(store):
    first = store.add(kharkiv_doc())
    assert (first.doc_id, first.status, first.revision, first.facts) == ("kharkiv-1", "new", 1, 3)
    again = store.add(kharkiv_doc())
    assert (again.status, again.revision, again.facts) == ("duplicate", 1, 0)
    assert store.documents(Query()).total == 1
    assert store.facts(Query()).total == 3


def test_changed_text_is_a_revision_and_history_is_kept(store):
    store.add(kharkiv_doc())
    edited = KHARKIV.replace("40 drones", "45 drones")
    result = store.add(kharkiv_doc(text=edited, launched=45))
    assert (result.status, result.revision, result.facts) == ("revision", 2, 3)

    current = store.document("kharkiv-1")
    assert current.revision == 2 and current.text == edited and current.facts == 3
    old = store.document("kharkiv-1", revision=1)
    assert old.revision == 1 and old.text == KHARKIV and old.content_hash != current.content_hash
    assert store.document("kharkiv-1", revision=3) is None

    # only the current revision's facts are current; the old ones are history
    assert current_values(store)[("launched", "kharkiv-1")] == 45
    assert store.facts(Query()).total == 3
    history = store.facts(Query(limit=500), include_history=True)
    assert history.total == 6
    assert sorted(sf.revision for sf in history.items if sf.fact.measure == "launched") == [1, 2]
    assert [c.fact.value for c in store.claims() if c.fact.measure == "launched"] == [45]

    assert store.documents(Query()).total == 1
    assert [d.revision for d in store.documents(Query(), all_revisions=True).items] == [1, 2]
    # the same text again is a duplicate of revision 2
    assert store.add(kharkiv_doc(text=edited, launched=45)).status == "duplicate"


def test_stored_document_fields(store):
    store.add(kharkiv_doc())
    d = store.document("kharkiv-1")
    assert d.url == "https://example.org/kharkiv-1"
    assert d.title == "Drones over Kharkiv"
    assert d.published == "2025-03-01"
    assert len(d.content_hash) == 64
    assert d.ingested_at.endswith("+00:00")
    assert store.document("nope") is None


def test_fact_round_trip_is_exact(store):
    docs = [kharkiv_doc(), odesa_doc(), dnipro_doc()]
    for doc in docs:
        store.add(doc)
    stored = {(sf.doc_id, sf.fact.measure, sf.fact.kind): sf for sf in store.facts(Query(limit=500)).items}
    for doc in docs:
        for f in doc.facts:
            sf = stored[(doc.id, f.measure, f.kind)]
            assert sf.fact == f
            assert sf.fact.to_json() == f.to_json()
            assert sf.extractor == f.extractor
            assert sf.revision == 1


def test_claims_carry_report_and_evidence_text(store):
    for doc in (kharkiv_doc(), dnipro_doc()):
        store.add(doc)
    claims = store.claims()
    assert len(claims) == 5
    texts = {"kharkiv-1": KHARKIV, "dnipro-1": DNIPRO}
    for c in claims:
        s, e = c.fact.evidence
        assert c.evidence_text == texts[c.doc_id][s:e]
    killed = next(c for c in claims if c.fact.measure == "killed")
    assert killed.evidence_text == "In Dnipro, one person was killed, the governor said."
    assert killed.published == date(2025, 3, 2)
    assert next(c for c in claims if c.doc_id == "kharkiv-1").url == "https://example.org/kharkiv-1"
    # ids are the facts' ids
    assert {c.fact_id for c in claims} == {sf.id for sf in store.facts(Query()).items}
    assert [c.doc_id for c in store.claims(Query(admin1="UA-12"))] == ["dnipro-1"]


def test_nul_character_is_stored_without_moving_offsets(store):
    text = "Header\x00junk. Russia launched 12 drones, the air force said."
    ev = span(text, "Russia launched 12 drones, the air force said.")
    doc = Document(
        "nul-1",
        text,
        published=date(2025, 3, 5),
        facts=(Fact("nul-1", "munitions", "launched", 12, ev, weapon="drone"),),
    )
    assert store.add(doc).status == "new"
    assert store.claims()[0].evidence_text == "Russia launched 12 drones, the air force said."
    assert len(store.document("nul-1").text) == len(text)
    assert store.add(doc).status == "duplicate"


def test_real_pipeline_document_is_stored(store):
    from warledger.api import extract_text

    doc = extract_text(KHARKIV, doc_id="real-1", published="2025-03-01")
    result = store.add(doc)
    assert result.facts == len(doc.facts) > 0
    assert [sf.fact for sf in store.facts(Query(doc_id="real-1")).items] == list(doc.facts)


def test_reopening_keeps_data_and_migrates_once(store_url):
    with open_store(store_url) as s:
        s.add(kharkiv_doc())
    with open_store(store_url) as s:
        assert s.document("kharkiv-1").revision == 1
        assert s.add(kharkiv_doc()).status == "duplicate"


def test_migrations_create_exactly_the_schema_module(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from warledger.store.schema import metadata

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert MigrationContext.configure(conn).get_current_revision() == "0007"


# --- lists and filters ------------------------------------------------------------------------


def test_fact_filters(store):
    for doc in (kharkiv_doc(), odesa_doc(), dnipro_doc()):
        store.add(doc)

    def ids(**kw):
        return sorted((sf.doc_id, sf.fact.measure) for sf in store.facts(Query(limit=500, **kw)).items)

    assert store.facts(Query()).total == 8
    assert ids(kind="casualties") == [("dnipro-1", "killed"), ("kharkiv-1", "injured"), ("odesa-1", "killed")]
    assert ids(kind="munitions", measure="launched") == [("dnipro-1", "launched"), ("kharkiv-1", "launched")]
    assert ids(weapon="missile") == [("dnipro-1", "launched"), ("odesa-1", "hit")]
    assert ids(admin1="UA-51") == [("odesa-1", "hit"), ("odesa-1", "killed")]
    assert ids(doc_id="dnipro-1") == [("dnipro-1", "killed"), ("dnipro-1", "launched")]
    assert ids(country="RU") == []
    assert len(ids(country="UA")) == 8
    # dates are inclusive at both ends
    assert {d for d, _ in ids(date_from="2025-03-02", date_to="2025-03-02")} == {"dnipro-1"}
    assert {d for d, _ in ids(date_from="2025-03-02")} == {"dnipro-1", "odesa-1"}
    assert {d for d, _ in ids(date_to="2025-03-01")} == {"kharkiv-1"}
    # source: case-insensitive substring, with LIKE's wildcards taken literally
    assert {d for d, _ in ids(source="governor")} == {"odesa-1", "dnipro-1"}
    assert {d for d, _ in ids(source="AIR FORCE")} == {"kharkiv-1", "dnipro-1"}
    assert ids(source="%") == [] and ids(source="air_force") == []
    # filters combine
    assert ids(kind="casualties", admin1="UA-12", date_from="2025-03-01") == [("dnipro-1", "killed")]


def test_pages_have_totals_and_a_capped_limit(store):
    text = "Russia launched 7 drones, the air force said."
    for i in range(12):
        store.add(
            Document(
                f"d{i:02}",
                text + f" ({i})",
                published=date(2025, 3, 1),
                facts=(
                    Fact(f"d{i:02}", "munitions", "launched", 7, (0, 45), weapon="drone", date="2025-03-01"),
                ),
            )
        )
    page = store.facts(Query(limit=5, offset=10))
    assert (page.total, page.limit, page.offset, len(page.items)) == (12, 5, 10, 2)
    all_ids = [sf.id for sf in store.facts(Query(limit=100)).items]
    assert len(set(all_ids)) == 12
    # pages tile the list without gaps or repeats
    tiled = [sf.id for off in range(0, 12, 5) for sf in store.facts(Query(limit=5, offset=off)).items]
    assert tiled == all_ids
    big = store.facts(Query(limit=10_000))
    assert big.limit == MAX_LIMIT and len(big.items) == 12
    docs = store.documents(Query(limit=3))
    assert (docs.total, len(docs.items)) == (12, 3)
    assert store.documents(Query(limit=0)).items == [] and store.documents(Query(limit=0)).total == 12


def test_document_filters(store):
    for doc in (kharkiv_doc(), odesa_doc(), dnipro_doc()):
        store.add(doc)

    def ids(**kw):
        return [d.doc_id for d in store.documents(Query(**kw)).items]

    assert ids() == ["odesa-1", "dnipro-1", "kharkiv-1"]  # newest first
    assert ids(date_from="2025-03-02") == ["odesa-1", "dnipro-1"]
    assert ids(date_to="2025-03-01") == ["kharkiv-1"]
    assert ids(doc_id="odesa-1") == ["odesa-1"]
    assert sorted(ids(admin1="UA-63")) == ["kharkiv-1"]
    assert sorted(ids(kind="casualties", measure="killed")) == ["dnipro-1", "odesa-1"]
    assert ids(source="mayor") == ["kharkiv-1"]
    assert ids(weapon="missile", admin1="UA-63") == []  # one fact must match every filter


def test_document_pages_are_newest_first_and_undated_last_at_every_offset(store):
    """The list is read in two parts (dated by the publication date's index, then undated):
    every page, across the seam too, is the slice of the one order, on every backend."""
    import dataclasses

    docs = [kharkiv_doc(f"k-{i}", published=f"2025-03-0{1 + i % 3}") for i in range(5)]
    docs += [dataclasses.replace(odesa_doc(f"u-{i}"), published=None) for i in (2, 0, 1)]
    for doc in docs:
        store.add(doc)
    assert store.add(kharkiv_doc("k-0", KHARKIV + " Updated.", published="2025-03-01")).status == "revision"
    dated = sorted((d for d in docs if d.published), key=lambda d: (-d.published.toordinal(), d.id))
    want = [d.id for d in dated] + sorted(d.id for d in docs if d.published is None)
    for limit in (1, 2, 3, 8):
        for offset in range(len(want) + 2):
            page = store.documents(Query(limit=limit, offset=offset))
            assert page.total == len(want)
            assert [d.doc_id for d in page.items] == want[offset : offset + limit], (limit, offset)
    assert len(store.documents(Query(limit=20), all_revisions=True).items) == len(want) + 1
    assert store.documents(Query(limit=0), all_revisions=True).total == len(want) + 1


def test_bad_query_date_is_a_store_error(store):
    with pytest.raises(StoreError, match="date_from"):
        store.facts(Query(date_from="yesterday"))


# --- events --------------------------------------------------------------------------------------


def _fact_ids(store) -> dict[tuple[str, str], int]:
    return {(sf.doc_id, sf.fact.measure): sf.id for sf in store.facts(Query(limit=500)).items}


def make_events(store) -> list[Event]:
    for doc in (kharkiv_doc(), odesa_doc(), dnipro_doc()):
        store.add(doc)
    fid = _fact_ids(store)
    night = Event(
        key="2025-03-01-UA-aaaa",
        date="2025-03-01",
        country="UA",
        admin1=("UA-63",),
        documents=("kharkiv-1",),
        figures=(
            EventFigure(
                "munitions",
                "launched",
                "drone",
                None,
                None,
                None,
                40,
                None,
                "consistent",
                (fid[("kharkiv-1", "launched")],),
                sources=("the air force",),
                history=(("2025-03-01", 40.0),),
            ),
            EventFigure(
                "munitions",
                "intercepted",
                "drone",
                None,
                None,
                35,
                35,
                35,
                "consistent",
                (fid[("kharkiv-1", "intercepted")],),
            ),
            EventFigure(
                "casualties",
                "injured",
                None,
                "UA-63",
                "Kharkiv",
                None,
                2,
                None,
                "consistent",
                (fid[("kharkiv-1", "injured")],),
                group="people",
            ),
        ),
        checks=("launched 40 = intercepted 35 + 5 unaccounted",),
        label="Drones over Kharkiv",
    )
    dnipro = Event(
        key="2025-03-02-UA-bbbb",
        date="2025-03-02",
        country="UA",
        admin1=("UA-12",),
        documents=("dnipro-1",),
        figures=(
            EventFigure(
                "munitions",
                "launched",
                "missile",
                None,
                None,
                5,
                5,
                6,
                "revised",
                (fid[("dnipro-1", "launched")],),
                sources=("Ukraine's Air Force",),
                history=(("2025-03-02", 4.0), ("2025-03-02", 5.0)),
            ),
            EventFigure(
                "casualties",
                "killed",
                None,
                "UA-12",
                "Dnipro",
                None,
                1,
                None,
                "consistent",
                (fid[("dnipro-1", "killed")],),
            ),
        ),
    )
    odesa = Event(
        key="2025-03-04-UA-cccc",
        date="2025-03-04",
        country="UA",
        admin1=("UA-51",),
        documents=("odesa-1",),
        figures=(
            EventFigure(
                "casualties",
                "killed",
                None,
                "UA-51",
                "Odesa",
                None,
                3,
                None,
                "conflict",
                (fid[("odesa-1", "killed")], fid[("kharkiv-1", "injured")]),
                unit=None,
                group="people",
            ),
            EventFigure(
                "munitions",
                "hit",
                "missile",
                "UA-51",
                None,
                1,
                1,
                None,
                "consistent",
                (fid[("odesa-1", "hit")],),
            ),
            EventFigure(
                "damage", "damaged", None, "UA-51", None, None, 1, None, "consistent", (), unit="buildings"
            ),
        ),
    )
    return [night, dnipro, odesa]


def test_replace_events_round_trip(store):
    evs = make_events(store)
    store.replace_events(evs)
    for e in evs:
        assert store.event(e.key) == e
    assert store.event("missing") is None
    page = store.events(Query())
    assert page.total == 3
    assert [e.key for e in page.items] == ["2025-03-04-UA-cccc", "2025-03-02-UA-bbbb", "2025-03-01-UA-aaaa"]
    assert page.items[2] == evs[0]

    # replacing drops what is not in the new set
    store.replace_events(evs[:1])
    assert store.events(Query()).total == 1
    assert store.event(evs[1].key) is None
    store.replace_events([])
    assert store.events(Query()).total == 0


def test_event_pages_are_newest_first_and_undated_last_by_offset_and_by_keyset(store):
    """Like documents, events are read dated first (newest first, then by key) and undated
    after: every offset and every keyset walk gives the slice of that one order."""
    days = ["2025-03-02", None, "2025-03-01", "2025-03-02", None, "2025-02-27", "2025-03-02"]
    evs = [
        Event(key=f"e-{i}", date=d, country="UA", admin1=(), documents=(), figures=(), label=f"event {i}")
        for i, d in enumerate(days)
    ]
    store.replace_events(evs)
    dated = sorted((e for e in evs if e.date), key=lambda e: (-date.fromisoformat(e.date).toordinal(), e.key))
    want = [e.key for e in dated] + sorted(e.key for e in evs if e.date is None)
    for limit in (1, 2, 3, 10):
        for offset in range(len(want) + 2):
            page = store.events(Query(limit=limit, offset=offset))
            assert page.total == len(want)
            assert [e.key for e in page.items] == want[offset : offset + limit], (limit, offset)
        walked, after = [], None
        while True:
            page = store.events(Query(limit=limit, after=after))
            walked += [e.key for e in page.items]
            if page.next is None:
                break
            after = page.next
        assert walked == want, limit
    # an offset counts from the cursor, into the undated ones too
    assert [e.key for e in store.events(Query(limit=2, offset=1, after=want[3])).items] == want[5:7]


def test_replace_events_is_all_or_nothing(store):
    evs = make_events(store)
    store.replace_events(evs)
    bad = Event(
        "bad",
        "2025-03-05",
        "UA",
        (),
        (),
        (EventFigure("munitions", "launched", None, None, None, None, 1, None, "consistent", (999_999,)),),
    )
    with pytest.raises(StoreError):
        store.replace_events([evs[0], bad])
    assert store.events(Query()).total == 3  # the old set is still there
    with pytest.raises(StoreError, match="duplicate"):
        store.replace_events([evs[0], evs[0]])


def test_event_filters(store):
    store.replace_events(make_events(store))

    def keys(**kw):
        return sorted(e.key[:10] for e in store.events(Query(**kw)).items)

    assert keys(date_from="2025-03-02") == ["2025-03-02", "2025-03-04"]
    assert keys(date_to="2025-03-02") == ["2025-03-01", "2025-03-02"]
    assert keys(admin1="UA-63") == ["2025-03-01"]
    assert keys(admin1="UA-51") == ["2025-03-04"]
    assert keys(kind="casualties", measure="killed") == ["2025-03-02", "2025-03-04"]
    assert keys(weapon="missile") == ["2025-03-02", "2025-03-04"]
    assert keys(weapon="missile", measure="intercepted") == []
    assert keys(source="governor") == ["2025-03-02", "2025-03-04"]
    assert keys(source="mayor") == [
        "2025-03-01",
        "2025-03-04",
    ]  # Odesa's conflict figure cites a Kharkiv fact
    assert keys(doc_id="dnipro-1") == ["2025-03-02"]
    assert keys(country="UA") == ["2025-03-01", "2025-03-02", "2025-03-04"]
    assert keys(country="RU") == []
    page = store.events(Query(limit=1, offset=1))
    assert (page.total, len(page.items), page.items[0].key[:10]) == (3, 1, "2025-03-02")


# --- totals ---------------------------------------------------------------------------------------


def test_timeseries_sums_event_figures(store):
    store.replace_events(make_events(store))
    points = store.timeseries(Query())
    assert [p.date for p in points] == ["2025-03-01", "2025-03-02", "2025-03-04"]
    by_day = {p.date: p.values for p in points}
    assert by_day["2025-03-01"] == {"launched": 40, "intercepted": 35, "injured": 2}
    assert by_day["2025-03-02"] == {"launched": 5, "killed": 1}
    assert by_day["2025-03-04"] == {"killed": 3, "hit": 1}  # damage is not a total measure
    assert [p.date for p in store.timeseries(Query(date_from="2025-03-02", date_to="2025-03-02"))] == [
        "2025-03-02"
    ]
    assert store.timeseries(Query(admin1="UA-12")) == [type(points[0])("2025-03-02", {"killed": 1})]
    assert {p.date: p.values for p in store.timeseries(Query(weapon="missile"))} == {
        "2025-03-02": {"launched": 5},
        "2025-03-04": {"hit": 1},
    }


def test_timeseries_falls_back_to_facts_without_events(store):
    for doc in (kharkiv_doc(), odesa_doc(), dnipro_doc()):
        store.add(doc)
    by_day = {p.date: p.values for p in store.timeseries(Query())}
    # Dnipro's "killed" is a background figure (historical): not a figure of that day
    assert by_day == {
        "2025-03-01": {"launched": 40, "intercepted": 35, "injured": 2},
        "2025-03-02": {"launched": 5},
        "2025-03-04": {"killed": 3, "hit": 1},
    }
    assert store.region_totals(Query()) == {"UA-63": {"injured": 2}, "UA-51": {"killed": 3, "hit": 1}}


def test_region_totals_over_events(store):
    store.replace_events(make_events(store))
    assert store.region_totals(Query()) == {
        "UA-63": {"injured": 2},
        "UA-12": {"killed": 1},
        "UA-51": {"killed": 3, "hit": 1},
    }
    assert store.region_totals(Query(date_from="2025-03-03")) == {"UA-51": {"killed": 3, "hit": 1}}
    assert store.region_totals(Query(measure="killed")) == {"UA-12": {"killed": 1}, "UA-51": {"killed": 3}}


# --- concurrency ------------------------------------------------------------------------------------


def _run_threads(n: int, target) -> list:
    results: list = [None] * n
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = target(i)
        except BaseException as exc:  # noqa: BLE001 - collected and re-raised in the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def test_concurrent_writers_store_each_document_once(store_url):
    stores = [open_store(store_url), open_store(store_url)]  # two stores: two connection pools
    try:

        def work(i: int):
            s = stores[i % 2]
            shared = s.add(kharkiv_doc("shared"))
            own = s.add(odesa_doc(f"own-{i}"))
            return shared.status, own.status

        results = _run_threads(8, work)
        assert sorted(r[0] for r in results) == ["duplicate"] * 7 + ["new"]
        assert all(r[1] == "new" for r in results)
        s = stores[0]
        assert s.documents(Query()).total == 9
        assert s.facts(Query(doc_id="shared")).total == 3
    finally:
        for s in stores:
            s.close()


def test_concurrent_revisions_get_distinct_numbers(store_url):
    stores = [open_store(store_url), open_store(store_url)]
    try:

        def work(i: int):
            return stores[i % 2].add(kharkiv_doc("contested", text=KHARKIV + f" Update {i}.")).revision

        revisions = _run_threads(6, work)
        assert sorted(revisions) == [1, 2, 3, 4, 5, 6]
        s = stores[0]
        assert s.document("contested").revision == 6
        assert s.documents(Query(doc_id="contested")).total == 1  # one current revision
        assert s.documents(Query(doc_id="contested"), all_revisions=True).total == 6
        assert s.facts(Query(doc_id="contested")).total == 3
    finally:
        for s in stores:
            s.close()


# --- opening (backend-independent) ----------------------------------------------------------------


def test_urls_are_normalized(tmp_path):
    assert normalize_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert normalize_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("postgres://u@h:5433/db") == "postgresql+psycopg://u@h:5433/db"
    assert normalize_url("sqlite:///rel.db") == "sqlite:///rel.db"
    with pytest.raises(StoreError, match="empty"):
        normalize_url("  ")


@pytest.mark.parametrize(
    "url, words",
    [
        ("mysql://u@h/db", "unsupported database"),
        ("postgresql://u:secret@127.0.0.1:1/db", "cannot open"),
        ("postgresql://u@host:port/db", "not a database URL"),
        ("/no/such/dir/ledger.db", "does not exist"),
    ],
)
def test_bad_or_unreachable_database_is_one_line_store_error(url, words):
    with pytest.raises(StoreError) as info:
        open_store(url)
    msg = str(info.value)
    assert words in msg and "\n" not in msg and msg.startswith("[W200]")
    assert "secret" not in msg


def test_default_location_is_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("WARLEDGER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # platformdirs on Linux
    assert default_url() == f"sqlite:///{tmp_path / 'data' / 'warledger' / 'ledger.db'}"
    with open_store() as s:
        assert isinstance(s, SqlStore)
        s.add(kharkiv_doc())
    assert (tmp_path / "data" / "warledger" / "ledger.db").is_file()
    monkeypatch.setenv("WARLEDGER_DB", str(tmp_path / "env.db"))
    assert default_url() == f"sqlite:///{tmp_path / 'env.db'}"
