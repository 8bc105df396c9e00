"""Event figures keep their qualifier: a figure every report states only vaguely ("dozens
of drones") is shown as vague and left out of totals (reconcile.across R13). Documents keep
the publisher their own metadata names (SOURCES.tsv, JSON Lines, the page's site name).

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


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("publisher")
    with op.batch_alter_table("event_figures") as batch:
        batch.drop_column("qualifier")
