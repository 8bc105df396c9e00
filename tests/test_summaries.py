"""The summaries kept on write (migration 0007): ``ledger_counts`` and ``period_totals``.

A list's ``total`` and the time series and region map read them instead of counting and
summing every row, so they must always equal a fresh count: after ingests in batches, after
revisions, after a document stored by ``SqlStore.add`` alone, after an analyst's review, after
``warledger rebuild``, and after an upgrade from 0006 fills them from an existing ledger. Each
is checked here against a count written out in this file (SQL over the rows, and the periods
summed from ``day_totals`` in Python), on SQLite and PostgreSQL; and the answers read from the
summaries against the same answers summed from the days.
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from warledger import ledger
from warledger.api import extract_paths
from warledger.model import Document, Skipped
from warledger.store import Query, open_store
from warledger.store.base import BUCKETS, bucket_start, finest_bucket
from warledger.store.schema import day_totals, ledger_counts, period_totals
from warledger.store.sql import MIGRATIONS, temporary_schema

from conftest import CORPUS, needs_corpus

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PG_ENV = "WARLEDGER_TEST_PG_URL"
DIMS = ("country", "kind", "measure", "weapon", "admin1")


@pytest.fixture(scope="module")
def reports() -> list[Document]:
    """The dev corpus, 12 copies of each report, copy k moved 40·k days later: a ledger that
    spans weeks, months and two year boundaries."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    src = [d for d in extract_paths([str(CORPUS)]) if not isinstance(d, Skipped)]
    return [_copy(d, k) for k in range(12) for d in src]


def _shift(day: str | None, by: timedelta) -> str | None:
    return day if not day else (date.fromisoformat(day[:10]) + by).isoformat() + day[10:]


