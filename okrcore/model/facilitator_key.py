"""Who may do what: the facilitator key, stored only as a salted scrypt hash."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from functools import lru_cache

# scrypt cost: about 20 ms on a laptop, once per key thanks to the cache below.
_N, _R, _P = 2**14, 8, 1


def new_key() -> str:
    """A fresh facilitator key: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def hash_key(key: str, *, salt: bytes | None = None) -> str:
    """Hash a key as ``scrypt$n$r$p$salt$hash`` so the key itself is never stored."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(key.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


# What new_key makes (URL-safe base64), with room for other lengths; anything else is refused
# before hashing, so random strings in ?k= cannot keep a core busy.
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


@lru_cache(maxsize=1024)
def verify_key(stored_hash: str, key: str | None) -> bool:
    """True when ``key`` matches ``stored_hash``; cached because pages ask on every rerun."""
    if not key or not _KEY_SHAPE.fullmatch(key):
        return False  # not a key this app makes: no scrypt run spent on it
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored_hash.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            key.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, UnicodeEncodeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)
