"""The set critique: how many objectives and key results, who owns them, and when they land."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.critique import KeyResultSpec, ObjectiveSpec, critique_okr_set

CYCLE_END = date(2026, 9, 30)


METRICS = ["paying teams", "weekly readers", "renewals", "referrals", "repeat orders", "demos"]
METRICS += [f"signups in region {region}" for region in "ABCDEFGH"]


def krs(count: int, offset: int = 0, **fields: object) -> tuple[KeyResultSpec, ...]:
    return tuple(
        KeyResultSpec(f"Reach {100 + n} {METRICS[(n + offset) % len(METRICS)]}", **fields)
        for n in range(count)
    )


def objective(text: str = "Delight new customers", **fields: object) -> ObjectiveSpec:
    defaults: dict[str, object] = {"team": "Growth", "type": "committed", "key_results": krs(3)}
    return ObjectiveSpec(text, **(defaults | fields))


def rules(objectives: list[ObjectiveSpec], **kwargs: object) -> list[str]:
    return [finding.rule for finding in critique_okr_set(objectives, **kwargs)]


def test_a_healthy_set_has_no_findings() -> None:
    second = objective("Make support effortless", key_results=krs(3, offset=3))
    assert rules([objective(), second]) == []


@pytest.mark.parametrize(
    ("count", "rule"), [(0, "set.too_few_krs"), (1, "set.too_few_krs"), (6, "set.too_many_krs")]
)
def test_an_objective_needs_two_to_five_key_results(count: int, rule: str) -> None:
    findings = critique_okr_set([objective(key_results=krs(count))])
    assert [f.rule for f in findings] == [rule]
    assert findings[0].team == "Growth"
    assert findings[0].objective == "Delight new customers"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(3, []), (4, ["set.many_objectives"]), (6, ["set.too_many_objectives"])],
)
def test_more_than_three_objectives_per_team_is_noted_and_more_than_five_warned(
    count: int, expected: list[str]
) -> None:
    objectives = [objective(f"Objective number {n}", key_results=krs(2)) for n in range(count)]
    findings = [f for f in critique_okr_set(objectives) if f.rule != "set.duplicate_metric"]
    assert [f.rule for f in findings] == expected
    assert all(f.team == "Growth" for f in findings)


def test_objectives_are_counted_per_team() -> None:
    objectives = [
        objective(f"Objective {n}", team=team, key_results=krs(2))
        for n, team in enumerate(["Growth", "Platform"] * 3)
    ]
    assert "set.many_objectives" not in rules(objectives)


def test_a_person_owning_more_than_eight_key_results_is_warned() -> None:
    objectives = [
        objective(f"Objective {n}", key_results=krs(3, owner="Ana" if n else "ana"))
        for n in range(3)
    ]
    findings = [f for f in critique_okr_set(objectives) if f.rule == "set.owner_overloaded"]
    assert len(findings) == 1
    assert "9 key results" in findings[0].message


def test_the_same_metric_used_twice_is_warned_with_both_places() -> None:
    first = objective(key_results=(KeyResultSpec("Raise NPS to 40", metric="NPS"), *krs(1)))
    second = objective(
        "Make support effortless",
        team="Support",
        key_results=(KeyResultSpec("Lift NPS from 30 to 45", metric="nps"), *krs(1, offset=1)),
    )
    findings = [f for f in critique_okr_set([first, second]) if f.rule == "set.duplicate_metric"]
    assert len(findings) == 1
    assert findings[0].team == "Support"
    assert "Raise NPS to 40" in findings[0].message


def test_without_a_metric_field_the_metric_is_read_from_the_text() -> None:
    same = objective(
        key_results=(
            KeyResultSpec("Grow weekly active teams to 400"),
            KeyResultSpec("Increase weekly active teams by 20%"),
        )
    )
    assert "set.duplicate_metric" in rules([same])


def test_every_key_result_due_on_the_last_day_is_noted() -> None:
    due_at_end = objective(key_results=krs(3, deadline=CYCLE_END))
    undated = objective("Make support effortless", key_results=krs(2, offset=3))
    findings = critique_okr_set([due_at_end, undated], cycle_end=CYCLE_END)
    assert [f.rule for f in findings] == ["set.all_due_at_end"]
    assert findings[0].severity == "info"


def test_key_results_with_earlier_dates_are_a_plan() -> None:
    staggered = objective(
        key_results=(*krs(2), KeyResultSpec("Reach 90 NPS", deadline=date(2026, 8, 1)))
    )
    assert rules([staggered], cycle_end=CYCLE_END) == []


@pytest.mark.parametrize("kind", [None, "", "stretch"])
def test_an_objective_without_a_committed_or_aspirational_type_is_warned(kind: str | None) -> None:
    assert rules([objective(type=kind)]) == ["set.missing_type"]
