"""Runtime configuration (environment variables prefixed KRAMPE_, plus DATABASE_URL)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# PostgreSQL's default max_connections, and the connections it keeps for superusers
# (superuser_reserved_connections): the budget `connection_budget` checks against.
PG_DEFAULT_MAX_CONNECTIONS = 100
PG_RESERVED_CONNECTIONS = 3


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KRAMPE_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path(user_data_dir("krampe", appauthor=False)))
    # The contract: longer questions/descriptions are rejected, never truncated.
    max_input_chars: int = 5000
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "KRAMPE_DATABASE_URL")
    )
    secret_key: str | None = None
    # Database time limits (seconds). A stalled database answers 503 after these instead of
    # holding requests, and worker threads, for ever. The statement timeout is PostgreSQL's
    # statement_timeout (also for lock waits) and SQLite's busy_timeout.
    db_connect_timeout: float = Field(default=5.0, gt=0)
    db_statement_timeout: float = Field(default=10.0, gt=0)

    # Database connections per worker process: `db_pool_size` kept open, up to
    # `db_max_overflow` more under load. The whole deployment must stay below
    # PostgreSQL's max_connections (docs/deploy.md: `connection_budget`).
    db_pool_size: int = Field(5, ge=1, le=100)
    db_max_overflow: int = Field(5, ge=0, le=100)
    # Seconds a request waits for a free connection before it gets a 503.
    db_pool_timeout: float = Field(10.0, gt=0, le=300)
    # Requests that may wait for a database thread once all are busy; more get a 503.
    db_queue: int = Field(64, ge=0, le=10_000)

    # Index caches kept in KRAMPE_HOME/index, the most recently used (the one just written
    # among them); older ones unused for an hour go when a new one is written
    # (krampe.knowledge.store.prune).
    index_cache_keep: int = Field(8, ge=1, le=1000)

    # Search and triage run here, never on the event loop (krampe.web.offload).
    engine_executor: Literal["thread", "process"] = "process"
    engine_workers: int = Field(2, ge=1, le=64)
    engine_queue: int = Field(32, ge=0, le=10_000)
    # The process pool's CPU priority below the event loop's (nice increment, 0 = same):
    # a busy engine never makes a health check wait for a core.
    engine_nice: int = Field(10, ge=0, le=19)
    # Questions and triage per client address (each worker counts its own), as
    # "N/second|minute|hour"; more gets a Danish 429.
    api_rate_limit: str = "60/minute"
    # Expired log-in counters, ended sessions and old write keys are deleted this often
    # (seconds), also right after start-up: the privacy page promises 15 minutes.
    purge_interval_seconds: float = Field(default=60.0, gt=0)

    # The clinic profile (KRAMPE_CLINIC, or `--clinic`): its name, booking and articles on
    # the pages, and the sites that may embed /embed (docs/clinic.md). None: as shipped.
    clinic: Path | None = None

    # Addresses or networks of the load balancers in front of krampe: only a request from
    # one of them has its X-Forwarded-For (client address) and X-Forwarded-Proto honoured.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_proxies(cls, value: object) -> object:
        if isinstance(value, str):
            value = [part for part in value.replace(",", " ").split() if part]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _valid_proxies(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(
                    f"'{item}' er hverken en IP-adresse eller et net "
                    "(fx 10.0.0.0/8)"
                ) from None
        return value

    @property
    def db_threads(self) -> int:
        """Database threads per worker: one per connection the pool may open."""
        return self.db_pool_size + self.db_max_overflow

    @property
    def uses_sqlite(self) -> bool:
        return not self.database_url or self.database_url.startswith("sqlite")

    def ensure_home(self) -> Path:
        """KRAMPE_HOME, created owner-only (0700): it holds health data and the secret key."""
        if not self.home.is_dir():
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        return self.home


def deployment_problem(settings: Settings, workers: int = 1) -> str | None:
    """A Danish sentence when this configuration would only half work, else None.

    Several processes must sign CSRF tokens and hash log-in addresses with the same key:
    a key generated per KRAMPE_HOME makes every request that lands on another process fail.
    """
    if settings.secret_key:
        if len(settings.secret_key) < 32:
            return "KRAMPE_SECRET_KEY skal være mindst 32 tegn (fx: openssl rand -base64 48)."
        return None
    if not settings.uses_sqlite:
        why = "når DATABASE_URL ikke er SQLite"
    elif workers > 1:
        why = "med --workers over 1"
    else:
        return None
    return (f"KRAMPE_SECRET_KEY skal være sat {why}: alle processer skal dele den samme "
            "nøgle (fx: openssl rand -base64 48).")


def connection_budget(settings: Settings, processes: int, workers: int) -> int:
    """Database connections the deployment may open at most: one pool per worker."""
    return processes * workers * settings.db_threads


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
