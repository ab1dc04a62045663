"""Runtime configuration (environment variables prefixed KRAMPE_, plus DATABASE_URL)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KRAMPE_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path(user_data_dir("krampe", appauthor=False)))
    # The contract: longer questions/descriptions are rejected, never truncated.
    max_input_chars: int = 5000
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "KRAMPE_DATABASE_URL")
    )
    secret_key: str | None = None

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
