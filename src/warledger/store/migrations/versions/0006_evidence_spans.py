"""Facts keep the sentences that state them (``Fact.evidence_spans``), so a regions fact
points at each sentence that names its regions and not at the text between the first and
the last (issue 9).

Facts stored before this revision have an empty list, which ``Fact`` reads as its one
``evidence`` span, until their reports are ingested again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("evidence_spans", sa.JSON, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("evidence_spans")
