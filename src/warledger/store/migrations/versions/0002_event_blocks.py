"""Incremental events: each event's day span and member claims; indexes for block reads.

``events.first_day`` / ``last_day`` (the days of its dated claims) and ``members`` (every
claim's fact id) let ``warledger.ledger`` rebuild only the events of the days a report
touches. Existing events get their span from their figures' claims here; their members stay
NULL (regions facts and undated claims are not recorded anywhere), which the ledger treats
as "unknown": run ``warledger rebuild`` once after upgrading for exact incremental updates.

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
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("first_day", sa.String(10)))
        batch.add_column(sa.Column("last_day", sa.String(10)))
        batch.add_column(sa.Column("members", sa.JSON))
    op.create_index("ix_events_country_first_day", "events", ["country", "first_day"])
    op.create_index("ix_events_date_key", "events", ["date", "key"])
    op.create_index("ix_facts_country_date", "facts", ["country", "date"])
    span = (
        "SELECT {fn}(substr(f.date, 1, 10)) FROM event_figures g "
        "JOIN event_claims c ON c.figure_id = g.id JOIN facts f ON f.id = c.fact_id "
        "WHERE g.event_key = events.key AND f.date IS NOT NULL"
    )
    op.execute(
        f"UPDATE events SET first_day = COALESCE(({span.format(fn='min')}), substr(date, 1, 10)), "
        f"last_day = COALESCE(({span.format(fn='max')}), substr(date, 1, 10))"
    )


def downgrade() -> None:
    op.drop_index("ix_facts_country_date", table_name="facts")
    op.drop_index("ix_events_date_key", table_name="events")
    op.drop_index("ix_events_country_first_day", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("members")
        batch.drop_column("last_day")
        batch.drop_column("first_day")
