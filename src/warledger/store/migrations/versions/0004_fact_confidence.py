"""Facts keep the extractor's confidence and the doubts behind it ("guessed-place",
"distant-verb", "unattributed"), so that doubtful facts can be listed for review.

Facts stored before this revision were extracted without it: 1.0 and no doubts, until
their reports are ingested again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"))
        batch.add_column(sa.Column("doubts", sa.JSON, nullable=False, server_default="[]"))
    op.create_index("ix_facts_confidence", "facts", ["confidence"])


def downgrade() -> None:
    op.drop_index("ix_facts_confidence", table_name="facts")
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("doubts")
        batch.drop_column("confidence")
