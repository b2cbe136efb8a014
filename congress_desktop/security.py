"""Hashing of secrets: PINs and passwords (argon2id), terminal credentials and tokens (SHA-256).

PIN hashes are verified offline on the terminal, so the parameters are chosen to cost tens of
milliseconds on a kiosk PC rather than a server-grade second.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def hash_secret(secret: str) -> str:
    """argon2id hash of a PIN or password."""
    return _hasher.hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher.verify(stored_hash, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token(nbytes: int = 24) -> str:
    """A URL-safe random token (enrollment tokens, terminal credentials)."""
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    """SHA-256 of a high-entropy token; enough for random tokens (no brute force possible)."""
    return hashlib.sha256(token.encode()).hexdigest()


def digest_matches(stored_digest: str, token: str) -> bool:
    return hmac.compare_digest(stored_digest, token_digest(token))
