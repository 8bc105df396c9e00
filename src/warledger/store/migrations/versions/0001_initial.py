"""The initial ledger schema: documents, facts, events and their figures and claims.

Written out in full rather than built from ``warledger.store.schema``: a migration is a
record of what version 1 was, and must not change when the schema module does.

Revision ID: 0001
Revises:
Create Date: 2025-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("doc_id", "revision", name="uq_documents_doc_id_revision"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index(
        "uq_documents_current",
        "documents",
        ["doc_id"],
        unique=True,
        sqlite_where=sa.text("is_current = 1"),
        postgresql_where=sa.text("is_current"),
    )

    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("measure", sa.String(64), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("weapon", sa.String(64)),
        sa.Column("admin1", sa.String(16)),
        sa.Column("place", sa.Text),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(64)),
        sa.Column("group", sa.String(64)),
        sa.Column("date", sa.String(32)),
        sa.Column("source", sa.Text),
        sa.Column("historical", sa.Boolean, nullable=False),
        sa.Column("members", sa.JSON, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.Column("geonameid", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_facts"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_facts_document_id_documents", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_facts_document_id", "facts", ["document_id"])
    op.create_index("ix_facts_doc_id", "facts", ["doc_id"])
    op.create_index("ix_facts_date", "facts", ["date"])
    op.create_index("ix_facts_kind_measure", "facts", ["kind", "measure"])
    op.create_index("ix_facts_admin1", "facts", ["admin1"])
    op.create_index("ix_facts_weapon", "facts", ["weapon"])
    op.create_index("ix_facts_country", "facts", ["country"])

    op.create_table(
        "events",
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("admin1", sa.JSON, nullable=False),
        sa.Column("documents", sa.JSON, nullable=False),
        sa.Column("checks", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_events"),
    )
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_country", "events", ["country"])

    op.create_table(
        "event_regions",
        sa.Column("event_key", sa.String(128), nullable=False),
        sa.Column("admin1", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("event_key", "admin1", name="pk_event_regions"),
        sa.ForeignKeyConstraint(
            ["event_key"], ["events.key"], name="fk_event_regions_event_key_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_event_regions_admin1", "event_regions", ["admin1"])

    op.create_table(
        "event_documents",
        sa.Column("event_key", sa.String(128), nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.PrimaryKeyConstraint("event_key", "doc_id", name="pk_event_documents"),
        sa.ForeignKeyConstraint(
            ["event_key"], ["events.key"], name="fk_event_documents_event_key_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_event_documents_doc_id", "event_documents", ["doc_id"])

    op.create_table(
        "event_figures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_key", sa.String(128), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("measure", sa.String(64), nullable=False),
        sa.Column("weapon", sa.String(64)),
        sa.Column("admin1", sa.String(16)),
        sa.Column("place", sa.Text),
        sa.Column("low", sa.Float),
        sa.Column("best", sa.Float, nullable=False),
        sa.Column("high", sa.Float),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("history", sa.JSON, nullable=False),
        sa.Column("unit", sa.String(64)),
        sa.Column("group", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_event_figures"),
        sa.ForeignKeyConstraint(
            ["event_key"], ["events.key"], name="fk_event_figures_event_key_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_event_figures_event_key", "event_figures", ["event_key"])
    op.create_index("ix_event_figures_kind_measure", "event_figures", ["kind", "measure"])
    op.create_index("ix_event_figures_admin1", "event_figures", ["admin1"])

    op.create_table(
        "event_claims",
        sa.Column("figure_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("fact_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("figure_id", "seq", name="pk_event_claims"),
        sa.ForeignKeyConstraint(
            ["figure_id"],
            ["event_figures.id"],
            name="fk_event_claims_figure_id_event_figures",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["fact_id"], ["facts.id"], name="fk_event_claims_fact_id_facts"),
    )
    op.create_index("ix_event_claims_fact_id", "event_claims", ["fact_id"])


def downgrade() -> None:
    for table in (
        "event_claims",
        "event_figures",
        "event_documents",
        "event_regions",
        "events",
        "facts",
        "documents",
    ):
        op.drop_table(table)
