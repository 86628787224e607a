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
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from okrcore.formats.digest import MARKDOWN, SLACK, Flavour, digest_markdown
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
    """Slack's mrkdwn for a Slack webhook, Markdown for every other chat."""
    host = (urlsplit(url).hostname or "").lower()
    return SLACK if host == "slack.com" or host.endswith(".slack.com") else MARKDOWN


def send_to_webhook(url: str, text: str, *, timeout: float = POST_TIMEOUT_SECONDS) -> None:
    """One POST of ``{"text": text}``; raises on any failure, including a non-2xx answer.

    The standard library's ``urllib.request`` is enough for one JSON POST, so posting needs
    no new dependency. Redirects are not followed: a webhook answers directly, and following
    one could hand the digest to an address nobody configured.
    """
    body = json.dumps({"text": text}).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    opener = urllib.request.build_opener(_NoRedirects)
    with opener.open(request, timeout=timeout) as response:
        response.read()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # the 3xx answer is then raised as an HTTPError


def _reason(error: Exception) -> str:
    """What went wrong, in a sentence a facilitator can act on."""
    if isinstance(error, urllib.error.HTTPError):
        return f"the chat answered {error.code} {error.reason}".rstrip()
    if isinstance(error, urllib.error.URLError):
        return f"the address could not be reached ({error.reason})"
    if isinstance(error, TimeoutError):
        return f"no answer within {POST_TIMEOUT_SECONDS:g} seconds"
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
