"""The critique's rule classes, each with examples written for this test (never copied from
the labelled files): who acts (the team or the market), what changes (a count of the
team's deliverables or a measure of behaviour), a state true once or a level that moves.
"""

from __future__ import annotations

import pytest

from okrcore.critique import critique_key_result, critique_okr_set, is_good
from okrcore.critique.analysis import analyse_key_result
from okrcore.critique.okr_set import KeyResultSpec, ObjectiveSpec


def kind(text: str) -> str:
    return analyse_key_result(text).kind


@pytest.mark.parametrize(
    "text",
    [
        "+2 engineers on the payments squad",
        "Grow the support team to 9 analysts",
        "Land 25 code changes in the upstream compiler",
        "14 patches merged into the scheduler",
        "Take weekly snapshots of the pricing page",
        "5 new how-to guides for the mobile SDK",
        "Run 3 online courses for resellers",
        "Host 6 community events in Latin America",
    ],
)
def test_counts_of_the_teams_own_work_are_outputs(text: str) -> None:
    assert kind(text) == "output"
    assert not is_good(critique_key_result(text))


@pytest.mark.parametrize(
    "text",
    [
        "The export API is documented",
        "Admins can see every seat in the billing screen",
        "Tax handling is part of the checkout flow",
        "A system to keep the reseller list updated",
        "A dashboard that shows weekly refunds",
        "An importer for spreadsheets from the old tool",
    ],
)
def test_one_off_deliverables_phrased_as_states_are_tasks(text: str) -> None:
    assert kind(text) == "task"


@pytest.mark.parametrize(
    "text",
    [
        "Get featured in two national newspapers",
        "Get cited by the standards body",
        "Move deals to Closed Won faster",
        "Push qualified leads to the sales team",
        "Pull in 1 large deal with a retailer",
        "Close 1 enterprise customer in Japan",
    ],
)
def test_results_opening_with_a_task_like_verb_are_outcomes(text: str) -> None:
    assert kind(text) == "outcome"


@pytest.mark.parametrize(
    "text",
    [
        "Page load time of the account screen",
        "Cloud cost per active workspace",
        "Error rate of the payment webhook",
        "Change-failure rate of the mobile releases",
        "New build agents finish faster than the ones they replaced",
        "Shoppers check out in less time than last season",
    ],
)
def test_a_named_metric_or_a_comparison_is_measurable_without_a_number(text: str) -> None:
    analysis = analyse_key_result(text)
    assert analysis.kind == "outcome"
    assert analysis.measurable and not analysis.has_target


@pytest.mark.parametrize(
    "text",
    [
        "Answer every urgent ticket within an hour",
        "Restore service within a day of any outage",
    ],
)
def test_a_limit_in_time_is_a_target_and_not_a_deadline(text: str) -> None:
    analysis = analyse_key_result(text)
    assert analysis.measurable and analysis.has_target
    assert not analysis.time_bound


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("Book a total of $3M in new contracts by June 1", "$3M"),
        ("Reach a total of 40k paying seats", "40k"),
        ("Sell a minimum of €500K in renewals in Q3", "€500K"),
    ],
)
def test_an_amount_framed_as_a_total_is_a_target(text: str, typed: str) -> None:
    analysis = analyse_key_result(text)
    assert analysis.kind == "outcome" and analysis.has_target
    assert is_good(critique_key_result(text))
    assert typed in analysis.kind_cue  # quoted as typed, not lower-cased


@pytest.mark.parametrize(
    "text",
    [
        "Upgrade the build farm to Debian 13.2",
        "Pass the ISO 27001 surveillance audit",
        "The 2.0 release of the mobile app is out",
    ],
)
def test_numbers_that_name_a_version_or_a_standard_are_not_targets(text: str) -> None:
    analysis = analyse_key_result(text)
    assert analysis.kind == "task"
    assert not analysis.measurable and not analysis.has_target


@pytest.mark.parametrize(
    "text",
    [
        "Ship 4 projects that make onboarding smoother for partners",
        "Build 3 tools the support desk asked for",
        "Offers accepted by 3x backend engineers and a designer",
        "Hire boldly so the night shift is covered",
        "Monthly webinars for resellers",
    ],
)
def test_made_things_hires_and_rhythms_are_outputs_whatever_the_noun(text: str) -> None:
    assert kind(text) == "output"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cap monthly cloud spend on the staging cluster", "kpi_maintain"),
        ("12 pilot customers who stay active for 6 weeks", "outcome"),
        ("Make the billing jobs simple to maintain and document them", "task"),
    ],
)
def test_keeping_steady_is_the_key_results_own_verb(text: str, expected: str) -> None:
    """A guard-rail verb opening the key result sets a limit; in a relative clause people
    act, after an adjective it describes a thing."""
    assert kind(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Zero failed bank transfers on payday",
        "Ensure no invoices are sent twice",
        "Refund requests do not rise while prices change",
    ],
)
def test_a_guard_rail_at_zero_is_a_kpi_that_can_be_checked(text: str) -> None:
    analysis = analyse_key_result(text)
    assert analysis.kind == "kpi_maintain" and analysis.measurable


def test_a_number_after_all_is_the_scope_of_a_task_not_a_target() -> None:
    analysis = analyse_key_result("Switch on card payments in all 12 branches")
    assert analysis.kind == "task" and not analysis.has_target


