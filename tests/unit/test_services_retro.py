"""Recording the retrospective, and starting the next cycle from its decisions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrcore.model.errors import InvalidInput, NotFound, PermissionDenied
from okrcore.model.records import Decision, ObjectiveStatus, Phase, RootCause, clean_text
from okrcore.rules.retro import retro_summary
from okrcore.services.common import Actor
from okrcore.services.retro import (
    LESSON_PREFIX,
    CycleAlreadyStarted,
    add_lesson,
    add_win,
    existing_next_cycle,
    lesson_sentence,
    record_key_result_retro,
    record_objective_retro,
    remove_lesson,
    remove_win,
    start_next_cycle,
)
from okrcore.services.workshops import set_phase
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import participant, seed_scored_cycle

PAT = participant("Pat")
Q2 = {"start": date(2027, 4, 1), "end": date(2027, 6, 30), "label": "2027-Q2"}


@pytest.fixture
def cycle():
    """A published cycle: Platform's committed objective with two KRs, one checked in."""
    repo = InMemoryRepository()
    seeded = seed_scored_cycle(repo)
    return (
        repo, seeded.workshop_id, seeded.facilitator, seeded.teams, seeded.objective,
        seeded.measured, seeded.silent,
    )  # fmt: skip


@pytest.fixture
def retro(cycle):
    repo, wid, fac, *_ = cycle
    set_phase(repo, wid, fac, Phase.RETROSPECTIVE)
    return cycle


# -- phases ----------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["participant", "facilitator"])
def test_before_the_retrospective_nobody_records_and_the_message_says_when_it_opens(
    cycle, who
) -> None:
    repo, wid, fac, teams, objective, measured, _ = cycle
    actor = fac if who == "facilitator" else PAT
    with pytest.raises(PermissionDenied, match="retrospective opens"):
        record_key_result_retro(repo, wid, actor, measured.id, root_cause="capacity")
    with pytest.raises(PermissionDenied, match="tracking phase"):
        record_objective_retro(repo, wid, actor, objective.id, decision="keep")
    with pytest.raises(PermissionDenied):
        add_lesson(repo, wid, actor, teams["Platform"], "x")
    assert repo.load(wid).kr_retros == []


def test_a_closed_workshop_is_read_only_for_everyone_the_facilitator_included(retro) -> None:
    repo, wid, fac, teams, objective, measured, _ = retro
    add_lesson(repo, wid, PAT, teams["Platform"], "small batches ship faster")
    set_phase(repo, wid, fac, Phase.CLOSED)
    for actor in (PAT, fac):
        with pytest.raises(PermissionDenied, match="closed and read-only"):
            record_key_result_retro(repo, wid, actor, measured.id, note="late edit")
        with pytest.raises(PermissionDenied, match="closed and read-only"):
            record_objective_retro(repo, wid, actor, objective.id, decision="retire")
        with pytest.raises(PermissionDenied, match="closed and read-only"):
            add_win(repo, wid, actor, teams["Platform"], "late win")
        with pytest.raises(PermissionDenied, match="closed and read-only"):
            remove_lesson(
                repo, wid, actor, teams["Platform"],
                "We learned that small batches ship faster.",
            )  # fmt: skip
    with pytest.raises(InvalidInput):
        set_phase(repo, wid, fac, Phase.RETROSPECTIVE)
    doc = repo.load(wid)
    assert doc.kr_retros == [] and doc.objective_retros == []
    assert doc.team_retros[0].lessons == ["We learned that small batches ship faster."]


# -- key results -------------------------------------------------------------------------------
def test_a_participant_records_a_root_cause_and_a_note_for_a_key_result(retro) -> None:
    repo, wid, *_, unmeasured = retro
    record_key_result_retro(
        repo, wid, PAT, unmeasured.id, root_cause=RootCause.CAPACITY, note="Two people left"
    )
    (record,) = repo.load(wid).kr_retros
    assert (record.root_cause, record.note, record.adjusted_score) == (
        RootCause.CAPACITY, "Two people left", None,
    )  # fmt: skip


def test_an_adjusted_score_without_a_reason_is_refused_with_a_clear_message(retro) -> None:
    repo, wid, *_, measured, _ = retro
    for reason in ("", "   \n"):
        with pytest.raises(InvalidInput, match="say why you adjusted it"):
            record_key_result_retro(repo, wid, PAT, measured.id, adjusted_score=0.5,
                                    adjust_reason=reason)  # fmt: skip
    assert repo.load(wid).kr_retros == []


@pytest.mark.parametrize("score", [-0.1, 1.01, 7.0])
def test_an_adjusted_score_outside_zero_to_one_is_refused(retro, score) -> None:
    repo, wid, *_, measured, _ = retro
    with pytest.raises(InvalidInput, match="between 0.0 and 1.0"):
        record_key_result_retro(
            repo, wid, PAT, measured.id, adjusted_score=score, adjust_reason="because"
        )


