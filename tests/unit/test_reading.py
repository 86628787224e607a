"""The key-result reader, phrase family by phrase family (own examples only)."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.model.records import Direction
from okrcore.reading import find_quantities, read_key_result

INC, DEC, KEEP, MILE = (
    Direction.INCREASE,
    Direction.DECREASE,
    Direction.KEEP_IN_RANGE,
    Direction.MILESTONE,
)
Q1 = (date(2026, 1, 1), date(2026, 3, 31))
Q4 = (date(2025, 10, 1), date(2025, 12, 31))


def read(text: str, cycle: tuple[date, date] = Q1):
    return read_key_result(text, cycle_start=cycle[0], cycle_end=cycle[1])


@pytest.mark.parametrize(
    ("text", "baseline", "target", "direction"),
    [
        ("Lift trial activation from 22% to 30%", 22, 30, INC),
        ("Shrink the review queue from 40 to 15 pull requests", 40, 15, DEC),
        ("Take the onboarding NPS from 31 to 44", 31, 44, INC),
        ("Median time to merge goes from 26 hours to 12 hours", 26, 12, DEC),
        ("Move dashboard adoption 35% to 50%", 35, 50, INC),
        ("Grow paid workspaces to 4,500 (currently 3,100)", 3100, 4500, INC),
    ],
)
def test_from_to(text, baseline, target, direction):
    reading = read(text)
    assert (reading.baseline, reading.target, reading.direction) == (baseline, target, direction)
    assert reading.change_pct is None  # derivable, so not stated


@pytest.mark.parametrize(
    ("text", "pct", "direction"),
    [
        ("Increase renewal bookings by 18%", 18, INC),
        ("Lower the refund rate by 25 percent", 25, DEC),
        ("Grow organic sign-ups 40%", 40, INC),
        ("Support costs down 10% on last quarter", 10, DEC),
        ("Improve report load time by 35%", 35, DEC),
        ("Improve onboarding completion by 12%", 12, INC),
        ("A 30% reduction in flaky tests", 30, DEC),
    ],
)
def test_by_percent(text, pct, direction):
    reading = read(text)
    assert (reading.change_pct, reading.direction) == (pct, direction)
    assert reading.target is None and reading.baseline is None


@pytest.mark.parametrize(
    ("text", "target", "low", "high", "direction"),
    [
        ("At least 120 qualified demos", 120, 120, None, INC),
        ("Score 4.2 or higher in the partner survey", 4.2, 4.2, None, INC),
        ("Fewer than 8 open sev-2 incidents", 8, None, 8, DEC),
        ("Deploy lead time under 30 minutes", 30, None, 30, DEC),
        ("No more than 2 missed payroll runs", 2, None, 2, DEC),
        ("Refund rate at most 1.5%", 1.5, None, 1.5, DEC),
        ("Above 60% of tickets answered by the bot", 60, 60, None, INC),
        ("Over 40 partners listed in the directory", 40, 40, None, INC),
        ("15+ published integrations", 15, 15, None, INC),
    ],
)
def test_comparisons(text, target, low, high, direction):
    reading = read(text)
    assert (reading.target, reading.range_low, reading.range_high) == (target, low, high)
    assert reading.direction == direction


@pytest.mark.parametrize(
    ("text", "pct", "direction"),
    [
        ("Double the number of self-hosted installs", 100, INC),
        ("Triple partner referrals", 200, INC),
        ("Halve the time to first deploy", 50, DEC),
        ("Grow developer sign-ups 4x", 300, INC),
        ("Speed up the nightly export by 2x", 100, INC),
        ("Reduce memory use by a factor of 4", 75, DEC),
        ("Cut the cold start time in half", 50, DEC),
    ],
)
def test_multipliers(text, pct, direction):
    reading = read(text)
    assert (reading.change_pct, reading.direction) == (pct, direction)


@pytest.mark.parametrize(
    ("text", "target", "unit"),
    [
        ("Close $4.5M in expansion revenue", 4_500_000, "$"),
        ("Raise €1.2k per account in add-ons", 1200, "€"),
        ("Reach 25k monthly readers", 25_000, ""),
        ("Reach 2.5 million app installs", 2_500_000, ""),
        ("Collect £80,000 in sponsorships", 80_000, "£"),
        ("Hit 1,234,567 API calls a day", 1_234_567, ""),
        ("Ten enterprise pilots running", 10, ""),
    ],
)
def test_money_and_magnitudes(text, target, unit):
    reading = read(text)
    assert (reading.target, reading.unit) == (target, unit)


@pytest.mark.parametrize(
    ("text", "change_by", "direction"),
    [
        ("Raise gross margin by 4 pp", 4, INC),
        ("Lift activation by 3 percentage points", 3, INC),
        ("Cut unplanned work by 6 points", 6, DEC),
    ],
)
def test_percentage_points(text, change_by, direction):
    reading = read(text)
    assert (reading.change_by, reading.change_pct, reading.direction) == (
        change_by,
        None,
        direction,
    )


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Resolve 85% of chats within 10 minutes", 85),
        ("Ship 4 experiments a month", 4),
        ("Answer 95% of RFPs in under 2 days", 95),
        ("Review 30 accounts per week", 30),
        ("Keep 3 trainees for 6 months", 3),
    ],
)
def test_durations_are_not_deadlines(text, target):
    reading = read(text)
    assert reading.deadline is None
    assert reading.target == target


@pytest.mark.parametrize(
    ("text", "low", "high", "target"),
    [
        ("Keep weekly churn below 1.5%", None, 1.5, 1.5),
        ("Maintain CSAT above 4.4", 4.4, None, 4.4),
        ("Stay within 3% of the hiring budget", None, 3, 3),
        ("Hold warehouse stock between 20 and 30 days", 20, 30, None),
        ("Make sure error rates remain under 0.1%", None, 0.1, 0.1),
    ],
)
def test_ranges_keep(text, low, high, target):
    reading = read(text)
    assert reading.direction == KEEP
    assert (reading.range_low, reading.range_high, reading.target) == (low, high, target)


@pytest.mark.parametrize(
    ("text", "cycle", "deadline"),
    [
        ("Launch the referral program by May 15", Q1, date(2026, 5, 15)),
        ("Finish the SOC 2 audit by end of March", Q1, date(2026, 3, 31)),
        ("Sign 5 resellers in Q1", Q1, date(2026, 3, 31)),
        ("Sign 5 resellers in Q1", Q4, date(2026, 3, 31)),
        ("Publish the price list by the end of Q3", Q1, date(2026, 9, 30)),
        ("Pilot the new planner in February/March", Q1, date(2026, 3, 31)),
        ("Retire the old API this quarter", Q4, date(2025, 12, 31)),
        ("Close the books by EOQ", Q1, date(2026, 3, 31)),
        ("Open the Berlin office by June 1", Q1, date(2026, 6, 1)),
        ("Go live by February", Q4, date(2026, 2, 28)),
        ("Sign the lease before April", Q1, date(2026, 3, 31)),
        ("Sign the lease by 12 March 2027", Q1, date(2027, 3, 12)),
        ("Revenue split same as Q2 to Q3", Q1, None),
        ("Reach 20 pilots by the end of the month", Q1, None),
    ],
)
def test_dates_against_the_cycle(text, cycle, deadline):
    reading = read(text, cycle)
    assert reading.deadline == deadline
    if deadline is not None:
        assert reading.deadline_outside_cycle == (not cycle[0] <= deadline <= cycle[1])


def test_date_without_a_cycle_takes_this_year():
    reading = read_key_result("Ship the mobile beta by October 3")
    assert (reading.deadline.month, reading.deadline.day) == (10, 3)
    assert reading.deadline.year == date.today().year
    assert not reading.deadline_outside_cycle


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Reduce onboarding drop-off to 20%", DEC),
        ("Reduce onboarding drop-off from 20% to 30%", DEC),  # the verb wins
        ("Shorten the quote cycle to 4 days", DEC),
        ("Bring down invoice disputes to 12", DEC),
        ("Decrease stale tickets", DEC),
        ("Increase weekly logins", INC),
        ("Grow partner revenue to $900k", INC),
        ("Reach 300 design partners", INC),
        ("Improve the hiring funnel", INC),
        ("Limit pager alerts at night", DEC),
    ],
)
def test_direction_verbs(text, direction):
    assert read(text).direction == direction


@pytest.mark.parametrize(
    "text",
    [
        "Launch the partner portal",
        "Ship v2 of the billing service",
        "Publish the 2026 security whitepaper",
        "Hire a head of support",
        "The escalation policy is documented",
        "Migrate search to Elasticsearch 8",
        "Publish 1 customer story",
        "Achieve ISO 27001 certification",
        "Adopt RFC 42 across Tier 1 services",
    ],
)
def test_milestones(text):
    reading = read(text)
    assert reading.direction == MILE
    assert (reading.baseline, reading.target, reading.change_pct, reading.change_by) == (
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("text", "change_by"),
    [
        ("+3 sales engineers, +2 solution architects", 5),
        ("+1 data analyst", 1),
        ("Grow the mailing list by 4,000", 4000),
        ("Add 12 marketplace apps", 12),
        ("Get 9 more reference customers", 9),
        ("Hire 2 additional recruiters", 2),
    ],
)
def test_increments_add_up(text, change_by):
    reading = read(text)
    assert reading.change_by == change_by
    assert reading.target is None
    assert reading.direction == INC


def test_only_the_first_clause_sets_values():
    reading = read("Run 3 roadshows with 400 attendees each")
    assert reading.target == 3


def test_identifiers_years_and_versions_are_not_values():
    reading = read("Move 80% of Tier 2 accounts to v3 in M82 during 2026")
    assert reading.target == 80
    values = [q.value for q in find_quantities("Tier 2 on Kubernetes 1.30, SOC 2 and RFC 42")]
    assert values == []


def test_spans_point_at_the_values():
    text = "Cut checkout errors from 4% to 1.5% by March 20"
    reading = read(text)
    assert text[slice(*reading.spans["baseline"])] == "4%"
    assert text[slice(*reading.spans["target"])] == "1.5%"
    assert text[slice(*reading.spans["deadline"])] == "March 20"
    assert text[slice(*reading.spans["direction"])] == "Cut"


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        (
            "Raise the engagement score from 70% to 85% by March 31",
            "70 % → 85 %, increase, by 31 Mar",
        ),
        ("Book $5M in new contracts", "→ $5M, increase"),
        ("Reach 1,234,567 monthly plays", "→ 1,234,567, increase"),
        ("Keep churn below 2%", "≤ 2 %, keep_in_range"),
        ("Cut cloud spend by 20%", "by 20 %, decrease"),
        ("Launch the partner portal", "milestone"),
    ],
)
def test_summary(text, summary):
    assert read(text).summary() == summary


def test_quantities_carry_value_unit_span_and_governor():
    text = "Grow ARR from $2M to at least $3.5M"
    found = find_quantities(text)
    assert [(q.value, q.unit, q.prep, q.bound) for q in found] == [
        (2_000_000, "$", "from", ""),
        (3_500_000, "$", "to", "lower"),
    ]
    assert found[1].governor == "to at least"
    assert text[slice(*found[0].span)] == "$2M"