def test_a_fraction_is_a_target() -> None:
    analysis = analyse_key_result("Shrink the claims backlog by a third")
    assert analysis.kind == "outcome" and analysis.has_target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Every till migrated to the new card reader", "task"),
        ("All laptops enrolled in device management", "task"),
        ("Make the returns process quicker for shoppers", "outcome"),
        ("Make the returns form easy to find", "task"),
        ("Invoice disputes below 20 at all times", "kpi_maintain"),
        ("Users provide feedback on the new shelf labels", "outcome"),
        ("0 failed nightly backups", "kpi_maintain"),
        ("fortnightly pricing review", "output"),
        ("Set up a monthly sync with finance", "task"),
        ("new checkout adopted by all regional shops", "outcome"),
    ],
)
def test_the_shape_of_the_sentence_decides_the_kind(text: str, expected: str) -> None:
    """A subject with what was done to it is a state reached once; "make X quicker" asks for
    a change; "at all times" keeps a level; a base verb ("provide") is not a participle."""
    assert kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("returns <4%/wk", "outcome"),
        ("3 newsletters / month", "output"),
        ("hiring: 3x nurses, 1x pharmacist", "output"),
        ("supplier scorecard dashboard", "task"),
    ],
)
def test_key_results_as_tersely_as_teams_jot_them_down(text: str, expected: str) -> None:
    analysis = analyse_key_result(text)
    assert analysis.kind == expected
    assert analysis.has_target is (expected != "task")


def test_a_quarter_opening_the_line_is_its_deadline() -> None:
    assert analyse_key_result("H2: move payroll to the new provider").time_bound


def test_every_two_weeks_is_a_rhythm_not_a_target() -> None:
    analysis = analyse_key_result("Post the roadmap update every two weeks")
    assert analysis.kind == "output" and not analysis.has_target


def test_a_noun_phrase_ends_at_its_preposition() -> None:
    """ "a weekly sync between sales and support" sets up a meeting; "sales" is not what it
    moves."""
    assert kind("Set up a weekly sync between sales and support") == "task"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Every new hire can explain how we release on a Friday", "outcome"),
        ("Show the demo to strangers and have them describe what it does", "outcome"),
        ("We can report on each store's refunds in one click", "task"),
        ("Hit and track all regional sales goals", "outcome"),
    ],
)
def test_who_acts_decides_between_a_result_and_a_capability(text: str, expected: str) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize(
    ("text", "baseline", "dated"),
    [
        ("Raise trial to paid conversion 8% to 11% by the close of Q2", True, True),
        ("Grow weekly orders by 10% to 15% in the next 9 months", False, True),
        ("Reach 300 paying clinics (currently around 240) by end 2027", True, True),
        ("Cut median ticket age to 2 days (now 5 days)", True, False),
        ("Lift repeat purchases to 30%, 22% today, by early October", True, True),
        ("Finish the year with 40 resellers on the new contract", False, True),
    ],
)
def test_baselines_and_deadlines_written_the_way_teams_write_them(
    text: str, baseline: bool, dated: bool
) -> None:
    analysis = analyse_key_result(text)
    assert (analysis.has_baseline, analysis.time_bound) == (baseline, dated)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("Rather than guessing, interview 4 buyers", False),
        ("Partners and resellers as well as staff use the portal", False),
        ("Search is faster than the old index", True),
    ],
)
def test_only_real_comparisons_count(text: str, pattern: bool) -> None:
    from okrcore.reading.words import COMPARISON

    assert (COMPARISON.search(text.lower()) is not None) is pattern


@pytest.mark.parametrize(
    ("text", "primary", "covers"),
    [
        (
            "Launch the Partner Portal",
            "kr.task",
            {"kr.not_measurable", "kr.no_target", "kr.no_baseline", "kr.no_deadline"},
        ),
        ("Publish 12 case studies", "kr.output", {"kr.no_baseline", "kr.no_deadline"}),
        ("Maintain 99.95% API uptime", "kr.kpi", {"kr.no_baseline", "kr.no_deadline"}),
        ("Improve cross-team trust", "kr.not_measurable", {"kr.no_target", "kr.vague"}),
        ("Grow weekly active workspaces", "kr.no_target", {"kr.no_baseline"}),
    ],
)
def test_one_finding_where_the_person_sees_one_problem(
    text: str, primary: str, covers: set[str]
) -> None:
    findings = critique_key_result(text)
    first = findings[0]
    assert first.rule == primary
    assert covers <= set(first.covers)
    assert not [f for f in findings[1:] if f.severity == "error"]
    assert not {f.rule for f in findings} & set(first.covers)  # nothing it covers shown again


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Launch the Partner Portal", "'Launch'"),
        ("The Billing API is documented", "'is documented'"),
        ("Publish 12 Case Studies", "'12 Case Studies'"),
        ("Maintain 99.95% API uptime", "'Maintain'"),
        ("Improve cross-team trust", "'Improve'"),
        ("Grow weekly active workspaces", "'weekly active workspaces'"),
        ("Hire boldly so the night shift is covered", "'Hire boldly'"),
        ("Limit overtime on the night shift", "'Limit'"),
    ],
)
def test_each_finding_quotes_the_words_that_led_to_it_as_typed(text: str, words: str) -> None:
    first = critique_key_result(text)[0]
    assert words in first.message


def test_identical_set_findings_are_merged_and_name_their_objectives() -> None:
    objectives = [
        ObjectiveSpec(name, team="Sales", key_results=(KeyResultSpec(f"Reach {n} renewals"),))
        for n, name in enumerate(["Win the Nordics", "Delight Admins", "Own Retail"], start=10)
    ]
    findings = critique_okr_set(objectives)
    untyped = [f for f in findings if f.rule == "set.missing_type"]
    assert len(untyped) == 1
    assert untyped[0].message.startswith("3 objectives are not marked")
    for name in ("'Win the Nordics'", "'Delight Admins'", "'Own Retail'"):
        assert name in untyped[0].message
    single = critique_okr_set(objectives[:1])
    assert any("'Win the Nordics'" in f.message for f in single if f.rule == "set.too_few_krs")
