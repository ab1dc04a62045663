"""Diary: the daily roll-up diary_day_totals (one row per user and local day), backfilled.

The pattern query read every entry of a year (about 500 rows per active user, 6-7 ms of
CPU to turn into patterns); it now reads one narrow row per day with entries or a day
record. Each diary write recomputes its day in the same transaction (diary.rollup).
On PostgreSQL the primary key covers the columns the read selects (INCLUDE), so a year is
an index-only scan.

The backfill runs the application's own aggregation (diary.days) over every entry, user
batch by user batch, inside the migration's transaction: writes to the diary wait for it
(about a minute per million entries on a small machine); run `krampe db upgrade` on one
process before a rolling restart (docs/deploy.md).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# The aggregation is the application's: one source with the writes.
from krampe.diary.rollup import backfill

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ["entries", "night", "disturbed", "exercise", "contexts", "durations",
           "intensities", "last_started_at", "version"]


def _columns() -> list[sa.Column]:
    """The table's columns as of this revision (the backfill writes only these)."""
    return [
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("night", sa.Integer(), nullable=False),
        sa.Column("disturbed", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.Integer(), nullable=False),
        sa.Column("contexts", sa.JSON(), nullable=False),
        sa.Column("durations", sa.JSON(), nullable=False),
        sa.Column("intensities", sa.JSON(), nullable=False),
        sa.Column("last_started_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "diary_day_totals",
        *_columns(),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_diary_day_totals_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "day", name="pk_diary_day_totals",
                                postgresql_include=COLUMNS),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.execute(sa.text("SET LOCAL statement_timeout = 0"))
    frozen = sa.table("diary_day_totals", *(sa.column(c.name, c.type) for c in _columns()))
    backfill(bind, table=frozen)


def downgrade() -> None:
    op.drop_table("diary_day_totals")
