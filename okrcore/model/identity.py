"""Who a participant is: an id that typing a name cannot take.

A browser keeps a random secret (a cookie set by the app); the id stored on notes, votes,
check-ins and dependency answers is a hash of that secret, never the secret itself. Exports
and the history carry the id, and anyone may read them, so the id must not be usable to
act as its owner: only the secret is, and it never leaves the browser and the server. With
sign-in configured, the signed-in user's subject (or e-mail) is hashed the same way, so the
person is the same on every browser.
"""

from __future__ import annotations

import hashlib
import re
import secrets

# "p-" for a browser's participant, "u-" for a signed-in user; then 32 hex digits.
OWNER_ID_PATTERN = r"^([pu]-[0-9a-f]{32})?$"
_SECRET = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def new_browser_secret() -> str:
    """A fresh secret for a browser: 192 random bits, safe in a cookie as it is."""
    return secrets.token_urlsafe(24)


def is_browser_secret(value: str | None) -> bool:
    """Whether a cookie holds a secret this app could have made (anything else is ignored)."""
    return bool(value) and bool(_SECRET.match(value or ""))


def _owner_id(prefix: str, secret: str) -> str:
    return f"{prefix}-{hashlib.sha256(secret.encode()).hexdigest()[:32]}"


def participant_id(secret: str) -> str:
    """The stored id of the browser holding ``secret``."""
    return _owner_id("p", secret)


def signed_in_id(subject: str) -> str:
    """The stored id of a signed-in user, from the identity provider's subject or e-mail."""
    return _owner_id("u", "signed-in:" + subject)
