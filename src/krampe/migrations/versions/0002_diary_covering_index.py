"""Diary: the (user_id, started_at) index covers the pattern query's columns (PostgreSQL).

The pattern query reads a year of one user's entries. Rows are stored in the order they
are written, so one user's year is spread over hundreds of heap pages: cold, that meant
about 500 page reads (bench/diary_patterns.py). With the columns it reads in the index
(INCLUDE), an index-only scan reads about a dozen. SQLite keeps the plain index: a
single-host database small enough to stay in the page cache.

The new index is built inside the migration's transaction (writes to diary_entries wait
for the build: seconds per million rows). On a large table an operator builds it first
without blocking writes, and the migration then only swaps the names (docs/deploy.md):

    CREATE INDEX CONCURRENTLY ix_diary_entries_user_started_new ON diary_entries
        (user_id, started_at) INCLUDE (duration_seconds, intensity, situation,
        disturbed_sleep, disturbed_work, contexts);

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NAME = "ix_diary_entries_user_started"
INCLUDE = ["duration_seconds", "intensity", "situation", "disturbed_sleep", "disturbed_work",
           "contexts"]


def _swap(include: list[str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    prebuilt = bind.exec_driver_sql(
        "SELECT to_regclass(current_schema() || '.' || %(name)s) IS NOT NULL",
        {"name": f"{NAME}_new"}).scalar() if include else False
    if not prebuilt:
        op.execute(f"DROP INDEX IF EXISTS {NAME}_new")
        op.create_index(f"{NAME}_new", "diary_entries", ["user_id", "started_at"],
                        postgresql_include=include)
    op.execute(f"DROP INDEX {NAME}")
    op.execute(f"ALTER INDEX {NAME}_new RENAME TO {NAME}")


def upgrade() -> None:
    _swap(INCLUDE)


def downgrade() -> None:
    _swap([])
