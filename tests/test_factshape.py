"""One fact shape (issue 9): the table columns, the Parquet layout of batch and export, the
CSV header and the API's fact fields all come from ``model.Fact`` through ``factshape``.
(``tests/test_store_contract.py::test_migrations_create_exactly_the_schema_module`` checks
that the migrations create exactly the table derived here, on SQLite and PostgreSQL.)"""

from __future__ import annotations

import dataclasses

import pyarrow.parquet as pq

from warledger import factshape
from warledger.model import Fact
from warledger.vocabulary import Kind, Measure, Qualifier, Weapon

FACT = Fact(
    doc="d", kind=Kind.MUNITIONS, measure=Measure.LAUNCHED, value=502, evidence=(3, 70), qualifier=Qualifier.MORE_THAN,
    weapon=Weapon.DRONE, admin1="UA-51", place="Odesa", low=500, high=None, date="2025-09-03", source="air force",
    members=("UA-51",), geonameid=698740, lat=46.48, lon=30.73, span=(10, 19), extractor="x", confidence=0.7,
    doubts=("distant-verb",),
)  # fmt: skip


def test_every_fact_field_is_in_every_layout():
    names = [f.name for f in dataclasses.fields(Fact)]
    assert list(factshape.FACT_COLUMNS) == names
    table = set(factshape.TABLE_COLUMNS)
    assert set(names) <= table
    assert set(factshape.arrow_schema().names) == table
    from warledger.webapi.schemas import FactOut

    assert set(names) <= set(FactOut.model_fields)


def test_store_columns_are_the_fact_fields_with_spans_split():
    from warledger.store.schema import facts

    stored = {c.name for c in facts.columns} - {"id", "document_id", "doc_id", "revision", "seq"}
    assert stored == set(factshape.sql_column_names())
    assert {"evidence_start", "evidence_end", "span_start", "span_end"} <= stored
    assert not facts.c.evidence_start.nullable and facts.c.span_start.nullable
    assert facts.c.weapon.nullable and not facts.c.kind.nullable


def test_round_trips_are_exact():
    assert factshape.from_record(factshape.record(FACT)) == FACT
    assert factshape.from_sql_row(factshape.sql_row(FACT), doc="d") == FACT
    rec = factshape.record(FACT)
    assert rec["evidence"] == [3, 70] and rec["span"] == [10, 19] and rec["members"] == ["UA-51"]
    assert type(rec["kind"]) is str and type(rec["weapon"]) is str  # plain strings, not enum members
    assert factshape.csv_row(rec)["doubts"] == '["distant-verb"]'


def test_batch_and_export_write_one_parquet_layout(tmp_path):
    from warledger import export
    from warledger.api import extract_text
    from warledger.batch import fact_from_row, fact_row
    from warledger.store import open_store
    from warledger.store.base import Query

    doc = extract_text(
        "Russia launched 40 drones at Odesa overnight, the air force said.",
        doc_id="o",
        published="2025-06-01",
    )
    rows = [fact_row(f, i, doc) for i, f in enumerate(doc.facts)]
    assert [fact_from_row(r) for r in rows] == list(doc.facts)
    import pyarrow as pa

    pq.write_table(pa.Table.from_pylist(rows, schema=factshape.arrow_schema()), tmp_path / "batch.parquet")
    store = open_store(f"sqlite:///{tmp_path / 'l.db'}")
    store.add(doc)
    with open(tmp_path / "export.parquet", "wb") as fh:
        assert export.write_parquet(store, Query(), fh) == len(doc.facts)
    assert pq.read_schema(tmp_path / "batch.parquet") == pq.read_schema(tmp_path / "export.parquet")
    batch, exported = (
        pq.read_table(tmp_path / "batch.parquet").to_pylist(),
        pq.read_table(tmp_path / "export.parquet").to_pylist(),
    )
    for b, e in zip(batch, exported, strict=True):
        assert {c: b[c] for c in factshape.FACT_COLUMNS} == {c: e[c] for c in factshape.FACT_COLUMNS}
        assert b["evidence_text"] == e["evidence_text"] and b["published"] == e["published"]


def test_the_migrations_create_the_derived_fact_columns(tmp_path):
    """The migrations are history and stay as written; the table derived from ``Fact`` must be
    what they create (names, nullability) on a fresh ledger."""
    import sqlalchemy as sa

    from warledger.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    migrated = {c["name"]: c for c in sa.inspect(store.engine).get_columns("facts")}
    derived = {c.name: c for c in factshape.sql_columns()}
    assert set(derived) <= set(migrated)
    assert set(migrated) - set(derived) == {"id", "document_id", "doc_id", "revision", "seq"}
    for name, col in derived.items():
        assert migrated[name]["nullable"] == col.nullable, name
