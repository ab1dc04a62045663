"""Argon2id password hashing (argon2-cffi).

Parameters: OWASP's recommended minimum for Argon2id (19 MiB, 2 passes, 1 lane). The
library default (64 MiB, 3 passes, 4 lanes) costs about half a second of CPU per log in on
a 2-core server, which turns the log-in form into a denial-of-service lever; hashes made
with other parameters are upgraded at the next successful log in (`needs_rehash`).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

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
