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


TOKEN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
"""Letters and digits a technician can read aloud and type: no 0/O, 1/l/I, and no leading
``-`` that a command line would take for an option."""


def new_token(length: int = 32) -> str:
    """A random token (enrollment tokens, credentials): 32 symbols ≈ 186 bits."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(length))


def token_digest(token: str) -> str:
    """SHA-256 of a high-entropy token; enough for random tokens (no brute force possible)."""
    return hashlib.sha256(token.encode()).hexdigest()


def digest_matches(stored_digest: str, token: str) -> bool:
    return hmac.compare_digest(stored_digest, token_digest(token))
