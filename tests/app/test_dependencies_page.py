"""The Dependencies page: asking, answering, the map and its warnings, a note to a team."""

from __future__ import annotations

from datetime import date

import pytest

from okrcore.model.records import DependencyStatus, Phase
from okrcore.rules.dependencies import STATUS_COLOURS
from okrcore.services.dependencies import add_dependency, answer_dependency
from okrcore.services.drafting import add_key_result, add_objective
from okrcore.services.workshops import set_phase
from tests.app.conftest import messages, open_page, texts
from tests.unit.workshop_factory import new_workshop, participant

PAGE = "4_Dependencies.py"
ADD = "FormSubmitter:add_dependency-Add request"
ANA = participant("Ana")


@pytest.fixture
def teams(repo, workshop) -> dict[str, str]:
    return {t.name: t.id for t in repo.load(workshop[0]).teams}


def page(workshop, team_id: str | None = None, **params: str):
    extra = {"team": team_id} if team_id else {}
    return open_page(PAGE, name="Ana", w=workshop[0], **extra, **params)


def charts(at) -> list[str]:
    """The DOT text of every Graphviz chart on the page."""
    return [chart.proto.spec for chart in at.get("graphviz_chart")]


def ask(at, provider_id: str, what: str, by_when: date | None = None, kr_id: str = ""):
    at.selectbox(key="dep_provider").select(provider_id)
    at.text_area(key="dep_what").input(what)
    if by_when:
        at.date_input(key="dep_by_when").set_value(by_when)
    if kr_id:
        at.selectbox(key="dep_kr").select(kr_id)
    return at.button(key=ADD).click().run()


# -- rendering ------------------------------------------------------------------------------
def test_without_a_workshop_the_page_points_home(data_dir) -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert any("No workshop is open" in m for m in messages(at, "info"))


def test_an_empty_workshop_shows_guidance_the_map_and_possible_silos(workshop, teams) -> None:
    at = page(workshop, teams["Growth"])
    assert not at.exception
    assert [t.value for t in at.title] == ["Dependencies"]
    assert messages(at, "success")[0].startswith("**Good:**")
    assert messages(at, "warning")[0].startswith("**Weak:**")
    assert any("20 minutes" in c.value for c in at.caption)
    assert [t.label for t in at.tabs] == [
        "We need from others", "Others need from us", "Map and warnings", "Message to a team",
    ]  # fmt: skip
    dots = charts(at)
    assert dots[0].startswith("digraph dependencies") and "Growth" in dots[0]
    assert dots[1].startswith("digraph legend")
    assert sum("a possible silo" in t for t in texts(at)) == 2
    assert ":orange[:material/crop_square: **Possible silo**]" in [m.value for m in at.markdown]
    assert any("No objectives yet" in c.value for c in at.caption)


def test_a_page_with_requests_shows_both_tables_and_the_coloured_map(repo, workshop, teams) -> None:
    wid = workshop[0]
    dep = add_dependency(repo, wid, ANA, teams["Growth"], teams["Platform"], "SSO")
    answer_dependency(repo, wid, ANA, dep.id, "agree", "By February")
    at = page(workshop, teams["Growth"])
    assert not at.exception
    table = at.dataframe[0].value
    assert table.to_dict("records") == [
        {"Provider": "Platform", "What": "SSO", "By when": "", "For our key result": "",
         "Status": "Agreed", "Response": "By February"},
    ]  # fmt: skip
    assert STATUS_COLOURS[DependencyStatus.AGREED][0] in charts(at)[0]
    provider = page(workshop, teams["Platform"])
    assert "Growth needs: SSO" in texts(provider)
    assert "Your response: By February" in texts(provider)
    assert ":green-badge[:material/handshake: Agreed]" in [m.value for m in provider.markdown]


# -- asking ---------------------------------------------------------------------------------
def test_a_team_adds_a_request_with_a_date_and_key_result(repo, workshop, teams) -> None:
    wid = workshop[0]
    objective = add_objective(repo, wid, ANA, teams["Growth"], text="delight new users")
    kr = add_key_result(repo, wid, ANA, objective.id, text="Activation from 40% to 55%")
    at = page(workshop, teams["Growth"])
    ask(at, teams["Platform"], "Sign-up events API", date(2027, 2, 15), kr.id)
    assert not at.exception
    assert not messages(at)
    dep = repo.load(wid).dependencies[0]
    assert (dep.from_team_id, dep.to_team_id, dep.what) == (
        teams["Growth"], teams["Platform"], "Sign-up events API",
    )  # fmt: skip
    assert (dep.by_when, dep.key_result_id, dep.author) == (date(2027, 2, 15), kr.id, "Ana")
    assert at.text_area(key="dep_what").value == ""
    assert at.dataframe[0].value["For our key result"][0] == "Activation from 40% to 55%"


def test_a_team_is_never_offered_itself_as_provider(workshop, teams) -> None:
    at = page(workshop, teams["Growth"])
    options = at.selectbox(key="dep_provider").options
    assert "Growth" not in options
    assert options == ["Platform", "Company"]


