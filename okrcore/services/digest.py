"""The weekly digest in the team's chat: the facilitator's webhook setting, and posting to it.

Slack, Microsoft Teams and Mattermost incoming webhooks all take a JSON body
``{"text": "..."}`` (Teams' incoming webhooks accept it beside their richer cards), so one
payload shape serves all three. The text is the digest's Markdown
(:func:`okrcore.formats.digest.digest_markdown`), which Mattermost and Teams render; a Slack
address (``*.slack.com``) gets the same digest in Slack's own "mrkdwn"
(:data:`okrcore.formats.digest.SLACK`), where a Markdown escape would not stop a link.

The address is a secret (it lets its holder post into the channel): only the facilitator sets
it, it is shown back masked (:func:`okrcore.model.webhooks.masked_webhook_url`), and a shared
export leaves it out (:data:`okrcore.formats.json_export.SECRET_FIELDS`).
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from okrcore.formats.digest import CHAT_MARKDOWN, SLACK, Flavour, digest_markdown
from okrcore.model.errors import OkrError
from okrcore.model.records import WorkshopDoc
from okrcore.model.webhooks import masked_webhook_url
from okrcore.rules.digest import weekly_digest
from okrcore.services.common import Actor, assign, record_history, require_facilitator
from okrcore.storage.repository import WorkshopRepository

POST_TIMEOUT_SECONDS = 5.0  # a chat webhook answers in well under a second
ATTEMPTS = 2  # a failed post is tried once more, then reported
RETRY_PAUSE_SECONDS = 1.0


class DigestNotPosted(OkrError):
    """The chat did not take the digest after every attempt; the message says why."""


@dataclass(frozen=True)
class Posted:
    """A digest the chat accepted: where (masked), and on which attempt."""

    address: str
    attempts: int


def set_digest_webhook(repo: WorkshopRepository, workshop_id: str, actor: Actor, url: str) -> str:
    """Set (or, with "", remove) where the digest is posted; returns the address masked.

    The history says that the address changed, never what it is.
    """

    def change(doc: WorkshopDoc) -> str:
        require_facilitator(doc, actor, "set where the weekly digest is posted")
        assign(doc, doc.workshop, digest_webhook_url=url)
        action = "set the digest webhook" if url.strip() else "removed the digest webhook"
        record_history(doc, actor, action, doc.workshop)
        return masked_webhook_url(doc.workshop.digest_webhook_url)

    return repo.update(workshop_id, change)


def chat_flavour(url: str) -> Flavour:
    """Slack's mrkdwn for a Slack webhook, chat-safe Markdown for every other chat."""
    host = (urlsplit(url).hostname or "").lower()
    return SLACK if host == "slack.com" or host.endswith(".slack.com") else CHAT_MARKDOWN


def send_to_webhook(url: str, text: str, *, timeout: float = POST_TIMEOUT_SECONDS) -> None:
    """One POST of ``{"text": text}``; raises on any failure, including a non-2xx answer.

    The standard library's ``urllib.request`` is enough for one JSON POST, so posting needs
    no new dependency. Redirects are not followed: a webhook answers directly, and following
    one could hand the digest to an address nobody configured. The answer's body is never
    read (an endless one would fill the server's memory), and the whole post, from the
    name lookup to the status line, has one deadline: a chat that answers a byte at a time
    cannot hold the page. An address on this server's own or private network is refused
    unless ``OKR_WEBHOOK_ALLOW_PRIVATE=1`` (a chat server inside the company).
    """
    refuse_private_address(url)
    body = json.dumps({"text": text}).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    outcome: list[BaseException | None] = []

    def post() -> None:
        try:
            with urllib.request.build_opener(_NoRedirects).open(request, timeout=timeout):
                outcome.append(None)  # a 2xx status line: accepted
        except BaseException as error:  # noqa: BLE001 - handed back to the caller's thread
            outcome.append(error)

    worker = threading.Thread(target=post, name="digest-post", daemon=True)
    worker.start()
    worker.join(timeout * 2)
    if not outcome:
        raise TimeoutError("the chat did not answer in time")
    if outcome[0] is not None:
        raise outcome[0]