def _copy(doc: Document, k: int) -> Document:
    by, new_id = timedelta(days=40 * k), f"{doc.id}~{k}"
    facts = tuple(dataclasses.replace(f, doc=new_id, date=_shift(f.date, by)) for f in doc.facts)
    return dataclasses.replace(
        doc, id=new_id, published=(doc.published or date(2024, 1, 1)) + by, facts=facts
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        with open_store(f"sqlite:///{tmp_path / 'ledger.db'}") as s:
            yield s
        return
    base = os.environ.get(PG_ENV, "").strip()
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {PG_ENV} is not")
        pytest.skip(f"PostgreSQL summaries not checked: set {PG_ENV}")
    with temporary_schema(base, prefix="wl_sum") as url, open_store(url) as s:
        yield s


# --- the fresh count, written out here -----------------------------------------------------------


def kept(store) -> tuple[dict, dict]:
    """What the store keeps: counts (zero rows left out) and period totals."""
    with store.engine.connect() as conn:
        counts = {
            (r.what, *(r._mapping[n] for n in DIMS)): r.n
            for r in conn.execute(sa.select(ledger_counts))
            if r.n
        }
        periods = {
            (r.period, r.start, *(r._mapping[n] for n in DIMS)): r.value
            for r in conn.execute(sa.select(period_totals))
        }
    return counts, periods


def fresh(store) -> tuple[dict, dict]:
    """The same, counted now from the rows: current facts by their columns, current documents,
    events; and ``day_totals`` summed by week (from Monday), month, year and all time, and
    the national weeks, months and years by measure alone ("week+", "month+", "year+")."""
    counts: dict = {}
    with store.engine.connect() as conn:
        for *key, n in conn.execute(
            sa.text(
                "SELECT f.country, f.kind, f.measure, f.weapon, f.admin1, count(*) FROM facts f "
                "JOIN documents d ON d.id = f.document_id WHERE d.is_current "
                "GROUP BY f.country, f.kind, f.measure, f.weapon, f.admin1"
            )
        ):
            k = ("facts", *(v or "" for v in key))
            counts[k] = counts.get(k, 0) + n
        blank = ("",) * len(DIMS)
        counts[("documents", *blank)] = conn.execute(
            sa.text("SELECT count(*) FROM documents WHERE is_current")
        ).scalar_one()
        counts[("events", *blank)] = conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
        days = list(conn.execute(sa.select(day_totals)))
    counts = {k: n for k, n in counts.items() if n}
    periods: dict = {}
    for r in days:
        d = date.fromisoformat(r.date[:10])
        monday = (d - timedelta(days=d.weekday())).isoformat()
        for key in (
            ("week", monday),
            ("month", r.date[:7] + "-01"),
            ("year", r.date[:4] + "-01-01"),
            ("all", ""),
        ):
            k = (*key, *(r._mapping[n] for n in DIMS))
            periods[k] = periods.get(k, 0.0) + r.value
            if key[0] != "all" and r.admin1 == "":  # the national roll-up, by measure alone
                k = (key[0] + "+", key[1], "", "", r.measure, "", "")
                periods[k] = periods.get(k, 0.0) + r.value
    return counts, periods


def assert_fresh(store) -> None:
    counts, periods = kept(store)
    want_counts, want_periods = fresh(store)
    assert counts == want_counts
    assert periods.keys() == want_periods.keys()
    assert periods == pytest.approx(want_periods)
    # and the lists' totals read from them are the rows there are
    with store.engine.connect() as conn:
        n_facts = conn.execute(
            sa.text(
                "SELECT count(*) FROM facts f JOIN documents d ON d.id = f.document_id WHERE d.is_current"
            )
        ).scalar_one()
        n_ua = conn.execute(
            sa.text(
                "SELECT count(*) FROM facts f JOIN documents d ON d.id = f.document_id "
                "WHERE d.is_current AND f.country = 'UA' AND f.kind = 'munitions'"
            )
        ).scalar_one()
    assert store.facts(Query(limit=0)).total == n_facts
    assert store.facts(Query(limit=0, country="UA", kind="munitions")).total == n_ua
    assert store.documents(Query(limit=0)).total == want_counts.get(("documents", "", "", "", "", ""), 0)
    assert store.events(Query(limit=0)).total == want_counts.get(("events", "", "", "", "", ""), 0)


def _revised(doc: Document) -> Document:
    """The report with its later half cut, and the figures stated there with it."""
    text = doc.text[: max(1, len(doc.text) // 2)]
    return dataclasses.replace(
        doc, text=text, facts=tuple(f for f in doc.facts if f.evidence[1] <= len(text))
    )


# --- every write path ------------------------------------------------------------------------------


@needs_corpus
def test_summaries_equal_a_fresh_count_after_every_write(store, reports):
    ledger.ingest(store, reports[:150], batch=40)
    assert_fresh(store)
    # more, with duplicates of what is stored and revisions of it, in small batches
    revised = [_revised(d) for d in reports[10:60:3]]
    assert any(len(r.facts) < len(d.facts) for r, d in zip(revised, reports[10:60:3], strict=True))
    ledger.ingest(store, reports[100:250] + revised, batch=17)
    assert_fresh(store)
    # a document and a revision stored outside a batch writer (``SqlStore.add``)
    assert store.add(reports[260]).status == "new"
    assert store.add(_revised(reports[0])).status == "revision"
    assert_fresh(store)
    # an analyst's review, and the full rebuild it runs
    fact = store.facts(Query(limit=1, kind="munitions")).items[0]
    store.add_correction(fact.id, "reject", "tester")
    ledger.rebuild(store)
    assert_fresh(store)


@needs_corpus
def test_rebuild_sums_and_counts_afresh(store, reports):
    ledger.ingest(store, reports[:120], batch=30)
    before = kept(store)
    with store.engine.connect() as conn:
        days_before = sorted(tuple(r) for r in conn.execute(sa.select(day_totals)))
    ledger.rebuild(store)
    with store.engine.connect() as conn:
        days_after = sorted(tuple(r) for r in conn.execute(sa.select(day_totals)))
    # the incremental path kept what a full rebuild counts and sums
    assert days_after == days_before
    assert kept(store)[0] == before[0] and kept(store)[1] == pytest.approx(before[1])
    # a write made around warledger (by hand, in SQL) is seen by the next rebuild
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE documents SET is_current = false WHERE doc_id = :d"), {"d": reports[0].id}
        )
    assert kept(store)[0] != fresh(store)[0]
    ledger.rebuild(store)
    assert_fresh(store)


@needs_corpus
def test_an_upgrade_from_0006_fills_the_summaries(store, reports):
    from alembic import command
    from alembic.config import Config

    ledger.ingest(store, reports[:100], batch=25)
    want = kept(store)
    assert want[0] and want[1]
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
        assert not sa.inspect(conn).has_table("ledger_counts")
        command.upgrade(cfg, "head")
    got = kept(store)
    assert got[0] == want[0] and got[1] == pytest.approx(want[1])
    assert_fresh(store)
    # and it goes on being kept from there
    ledger.ingest(store, reports[100:140], batch=25)
    assert_fresh(store)


# --- reads: the summaries give what summing the days gives ---------------------------------------

RANGES = [
    (None, None),
    ("2024-02-07", "2024-11-19"),  # mid-week, mid-month edges
    ("2024-03-04", "2024-03-10"),  # one whole week
    ("2024-03-05", "2024-03-06"),  # two days of one week
    ("2024-01-01", "2024-12-31"),  # one whole year
    ("2023-12-30", "2025-01-02"),  # a year and two edges
    ("2024-05-01", None),
    (None, "2024-06-15"),
]
FILTERS = [
    {},
    {"measure": "killed"},
    {"country": "UA"},
    {"kind": "munitions", "measure": "launched"},
    {"admin1": "UA-51"},
]


def rounded(nested: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Totals to 6 decimals: sums taken in another order may differ in the last bits."""
    return {k: {m: round(v, 6) for m, v in inner.items()} for k, inner in nested.items()}


def _by_bucket(points, bucket: str) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for p in points:
        into = out.setdefault(bucket_start(p.date, bucket), {})
        for m, v in p.values.items():
            into[m] = into.get(m, 0.0) + v
    return out


@needs_corpus
def test_bucketed_time_series_and_region_totals_equal_summed_days(store, reports):
    ledger.ingest(store, reports, batch=60)
    for lo, hi in RANGES:
        for filters in FILTERS:
            q = Query(date_from=lo, date_to=hi, **filters)
            daily = store.timeseries(q)
            for bucket in BUCKETS:
                chosen, points = store.timeseries_buckets(q, bucket, 3000)
                assert chosen == bucket
                assert rounded({p.date: p.values for p in points}) == rounded(_by_bucket(daily, bucket)), (
                    q,
                    bucket,
                )
            for cap in (1, 3, 20, 100, 3000):
                chosen, _ = store.timeseries_buckets(q, None, cap)
                assert chosen == finest_bucket([p.date for p in daily], cap), (q, cap)
            # regions: every region's days summed
            with store.engine.connect() as conn:
                conds = [day_totals.c.admin1 != ""]
                conds += [day_totals.c[n] == v for n, v in filters.items()]
                if lo:
                    conds.append(day_totals.c.date >= lo)
                if hi:
                    conds.append(day_totals.c.date <= hi)
                want: dict[str, dict[str, float]] = {}
                for r in conn.execute(sa.select(day_totals).where(*conds)):
                    into = want.setdefault(r.admin1, {})
                    into[r.measure] = into.get(r.measure, 0.0) + r.value
            assert rounded(store.region_totals(q)) == rounded(want), q
    assert any(store.timeseries(Query(date_from=lo, date_to=hi)) for lo, hi in RANGES[1:])


# --- deep offsets ----------------------------------------------------------------------------------


def test_deep_offsets_point_to_the_keyset_cursor(tmp_path):
    from ledger_data import fill
    from warledger.webapi import Settings, create_app
    from warledger.webapi import query as ql

    with open_store(f"sqlite:///{tmp_path / 'l.db'}") as s:
        client = TestClient(create_app(fill(s), Settings(token="t", cache=False)))
        for path in ("/api/events", "/api/facts"):
            ok = client.get(path, params={"offset": ql.MAX_DEEP_OFFSET})
            assert ok.status_code == 200 and ok.json()["items"] == []
            deep = client.get(path, params={"offset": ql.MAX_DEEP_OFFSET + 1})
            assert deep.status_code == 422
            assert "`after`" in deep.json()["error"] and "next" in deep.json()["error"]
            # the cursor walks every item, as offsets do
            first = client.get(path, params={"limit": 2}).json()
            rest = client.get(path, params={"limit": 500, "after": first["next"]}).json()
            every = client.get(path, params={"limit": 500}).json()
            key = "key" if path == "/api/events" else "id"
            assert [i[key] for i in first["items"] + rest["items"]] == [i[key] for i in every["items"]]
        # documents have no cursor: their offsets stay as they were
        assert client.get("/api/documents", params={"offset": ql.MAX_DEEP_OFFSET + 1}).status_code == 200
