"""Incremental events: each event's day span and member claims; indexes for block reads;
``day_totals``, the per-day totals the time series and the region map read.

``events.first_day`` / ``last_day`` (the days of its dated claims) and ``members`` (every
claim's fact id) let ``warledger.ledger`` rebuild only the events of the days a report
touches. Existing events get their span from their figures' claims here; their members stay
NULL (regions facts and undated claims are not recorded anywhere), which the ledger treats
as "unknown": run ``warledger rebuild`` once after upgrading for exact incremental updates.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
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
    op.create_table(
        "day_totals",
        sa.Column("date", sa.String(32), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("measure", sa.String(64), nullable=False),
        sa.Column("weapon", sa.String(64), nullable=False),
        sa.Column("admin1", sa.String(16), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint(
            "date", "country", "kind", "measure", "weapon", "admin1", name="pk_day_totals"
        ),
    )
    op.create_index("ix_day_totals_admin1_date", "day_totals", ["admin1", "date"])
    _fill_day_totals()
    op.execute(
        f"UPDATE events SET first_day = COALESCE(({span.format(fn='min')}), substr(date, 1, 10)), "
        f"last_day = COALESCE(({span.format(fn='max')}), substr(date, 1, 10))"
    )


# What version 2 counts, written out here (a migration does not import code that changes):
# the measures totalled by kind, vague figures left out (R13 of revision 2); per event and (kind, measure, weapon) the national figure
# where there is one, else the sum of the regional parts; per region, the sum of its figures.
TOTALS = {"munitions": ("launched", "intercepted", "hit"), "casualties": ("killed", "injured")}


def _fill_day_totals() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT e.key, e.date, e.country, f.kind, f.measure, f.weapon, f.admin1, f.best "
            "FROM event_figures f JOIN events e ON e.key = f.event_key "
            "WHERE e.date IS NOT NULL AND f.qualifier != 'vague'"
        )
    ).all()
    groups: dict[tuple, list[tuple]] = {}
    for key, day, country, kind, measure, weapon, admin1, best in rows:
        if measure in TOTALS.get(kind, ()):
            groups.setdefault((key, day, country, kind, measure, weapon or ""), []).append(
                (admin1, float(best or 0))
            )
    totals: dict[tuple, float] = {}
    for (_key, day, country, kind, measure, weapon), figs in groups.items():
        whole = [v for a, v in figs if a is None]
        k = (day, country, kind, measure, weapon, "")
        totals[k] = totals.get(k, 0.0) + (max(whole) if whole else sum(v for _, v in figs))
        for a, v in figs:
            if a is not None:
                k = (day, country, kind, measure, weapon, a)
                totals[k] = totals.get(k, 0.0) + v
    if totals:
        table = sa.table(
            "day_totals",
            *(sa.column(c) for c in ("date", "country", "kind", "measure", "weapon", "admin1", "value")),
        )
        op.bulk_insert(
            table,
            [
                {"date": d, "country": c, "kind": k, "measure": m, "weapon": w, "admin1": a, "value": v}
                for (d, c, k, m, w, a), v in totals.items()
            ],
        )


def downgrade() -> None:
    op.drop_table("day_totals")
    op.drop_index("ix_facts_country_date", table_name="facts")
    op.drop_index("ix_events_date_key", table_name="events")
    op.drop_index("ix_events_country_first_day", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("members")
        batch.drop_column("last_day")
        batch.drop_column("first_day")
