"""Argon2id password hashing (argon2-cffi, its RFC 9106 low-memory defaults)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

# A valid hash to verify against when the username does not exist, so a login for an
# unknown account takes as long as one with a wrong password (no user enumeration).
_DUMMY_HASH = _hasher.hash("krampe-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