def refuse_private_address(url: str) -> None:
    """Refuse a webhook whose host is this server or on a private, link-local or reserved
    network: the server would otherwise post wherever a facilitator points it, and its
    answers would map the inside of the network."""
    if os.environ.get("OKR_WEBHOOK_ALLOW_PRIVATE", "").strip() == "1":
        return
    host = urlsplit(url).hostname or ""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise urllib.error.URLError("the host name is not known") from error
    for *_, address in found:
        ip = ipaddress.ip_address(address[0].split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise PrivateAddress(
                "the address is on this server's own or a private network, where the app "
                "does not post (set OKR_WEBHOOK_ALLOW_PRIVATE=1 for a chat inside the company)"
            )


class PrivateAddress(ValueError):
    """A webhook address this server will not post to; its message says why."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # the 3xx answer is then raised as an HTTPError


def _reason(error: Exception) -> str:
    """What went wrong, in a sentence a facilitator can act on."""
    if isinstance(error, urllib.error.HTTPError):
        # The reason phrase is the remote server's text: plain words only, briefly.
        reason = " ".join(re.sub(r"[^A-Za-z0-9 ]", " ", str(error.reason)).split())[:40]
        return f"the chat answered {error.code} {reason}".rstrip()
    if isinstance(error, urllib.error.URLError):
        return f"the address could not be reached ({error.reason})"
    if isinstance(error, TimeoutError):
        return f"no answer within {POST_TIMEOUT_SECONDS * 2:g} seconds"
    return f"the connection failed ({error.__class__.__name__})"


def post_text(
    url: str,
    text: str,
    *,
    send: Callable[[str, str], None] = send_to_webhook,
    pause: float = RETRY_PAUSE_SECONDS,
) -> Posted:
    """Post ``text``, retried once after a short pause; :class:`DigestNotPosted` if both fail."""
    address = masked_webhook_url(url)
    reasons = []
    for attempt in range(1, ATTEMPTS + 1):
        try:
            send(url, text)
        except PrivateAddress as error:  # trying again cannot change the answer
            raise DigestNotPosted(f"The digest was not posted to {address}: {error}.") from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            reasons.append(_reason(error))
            if attempt < ATTEMPTS:
                time.sleep(pause)
            continue
        return Posted(address, attempt)
    raise DigestNotPosted(
        f"The digest was not posted to {address}: tried {ATTEMPTS} times, and "
        f"{reasons[-1]}. Nothing was lost: copy the Markdown below into the chat, or try again."
    )


def post_weekly_digest(
    repo: WorkshopRepository,
    workshop_id: str,
    actor: Actor,
    week: int,
    *,
    team_id: str | None = None,
    today: date | None = None,
    send: Callable[[str, str], None] = send_to_webhook,
    pause: float = RETRY_PAUSE_SECONDS,
) -> Posted:
    """Post the week's digest (every team's, or ``team_id``'s) to the workshop's webhook.

    The post runs outside the workshop's lock (a slow chat must not hold up check-ins);
    the history then records who posted which week.
    """
    doc = repo.load(workshop_id)
    require_facilitator(doc, actor, "post the weekly digest")
    url = doc.workshop.digest_webhook_url
    if not url:
        raise DigestNotPosted(
            "No webhook is set: the facilitator adds one on Home, in the facilitator panel."
        )
    digest = weekly_digest(doc, week, today or date.today())
    text = digest_markdown(digest.only(team_id) if team_id else digest, chat_flavour(url))
    posted = post_text(url, text, send=send, pause=pause)

    def record(fresh: WorkshopDoc) -> None:
        record_history(fresh, actor, f"posted the weekly digest for week {week}", fresh.workshop)

    repo.update(workshop_id, record)
    return posted