def test_an_adjusted_score_with_a_reason_becomes_the_score_that_counts(retro) -> None:
    repo, wid, *_, measured, _ = retro
    record_key_result_retro(
        repo, wid, PAT, measured.id, adjusted_score=1.0, adjust_reason="Target met in April"
    )
    scored = retro_summary(repo.load(wid)).teams[1].objectives[0].key_results[0]
    assert (scored.computed, scored.effective) == (0.8, 1.0)


def test_saving_again_replaces_the_record_and_dropping_the_adjustment_drops_its_reason(
    retro,
) -> None:
    repo, wid, *_, measured, _ = retro
    first = record_key_result_retro(
        repo, wid, PAT, measured.id, adjusted_score=0.9, adjust_reason="Tracking broke",
        root_cause="external",
    )  # fmt: skip
    second = record_key_result_retro(repo, wid, PAT, measured.id, adjust_reason="ignored")
    (record,) = repo.load(wid).kr_retros
    assert record.id == first.id == second.id
    assert (record.adjusted_score, record.adjust_reason, record.root_cause) == (None, "", None)
    assert repo.load(wid).history[-1].before["adjusted_score"] == 0.9


def test_a_key_result_that_no_longer_exists_is_reported_as_missing(retro) -> None:
    repo, wid, *_ = retro
    with pytest.raises(NotFound, match="key result no longer exists"):
        record_key_result_retro(repo, wid, PAT, "0" * 32, note="x")


def test_an_unknown_root_cause_is_refused(retro) -> None:
    repo, wid, *_, measured, _ = retro
    with pytest.raises(InvalidInput, match="Root cause"):
        record_key_result_retro(repo, wid, PAT, measured.id, root_cause="bad luck")


# -- objectives --------------------------------------------------------------------------------
def test_an_objective_gets_hits_misses_and_a_decision(retro) -> None:
    repo, wid, _, _, objective, *_ = retro
    record_objective_retro(
        repo, wid, PAT, objective.id, decision="keep", hits="Deploys are 3x faster",
        misses="Rollbacks never measured",
    )  # fmt: skip
    record_objective_retro(repo, wid, PAT, objective.id, decision=Decision.CHANGE,
                           hits="Deploys are 3x faster")  # fmt: skip
    (record,) = repo.load(wid).objective_retros
    assert (record.decision, record.hits, record.misses) == (
        Decision.CHANGE, "Deploys are 3x faster", "",
    )  # fmt: skip


def test_an_unknown_decision_is_refused(retro) -> None:
    repo, wid, _, _, objective, *_ = retro
    with pytest.raises(InvalidInput, match="Decision"):
        record_objective_retro(repo, wid, PAT, objective.id, decision="postpone")


# -- lessons and wins --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("customers read release notes", "We learned that customers read release notes."),
        ("We learned that The API is slow", "We learned that the API is slow."),
        ("we learnt: SSO matters!", "We learned that SSO matters!"),
        ("  Our estimates were 2x off;  ", "We learned that our estimates were 2x off."),
        ("Berlin customers want invoices", "We learned that Berlin customers want invoices."),
        ("that flag saved us", "We learned that that flag saved us."),
    ],
)  # fmt: skip
def test_a_lesson_reads_as_one_sentence_in_the_teams_own_words(typed, stored) -> None:
    assert lesson_sentence(typed) == stored


@given(st.text(max_size=300))
@settings(max_examples=1000, deadline=None)
def test_a_lesson_sentence_is_stable_and_keeps_the_words(text) -> None:
    try:
        sentence = lesson_sentence(text)
    except InvalidInput:
        return
    assert sentence.startswith(f"{LESSON_PREFIX} ")
    assert sentence.endswith((".", "!", "?", "…", '"', "”"))
    assert lesson_sentence(sentence) == sentence
    # Past a typed "we (have) learned that:" and before the final punctuation, the
    # words are the person's own.
    body = sentence.removeprefix(f"{LESSON_PREFIX} ").casefold()
    for word in clean_text(text).split()[5:-1]:
        assert word.casefold() in body


def test_lessons_are_added_as_sentences_refuse_repeats_and_can_be_removed(retro) -> None:
    repo, wid, _, teams, *_ = retro
    team = teams["Platform"]
    sentence = add_lesson(repo, wid, PAT, team, "dependencies need a named owner")
    assert sentence == "We learned that dependencies need a named owner."
    with pytest.raises(InvalidInput, match="on the list already"):
        add_lesson(repo, wid, PAT, team, "We learned that Dependencies need a named owner")
    with pytest.raises(InvalidInput, match="Write what you learned"):
        add_lesson(repo, wid, PAT, team, "we learned that   ")
    add_lesson(repo, wid, PAT, team, "pairing halves review time")
    remove_lesson(repo, wid, PAT, team, sentence)
    assert repo.load(wid).team_retros[0].lessons == ["We learned that pairing halves review time."]
    with pytest.raises(NotFound):
        remove_lesson(repo, wid, PAT, team, sentence)


