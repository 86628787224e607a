"""The check-in merge rule: which fields a person left as the form showed them.

:func:`okrcore.services.checkins.untouched_fields` decides it; :func:`submit_checkin` then
writes those fields only where the week has nothing yet (tests/unit/test_services_checkins.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

from okrcore.model.records import Blocker, Health, Priority
from okrcore.services.checkins import (
    CheckinDraft,
    KeyResultDraft,
    checkin_draft,
    submit_checkin,
    untouched_fields,
)
from okrcore.storage.memory import InMemoryRepository
from tests.unit.test_services_checkins import ANA, BEN, seed_published

KR_A, KR_B = "a" * 32, "b" * 32
METRIC = "c" * 32
TEAM_FIELDS = {"priorities", "blockers", "health", "next_four_weeks", "wins"}


def draft() -> CheckinDraft:
    return CheckinDraft(
        team_id="d" * 32,
        week=3,
        key_results={
            KR_A: KeyResultDraft(20.0, 7, "", 2, False),
            KR_B: KeyResultDraft(None, 5, "slow week", 3, True),
        },
        priorities=[Priority(text="Ship the importer", key_result_id=KR_A)],
        next_four_weeks="Pricing launch in week 6",
        health={METRIC: Health.AMBER},
        blockers=[Blocker(text="Security review", who_can_help="Sam")],
        wins="",
        seen=datetime(2027, 1, 20, 9, 0, tzinfo=UTC),
    )


def as_shown(**changes) -> dict:
    """What the form sends when nothing is changed, with ``changes`` on top."""
    sent = {
        "key_results": {KR_A: (20.0, 7, ""), KR_B: (None, 5, "slow week")},
        "priorities": [("Ship the importer", KR_A)],
        "blockers": [("Security review", "Sam")],
        "health": {METRIC: "amber"},
        "next_four_weeks": "Pricing launch in week 6",
        "wins": "",
    }
    return sent | changes


def test_a_form_sent_as_shown_is_untouched_everywhere() -> None:
    assert untouched_fields(draft(), **as_shown()) == {KR_A, KR_B} | TEAM_FIELDS


def test_a_key_result_counts_as_touched_when_its_value_confidence_or_note_changed() -> None:
    for entry in ((21.0, 7, ""), (20.0, 8, ""), (20.0, 7, "importer shipped"), (None, 7, "")):
        sent = as_shown(key_results={KR_A: entry, KR_B: (None, 5, "slow week")})
        assert untouched_fields(draft(), **sent) == {KR_B} | TEAM_FIELDS


def test_each_team_field_is_judged_on_its_own() -> None:
    changes = {
        "priorities": [("Ship the importer", None)],
        "blockers": [],
        "health": {METRIC: "red"},
        "next_four_weeks": "Nothing planned",
        "wins": "First trial signed",
    }
    for name, value in changes.items():
        untouched = untouched_fields(draft(), **as_shown(**{name: value}))
        assert untouched == {KR_A, KR_B} | (TEAM_FIELDS - {name}), name


def test_a_metric_left_unrated_does_not_count_as_a_change() -> None:
    sent = as_shown(health={METRIC: "amber", "e" * 32: None})
    assert "health" in untouched_fields(draft(), **sent)


def test_a_key_result_the_form_did_not_show_is_never_untouched() -> None:
    sent = as_shown(key_results={KR_A: (20.0, 7, ""), "f" * 32: (None, 5, "")})
    assert untouched_fields(draft(), **sent) == {KR_A} | TEAM_FIELDS


def test_two_people_at_once_keep_each_others_newer_entries() -> None:
    """Ben opens the form, Ana saves a value and the wins; Ben changes only the other key
    result. Ana's entries survive because the rule names them untouched in Ben's save."""
    ws = seed_published(InMemoryRepository(), weeks_ago=0)
    team = ws.teams["Platform"]
    first, second = ws.krs.values()
    shown = checkin_draft(ws.repo.load(ws.wid), team, 1)
    submit_checkin(ws.repo, ws.wid, ANA, team, 1, key_results={first: (40, 9, "")},
                   wins="First trial signed")  # fmt: skip

    sent = {
        "key_results": {first: (10.0, 5, ""), second: (20.0, 5, "")},
        "priorities": [], "blockers": [], "health": {}, "next_four_weeks": "", "wins": "",
    }  # fmt: skip
    untouched = untouched_fields(shown, **sent)
    assert untouched == {first} | TEAM_FIELDS
    result = submit_checkin(ws.repo, ws.wid, BEN, team, 1, **sent, untouched=untouched,
                            seen=shown.seen)  # fmt: skip

    doc = ws.repo.load(ws.wid)
    assert {c.key_result_id: c.value for c in doc.checkins} == {first: 40.0, second: 20.0}
    assert doc.team_checkins[0].wins == "First trial signed"
    assert result.updated_by == "Ana"
