"""Pydantic shapes of the account API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class PasswordConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: str = Field(max_length=1000)


class AccountOut(BaseModel):
    username: str
    csrf_token: str = Field(description="Send som X-CSRF-Token ved POST/PUT/DELETE")


class SessionOut(BaseModel):
    created_at: datetime = Field(description="Logget ind (UTC)")
    last_seen_at: datetime = Field(description="Sidst brugt (UTC)")
    current: bool = Field(description="Denne session")
