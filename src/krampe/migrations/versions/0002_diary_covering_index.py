"""Diary: the (user_id, started_at) index covers the pattern query's columns (PostgreSQL).

The pattern query reads a year of one user's entries. Rows are stored in the order they
are written, so one user's year is spread over hundreds of heap pages: cold, that meant
about 500 page reads (bench/diary_patterns.py). With the columns it reads in the index
(INCLUDE), an index-only scan reads about a dozen. SQLite keeps the plain index: a
single-host database small enough to stay in the page cache.

The index is built CONCURRENTLY (writes go on meanwhile), then takes the old one's name.

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
    if op.get_bind().dialect.name != "postgresql":
        return
    with op.get_context().autocommit_block():
        op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {NAME}_new")
        op.create_index(f"{NAME}_new", "diary_entries", ["user_id", "started_at"],
                        postgresql_include=include, postgresql_concurrently=True)
        op.execute(f"DROP INDEX CONCURRENTLY {NAME}")
        op.execute(f"ALTER INDEX {NAME}_new RENAME TO {NAME}")


def upgrade() -> None:
    _swap(INCLUDE)


def downgrade() -> None:
    _swap([])
