"""Settings that must not half work: secret key, trusted proxies, connection budget."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from krampe.config import Settings, connection_budget, deployment_problem

KEY = "k" * 48
PG = "postgresql+psycopg://postgres@127.0.0.1/krampe"


def test_secret_key_required_with_postgresql_or_several_workers():
    assert deployment_problem(Settings(database_url=None, secret_key=None), workers=1) is None
    assert "--workers" in (deployment_problem(Settings(secret_key=None), workers=2) or "")
    problem = deployment_problem(Settings(database_url=PG, secret_key=None), workers=1)
    assert problem and "DATABASE_URL" in problem
    assert deployment_problem(Settings(database_url=PG, secret_key=KEY), workers=4) is None
    assert "32" in (deployment_problem(Settings(database_url=PG, secret_key="x"), 1) or "")


def test_trusted_proxies_from_a_comma_or_space_separated_list(monkeypatch):
    monkeypatch.setenv("KRAMPE_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1 ::1")
    assert Settings().trusted_proxies == ["10.0.0.0/8", "127.0.0.1", "::1"]
    monkeypatch.setenv("KRAMPE_TRUSTED_PROXIES", "lb.example")
    with pytest.raises(ValidationError, match="hverken en IP-adresse"):
        Settings()


def test_connection_budget_is_processes_times_workers_times_pool(monkeypatch):
    monkeypatch.setenv("KRAMPE_DB_POOL_SIZE", "4")
    monkeypatch.setenv("KRAMPE_DB_MAX_OVERFLOW", "2")
    settings = Settings()
    assert settings.db_threads == 6
    assert connection_budget(settings, processes=3, workers=2) == 36


def test_engine_pool_size_reaches_sqlalchemy(monkeypatch):
    from krampe.db.engine import make_engine

    monkeypatch.setenv("KRAMPE_DB_POOL_SIZE", "3")
    monkeypatch.setenv("KRAMPE_DB_MAX_OVERFLOW", "1")
    from krampe.config import get_settings

    get_settings.cache_clear()
    engine = make_engine(PG)
    assert engine.pool.size() == 3 and engine.pool._max_overflow == 1  # type: ignore[attr-defined]
    engine.dispose()
