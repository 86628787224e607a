"""The weekly digest: what moved, confidence changes, blockers, the key results to talk about
and the stale ones, per team and for the workshop, as Markdown that renders as written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from markdown_it import MarkdownIt

from okrcore.formats.digest import NO_CHECKIN, SLACK, digest_markdown
from okrcore.rules.confidence import ConfidenceStatus
from okrcore.rules.digest import weekly_digest
from okrcore.services.checkins import submit_checkin
from okrcore.services.common import Actor
from okrcore.services.drafting import add_key_result, add_objective, publish
from okrcore.storage.memory import InMemoryRepository
from tests.unit.test_services_checkins import Seeded, seed_published

ANA = Actor("Ana")
HOSTILE = "<script>alert(1)</script> [x](http://evil) &copy; **loud** #"


@pytest.fixture
def ws() -> Seeded:
    """Platform's two key results (10 -> 50) checked in weeks 1 and 2, Growth silent;
    the cycle started four weeks ago."""
    ws = seed_published(InMemoryRepository(), weeks_ago=4, publish_it=False)
    first, second = ws.krs.values()
    platform = ws.teams["Platform"]
    growth_objective = add_objective(ws.repo, ws.wid, ws.fac, ws.teams["Growth"], text="Grow")
    add_key_result(ws.repo, ws.wid, ws.fac, growth_objective.id, text="Signups from 5 to 9",
                   baseline=5, target=9, owner="Gus")  # fmt: skip
    publish(ws.repo, ws.wid, ws.fac)
    submit_checkin(ws.repo, ws.wid, ANA, platform, 1, key_results={
        first: (20, 8, ""), second: (15, 7, "")}, today=ws.start + timedelta(days=3))  # fmt: skip
    submit_checkin(
        ws.repo, ws.wid, ANA, platform, 2,
        key_results={first: (1_234_567, 3, "a big jump")},
        blockers=[("Waiting for the SSO review", "Sam")], wins="First paying customer",
        today=ws.start + timedelta(days=10),
    )  # fmt: skip
    return ws


def digest_of(ws: Seeded, week: int):
    return weekly_digest(ws.repo.load(ws.wid), week, date.today())


def test_value_and_confidence_changes_are_measured_against_the_week_before(ws) -> None:
    platform = digest_of(ws, 2).teams[0]
    assert platform.team == "Platform" and platform.checked_in
    [moved] = platform.moved
    assert (moved.value_before, moved.value_now, moved.note) == (20, 1_234_567, "a big jump")
    [changed] = platform.confidence_changes
    assert (changed.confidence_before, changed.confidence_now) == (8, 3)


def test_a_first_value_is_measured_from_the_baseline_and_starting_confidence(ws) -> None:
    platform = digest_of(ws, 1).teams[0]
    assert [(n.value_before, n.value_now) for n in platform.moved] == [(10, 20), (10, 15)]
    assert [(n.confidence_before, n.confidence_now) for n in platform.confidence_changes] == [
        (5, 8), (5, 7)
    ]  # fmt: skip


def test_the_lights_are_the_dashboard_s_as_of_the_end_of_the_week(ws) -> None:
    week_2 = digest_of(ws, 2)
    platform, growth = week_2.teams
    assert [n.status for n in platform.key_results] == [
        ConfidenceStatus.OFF_TRACK,  # confidence 3 this week
        ConfidenceStatus.STALE,  # last checked in week 1, more than a week before week 2 ends
    ]
    assert [n.text for n in platform.needs_attention] == ["KR 1.1: adoption from 10 to 50"]
    # Growth never checked in: stale once the cycle is more than a week old.
    assert not growth.checked_in and [n.status for n in growth.stale] == [ConfidenceStatus.STALE]
    # In week 1 nothing was stale yet, and Growth's key result had no news.
    assert digest_of(ws, 1).teams[1].key_results[0].status == ConfidenceStatus.NO_DATA


def test_blockers_and_wins_come_from_the_week_s_four_square_check_in(ws) -> None:
    platform = digest_of(ws, 2).teams[0]
    assert [(b.text, b.who_can_help) for b in platform.blockers] == [
        ("Waiting for the SSO review", "Sam")
    ]
    assert platform.wins == "First paying customer"
    assert digest_of(ws, 1).teams[0].blockers == ()


def test_one_team_s_digest_holds_that_team_only(ws) -> None:
    only = digest_of(ws, 2).only(ws.teams["Growth"])
    assert [t.team for t in only.teams] == ["Growth"]
    assert "Platform" not in digest_markdown(only)


def test_the_markdown_names_each_section_with_numbers_as_people_write_them(ws) -> None:
    text = digest_markdown(digest_of(ws, 2))
    assert text.startswith("# Weekly digest: Q check-ins, week 2 of 13\n")
    assert "1 of 2 teams checked in" in text
    assert "**In short:** 1 key result moved · 1 confidence change · 1 blocker · " in text
    assert "- KR 1.1: adoption from 10 to 50: 20 → 1,234,567 (owner Ana) · note: a big jump" in (
        text
    )
    assert "- KR 1.1: adoption from 10 to 50: 8 → 3 of 10" in text
    assert "- Waiting for the SSO review — who can help: Sam" in text
    assert "- Off track (confidence 3 of 10): KR 1.1: adoption from 10 to 50 (owner Ana)" in text
    assert "- KR 1.2: adoption from 10 to 50 — last check-in in week 1 (owner Ana)" in text
    assert "- Signups from 5 to 9 — never checked in (owner Gus)" in text
    assert f"## Growth\n\n{NO_CHECKIN}" in text
    assert "e+06" not in text


def test_hostile_text_renders_as_written(ws) -> None:
    """Team names, key results, blockers and wins are shown literally by a Markdown viewer:
    no script, no link, no entity, no emphasis, no heading swallowed."""
    platform = ws.teams["Platform"]
    first = next(iter(ws.krs.values()))
    submit_checkin(ws.repo, ws.wid, ANA, platform, 3, key_results={first: (30, 6, HOSTILE)},
                   blockers=[(HOSTILE, HOSTILE)], wins=HOSTILE, today=date.today())  # fmt: skip
    html = MarkdownIt("commonmark").render(digest_markdown(digest_of(ws, 3)))
    assert "<script>" not in html and "<a " not in html and "<strong>loud" not in html
    shown = "&lt;script&gt;alert(1)&lt;/script&gt; [x](http://evil) &amp;copy; **loud** #"
    assert html.count(shown) == 4  # the note, the blocker, who can help and the wins


def test_a_workshop_without_key_results_says_so() -> None:
    ws = seed_published(InMemoryRepository(), krs_per_objective=0, publish_it=False)
    text = digest_markdown(digest_of(ws, 1))
    assert "No team has key results to report on yet." in text


def test_slack_gets_its_own_mrkdwn_where_a_link_or_mention_cannot_start(ws) -> None:
    """Slack reads no Markdown escapes: there ``<`` must be an entity, or ``<!channel>`` and
    ``<http://evil|click>`` become a mention and a link."""
    platform = ws.teams["Platform"]
    sneaky = "<!channel> <http://evil|click> & *loud*"
    submit_checkin(ws.repo, ws.wid, ANA, platform, 3, blockers=[(sneaky, "")],
                   today=date.today())  # fmt: skip
    text = digest_markdown(digest_of(ws, 3), SLACK)
    assert text.startswith("*Weekly digest: Q check-ins, week 3 of 13*\n")
    assert "\n*Platform*\n" in text and "*In short:* " in text and "*Blockers*" in text
    assert "- &lt;!channel&gt; &lt;http://evil|click&gt; &amp; *loud*" in text
    assert "<" not in text and "\\" not in text and "**" not in text and "\n#" not in text


@pytest.mark.parametrize("cycle", ["- Q1 2027", "1. Q1 2027", "+ H1", "* FY27"])
def test_a_cycle_label_that_looks_like_a_list_marker_stays_text(ws, cycle: str) -> None:
    digest = replace(digest_of(ws, 2), cycle=cycle)
    html = MarkdownIt("commonmark").render(digest_markdown(digest))
    assert "<li>" not in html.split("<h2>")[0]  # the headline lines hold no list