def test_the_same_request_twice_gets_a_message_naming_the_first(repo, workshop, teams) -> None:
    add_dependency(repo, workshop[0], ANA, teams["Growth"], teams["Platform"], "Sign-up API")
    at = ask(page(workshop, teams["Growth"]), teams["Platform"], "  sign-up   API ")
    assert not at.exception
    assert any("Growth already asked Platform for “Sign-up API”" in m for m in messages(at))
    assert len(repo.load(workshop[0]).dependencies) == 1
    assert at.text_area(key="dep_what").value == "  sign-up   API "  # kept to fix


@pytest.mark.parametrize(
    ("what", "message"),
    [("", "must not be empty"), ("  \n ", "must not be empty"),
     ("x" * 10_000, "at most 1,000 characters")],
)  # fmt: skip
def test_empty_and_huge_requests_get_a_message(repo, workshop, teams, what, message) -> None:
    at = ask(page(workshop, teams["Growth"]), teams["Platform"], what)
    assert not at.exception
    assert any(message in m for m in messages(at))
    assert repo.load(workshop[0]).dependencies == []


@pytest.mark.parametrize(
    "what",
    ["<img src=x onerror=alert(1)>", "**bold** [link](http://x.example)",
     ":red[red] :material/home: $x^2$", "שלום עולם 🚀 e\u0301"],
)  # fmt: skip
def test_markup_and_unicode_in_requests_are_shown_literally(repo, workshop, teams, what) -> None:
    add_dependency(repo, workshop[0], ANA, teams["Growth"], teams["Platform"], what)
    at = page(workshop, teams["Platform"])
    assert not at.exception
    assert f"Growth needs: {what}" in texts(at)
    assert not any(what in m.value for m in at.markdown)
    assert not any(what in m for m in messages(at, "warning"))


def test_a_request_is_edited_and_withdrawn(repo, workshop, teams) -> None:
    wid = workshop[0]
    dep = add_dependency(repo, wid, ANA, teams["Growth"], teams["Platform"], "SSO")
    answer_dependency(repo, wid, ANA, dep.id, "agree")
    at = page(workshop, teams["Growth"])
    at.text_area(key=f"dep_edit_what_{dep.id}").input("SSO and SCIM")
    at.button(key=f"dep_save_{dep.id}").click().run()
    assert not at.exception
    stored = repo.load(wid).dependencies[0]
    assert (stored.what, stored.status) == ("SSO and SCIM", "proposed")
    at.button(key=f"dep_remove_{dep.id}").click().run()
    assert repo.load(wid).dependencies == []
    assert repo.load(wid).history[-1].before["what"] == "SSO and SCIM"


# -- answering ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "status"),
    [("agree", "agreed"), ("decline", "declined"), ("postpone", "postponed")],
)
def test_the_provider_answers_a_request(repo, workshop, teams, answer, status) -> None:
    dep = add_dependency(repo, workshop[0], ANA, teams["Growth"], teams["Platform"], "SSO")
    at = page(workshop, teams["Platform"])
    at.text_input(key=f"dep_comment_{dep.id}").input("Our answer")
    at.button(key=f"dep_{answer}_{dep.id}").click().run()
    assert not at.exception
    stored = repo.load(workshop[0]).dependencies[0]
    assert (stored.status, stored.response) == (status, "Our answer")
    assert "Your response: Our answer" in texts(at)


def test_negotiating_needs_a_comment_and_keeps_the_request_open(repo, workshop, teams) -> None:
    dep = add_dependency(repo, workshop[0], ANA, teams["Growth"], teams["Platform"], "SSO")
    at = page(workshop, teams["Platform"])
    at.button(key=f"dep_negotiate_{dep.id}").click().run()
    assert any("Negotiating needs a comment" in m for m in messages(at))
    assert repo.load(workshop[0]).dependencies[0].response == ""
    at.text_input(key=f"dep_comment_{dep.id}").input("SAML only, by March")
    at.button(key=f"dep_negotiate_{dep.id}").click().run()
    stored = repo.load(workshop[0]).dependencies[0]
    assert (stored.status, stored.response) == ("proposed", "SAML only, by March")
    needer = page(workshop, teams["Growth"])
    assert needer.dataframe[0].value["Response"][0] == "SAML only, by March"


def test_an_agreed_request_can_be_flagged_at_risk_and_done(repo, workshop, teams) -> None:
    dep = add_dependency(repo, workshop[0], ANA, teams["Growth"], teams["Platform"], "SSO")
    answer_dependency(repo, workshop[0], ANA, dep.id, "agree")
    at = page(workshop, teams["Platform"])
    at.button(key=f"dep_flag_at_risk_{dep.id}").click().run()
    assert repo.load(workshop[0]).dependencies[0].status == "at_risk"
    at.button(key=f"dep_flag_done_{dep.id}").click().run()
    assert repo.load(workshop[0]).dependencies[0].status == "done"


