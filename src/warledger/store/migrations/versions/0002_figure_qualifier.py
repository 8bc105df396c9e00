"""Event figures keep their qualifier: a figure every report states only vaguely ("dozens
of drones") is shown as vague and left out of totals (reconcile.across R13). Documents keep
the publisher their own metadata names (SOURCES.tsv, JSON Lines, the page's site name).
Analysts' reviews of facts (confirm / correct / reject) are kept in ``corrections``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # figures stored before this revision were built without qualifiers: "exact" is what
    # every reader took them to be; the next event rebuild sets the real ones
    with op.batch_alter_table("event_figures") as batch:
        batch.add_column(sa.Column("qualifier", sa.String(16), nullable=False, server_default="exact"))
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("publisher", sa.Text))
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fact_id", sa.Integer, nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("fact_key", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("measure", sa.String(64)),
        sa.Column("admin1", sa.String(16)),
        sa.Column("place", sa.Text),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_doc_id", "corrections", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_corrections_doc_id", table_name="corrections")
    op.drop_table("corrections")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("publisher")
    with op.batch_alter_table("event_figures") as batch:
        batch.drop_column("qualifier")
