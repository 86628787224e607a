"""Doerr's sentence: read the way people write it, written back the way Doerr wrote it."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from okrcore.formats.statement import (
    HINT_EMPTY,
    HINT_NO_KEY_RESULTS,
    HINT_NO_MEASURED_BY,
    HINT_NO_OBJECTIVE,
    ParsedStatement,
    parse_statement,
    render_statement,
)
from okrcore.reading.sentence_case import mid_sentence

OBJECTIVE = "make onboarding a delight"
THREE = ("NPS from 30 to 45", "churn from 5% to 3%", "activation from 40% to 55%")


@pytest.mark.parametrize(
    "text",
    [
        (
            "I will make onboarding a delight as measured by NPS from 30 to 45, churn from 5% to 3%"
            " and activation from 40% to 55%."
        ),
        (
            "i will make onboarding a delight as measured by NPS from 30 to 45, churn from 5% to 3%"
            " and activation from 40% to 55%"
        ),
        (
            "I WILL make onboarding a delight AS MEASURED BY NPS from 30 to 45, churn from 5% to 3%"
            " AND activation from 40% to 55%."
        ),
        (
            "make onboarding a delight as measured by NPS from 30 to 45, churn from 5% to 3% and"
            " activation from 40% to 55%."
        ),
        (
            "I will make onboarding a delight as measured by: NPS from 30 to 45, churn from 5% to 3%"
            " and activation from 40% to 55%."
        ),
        (
            "  I   will make  onboarding a delight\tas measured  by NPS from 30 to 45 ,  churn from"
            " 5% to 3%   and activation from 40% to 55% .  "
        ),
        (
            "I will make onboarding a delight as measured by NPS from 30 to 45, churn from 5% to 3%,"
            " and activation from 40% to 55%."
        ),
        (
            "\u201cI will make onboarding a delight as measured by NPS from 30 to 45, churn from 5% to"
            " 3% and activation from 40% to 55%.\u201d"
        ),
        (
            "I will make onboarding a delight as measured by NPS from 30 to 45; churn from 5% to 3%;"
            " and activation from 40% to 55%."
        ),
        (
            "I will make onboarding a delight as measured by:\n"
            "- NPS from 30 to 45\n* churn from 5% to 3%\n\u2022 activation from 40% to 55%"
        ),
        (
            "I will make onboarding a delight as measured by:\n"
            "1. NPS from 30 to 45,\n2) churn from 5% to 3%, and\n3. activation from 40% to 55%."
        ),
        (
            "I will make onboarding a delight as measured by NPS from 30 to 45 \u2022 churn from 5% to"
            " 3% \u2022 activation from 40% to 55%"
        ),
    ],
)
def test_the_same_okr_is_read_however_the_sentence_is_typed(text: str) -> None:
    assert parse_statement(text) == ParsedStatement(OBJECTIVE, THREE, ())


@pytest.mark.parametrize(
    ("key_results", "expected"),
    [
        ("revenue from $1,200 to $2,000", ("revenue from $1,200 to $2,000",)),
        ("1,000 paying teams, 2.5 stars", ("1,000 paying teams", "2.5 stars")),
        (
            "load time from 3.2s to 1.5s and 99.95% uptime",
            ("load time from 3.2s to 1.5s", "99.95% uptime"),
        ),
        ("weekly users from 40 to 55", ("weekly users from 40 to 55",)),
    ],
)
def test_numbers_with_commas_or_decimals_are_never_split(
    key_results: str, expected: tuple[str, ...]
) -> None:
    assert parse_statement(f"I will grow as measured by {key_results}.").key_results == expected


@pytest.mark.parametrize(
    ("key_results", "expected"),
    [
        ("NPS from 30 to 45 and churn from 5% to 3%", ("NPS from 30 to 45", "churn from 5% to 3%")),
        ("increasing sign-ups and retention by 20%", ("increasing sign-ups and retention by 20%",)),
        ("sign-ups and retention", ("sign-ups and retention",)),
        ("a 1 and b 2 and c 3", ("a 1", "b 2", "c 3")),
    ],
)
def test_a_plain_and_splits_only_when_every_side_names_a_number(
    key_results: str, expected: tuple[str, ...]
) -> None:
    assert parse_statement(f"I will grow as measured by {key_results}").key_results == expected


@pytest.mark.parametrize(
    ("key_results", "expected"),
    [
        ("A, B and C", ("A", "B", "C")),
        ("A, B and C and D", ("A", "B and C", "D")),
        ("A, B, and C and D", ("A", "B", "C and D")),
        ("A, growth and retention", ("A", "growth", "retention")),
    ],
)
def test_with_commas_only_the_last_and_of_the_last_item_separates(
    key_results: str, expected: tuple[str, ...]
) -> None:
    assert parse_statement(f"I will grow as measured by {key_results}").key_results == expected


def test_a_line_of_a_written_list_keeps_its_commas_and_ands() -> None:
    text = "I will grow as measured by\n- NPS from 30 to 45, measured monthly\n- sign-ups and retention"
    assert parse_statement(text).key_results == (
        "NPS from 30 to 45, measured monthly",
        "sign-ups and retention",
    )


def test_a_minus_sign_is_not_mistaken_for_a_bullet() -> None:
    assert parse_statement("I will save as measured by\n- -5% costs").key_results == ("-5% costs",)


def test_text_without_as_measured_by_is_an_objective_with_a_hint() -> None:
    assert parse_statement("I will make onboarding a delight.") == ParsedStatement(
        OBJECTIVE, (), (HINT_NO_MEASURED_BY,)
    )


@pytest.mark.parametrize("text", ["", "   ", "\n\t ", ".", "\u201c\u201d"])
def test_blank_input_is_an_empty_objective_with_a_hint(text: str) -> None:
    assert parse_statement(text) == ParsedStatement("", (), (HINT_EMPTY,))


def test_a_sentence_without_an_objective_says_so() -> None:
    parsed = parse_statement("I will as measured by NPS from 30 to 45")
    assert parsed == ParsedStatement("", ("NPS from 30 to 45",), (HINT_NO_OBJECTIVE,))


def test_a_sentence_that_stops_at_as_measured_by_asks_for_key_results() -> None:
    assert parse_statement("I will grow as measured by:") == ParsedStatement(
        "grow", (), (HINT_NO_KEY_RESULTS,)
    )


@pytest.mark.parametrize(
    ("text", "objective"),
    [
        ("I will Make onboarding a delight", "Make onboarding a delight"),
        ("I'll make onboarding a delight", OBJECTIVE),
        ("I\u2019ll make onboarding a delight", OBJECTIVE),
        ("I will: make onboarding a delight", OBJECTIVE),
        ("Make sure I will be heard", "Make sure I will be heard"),
        ("Illuminate the roadmap", "Illuminate the roadmap"),
    ],
)
def test_only_a_leading_i_will_is_stripped_and_the_case_is_kept(text: str, objective: str) -> None:
    assert parse_statement(text).objective == objective


@pytest.mark.parametrize(
    ("objective", "key_results", "sentence"),
    [
        ("grow", ["A", "B", "C"], "I will grow as measured by A, B and C."),
        ("grow", ["A", "B"], "I will grow as measured by A and B."),
        ("grow", ["A"], "I will grow as measured by A."),
        ("grow", [], "I will grow."),
        ("I will grow.", ["A.", "  ", "B;"], "I will grow as measured by A and B."),
        ("grow\nfast", ["A\n  B"], "I will grow fast as measured by A B."),
        ("", ["A"], "I will as measured by A."),
        ("", [], ""),
        ("  ", ["", " "], ""),
    ],
)
def test_an_okr_is_rendered_as_doerrs_sentence(
    objective: str, key_results: list[str], sentence: str
) -> None:
    assert render_statement(objective, key_results) == sentence


# "Reasonable" texts: words without list separators, and key results that name a number,
# as every key result should.
WORD = st.from_regex(r"[A-Za-z][A-Za-z'-]{0,10}", fullmatch=True).filter(
    lambda word: word.lower() != "and"
)
NUMBER = st.from_regex(r"\$?[0-9]{1,3}(,[0-9]{3})?(\.[0-9]{1,2})?%?", fullmatch=True)
OBJECTIVES = (
    st.lists(WORD, min_size=1, max_size=8)
    .filter(lambda words: words[0].lower() not in {"i", "i'll"})
    .map(" ".join)
)
KEY_RESULTS = st.builds(
    lambda before, number, after: " ".join([*before, number, *after]),
    st.lists(WORD, max_size=4),
    NUMBER,
    st.lists(WORD, max_size=4),
)
MEASURED_BY = re.compile(r"as\s+measured\s+by", re.IGNORECASE)


def _reasonable(*texts: str) -> bool:
    return not any(MEASURED_BY.search(text) for text in texts)


@given(OBJECTIVES, st.lists(KEY_RESULTS, max_size=6))
def test_a_rendered_sentence_parses_back_to_the_same_okr(
    objective: str, key_results: list[str]
) -> None:
    assume(_reasonable(objective, *key_results))
    parsed = parse_statement(render_statement(objective, key_results))
    assert parsed.objective == mid_sentence(objective)  # only a leading capital may drop
    assert parsed.key_results == tuple(mid_sentence(kr) for kr in key_results)


@given(OBJECTIVES, st.lists(st.lists(WORD, min_size=1, max_size=4).map(" ".join), min_size=3))
def test_three_or_more_key_results_round_trip_even_without_numbers(
    objective: str, key_results: list[str]
) -> None:
    assume(_reasonable(objective, *key_results))
    parsed = parse_statement(render_statement(objective, key_results))
    # Only a capital that marked the start of what was typed may be lowered mid-sentence.
    expected = (mid_sentence(objective), tuple(mid_sentence(kr) for kr in key_results))
    assert (parsed.objective, parsed.key_results) == expected


@given(st.text())
def test_parsing_any_text_never_raises_and_gives_clean_pieces(text: str) -> None:
    parsed = parse_statement(text)
    assert parsed.objective == parsed.objective.strip()
    assert all(kr and kr == kr.strip() for kr in parsed.key_results)
    assert parsed.hints or parsed.key_results


@given(st.text(), st.lists(st.text()))
def test_rendering_any_text_never_raises(objective: str, key_results: list[str]) -> None:
    assert isinstance(render_statement(objective, key_results), str)
