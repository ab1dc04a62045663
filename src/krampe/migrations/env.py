"""Alembic environment, driven from krampe.db.migrate (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

import krampe.accounts.models
import krampe.diary.models  # noqa: F401  (register the tables on the metadata)
from krampe.db.base import Base
from krampe.db.engine import make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("Alembic needs an engine or sqlalchemy.url (see krampe.db.migrate)")
        engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