def test_while_tracking_requests_are_closed_but_answers_stay_open(repo, workshop, teams) -> None:
    wid, fac = workshop
    dep = add_dependency(repo, wid, ANA, teams["Growth"], teams["Platform"], "SSO")
    set_phase(repo, wid, fac, Phase.TRACKING)
    at = page(workshop, teams["Growth"])
    assert not at.exception
    assert any("New requests are closed" in m for m in messages(at, "info"))
    assert ADD not in [b.key for b in at.button]
    at.selectbox(key=f"dep_status_{dep.id}").select(DependencyStatus.AT_RISK)
    at.button(key=f"dep_set_status_{dep.id}").click().run()
    assert repo.load(wid).dependencies[0].status == "at_risk"
    set_phase(repo, wid, fac, Phase.RETROSPECTIVE)
    set_phase(repo, wid, fac, Phase.CLOSED)
    closed = page(workshop, teams["Platform"])
    assert not closed.exception
    assert not [b for b in closed.button if b.key and b.key.startswith("dep_")]


# -- the map and hostile names --------------------------------------------------------------
HOSTILE = ['Ops "quoted" }', "A -> B", "<b>HTML</b> & <script>x</script>", "Z" * 80]


def test_hostile_team_names_still_draw_the_map_and_show_as_text(repo) -> None:
    wid, _ = new_workshop(repo, teams=tuple(HOSTILE))
    ids = {t.name: t.id for t in repo.load(wid).teams}
    add_dependency(repo, wid, ANA, ids[HOSTILE[0]], ids[HOSTILE[1]], '{x} -> "y"' + "w" * 500)
    add_dependency(repo, wid, ANA, ids[HOSTILE[1]], ids[HOSTILE[0]], "back")
    at = open_page(PAGE, w=wid, team=ids[HOSTILE[1]])
    assert not at.exception
    dot = charts(at)[0]
    assert 'Ops \\"quoted\\" &#125;' in dot and "A -&gt; B" in dot
    assert "<b>" not in dot and "<script>" not in dot
    assert any(text.startswith(f"{HOSTILE[0]} needs: {{x}}") for text in texts(at))
    assert any(t.startswith('A loop of dependencies: Ops "quoted" }') for t in texts(at))
    shown_as_markdown = [m.value for m in (*at.markdown, *at.caption, *at.subheader)]
    assert not any(name in value for name in HOSTILE for value in shown_as_markdown)
    assert at.selectbox(key="dep_provider").options[0] == HOSTILE[0]
    at.selectbox(key="dep_message_to").select(ids[HOSTILE[2]])
    at.run()
    assert not at.exception
    assert "\\<b\\>HTML\\</b\\>" in at.code[0].value


def test_the_alignment_tree_is_drawn_once_there_are_objectives(repo, workshop, teams) -> None:
    wid = workshop[0]
    add_objective(repo, wid, ANA, teams["Company"], text="win the mid-market")
    add_objective(repo, wid, ANA, teams["Growth"], text="delight new users")
    at = page(workshop, teams["Growth"])
    tree = next(d for d in charts(at) if d.startswith("digraph alignment"))
    assert "cluster_unaligned" in tree and "delight new users" in tree


# -- the message ----------------------------------------------------------------------------
def test_the_message_to_a_team_sums_up_both_directions(repo, workshop, teams) -> None:
    wid = workshop[0]
    add_dependency(repo, wid, ANA, teams["Growth"], teams["Platform"], "SSO *now*")
    theirs = add_dependency(repo, wid, ANA, teams["Platform"], teams["Growth"], "Usage data")
    answer_dependency(repo, wid, ANA, theirs.id, "agree")
    at = page(workshop, teams["Growth"])
    assert at.selectbox(key="dep_message_to").value == teams["Platform"]
    message = at.code[0].value
    assert message.startswith("# Growth and Platform: dependencies")
    assert "- **SSO \\*now\\*** (status: proposed)" in message
    assert "## What Platform needs from Growth\n\n- **Usage data** (status: agreed)" in message
    download = at.get("download_button")[0].proto
    assert download.label == "Download as Markdown"


def test_after_your_own_answer_the_other_team_is_not_said_to_be_changed_by_someone_else(
    repo, workshop, teams
) -> None:
    dep = add_dependency(repo, workshop[0], ANA, teams["Growth"], teams["Platform"], "SSO")
    at = page(workshop, teams["Growth"])  # seen from Growth first
    at.selectbox(key="team_picker").select(teams["Platform"]).run()
    at.button(key=f"dep_agree_{dep.id}").click().run()
    at.selectbox(key="team_picker").select(teams["Growth"]).run()
    assert not at.exception
    assert not any("Someone else changed this" in m for m in messages(at, "info"))


def test_a_change_by_someone_else_is_still_announced(repo, workshop, teams) -> None:
    dep = add_dependency(repo, workshop[0], ANA, teams["Growth"], teams["Platform"], "SSO")
    at = page(workshop, teams["Platform"])
    answer_dependency(repo, workshop[0], ANA, dep.id, "agree")
    at.run()
    assert any("Someone else changed this" in m for m in messages(at, "info"))
