"""Posting the weekly digest to a chat webhook: a real HTTP POST to a local receiver, retried
once, reported when it fails; the webhook address is the facilitator's secret."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from okrcore.formats.json_export import export_json, parse_export
from okrcore.model.errors import InvalidInput, PermissionDenied
from okrcore.model.records import Blocker, Phase
from okrcore.services.common import Actor, assign
from okrcore.services.digest import (
    DigestNotPosted,
    post_weekly_digest,
    send_to_webhook,
    set_digest_webhook,
)
from okrcore.services.retro import start_next_cycle
from okrcore.services.transfer import import_workshop
from okrcore.services.workshops import set_phase
from okrcore.storage.memory import InMemoryRepository
from tests.unit.test_services_checkins import Seeded, check_in_flat, seed_published
from tests.unit.workshop_factory import seed_scored_cycle

SECRET_PATH = "/hooks/T000/B000/s3cr3tTokenXYZ9"


@contextmanager
def receiver(failures: int) -> Iterator[tuple[str, list[dict], list[int]]]:
    """An incoming webhook on 127.0.0.1 (a free port) that answers 500 to its first
    ``failures`` posts and 200 after: yields its URL, the JSON bodies it took, and the
    status of every post it answered."""
    taken: list[dict] = []
    answers: list[int] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = 500 if len(answers) < failures else 200
            answers.append(status)
            if status == 200:
                assert self.headers["Content-Type"] == "application/json"
                taken.append(json.loads(body))
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"oops")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SECRET_PATH}", taken, answers
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def local_chat(monkeypatch: pytest.MonkeyPatch) -> None:
    """The receivers here live on 127.0.0.1, which the app refuses unless allowed."""
    monkeypatch.setenv("OKR_WEBHOOK_ALLOW_PRIVATE", "1")


@pytest.fixture
def ws() -> Seeded:
    ws = seed_published(InMemoryRepository(), weeks_ago=3)
    check_in_flat(ws, weeks=(1, 2))
    return ws


def post(ws: Seeded, **kwargs):
    return post_weekly_digest(ws.repo, ws.wid, ws.fac, 2, pause=0, **kwargs)


def test_the_digest_is_posted_as_text_json(ws) -> None:
    with receiver(failures=0) as (url, taken, answers):
        set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
        posted = post(ws)
    assert answers == [200] and posted.attempts == 1
    [body] = taken
    assert list(body) == ["text"]
    assert body["text"].startswith("# Weekly digest: Q check-ins, week 2 of 13")
    assert "- KR 1.2: adoption from 10 to 50: 11 → 12 (owner Ana)" in body["text"]
    history = ws.repo.load(ws.wid).history[-1]
    assert (history.who, history.action) == ("Fay", "posted the weekly digest for week 2")


def test_a_failed_post_is_retried_once(ws) -> None:
    with receiver(failures=1) as (url, taken, answers):
        set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
        posted = post(ws, team_id=ws.teams["Platform"])
    assert answers == [500, 200] and posted.attempts == 2
    assert len(taken) == 1 and "## Platform" in taken[0]["text"]


def test_a_post_that_keeps_failing_is_reported_and_not_recorded_as_posted(ws) -> None:
    with receiver(failures=99) as (url, taken, answers):
        set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
        with pytest.raises(DigestNotPosted) as raised:
            post(ws)
    assert answers == [500, 500] and not taken
    message = str(raised.value)
    assert "not posted" in message and "tried 2 times" in message and "500" in message
    assert "copy the Markdown" in message
    assert SECRET_PATH not in message and message.count("…XYZ9") == 1
    assert ws.repo.load(ws.wid).history[-1].action != "posted the weekly digest for week 2"


def test_an_address_nobody_answers_is_reported_too(ws) -> None:
    with receiver(failures=0) as (url, _, _):
        pass  # the receiver is gone: the port refuses connections
    set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
    with pytest.raises(DigestNotPosted, match="could not be reached"):
        post(ws)


def test_without_a_webhook_posting_says_where_to_set_one(ws) -> None:
    with pytest.raises(DigestNotPosted, match="facilitator panel"):
        post(ws)


def test_only_the_facilitator_sets_the_webhook_or_posts(ws) -> None:
    with pytest.raises(PermissionDenied):
        set_digest_webhook(ws.repo, ws.wid, Actor("Ana"), "https://chat.example/hook/abcdefgh")
    set_digest_webhook(ws.repo, ws.wid, ws.fac, "https://chat.example/hook/abcdefgh")
    with pytest.raises(PermissionDenied):
        post_weekly_digest(ws.repo, ws.wid, Actor("Ana"), 2)


@pytest.mark.parametrize(
    "url", ["ftp://chat.example/hook", "file:///etc/passwd", "chat.example/hook",
            "https://", "javascript:alert(1)", "https://chat.example/a b"],
)  # fmt: skip
def test_only_http_and_https_addresses_are_accepted(ws, url: str) -> None:
    with pytest.raises(InvalidInput):
        set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
    assert ws.repo.load(ws.wid).workshop.digest_webhook_url == ""


def test_the_address_is_shown_back_masked_and_never_in_the_history(ws) -> None:
    url = "https://hooks.slack.com/services/T000/B000/s3cr3tTokenXYZ9"
    assert set_digest_webhook(ws.repo, ws.wid, ws.fac, url) == "https://hooks.slack.com/…XYZ9"
    doc = ws.repo.load(ws.wid)
    assert "s3cr3t" not in json.dumps([h.model_dump(mode="json") for h in doc.history])
    assert "s3cr3t" not in repr(doc.workshop)
    assert set_digest_webhook(ws.repo, ws.wid, ws.fac, "") == ""  # removed
    assert ws.repo.load(ws.wid).workshop.digest_webhook_url == ""


def test_a_shared_export_leaves_the_webhook_out_and_a_backup_keeps_it(ws) -> None:
    url = "https://chat.example/hooks/s3cr3tTokenXYZ9"
    set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
    doc = ws.repo.load(ws.wid)
    assert "s3cr3t" not in export_json(doc)
    assert parse_export(export_json(doc)).workshop.digest_webhook_url == ""
    backup = export_json(doc, with_secrets=True)
    created = import_workshop(ws.repo, backup)
    assert ws.repo.load(created.workshop_id).workshop.digest_webhook_url == url


@pytest.mark.parametrize(
    ("url", "slack"),
    [("https://hooks.slack.com/services/T0/B0/abcdefgh", True),
     ("https://chat.example.org/hooks/abcdefgh", False),  # Mattermost
     ("https://acme.webhook.office.com/webhookb2/abcdefgh", False),  # Microsoft Teams
     ("https://slack.com.evil.example/hooks/abcdefgh", False)],
)  # fmt: skip
def test_a_slack_webhook_gets_slack_s_flavour_and_the_others_markdown(ws, url, slack) -> None:
    sent: list[tuple[str, str]] = []
    set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
    post(ws, send=lambda to, text: sent.append((to, text)))
    [(to, text)] = sent
    assert to == url
    assert text.startswith("*Weekly digest" if slack else "# Weekly digest")


def test_the_next_cycle_posts_to_the_same_channel() -> None:
    repo = InMemoryRepository()
    cycle = seed_scored_cycle(repo)
    url = "https://chat.example/hooks/s3cr3tTokenXYZ9"
    set_digest_webhook(repo, cycle.workshop_id, cycle.facilitator, url)
    set_phase(repo, cycle.workshop_id, cycle.facilitator, Phase.RETROSPECTIVE)
    created = start_next_cycle(
        repo, cycle.workshop_id, cycle.facilitator,
        start=date(2027, 4, 1), end=date(2027, 6, 30), label="2027-Q2",
    )  # fmt: skip
    assert repo.load(created.workshop_id).workshop.digest_webhook_url == url


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:6379/", "http://localhost:8501/x", "http://169.254.169.254/latest",
            "http://10.1.2.3/hook", "http://[::1]/hook"],
)  # fmt: skip
def test_an_address_on_the_servers_own_or_a_private_network_is_refused_unposted(
    ws, monkeypatch, url
) -> None:
    monkeypatch.delenv("OKR_WEBHOOK_ALLOW_PRIVATE")
    with receiver(failures=0) as (local, taken, answers):
        set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
        with pytest.raises(DigestNotPosted, match="private network"):
            post(ws)
        set_digest_webhook(ws.repo, ws.wid, ws.fac, local)
        with pytest.raises(DigestNotPosted, match="private network"):
            post(ws)
    assert answers == [] and taken == []  # nothing was even sent


def test_a_chat_that_answers_a_byte_at_a_time_cannot_hold_the_post(ws) -> None:
    """The whole post has one deadline; the body of the answer is never read."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
            if stop.wait(0.2):
                break
            conn.send(bytes([byte]))
        conn.close()

    threading.Thread(target=drip, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/hook"
    set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
    with pytest.raises(TimeoutError):
        send_to_webhook(url, "hi", timeout=0.5)
    stop.set()
    listener.close()


def test_in_a_markdown_chat_typed_mentions_and_addresses_stay_text(ws) -> None:
    check_in_flat(ws, weeks=(3,))

    def blocker(doc):
        checkin = next(c for c in doc.team_checkins if c.week == 3)
        assign(doc, checkin, blockers=[Blocker(text="@channel see https://x.example")])

    ws.repo.update(ws.wid, blocker)
    with receiver(failures=0) as (url, taken, _):
        set_digest_webhook(ws.repo, ws.wid, ws.fac, url)
        post_weekly_digest(ws.repo, ws.wid, ws.fac, 3, pause=0)
    text = taken[0]["text"]
    assert "@channel" not in text and "https://" not in text
    assert "@\u2060channel" in text and "https\u2060://x.example" in text
