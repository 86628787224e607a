"""The weekly digest's webhook address: which addresses are accepted, and how one is shown.

An incoming-webhook address (Slack, Microsoft Teams, Mattermost) is a secret: whoever holds
it can post into the team's channel. So it is checked once, here, for every writer (the
facilitator's setting, an import), and it is only ever shown back masked.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEBHOOK_MAX = 2000
SHOWN_TAIL = 4


def check_webhook_url(value: str) -> str:
    """An http or https address with a host, or "" for none; anything else is refused, so
    the server never posts to a file, an ftp address or a bare name."""
    value = value.strip()
    if not value:
        return ""
    if any(ch.isspace() for ch in value):
        raise ValueError("a webhook address has no spaces")
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
        raise ValueError("must be an http:// or https:// address, as the chat app gives it")
    return value


def masked_webhook_url(url: str) -> str:
    """Enough of the address to recognise it, never enough to use it:
    ``https://hooks.slack.com/…x9Qz`` (scheme, host and the last four characters)."""
    if not url:
        return ""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.hostname}"
    rest = url.removeprefix(origin)
    tail = rest[-SHOWN_TAIL:] if len(rest) > 2 * SHOWN_TAIL else ""
    return f"{origin}/…{tail}"
