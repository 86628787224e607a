"""The weekly digest in the app: the Dashboard shows it to copy (readers too), the facilitator
posts it, and sets the webhook on Home without ever seeing the address again."""

from __future__ import annotations

from datetime import timedelta

from okrcore.services.checkins import submit_checkin
from okrcore.services.common import Actor
from okrcore.services.digest import set_digest_webhook
from tests.app.conftest import messages, open_page
from tests.unit.test_services_checkins import seed_published
from tests.unit.test_services_digest import SECRET_PATH, receiver

DASHBOARD = "7_Dashboard.py"
HOSTILE = "<script>alert(1)</script> [x](http://evil)"


def seeded(repo):
    """Platform checked in weeks 1 and 2; week 2 has a hostile blocker."""
    ws = seed_published(repo, weeks_ago=3)
    first, second = ws.krs.values()
    platform = ws.teams["Platform"]
    submit_checkin(repo, ws.wid, Actor("Ana"), platform, 1,
                   key_results={first: (20, 8, ""), second: (12, 7, "")},
                   today=ws.start + timedelta(days=2))  # fmt: skip
    submit_checkin(repo, ws.wid, Actor("Ana"), platform, 2, key_results={first: (30, 4, "")},
                   blockers=[(HOSTILE, "Sam")], today=ws.start + timedelta(days=9))  # fmt: skip
    return ws


def digest_code(at) -> str:
    [code] = [c.value for c in at.code if c.value.startswith("# Weekly digest")]
    return code


def test_the_dashboard_shows_the_chosen_week_s_digest_to_copy(repo) -> None:
    ws = seeded(repo)
    at = open_page(DASHBOARD, w=ws.wid)
    assert not at.exception
    assert "week 4 of 13" in digest_code(at)  # the current week comes first
    at.selectbox(key="digest_week").select(2).run()
    text = digest_code(at)
    assert "- KR 1.1: adoption from 10 to 50: 20 → 30 (owner Ana)" in text
    assert "\\<script\\>alert(1)\\</script\\> \\[x\\](http://evil) — who can help: Sam" in text
    assert not any("alert(1)" in m.value for m in at.markdown)  # only ever as text
    at.selectbox(key="digest_team").select(ws.teams["Growth"]).run()
    assert "## Platform" not in digest_code(at)
    assert at.get("download_button")
    # Participants copy it; posting is the facilitator's.
    assert not [b for b in at.button if b.label == "Post to the webhook"]


def test_readers_of_a_read_only_link_get_the_digest_too(repo) -> None:
    ws = seeded(repo)
    at = open_page(DASHBOARD, v=repo.load(ws.wid).workshop.viewer_token)
    assert not at.exception
    assert digest_code(at).startswith("# Weekly digest: Q check-ins")


def test_the_facilitator_posts_the_digest_and_sees_a_failure_reported(repo, monkeypatch) -> None:
    monkeypatch.setenv("OKR_WEBHOOK_ALLOW_PRIVATE", "1")  # the test's chat is on 127.0.0.1
    ws = seeded(repo)
    at = open_page(DASHBOARD, w=ws.wid, k=ws.fac.key)
    assert any("facilitator panel (Digest)" in c.value for c in at.caption)  # no webhook yet
    with receiver(failures=0) as (url, taken, _):
        set_digest_webhook(repo, ws.wid, ws.fac, url)
        at = open_page(DASHBOARD, w=ws.wid, k=ws.fac.key)
        at.selectbox(key="digest_week").select(2).run()
        [post] = [b for b in at.button if b.label == "Post to the webhook"]
        post.click().run()
    # What is shown, but for the word joiners that keep typed mentions and addresses text.
    assert [body["text"].replace("\u2060", "").rstrip() for body in taken] == [digest_code(at)]
    assert any(m.startswith("Posted to http://127.0.0.1") for m in messages(at, "success"))

    with receiver(failures=99) as (url, taken, answers):
        set_digest_webhook(repo, ws.wid, ws.fac, url)
        at = open_page(DASHBOARD, w=ws.wid, k=ws.fac.key)
        [post] = [b for b in at.button if b.label == "Post to the webhook"]
        post.click().run()
    assert answers == [500, 500] and not taken
    [error] = messages(at)
    assert "was not posted" in error and SECRET_PATH not in error
    assert digest_code(at)  # still there to copy


def test_the_facilitator_sets_the_webhook_on_home_and_sees_it_masked(repo) -> None:
    ws = seeded(repo)
    url = "https://hooks.slack.com/services/T000/B000/s3cr3tTokenXYZ9"
    at = open_page(w=ws.wid, k=ws.fac.key)
    assert "No webhook yet: the digest is not posted." in [t.value for t in at.text]
    at.text_input(key="digest_webhook_url").input(url).run()
    [save] = [b for b in at.button if b.label == "Save the webhook"]
    save.click().run()
    assert not at.exception
    assert repo.load(ws.wid).workshop.digest_webhook_url == url
    shown = [t.value for t in at.text] + [m.value for m in at.markdown] + [c.value for c in at.code]
    assert "Posting to https://hooks.slack.com/…XYZ9" in shown
    assert not any("s3cr3t" in str(value) for value in shown)
    assert at.text_input(key="digest_webhook_url").value == ""  # not left behind the eye icon


def test_a_webhook_that_is_not_http_is_refused_on_home(repo) -> None:
    ws = seeded(repo)
    at = open_page(w=ws.wid, k=ws.fac.key)
    at.text_input(key="digest_webhook_url").input("file:///etc/passwd").run()
    [save] = [b for b in at.button if b.label == "Save the webhook"]
    save.click().run()
    assert any("http:// or https://" in m for m in messages(at))
    assert repo.load(ws.wid).workshop.digest_webhook_url == ""


def test_participants_have_no_digest_setting(repo) -> None:
    ws = seeded(repo)
    at = open_page(w=ws.wid)
    assert not [t for t in at.text_input if t.key == "digest_webhook_url"]


def test_a_week_checked_in_ahead_of_the_dates_can_be_chosen(repo) -> None:
    """Teams sometimes check in ahead of the calendar; their week must not be out of reach."""
    ws = seeded(repo)
    first = next(iter(ws.krs.values()))
    submit_checkin(repo, ws.wid, Actor("Ana"), ws.teams["Platform"], 6,
                   key_results={first: (40, 8, "")})  # fmt: skip
    at = open_page(DASHBOARD, w=ws.wid)
    assert at.selectbox(key="digest_week").value == 6
    assert "week 6 of 13" in digest_code(at)
