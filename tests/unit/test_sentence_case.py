"""A capital that only marked where a person's text began is lowered mid-sentence; names,
acronyms and "I" keep theirs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrcore.formats.statement import render_statement
from okrcore.reading.sentence_case import mid_sentence
from okrcore.services.retro import lesson_sentence


@pytest.mark.parametrize(
    ("typed", "mid"),
    [("Grow the partner channel", "grow the partner channel"),
     ("Cut the sales cycle from 50 to 35 days", "cut the sales cycle from 50 to 35 days"),
     ("The whole team ships weekly", "the whole team ships weekly"),
     ("A new pricing page", "a new pricing page"),
     ("Confirm dependencies in week 1", "confirm dependencies in week 1"),
     ("NPS from 30 to 45", "NPS from 30 to 45"),
     ("Acme signs a renewal", "Acme signs a renewal"),
     ("GitHub stars to 5k", "GitHub stars to 5k"),
     ("iOS crash rate below 1%", "iOS crash rate below 1%"),
     ("I will", "I will"),
     ("A B", "A B")],
)  # fmt: skip
def test_only_ordinary_openers_lose_their_capital(typed: str, mid: str) -> None:
    assert mid_sentence(typed) == mid


def test_the_whole_sentence_reads_as_one_sentence() -> None:
    assert render_statement(
        "Grow the partner channel", ["Raise NPS from 30 to 45", "NPS to 50"]
    ) == ("I will grow the partner channel as measured by raise NPS from 30 to 45 and NPS to 50.")


def test_a_lesson_reads_on_from_we_learned_that() -> None:
    assert lesson_sentence("Confirm dependencies in week 1") == (
        "We learned that confirm dependencies in week 1."
    )
    assert lesson_sentence("Sam needs a backup") == "We learned that Sam needs a backup."


@given(st.text(max_size=60))
def test_only_the_first_letter_ever_changes_and_only_to_lower_case(text: str) -> None:
    changed = mid_sentence(text)
    assert len(changed) == len(text) and changed[1:] == text[1:]
    assert changed[:1] in (text[:1], text[:1].lower())
