"""Participant ids: records remember who made them by an id a typed name cannot take, and
files from before ids still load."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from okrcore.model.identity import (
    is_browser_secret,
    new_browser_secret,
    participant_id,
    signed_in_id,
)
from okrcore.model.records import CheckIn, Dependency, HistoryEntry, TeamCheckIn, WhyNote
from okrcore.services.checkins import submit_checkin
from okrcore.services.dependencies import add_dependency, answer_dependency
from okrcore.storage.memory import InMemoryRepository
from tests.unit.test_services_checkins import seed_published
from tests.unit.workshop_factory import new_workshop, participant

ANA = participant("Ana")


def test_an_id_is_a_hash_of_the_browsers_secret_never_the_secret() -> None:
    secret = new_browser_secret()
    assert is_browser_secret(secret)
    assert participant_id(secret) == participant_id(secret)
    assert secret not in participant_id(secret)
    assert participant_id(secret) != participant_id(new_browser_secret())
    assert signed_in_id("ana@example.org") != participant_id("ana@example.org")
    for forged in ("", "Ana", "x" * 500, "a;b=c", None):
        assert not is_browser_secret(forged)


def test_records_from_before_ids_load_and_belong_to_nobody() -> None:
    note = WhyNote.model_validate(
        {"category": "purpose", "text": "older", "author": "Ana", "votes": ["Ana"]}
    )
    assert (note.author_id, note.voter_ids, note.ballots()) == ("", [], [("Ana", "")])
    assert (
        CheckIn.model_validate(
            {"key_result_id": "k" * 16, "week": 1, "date": "2027-01-04", "confidence": 5}
        ).author_id
        == ""
    )
    assert HistoryEntry(action="added", kind="Note").who_id == ""


def test_a_vote_without_its_voter_or_a_forged_id_is_refused() -> None:
    with pytest.raises(ValidationError, match="voter's id"):
        WhyNote(category="purpose", text="n", votes=["Ana", "Ben"], voter_ids=[ANA.id])
    with pytest.raises(ValidationError):
        WhyNote(category="purpose", text="n", author_id="Ana")


def test_check_ins_record_their_author_by_id() -> None:
    ws = seed_published(InMemoryRepository())
    kr = next(iter(ws.krs.values()))
    team = next(t for name, t in ws.teams.items() if name == "Platform")
    submit_checkin(ws.repo, ws.wid, ANA, team, 1, key_results={kr: (1, 5, "")},
                   today=date.today())  # fmt: skip
    doc = ws.repo.load(ws.wid)
    assert {c.author_id for c in doc.checkins} == {ANA.id}
    assert [t.author_id for t in doc.team_checkins] == [ANA.id]
    assert doc.history[-1].who_id == ANA.id
    assert TeamCheckIn.model_fields["author_id"].default == ""


def test_dependency_requests_and_answers_record_who_by_id() -> None:
    repo = InMemoryRepository()
    wid, _ = new_workshop(repo)
    teams = {t.name: t.id for t in repo.load(wid).teams}
    dep = add_dependency(repo, wid, ANA, teams["Growth"], teams["Platform"], "SSO")
    ben = participant("Ben")
    answered = answer_dependency(repo, wid, ben, dep.id, "agree")
    assert (dep.author_id, answered.author_id, answered.answered_by_id) == (ANA.id, ANA.id, ben.id)
    assert Dependency.model_fields["answered_by_id"].default == ""
