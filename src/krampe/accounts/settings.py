"""Account settings: secret key, cookie policy and limits (env KRAMPE_...)."""

from __future__ import annotations

import os
import secrets
import time
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from krampe.config import get_settings


class AccountSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KRAMPE_", extra="ignore")

    # "auto": Secure when the request came over HTTPS (uvicorn --proxy-headers turns a
    # proxy's X-Forwarded-Proto into the request scheme); "always"/"never" override.
    cookie_secure: Literal["auto", "always", "never"] = "auto"
    # Sessions end 30 days after the log-in (absolute) or after 7 days unused (idle).
    session_days: int = Field(default=30, ge=1)
    session_idle_days: float = Field(default=7.0, gt=0)

    # Log-in limits. Per (account, client): the first failures are free, then each attempt
    # waits a delay that doubles from login_delay_seconds up to the window. Per client,
    # across accounts: at most login_client_max_failures failures per window. There is no
    # limit per account alone, so nobody can lock the owner out from elsewhere.
    login_free_failures: int = Field(default=5, ge=1)
    login_delay_seconds: float = Field(default=30.0, gt=0)
    login_window_minutes: int = Field(default=15, ge=1)
    login_client_max_failures: int = Field(default=30, ge=1)
    # New accounts per client address.
    register_max_per_window: int = Field(default=10, ge=1)
    register_window_minutes: int = Field(default=60, ge=1)


@lru_cache(maxsize=1)
def account_settings() -> AccountSettings:
    return AccountSettings()


def secret_key() -> str:
    """KRAMPE_SECRET_KEY if set, else a key generated once and kept in KRAMPE_HOME (0600)."""
    settings = get_settings()
    if settings.secret_key:
        return settings.secret_key
    return _key_file(settings.ensure_home() / "secret_key")


@lru_cache(maxsize=8)
def _key_file(path: Path) -> str:
    try:
        # O_EXCL: when several workers start at once exactly one writes the key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            key = path.read_text().strip()
            if key:
                return key
            time.sleep(0.02)  # the creating worker has not written it yet
        raise RuntimeError(f"{path} is empty") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
        fh.flush()
        os.fsync(fh.fileno())
    return key
