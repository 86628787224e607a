"""The models refuse what must never be stored, with messages a person can act on."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from okrcore.model.cycles import cycle_position
from okrcore.model.records import (
    NOTE_MAX,
    OBJECTIVE_MAX,
    CheckIn,
    Dependency,
    KeyResult,
    KeyResultRetro,
    Objective,
    WhyNote,
    Workshop,
    new_id,
)


def workshop(**fields) -> Workshop:
    base = {
        "name": "Q1", "cycle_label": "2027-Q1", "start": date(2027, 1, 1),
        "end": date(2027, 3, 31), "facilitator_key_hash": "scrypt$x",
    }  # fmt: skip
    return Workshop(**(base | fields))


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00\x01"])
def test_empty_or_whitespace_text_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="must not be empty"):
        WhyNote(category="purpose", text=text)


def test_a_note_of_exactly_the_limit_is_kept_and_one_more_is_refused() -> None:
    assert len(WhyNote(category="purpose", text="x" * NOTE_MAX).text) == NOTE_MAX
    with pytest.raises(ValidationError, match="at most 1,000 characters"):
        WhyNote(category="purpose", text="x" * (NOTE_MAX + 1))


def test_an_objective_longer_than_300_characters_is_refused() -> None:
    with pytest.raises(ValidationError, match="at most 300"):
        Objective(team_id=new_id(), text="y" * (OBJECTIVE_MAX + 1))


@pytest.mark.parametrize(
    "text", ["Grow 🚀 fast", "نمو المستخدمين", "e\u0301te\u0301", "<b>html</b> **md** [x](y)"]
)
def test_unicode_markdown_and_html_are_stored_exactly_as_typed(text: str) -> None:
    assert WhyNote(category="purpose", text=text).text == text


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_numbers_must_be_finite(value: float) -> None:
    with pytest.raises(ValidationError):
        KeyResult(objective_id=new_id(), text="Grow revenue", baseline=value)


@pytest.mark.parametrize("confidence", [0, 11, -1])
def test_confidence_outside_one_to_ten_is_refused(confidence: int) -> None:
    with pytest.raises(ValidationError):
        CheckIn(key_result_id=new_id(), week=1, date=date(2027, 1, 4), confidence=confidence)


def test_a_cycle_must_end_after_it_starts() -> None:
    with pytest.raises(ValidationError, match="end after it starts"):
        workshop(start=date(2027, 3, 31), end=date(2027, 1, 1))


def test_a_cycle_cannot_last_for_years() -> None:
    with pytest.raises(ValidationError, match="at most 400 days"):
        workshop(end=date(2029, 1, 1))


def test_a_quarter_has_thirteen_check_in_weeks() -> None:
    assert workshop().weeks == 13


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "", "short", "x" * 65, "..%2Fetc", "abcdefgh\n"])
def test_ids_that_could_be_path_tricks_are_refused(bad_id: str) -> None:
    with pytest.raises(ValidationError, match="should match pattern"):
        WhyNote(id=bad_id, category="purpose", text="ok")


def test_a_team_cannot_depend_on_itself() -> None:
    team = new_id()
    with pytest.raises(ValidationError, match="cannot depend on itself"):
        Dependency(from_team_id=team, to_team_id=team, what="An API")


def test_an_adjusted_score_needs_a_reason_and_stays_within_zero_and_one() -> None:
    with pytest.raises(ValidationError, match="needs a reason"):
        KeyResultRetro(key_result_id=new_id(), adjusted_score=0.5)
    with pytest.raises(ValidationError):
        KeyResultRetro(key_result_id=new_id(), adjusted_score=1.5, adjust_reason="why")


def test_a_range_must_have_its_bounds_in_order() -> None:
    with pytest.raises(ValidationError, match="lower bound"):
        KeyResult(objective_id=new_id(), text="Keep latency", range_low=5, range_high=1)


@given(st.text(max_size=1200))
def test_any_text_either_validates_cleanly_or_is_refused_with_a_validation_error(text) -> None:
    try:
        note = WhyNote(category="purpose", text=text)
    except ValidationError:
        return
    assert 1 <= len(note.text) <= NOTE_MAX
    assert note.text == note.text.strip()
    assert "\x00" not in note.text


@pytest.mark.parametrize(
    ("on", "said"),
    [(date(2026, 12, 31), "Starts tomorrow"), (date(2026, 12, 25), "Starts in 7 days"),
     (date(2026, 12, 4), "Starts in 4 weeks"), (date(2027, 1, 1), "Week 1 of 13"),
     (date(2027, 1, 15), "Week 3 of 13"), (date(2027, 3, 31), "Week 13 of 13"),
     (date(2027, 4, 1), "Ended 1 day ago"), (date(2027, 4, 29), "Ended 4 weeks ago")],
)  # fmt: skip
def test_where_a_cycle_stands_is_said_in_words(on: date, said: str) -> None:
    assert " ".join(cycle_position(date(2027, 1, 1), date(2027, 3, 31), 13, on)) == said
