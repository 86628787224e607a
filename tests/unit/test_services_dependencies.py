"""Dependencies between teams: asking, answering, flagging, and what a removal touches."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.model.errors import InvalidInput, NotFound, PermissionDenied
from okrcore.model.records import DependencyStatus, Phase
from okrcore.services.dependencies import (
    Answer,
    add_dependency,
    answer_dependency,
    asks_of,
    dependencies_settled,
    needs_of,
    remove_dependency,
    set_dependency_status,
    team_key_results,
    team_message,
    update_dependency,
)
from okrcore.services.drafting import add_key_result, add_objective
from okrcore.services.workshops import set_phase
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import END, START, new_workshop, participant

ANA = participant("Ana")
MISSING = "0" * 32


@pytest.fixture
def ws():
    repo = InMemoryRepository()
    workshop_id, fac = new_workshop(repo, teams=("Platform", "Growth", "Mobile"))
    teams = {t.name: t.id for t in repo.load(workshop_id).teams}
    return repo, workshop_id, fac, teams


def ask(ws, needer: str = "Growth", provider: str = "Platform", what: str = "SSO", **kw):
    repo, wid, _, teams = ws
    return add_dependency(repo, wid, ANA, teams[needer], teams[provider], what, **kw)


def a_key_result(ws, team: str, text: str = "Activation from 40% to 60%"):
    repo, wid, _, teams = ws
    objective = add_objective(repo, wid, ANA, teams[team], text="delight new users")
    return add_key_result(repo, wid, ANA, objective.id, text=text)


# -- asking ---------------------------------------------------------------------------------
def test_a_request_starts_proposed_with_its_author_and_is_kept_in_history(ws) -> None:
    repo, wid, _, teams = ws
    kr = a_key_result(ws, "Growth")
    dep = ask(ws, what="  Single sign-on  ", by_when=date(2027, 2, 1), key_result_id=kr.id)
    stored = repo.load(wid).dependencies[0]
    assert stored == dep
    assert (stored.from_team_id, stored.to_team_id) == (teams["Growth"], teams["Platform"])
    assert (stored.what, stored.status, stored.author) == ("Single sign-on", "proposed", "Ana")
    assert repo.load(wid).history[-1].action == "asked for a dependency"


def test_a_team_cannot_depend_on_itself(ws) -> None:
    with pytest.raises(InvalidInput, match="cannot depend on itself"):
        ask(ws, needer="Growth", provider="Growth")


@pytest.mark.parametrize("what", ["sso", "  SSO ", "Sso"])
def test_the_same_request_twice_is_refused_naming_the_existing_one(ws, what) -> None:
    ask(ws, what="SSO")
    expected = r"Growth already asked Platform for “SSO”.*proposed"
    with pytest.raises(InvalidInput, match=expected):
        ask(ws, what=what)


def test_the_same_text_to_another_team_or_in_the_other_direction_is_fine(ws) -> None:
    ask(ws, what="SSO")
    ask(ws, provider="Mobile", what="SSO")
    ask(ws, needer="Platform", provider="Growth", what="SSO")
    assert len(ws[0].load(ws[1]).dependencies) == 3


def test_duplicates_ignore_inner_spacing_too(ws) -> None:
    ask(ws, what="Single sign-on for admins")
    with pytest.raises(InvalidInput, match="already asked"):
        ask(ws, what="single   SIGN-ON\nfor admins")


@pytest.mark.parametrize(
    ("what", "message"),
    [("", "must not be empty"), (" \n\t ", "must not be empty"),
     ("x" * 10_000, "at most 1,000 characters")],
)  # fmt: skip
def test_empty_and_huge_requests_are_refused_with_a_message(ws, what, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        ask(ws, what=what)
    assert ws[0].load(ws[1]).dependencies == []


@pytest.mark.parametrize(
    "what",
    ["<script>alert(1)</script>", "**bold** [x](http://e.x)", "שלום 🚀 e\u0301", '"}; a -> b'],
)
def test_markup_and_unicode_are_stored_as_typed(ws, what) -> None:
    assert ask(ws, what=what).what == what


@pytest.mark.parametrize("when", [date(2026, 12, 31), date(2027, 4, 1)])
def test_by_when_must_fall_within_the_cycle(ws, when) -> None:
    with pytest.raises(InvalidInput, match="within the cycle"):
        ask(ws, by_when=when)


def test_the_cycle_bounds_themselves_are_fine(ws) -> None:
    ask(ws, what="a", by_when=START)
    ask(ws, what="b", by_when=END)


def test_unknown_teams_are_reported_as_gone(ws) -> None:
    repo, wid, _, teams = ws
    with pytest.raises(NotFound, match="team no longer exists"):
        add_dependency(repo, wid, ANA, MISSING, teams["Platform"], "x")
    with pytest.raises(NotFound, match="providing team no longer exists"):
        add_dependency(repo, wid, ANA, teams["Growth"], MISSING, "x")


def test_a_request_can_only_serve_the_needing_teams_own_key_result(ws) -> None:
    platform_kr = a_key_result(ws, "Platform")
    with pytest.raises(InvalidInput, match="Growth's own key results"):
        ask(ws, key_result_id=platform_kr.id)
    with pytest.raises(NotFound, match="key result no longer exists"):
        ask(ws, key_result_id=MISSING)


def test_requests_are_added_only_while_drafting(ws) -> None:
    repo, wid, fac, _ = ws
    set_phase(repo, wid, fac, Phase.TRACKING)
    with pytest.raises(PermissionDenied, match="published"):
        ask(ws)


# -- editing and removing -------------------------------------------------------------------
def test_editing_what_an_agreed_request_asks_sends_it_back_for_confirmation(ws) -> None:
    repo, wid, _, _ = ws
    dep = ask(ws)
    answer_dependency(repo, wid, ANA, dep.id, "agree", "Yes, by February")
    edited = update_dependency(repo, wid, ANA, dep.id, what="SSO and SCIM")
    assert (edited.what, edited.status) == ("SSO and SCIM", "proposed")
    entry = repo.load(wid).history[-1]
    assert entry.action == "edited dependency" and entry.before["what"] == "SSO"


def test_linking_a_key_result_keeps_the_answer(ws) -> None:
    repo, wid, _, _ = ws
    kr = a_key_result(ws, "Growth")
    dep = ask(ws)
    answer_dependency(repo, wid, ANA, dep.id, Answer.AGREE)
    edited = update_dependency(repo, wid, ANA, dep.id, key_result_id=kr.id)
    assert (edited.key_result_id, edited.status) == (kr.id, "agreed")
    assert update_dependency(repo, wid, ANA, dep.id, key_result_id="").key_result_id is None


def test_editing_into_a_duplicate_or_a_self_dependency_is_refused(ws) -> None:
    repo, wid, _, teams = ws
    ask(ws, what="SSO")
    other = ask(ws, what="Audit log")
    with pytest.raises(InvalidInput, match="already asked Platform for “SSO”"):
        update_dependency(repo, wid, ANA, other.id, what="sso")
    with pytest.raises(InvalidInput, match="cannot depend on itself"):
        update_dependency(repo, wid, ANA, other.id, to_team_id=teams["Growth"])
    with pytest.raises(InvalidInput, match="Unknown fields: status"):
        update_dependency(repo, wid, ANA, other.id, status="done")


def test_removing_a_request_keeps_it_in_history(ws) -> None:
    repo, wid, _, _ = ws
    dep = ask(ws)
    remove_dependency(repo, wid, ANA, dep.id)
    doc = repo.load(wid)
    assert doc.dependencies == []
    assert doc.history[-1].action == "removed dependency"
    assert doc.history[-1].before["what"] == "SSO"
    with pytest.raises(NotFound, match="dependency no longer exists"):
        remove_dependency(repo, wid, ANA, dep.id)


# -- answering ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "status"),
    [("agree", "agreed"), ("decline", "declined"), ("postpone", "postponed")],
)
def test_the_provider_answers_and_the_comment_becomes_the_response(ws, answer, status) -> None:
    repo, wid, _, _ = ws
    dep = ask(ws)
    answered = answer_dependency(repo, wid, ANA, dep.id, answer, "  Our reason  ")
    assert (answered.status, answered.response) == (status, "Our reason")
    assert repo.load(wid).history[-1].before["status"] == "proposed"


def test_negotiating_keeps_the_request_open_and_needs_a_comment(ws) -> None:
    repo, wid, _, _ = ws
    dep = ask(ws)
    with pytest.raises(InvalidInput, match="Negotiating needs a comment"):
        answer_dependency(repo, wid, ANA, dep.id, "negotiate", "   ")
    answered = answer_dependency(repo, wid, ANA, dep.id, "negotiate", "We can do SAML by March")
    assert (answered.status, answered.response) == ("proposed", "We can do SAML by March")


def test_only_the_team_asked_can_answer_when_the_page_says_who_answers(ws) -> None:
    repo, wid, _, teams = ws
    dep = ask(ws)
    with pytest.raises(InvalidInput, match="Only Platform, the team asked"):
        answer_dependency(repo, wid, ANA, dep.id, "agree", provider_team_id=teams["Growth"])
    answer_dependency(repo, wid, ANA, dep.id, "agree", provider_team_id=teams["Platform"])


def test_an_unknown_answer_or_status_gets_a_message(ws) -> None:
    repo, wid, _, _ = ws
    dep = ask(ws)
    with pytest.raises(InvalidInput, match="agree, decline, negotiate or postpone"):
        answer_dependency(repo, wid, ANA, dep.id, "maybe")
    with pytest.raises(InvalidInput, match="Status: choose one of"):
        set_dependency_status(repo, wid, ANA, dep.id, "lost")


def test_a_huge_comment_is_refused(ws) -> None:
    repo, wid, _, _ = ws
    dep = ask(ws)
    with pytest.raises(InvalidInput, match="at most 1,000"):
        answer_dependency(repo, wid, ANA, dep.id, "decline", "x" * 10_000)
    assert repo.load(wid).dependencies[0].status == "proposed"


def test_answers_and_flags_are_allowed_while_tracking_but_not_once_closed(ws) -> None:
    repo, wid, fac, _ = ws
    dep = ask(ws)
    set_phase(repo, wid, fac, Phase.TRACKING)
    answer_dependency(repo, wid, ANA, dep.id, "agree")
    assert set_dependency_status(repo, wid, ANA, dep.id, "at_risk").status == "at_risk"
    assert set_dependency_status(repo, wid, ANA, dep.id, DependencyStatus.DONE).status == "done"
    set_phase(repo, wid, fac, Phase.RETROSPECTIVE)
    with pytest.raises(PermissionDenied):
        set_dependency_status(repo, wid, ANA, dep.id, "at_risk")
    set_phase(repo, wid, fac, Phase.CLOSED)
    with pytest.raises(PermissionDenied, match="closed"):
        answer_dependency(repo, wid, fac, dep.id, "agree")


# -- reading --------------------------------------------------------------------------------
def test_tables_read_needs_and_asks_open_requests_first(ws) -> None:
    repo, wid, _, teams = ws
    answered = ask(ws, what="First")
    ask(ws, what="Second")
    answer_dependency(repo, wid, ANA, answered.id, "agree")
    doc = repo.load(wid)
    assert [d.what for d in needs_of(doc, teams["Growth"])] == ["First", "Second"]
    assert [d.what for d in asks_of(doc, teams["Platform"])] == ["Second", "First"]


def test_team_key_results_are_the_teams_own_in_order(ws) -> None:
    repo, wid, _, teams = ws
    kr = a_key_result(ws, "Growth")
    a_key_result(ws, "Platform")
    assert [k.id for k in team_key_results(repo.load(wid), teams["Growth"])] == [kr.id]


def test_the_step_is_settled_when_every_request_is_answered(ws) -> None:
    repo, wid, _, _ = ws
    assert not dependencies_settled(repo.load(wid))
    dep = ask(ws)
    assert not dependencies_settled(repo.load(wid))
    answer_dependency(repo, wid, ANA, dep.id, "decline", "No capacity")
    assert dependencies_settled(repo.load(wid))


def test_the_message_to_a_team_lists_both_directions_with_text_escaped(ws) -> None:
    repo, wid, _, teams = ws
    kr = a_key_result(ws, "Growth", text="Activation *from* 40% to 60%")
    ask(ws, what="SSO <b>now</b> [x](http://e.x)", by_when=date(2027, 2, 1), key_result_id=kr.id)
    theirs = ask(ws, needer="Platform", provider="Growth", what="Usage_data")
    answer_dependency(repo, wid, ANA, theirs.id, "negotiate", "Only **weekly** numbers")
    message = team_message(repo.load(wid), teams["Growth"], teams["Platform"])
    assert message.startswith("# Growth and Platform: dependencies\n")
    assert "## What Growth needs from Platform" in message
    assert (
        "- **SSO \\<b\\>now\\</b\\> \\[x\\](http://e.x)** (by 2027-02-01; status: proposed; "
        "for the key result “Activation \\*from\\* 40% to 60%”)"
    ) in message
    assert "- **Usage\\_data** (status: proposed)" in message
    assert "  - Response: Only \\*\\*weekly\\*\\* numbers" in message
    assert "Please agree, decline, negotiate or postpone our 1 open request" in message
    assert "We still owe you an answer on 1 request." in message


def test_the_message_says_when_there_is_nothing_between_two_teams(ws) -> None:
    repo, wid, _, teams = ws
    message = team_message(repo.load(wid), teams["Growth"], teams["Mobile"])
    assert message.count("- Nothing recorded yet.") == 2
    with pytest.raises(InvalidInput, match="another team"):
        team_message(repo.load(wid), teams["Growth"], teams["Growth"])
