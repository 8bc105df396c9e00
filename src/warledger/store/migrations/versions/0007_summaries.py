"""Summaries kept on write, so that the API's lists and aggregates read a few rows, not every
one (issue 8): ``ledger_counts`` (current documents, events, and current facts per country,
kind, measure, weapon and region) and ``period_totals`` (``day_totals`` by week, month, year
and all time, and the national weeks, months and years by measure alone: "week+" etc.). Both are filled here from the rows an existing ledger holds.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KEY = ("country", "kind", "measure", "weapon", "admin1")


def upgrade() -> None:
    period_totals = op.create_table(
        "period_totals",
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("start", sa.String(10), nullable=False),
        *(sa.Column(c, sa.String(n), nullable=False) for c, n in zip(KEY, (8, 32, 64, 64, 16), strict=True)),
        sa.Column("value", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("period", "start", *KEY, name="pk_period_totals"),
    )
    op.create_index(
        "ix_period_totals_read", "period_totals", ["period", "admin1", "start", "measure", "value"]
    )
    ledger_counts = op.create_table(
        "ledger_counts",
        sa.Column("what", sa.String(16), nullable=False),
        *(sa.Column(c, sa.String(n), nullable=False) for c, n in zip(KEY, (8, 32, 64, 64, 16), strict=True)),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("what", *KEY, name="pk_ledger_counts"),
    )
    conn = op.get_bind()
    # the counts, as revision 7 keeps them ("" for a fact column without a value)
    counts: dict[tuple[str, ...], int] = {}
    for *key, n in conn.execute(
        sa.text(
            "SELECT f.country, f.kind, f.measure, f.weapon, f.admin1, count(*) FROM facts f "
            "JOIN documents d ON d.id = f.document_id WHERE d.is_current "
            "GROUP BY f.country, f.kind, f.measure, f.weapon, f.admin1"
        )
    ):
        k = ("facts", *(v or "" for v in key))
        counts[k] = counts.get(k, 0) + int(n)
    blank = ("",) * len(KEY)
    counts[("documents", *blank)] = int(
        conn.execute(sa.text("SELECT count(*) FROM documents WHERE is_current")).scalar_one()
    )
    counts[("events", *blank)] = int(conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one())
    op.bulk_insert(
        ledger_counts,
        [{"what": k[0], **dict(zip(KEY, k[1:], strict=True)), "n": n} for k, n in counts.items()],
    )
    # the periods, summed from the day totals (weeks from Monday)
    sums: dict[tuple[str, ...], float] = {}
    for day, *key, value in conn.execute(
        sa.text("SELECT date, country, kind, measure, weapon, admin1, value FROM day_totals")
    ):
        d = date.fromisoformat(day[:10])
        week = date.fromordinal(d.toordinal() - d.weekday()).isoformat()
        for period, start in (
            ("week", week),
            ("month", day[:7] + "-01"),
            ("year", day[:4] + "-01-01"),
            ("all", ""),
        ):
            k = (period, start, *key)
            sums[k] = sums.get(k, 0.0) + float(value)
            if period != "all" and key[-1] == "":  # the national roll-up by measure alone
                k = (period + "+", start, "", "", key[2], "", "")
                sums[k] = sums.get(k, 0.0) + float(value)
    rows = [
        {"period": k[0], "start": k[1], **dict(zip(KEY, k[2:], strict=True)), "value": v}
        for k, v in sums.items()
    ]
    for n in range(0, len(rows), 5000):
        op.bulk_insert(period_totals, rows[n : n + 5000])


def downgrade() -> None:
    op.drop_table("ledger_counts")
    op.drop_table("period_totals")
