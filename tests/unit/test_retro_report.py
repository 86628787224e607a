"""The Markdown retrospective report: what it says, and that user text stays literal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from okrcore.formats.markdown import md_text
from okrcore.formats.retro_report import NO_DATA, retro_markdown, score_text
from okrcore.model.records import (
    Decision,
    KeyResultRetro,
    ObjectiveRetro,
    ObjectiveType,
    RootCause,
    TeamRetro,
    clean_text,
)
from tests.unit.doc_builders import DocBuilder


def reported_cycle() -> tuple[DocBuilder, str]:
    b = DocBuilder()
    team = b.team("Mobile")
    committed = b.objective(team, "Make onboarding a delight", type=ObjectiveType.COMMITTED)
    measured = b.key_result(committed, text="Activation from 0 to 10")
    b.checkin(measured, 6)
    silent = b.key_result(committed, text="Time to value from 0 to 10")
    aspirational = b.objective(team, "Win the mid-market", type=ObjectiveType.ASPIRATIONAL)
    b.checkin(b.key_result(aspirational, text="Deals from 0 to 10"), 7)
    b.doc.kr_retros.append(
        KeyResultRetro(
            key_result_id=silent.id, root_cause=RootCause.DEPENDENCY, note="Waited on SSO"
        )
    )
    b.kr_retro(measured, 0.7, reason="The metric changed definition in May")
    b.doc.objective_retros.append(
        ObjectiveRetro(
            objective_id=committed.id, decision=Decision.KEEP, hits="Emails worked",
            misses="Tour never shipped",
        )
    )  # fmt: skip
    b.doc.team_retros.append(
        TeamRetro(
            team_id=team.id,
            lessons=["We learned that dependencies need an owner."],
            wins=["First enterprise deal"],
        )
    )
    return b, retro_markdown(b.doc)


def test_the_report_opens_with_the_cycle_and_the_company_summary() -> None:
    _, report = reported_cycle()
    assert report.startswith("# Retrospective: Acme OKRs · 2026-Q1\n")
    assert "- Objectives per band: 1 green, 1 yellow, 0 red" in report
    assert "- Committed objectives: 0.4 (yellow: Progress, not there yet) (expected 1.0)" in report
    assert "- Aspirational objectives: 0.7 (green: Delivered)" in report


def test_each_objective_shows_its_score_reading_decision_hits_and_misses() -> None:
    _, report = reported_cycle()
    assert "## Mobile" in report
    assert "### Make onboarding a delight (committed)" in report
    assert "Hold a blameless post-mortem" in report
    assert "Decision: **Keep**" in report
    assert "Decision: not taken yet" in report  # the aspirational one
    assert "Hits: Emails worked" in report and "Misses: Tour never shipped" in report


def test_key_results_show_values_adjustments_root_causes_and_missing_data() -> None:
    _, report = reported_cycle()
    assert (
        "- Activation from 0 to 10 — 0 → 6 · score 0.6 (yellow: Progress, not there yet) · "
        "adjusted to 0.7 (green: Delivered), reason: The metric changed definition in May"
    ) in report
    silent = next(line for line in report.splitlines() if line.startswith("- Time to value"))
    assert NO_DATA in silent and "root cause: dependency" in silent
    assert "  - Note: Waited on SSO" in report


def test_lessons_and_wins_are_listed_under_the_team() -> None:
    _, report = reported_cycle()
    assert "#### Lessons\n\n- We learned that dependencies need an owner." in report
    assert "#### Wins to celebrate\n\n- First enterprise deal" in report


def test_a_team_with_nothing_to_report_is_left_out() -> None:
    b = DocBuilder()
    b.team("Quiet")
    report = retro_markdown(b.doc)
    assert "## Quiet" not in report
    assert "- Mean objective score: not scored" in report


def test_scores_are_written_with_their_band_in_words() -> None:
    assert score_text(0.35) == "0.4 (yellow: Progress, not there yet)"
    assert score_text(0.0) == "0.0 (red: Limited progress)"
    assert score_text(None) == "not scored"


MARKUP = st.sampled_from(
    ["<script>alert(1)</script>", "**bold**", "[link](http://x.example)", "a | b", "`code`",
     "_it_", "$x$", "~~gone~~"]
)  # fmt: skip
USER_TEXT = st.one_of(MARKUP, st.text(min_size=1, max_size=60).filter(clean_text))


@given(team=USER_TEXT, objective=USER_TEXT, kr=USER_TEXT, lesson=USER_TEXT, win=USER_TEXT)
@settings(max_examples=150, deadline=None)
def test_user_text_appears_only_escaped(team, objective, kr, lesson, win) -> None:
    b = DocBuilder()
    owner = b.team(team[:80])
    goal = b.objective(owner, objective[:300])
    b.key_result(goal, text=kr[:300])
    b.doc.team_retros.append(TeamRetro(team_id=owner.id, lessons=[lesson], wins=[win]))
    report = retro_markdown(b.doc)
    stored = b.doc.team_retros[0]
    for text in (owner.name, goal.text, b.doc.key_results[0].text, *stored.lessons, *stored.wins):
        assert md_text(text) in report
    # The report adds none of these itself here, so each one came from user text.
    for index, char in enumerate(report):
        if char in "<>`*|[]_$~":
            assert report[index - 1] == "\\", report
