"""The two secrets in digest links: a one-off confirmation token and a lasting unsubscribe link."""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing

# Longer than any token we hand out; anything longer is refused before it is hashed or unsigned.
TOKEN_MAX_LENGTH = 100
_UNSUBSCRIBE_SALT = "portal.digest.unsubscribe"


def new_confirmation_token() -> tuple[str, str]:
    """A fresh token for the confirmation link and the hash to store in its place."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    # The token carries 256 random bits, so a plain SHA-256 is enough: there is nothing to guess.
    return hashlib.sha256(token.encode()).hexdigest()


def new_unsubscribe_key() -> str:
    return secrets.token_urlsafe(16)


def unsubscribe_token(unsubscribe_key: str) -> str:
    # Every digest repeats the same link, so it cannot be a one-off token stored as a hash;
    # signing the stored key instead means the database alone does not unsubscribe anybody.
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign(unsubscribe_key)


def unsubscribe_key_from(token: str) -> str | None:
    """The key a genuine unsubscribe token carries, or None for anything else."""
    if len(token) > TOKEN_MAX_LENGTH:
        return None
    try:
        return signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
