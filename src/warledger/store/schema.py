"""The ledger's tables, as SQLAlchemy Core metadata (the migrations create exactly these).

- ``documents``: one row per revision of a report. ``text`` is the text every evidence
  offset points into; ``is_current`` marks the latest revision (a partial unique index
  allows one current row per ``doc_id``).
- ``facts``: one row per fact of a document revision, every SCHEMA.md field plus its
  evidence and figure spans, geocode and the extractor's version.
- ``events``, ``event_figures``, ``event_claims``: the reconciled events, their figures and
  the facts each figure stands on; each event also keeps the days it spans and the ids of
  all its claims, for incremental rebuilds (``warledger.ledger``). ``event_regions`` and ``event_documents`` repeat the
  event's region and document lists as rows so that filters on them are plain indexed joins
  on both SQLite and PostgreSQL (JSON containment differs between the two).

Dates (fact date, event date) are ISO strings, as the model keeps them, so range filters
compare strings; a document's ``published`` is a real DATE.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from .. import factshape
from ..vocabulary import Qualifier

# Stable constraint names, so a later migration can refer to them on both backends.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# A SQLite INTEGER PRIMARY KEY is its rowid; PostgreSQL gets an identity column.
ID = Integer

documents = Table(
    "documents",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("doc_id", String(512), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),
    Column("content_hash", String(64), nullable=False),
    # the outlet, as the document's own metadata names it (migration 0002)
    Column("publisher", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("is_current", Boolean, nullable=False),
    UniqueConstraint("doc_id", "revision"),
    Index("ix_documents_published", "published"),
    # At most one current revision per document, whatever concurrent writers do.
    Index(
        "uq_documents_current",
        "doc_id",
        unique=True,
        sqlite_where=text("is_current = 1"),
        postgresql_where=text("is_current"),
    ),
)

facts = Table(
    "facts",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("document_id", ID, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    # repeated from the document row so the common filters need no join
    Column("doc_id", String(512), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("seq", Integer, nullable=False),  # order within the document, as extracted
    # the fact's own fields, as ``factshape`` derives them from ``model.Fact`` (a span as
    # two integer columns, a tuple as JSON)
    *factshape.sql_columns(),
    Index("ix_facts_document_id", "document_id"),
    Index("ix_facts_confidence", "confidence"),
    Index("ix_facts_doc_id", "doc_id"),
    Index("ix_facts_date", "date"),
    Index("ix_facts_kind_measure", "kind", "measure"),
    Index("ix_facts_admin1", "admin1"),
    Index("ix_facts_weapon", "weapon"),
    Index("ix_facts_country", "country"),
    # the claims of one country and a few days: what an incremental event rebuild reads
    Index("ix_facts_country_date", "country", "date"),
)

events = Table(
    "events",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("date", String(32)),
    Column("country", String(8), nullable=False),
    Column("label", Text, nullable=False),
    Column("admin1", JSON, nullable=False),
    Column("documents", JSON, nullable=False),
    Column("checks", JSON, nullable=False),
    # the first and last day of its dated claims (an event spans one day or two, R5), and
    # every claim it drew on: what an incremental rebuild reads to find the blocks a new
    # report touches and to see whether recomputing one changed its neighbours
    Column("first_day", String(10)),
    Column("last_day", String(10)),
    Column("members", JSON),
    Index("ix_events_date", "date"),
    Index("ix_events_country", "country"),
    Index("ix_events_country_first_day", "country", "first_day"),
    Index("ix_events_date_key", "date", "key"),
)

event_regions = Table(
    "event_regions",
    metadata,
    Column("event_key", String(128), ForeignKey("events.key", ondelete="CASCADE"), primary_key=True),
    Column("admin1", String(16), primary_key=True),
    Index("ix_event_regions_admin1", "admin1"),
)

event_documents = Table(
    "event_documents",
    metadata,
    Column("event_key", String(128), ForeignKey("events.key", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", String(512), primary_key=True),
    Index("ix_event_documents_doc_id", "doc_id"),
)

event_figures = Table(
    "event_figures",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("event_key", String(128), ForeignKey("events.key", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("measure", String(64), nullable=False),
    Column("weapon", String(64)),
    Column("admin1", String(16)),
    Column("place", Text),
    Column("low", Float),
    Column("best", Float, nullable=False),
    Column("high", Float),
    Column("status", String(16), nullable=False),
    Column("sources", JSON, nullable=False),
    Column("history", JSON, nullable=False),
    Column("unit", String(64)),
    Column("group", String(64)),
    # the best claim's qualifier; "vague" figures are never added into totals (migration 0002)
    Column("qualifier", String(16), nullable=False, server_default=str(Qualifier.EXACT)),
    Index("ix_event_figures_event_key", "event_key"),
    Index("ix_event_figures_kind_measure", "kind", "measure"),
    Index("ix_event_figures_admin1", "admin1"),
)

event_claims = Table(
    "event_claims",
    metadata,
    Column("figure_id", ID, ForeignKey("event_figures.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("fact_id", ID, ForeignKey("facts.id"), nullable=False),
    Index("ix_event_claims_fact_id", "fact_id"),
)

# Analysts' reviews of facts (warledger.review): append-only, newest wins, never deleted.
# ``fact_key`` is what the fact is (its report, kind, measure, ...): a review reaches the
# same fact again after its report is re-ingested; ``fact_id`` is the row it was made on.
corrections = Table(
    "corrections",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("fact_id", ID, nullable=False),
    Column("doc_id", String(512), nullable=False),
    Column("fact_key", Text, nullable=False),
    Column("action", String(16), nullable=False),
    Column("value", Float),
    Column("measure", String(64)),
    Column("admin1", String(16)),
    Column("place", Text),
    Column("reviewer", Text, nullable=False),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_corrections_doc_id", "doc_id"),
)

# Per day, country and figure key, the totals that ``timeseries`` and ``region_totals``
# report, kept up to date whenever events are written (``sql._refresh_day_totals``): the
# national total of each event's figures (``admin1`` ""), and the sum per region. The
# dashboard's chart and map read these few rows per day instead of every event figure.
day_totals = Table(
    "day_totals",
    metadata,
    Column("date", String(32), primary_key=True),
    Column("country", String(8), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("measure", String(64), primary_key=True),
    Column("weapon", String(64), primary_key=True),  # "" for none
    Column("admin1", String(16), primary_key=True),  # "" for the national total
    Column("value", Float, nullable=False),
    Index("ix_day_totals_admin1_date", "admin1", "date"),
)

# The totals of what ``day_totals`` holds by week (from Monday), month and year, and over all
# time (``period`` "all", ``start`` ""), kept with it (``sql._refresh_periods``): a long
# ledger's chart by month and its region map read a few thousand rows, not every day's.
# Periods "week+", "month+", "year+" roll the national rows up by measure alone (country,
# kind, weapon ""): what the unfiltered chart reads.
period_totals = Table(
    "period_totals",
    metadata,
    Column("period", String(8), primary_key=True),  # week, month, year, all; week+, month+, year+
    Column("start", String(10), primary_key=True),  # its first day ("" for all)
    Column("country", String(8), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("measure", String(64), primary_key=True),
    Column("weapon", String(64), primary_key=True),  # "" for none
    Column("admin1", String(16), primary_key=True),  # "" for the national total
    Column("value", Float, nullable=False),
    # covers the unfiltered reads (a chart by month, the all-time map) without the table
    Index("ix_period_totals_read", "period", "admin1", "start", "measure", "value"),
)

# Row counts kept in the transaction that changes them (``sql._apply_counts``), so that a
# list's ``total`` is a sum of a few rows, not a count of a million: ``what`` "documents"
# (current revisions) and "events" in one row each (the other key columns ""), and "facts"
# (of current revisions) per country, kind, measure, weapon and region ("" for none): the
# filters a fact list can be counted by from here. ``warledger rebuild`` counts them afresh.
ledger_counts = Table(
    "ledger_counts",
    metadata,
    Column("what", String(16), primary_key=True),
    Column("country", String(8), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("measure", String(64), primary_key=True),
    Column("weapon", String(64), primary_key=True),
    Column("admin1", String(16), primary_key=True),
    Column("n", Integer, nullable=False),
)

# One row: a number every write transaction adds one to as it commits (``SqlStore._write``),
# so a reader can tell in one indexed read whether anything changed since it last looked
# (the API's response cache is keyed by it: ``webapi.cache``). Writes made around warledger,
# by hand in SQL, do not count it.
ledger_version = Table(
    "ledger_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
)

__all__ = [
    "corrections",
    "day_totals",
    "documents",
    "event_claims",
    "event_documents",
    "event_figures",
    "event_regions",
    "events",
    "facts",
    "ledger_counts",
    "ledger_version",
    "metadata",
    "period_totals",
]
