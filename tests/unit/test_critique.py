"""The key-result and objective critique: kinds, signals, structured fields, wording, safety.

Examples are written for these tests, following the labelling guideline's definitions.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrcore.critique import (
    KIND_RULES,
    VERDICT_RULES,
    critique_key_result,
    critique_objective,
    is_good,
)
from okrcore.critique.findings import SEVERITY, by_severity, has_errors
from okrcore.critique.review import FieldCheck, TeamReview
from okrcore.model.records import Direction, Team


def rules(text: str, **fields: object) -> set[str]:
    return {finding.rule for finding in critique_key_result(text, **fields)}


def covered(text: str, **fields: object) -> set[str]:
    """Every rule that holds, shown or folded into the finding that stands for it."""
    return {rule for finding in critique_key_result(text, **fields) for rule in finding.rules}


def kind_of(text: str) -> str:
    found = rules(text) & KIND_RULES
    assert len(found) <= 1
    return next(iter(found), "outcome")


@pytest.mark.parametrize(
    "text",
    [
        "Launch the referral programme",
        "Migrate the billing service to the new queue",
        "Write the onboarding handbook",
        "Hire a head of customer success",
        "Decide on the data retention policy",
        "Single sign-on is available to every enterprise customer",
        "Publish at least 1 case study with a design partner",
        "Upgrade all workers to Python 3",
        "Complete the ISO 27001 audit",
    ],
)
def test_a_one_off_deliverable_is_called_a_task_and_has_no_number(text: str) -> None:
    assert kind_of(text) == "kr.task"
    # One finding, the task, stands for the missing number and target (no stacked errors).
    assert rules(text) == {"kr.task"}
    assert {"kr.not_measurable", "kr.no_target"} <= covered(text)


@pytest.mark.parametrize(
    "text",
    [
        "Publish 8 articles on the engineering blog",
        "Run 12 customer interviews",
        "Hire 4 support engineers",
        "Speak at 3 regional conferences",
        "Fix 30 bugs in the importer",
        "Post on Mastodon 5 times a week",
        "Send the release newsletter every month",
    ],
)
def test_counting_the_teams_own_activity_is_called_an_output(text: str) -> None:
    assert kind_of(text) == "kr.output"


@pytest.mark.parametrize(
    "text",
    [
        "Maintain 99.9% availability of the public API",
        "Keep the p95 page load under 1.5 seconds",
        "No data-loss incidents in production",
        "Error budget does not exceed 0.5%",
        "Prevent regressions in app start-up time",
    ],
)
def test_keeping_a_health_metric_steady_is_called_a_kpi(text: str) -> None:
    assert kind_of(text) == "kr.kpi"


@pytest.mark.parametrize(
    "text",
    [
        "Raise trial-to-paid conversion from 6% to 9% by 30 June",
        "Cut median support response time to 2 hours",
        "Grow weekly active teams by 40%",
        "Reach 2,500 paying subscribers",
        "Double the number of self-serve upgrades",
        "Sign 12 new enterprise customers",
        "Crash-free sessions above 99.5%",
        "Produce 3 webinars with 400 registrants in total",
    ],
)
def test_a_change_in_a_result_with_a_target_is_a_good_key_result(text: str) -> None:
    findings = critique_key_result(text)
    assert is_good(findings), [f.rule for f in findings]


def test_a_result_named_without_a_target_is_measurable_but_lacks_a_target() -> None:
    assert rules("Grow the number of returning visitors") >= {"kr.no_target"}
    assert "kr.not_measurable" not in rules("Grow the number of returning visitors")


@pytest.mark.parametrize("text", ["Improve team morale", "Increase brand awareness"])
def test_an_abstract_quality_without_a_measure_is_not_measurable(text: str) -> None:
    # The vague word is the reason there is no number: named in that one finding.
    assert "kr.not_measurable" in rules(text) and "kr.vague" not in rules(text)
    assert {"kr.not_measurable", "kr.vague"} <= covered(text)
    assert not rules(text) & KIND_RULES


@pytest.mark.parametrize(
    ("text", "time_bound"),
    [
        ("Reach 300 signups by end of March", True),
        ("Reach 300 signups in Q3", True),
        ("Reach 300 signups during the quarter", True),
        ("Reach 300 signups by 2026-05-01", True),
        ("Ship 4 fixes in M91", True),
        ("Reach 300 signups per month", False),
        ("Answer tickets within 2 days", False),
        ("Grow signups year over year by 10%", False),
        ("Build the pipeline for Q4", False),
    ],
)
def test_only_an_explicit_date_or_period_counts_as_a_deadline(text: str, time_bound: bool) -> None:
    assert ("kr.no_deadline" not in rules(text)) is time_bound


@pytest.mark.parametrize(
    ("text", "has_baseline"),
    [
        ("Lower churn from 5% to 3%", True),
        ("Reduce onboarding from five days to two", True),
        ("Reach 40k readers (currently 25k)", True),
        ("Lift NPS to 45 from current 30", True),
        ("Increase renewals by 20%", False),
        ("Grow revenue 15% compared to last quarter", False),
    ],
)
def test_a_baseline_is_a_stated_starting_value(text: str, has_baseline: bool) -> None:
    assert ("kr.no_baseline" not in rules(text)) is has_baseline


@pytest.mark.parametrize(
    ("text", "fields", "absent"),
    [
        ("Grow active users", {"target": 5000.0}, {"kr.no_target", "kr.not_measurable"}),
        ("Grow active users to 5000", {"baseline": 3000.0}, {"kr.no_baseline"}),
        ("Grow active users to 5000", {"deadline": date(2026, 9, 30)}, {"kr.no_deadline"}),
    ],
)
def test_a_structured_field_satisfies_the_matching_rule(
    text: str, fields: dict[str, object], absent: set[str]
) -> None:
    assert not rules(text, **fields) & absent


@pytest.mark.parametrize(
    ("direction", "expected"),
    [(Direction.KEEP_IN_RANGE, "kr.kpi"), ("milestone", "kr.task"), (Direction.INCREASE, None)],
)
def test_the_chosen_direction_can_make_an_outcome_a_kpi_or_a_milestone(
    direction: object, expected: str | None
) -> None:
    found = rules("Reach 95% on-time delivery", direction=direction) & KIND_RULES
    assert found == ({expected} if expected else set())


def test_a_direction_does_not_hide_that_a_key_result_counts_activity() -> None:
    assert rules("Publish 10 posts", direction="keep_in_range") & KIND_RULES == {"kr.output"}


def test_an_output_suggestion_rewrites_the_persons_own_text_as_an_outcome() -> None:
    finding = next(f for f in critique_key_result("Publish 10 blog posts") if f.rule == "kr.output")
    assert finding.suggestion is not None
    assert "'Publish 10 blog posts' as an initiative" in finding.suggestion  # their capitals
    assert finding.suggestion.startswith("Increase <what the blog posts should bring")


def test_a_missing_target_suggestion_keeps_the_persons_wording() -> None:
    finding = next(f for f in critique_key_result("Grow repeat orders") if f.rule == "kr.no_target")
    assert finding.suggestion == "Grow repeat orders from <baseline> to <target>."


def test_a_missing_baseline_is_inserted_before_the_target() -> None:
    finding = next(
        f for f in critique_key_result("Raise activation to 40%") if f.rule == "kr.no_baseline"
    )
    assert finding.suggestion is not None
    assert finding.suggestion.startswith("'Raise activation from <baseline> to 40%'")


def test_two_results_joined_in_one_key_result_are_flagged() -> None:
    findings = critique_key_result("Raise NPS to 50 and cut churn to 2%")
    compound = next(f for f in findings if f.rule == "kr.compound")
    assert "'Raise NPS to 50'" in (compound.suggestion or "")


def test_a_vanity_metric_and_an_ambiguous_count_get_a_note() -> None:
    assert "kr.vanity" in rules("Reach 1 million page views")
    assert "kr.ambiguous_metric" in rules("Reach 10,000 users")
    assert "kr.ambiguous_metric" not in rules("Reach 10,000 weekly active users")


def test_a_key_result_that_repeats_its_objective_is_flagged() -> None:
    assert "kr.restates_objective" in rules(
        "Delight our customers", objective="Delight our customers"
    )


def test_an_empty_key_result_is_a_single_error() -> None:
    assert [f.rule for f in critique_key_result("   ")] == ["kr.empty"]


def test_every_finding_has_a_known_severity_and_a_reason() -> None:
    for text in ["Launch X", "Publish 9 videos", "Keep churn under 2%", "Improve things"]:
        for finding in critique_key_result(text):
            assert finding.severity == SEVERITY[finding.rule]
            assert finding.message and finding.why


def test_errors_sort_first_and_decide_the_error_state() -> None:
    findings = critique_key_result("Launch the app")
    assert by_severity(findings)[0].severity == "error"
    assert has_errors(findings)
    assert not has_errors(critique_key_result("Reach 500 paying teams from 300 by May"))


def test_the_verdict_rules_are_the_kind_rules_plus_measurability_and_target() -> None:
    assert {"kr.not_measurable", "kr.no_target"} | KIND_RULES <= VERDICT_RULES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grow revenue to $2M", {"obj.has_number"}),
        ("Launch the partner portal", {"obj.task"}),
        ("Build the best place to learn to code", set()),
        ("Make our customers love the onboarding", set()),
        ("Be the team " + "that always delivers " * 8, {"obj.too_long"}),
        ("", {"obj.empty"}),
        ("Win the 2026 developer market", set()),
    ],
)
def test_an_objective_is_short_qualitative_and_not_a_task(text: str, expected: set[str]) -> None:
    assert {finding.rule for finding in critique_objective(text)} == expected


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789", max_size=200),
        st.text(alphabet=".,;:!?()[]{}%$#<>-/+*'\"", max_size=200),
        st.text(min_size=2000, max_size=6000),
        st.lists(st.sampled_from(["by", "from", "to", "10", "%", "Q3", "a", "(", "and"])).map(
            " ".join
        ),
    )
)
def test_the_critique_never_raises_on_any_text(text: str) -> None:
    findings = critique_key_result(text, text[:50])
    assert len({f.rule for f in findings} & KIND_RULES) <= 1
    critique_objective(text)


def test_the_review_counts_key_results_with_errors_not_the_errors_themselves() -> None:
    review = TeamReview(team=Team(name="Growth"))
    two_errors = [FieldCheck("a", "error", "First.", ""), FieldCheck("b", "error", "Second.", "")]
    review.count(two_errors, "“Ship the portal”")
    review.count([FieldCheck("c", "warning", "Late.", "")], "“NPS to 40”")
    assert (review.errors, review.warnings) == (1, 1)
    assert review.open_errors == ["“Ship the portal”: First.", "“Ship the portal”: Second."]


def test_the_critique_reads_numbers_as_the_reader_does() -> None:
    """One reader of numbers: magnitudes and points read the same in the critique."""
    from okrcore.critique.text import read_sentence

    (million,) = read_sentence("Reach 1.5 million app installs").quantities
    assert (million.value, million.noun) == (1_500_000, ("app", "installs"))
    assert kind_of("Cut unplanned work by 6 points") != "kr.output"  # a share, not an output
    assert critique_objective("Meet SOC 2 compliance for all cloud infrastructure") == []