def test_wins_keep_the_words_as_typed_and_can_be_removed(retro) -> None:
    repo, wid, _, teams, *_ = retro
    team = teams["Growth"]
    add_win(repo, wid, PAT, team, "  First **enterprise** deal closed  ")
    with pytest.raises(InvalidInput, match="Write the win"):
        add_win(repo, wid, PAT, team, " ")
    with pytest.raises(InvalidInput, match="at most 1,000"):
        add_win(repo, wid, PAT, team, "x" * 1001)
    (record,) = repo.load(wid).team_retros
    assert record.wins == ["First **enterprise** deal closed"]
    remove_win(repo, wid, PAT, team, "First **enterprise** deal closed")
    assert repo.load(wid).team_retros[0].wins == []


def test_lessons_for_an_unknown_team_are_refused(retro) -> None:
    repo, wid, *_ = retro
    with pytest.raises(NotFound, match="team no longer exists"):
        add_lesson(repo, wid, PAT, "0" * 32, "x")


# -- the next cycle ----------------------------------------------------------------------------
def test_the_next_cycle_carries_kept_objectives_as_drafts_from_the_final_values(retro) -> None:
    repo, wid, fac, _, objective, measured, unmeasured = retro
    record_objective_retro(repo, wid, PAT, objective.id, decision="keep")
    created = start_next_cycle(repo, wid, fac, **Q2)
    new = repo.load(created.workshop_id)
    assert new.workshop.phase == Phase.DRAFTING
    assert new.workshop.previous_workshop_id == wid
    assert (new.workshop.start, new.workshop.end, new.workshop.cycle_label) == (
        Q2["start"], Q2["end"], "2027-Q2",
    )  # fmt: skip
    (carried,) = new.objectives
    assert (carried.text, carried.status, carried.carried_from_id) == (
        "make deploys boring", ObjectiveStatus.DRAFT, objective.id,
    )  # fmt: skip
    baselines = {k.text: k.baseline for k in new.key_results}
    # The measured one starts where it ended, and its sentence says so.
    assert baselines == {"deploy time from 20 to 10 minutes": 20, unmeasured.text: 8}
    assert measured.text == "deploy time from 60 to 10 minutes"
    assert repo.load(wid).workshop.next_workshop_id == created.workshop_id
    assert Actor(key=created.facilitator_key).is_facilitator(new)
    assert not fac.is_facilitator(new)


def test_starting_the_next_cycle_twice_names_the_workshop_that_exists(retro) -> None:
    repo, wid, fac, *_ = retro
    created = start_next_cycle(repo, wid, fac, **Q2)
    with pytest.raises(CycleAlreadyStarted, match=created.workshop_id) as error:
        start_next_cycle(repo, wid, fac, **Q2)
    assert error.value.workshop_id == created.workshop_id
    assert "2027-Q2" in str(error.value)
    assert len(repo.list_workshops()) == 2
    assert existing_next_cycle(repo, repo.load(wid)).id == created.workshop_id


def test_only_the_facilitator_starts_the_next_cycle_and_only_after_tracking(cycle) -> None:
    repo, wid, fac, *_ = cycle
    with pytest.raises(PermissionDenied, match="retrospective phase"):
        start_next_cycle(repo, wid, fac, **Q2)
    set_phase(repo, wid, fac, Phase.RETROSPECTIVE)
    with pytest.raises(PermissionDenied, match="Only the facilitator"):
        start_next_cycle(repo, wid, PAT, **Q2)
    assert len(repo.list_workshops()) == 1


def test_bad_dates_for_the_next_cycle_are_refused_and_nothing_is_created(retro) -> None:
    repo, wid, fac, *_ = retro
    with pytest.raises(InvalidInput, match="end after it starts"):
        start_next_cycle(repo, wid, fac, start=date(2027, 6, 30), end=date(2027, 4, 1),
                         label="2027-Q2")  # fmt: skip
    with pytest.raises(InvalidInput, match="Cycle"):
        start_next_cycle(repo, wid, fac, start=Q2["start"], end=Q2["end"], label="  ")
    assert len(repo.list_workshops()) == 1
    assert repo.load(wid).workshop.next_workshop_id is None


def test_a_closed_workshop_can_still_hand_over_to_the_next_cycle(retro) -> None:
    repo, wid, fac, *_ = retro
    set_phase(repo, wid, fac, Phase.CLOSED)
    created = start_next_cycle(repo, wid, fac, **Q2)
    assert repo.load(wid).workshop.next_workshop_id == created.workshop_id
