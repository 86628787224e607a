"""The dependency web: warnings a facilitator acts on, and DOT maps Graphviz always accepts."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pydot
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcore.model.records import (
    DependencyStatus,
    KeyResultStatus,
    Objective,
    ObjectiveStatus,
    Team,
    WorkshopDoc,
)
from okrcore.rules.dependencies import (
    NAME_MAX_LEN,
    STATUS_COLOURS,
    GraphWarning,
    WarningKind,
    alignment_dot,
    declined_still_relied_on,
    dependency_dot,
    dot_escape,
    find_cycles,
    graph_warnings,
    orphaned_dependencies,
    overloaded_providers,
    possible_silos,
    simple_cycles,
    unconfirmed_requests,
)
from tests.unit.doc_builders import DocBuilder

# pydot's parser still calls pyparsing's old camelCase API; that is pydot's business.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pydot.dot_parser")

HOSTILE = '"}; evil -> "x" [label=<b>] {\\ <script>alert(1)</script> &amp; |' + "A" * 500


def parses(dot_text: str) -> None:
    """Graphviz must accept the text: pydot always, the real ``dot`` when it is installed."""
    graphs = pydot.graph_from_dot_data(dot_text)
    assert graphs and len(graphs) == 1, dot_text
    if shutil.which("dot"):
        rendered = subprocess.run(
            ["dot", "-Tsvg"], input=dot_text.encode(), capture_output=True, timeout=30, check=False
        )
        assert rendered.returncode == 0, rendered.stderr.decode(errors="replace")


def render_svg_texts(dot_text: str) -> list[str]:
    """The visible strings of the rendered map, as a reader would see them."""
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=dot_text.encode(), capture_output=True, check=True
    ).stdout.decode()
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]


def kinds(warnings: list[GraphWarning]) -> list[WarningKind]:
    return [w.kind for w in warnings]


def three_teams() -> tuple[DocBuilder, Team, Team, Team]:
    b = DocBuilder()
    return b, b.team("Mobile"), b.team("Platform"), b.team("Web")


# --- cycles -------------------------------------------------------------------------------


def test_two_teams_that_need_each_other_form_one_reported_cycle() -> None:
    b, mobile, platform, _ = three_teams()
    there = b.dependency(mobile, platform, status=DependencyStatus.AGREED)
    back = b.dependency(platform, mobile)

    (warning,) = find_cycles(b.doc)

    assert warning.kind == WarningKind.CYCLE
    assert warning.team_ids == (mobile.id, platform.id)
    assert set(warning.dependency_ids) == {there.id, back.id}
    assert "Mobile needs Platform and Platform needs Mobile" in warning.message


def test_a_three_team_loop_is_reported_once_in_order() -> None:
    b, mobile, platform, web = three_teams()
    b.dependency(platform, web)
    b.dependency(web, mobile)
    b.dependency(mobile, platform)

    (warning,) = find_cycles(b.doc)

    assert warning.team_ids == (mobile.id, platform.id, web.id)


def test_overlapping_loops_are_each_reported_once() -> None:
    b, mobile, platform, web = three_teams()
    b.dependency(mobile, platform)
    b.dependency(platform, mobile)
    b.dependency(platform, web)
    b.dependency(web, platform)

    cycles = {w.team_ids for w in find_cycles(b.doc)}

    assert cycles == {(mobile.id, platform.id), (platform.id, web.id)}


def test_declined_postponed_and_done_requests_do_not_close_a_loop() -> None:
    b, mobile, platform, _ = three_teams()
    b.dependency(mobile, platform, status=DependencyStatus.AGREED)
    for status in (DependencyStatus.DECLINED, DependencyStatus.POSTPONED, DependencyStatus.DONE):
        b.dependency(platform, mobile, status=status)

    assert find_cycles(b.doc) == []


def test_a_chain_without_a_way_back_is_not_a_cycle() -> None:
    b, mobile, platform, web = three_teams()
    b.dependency(mobile, platform)
    b.dependency(platform, web)
    b.dependency(mobile, web)

    assert find_cycles(b.doc) == []


def test_cycle_search_stops_at_the_limit_on_a_fully_connected_graph() -> None:
    nodes = [f"t{i}" for i in range(12)]
    graph = {a: {b for b in nodes if b != a} for a in nodes}

    cycles = simple_cycles(graph, nodes, limit=20)

    assert len(cycles) == 20
    assert len({tuple(c) for c in cycles}) == 20
    assert all(c[0] == "t0" for c in cycles)


@given(st.sets(st.tuples(st.integers(0, 5), st.integers(0, 5)).filter(lambda e: e[0] != e[1])))
def test_every_reported_cycle_is_a_real_closed_loop_without_repeats(
    edges: set[tuple[int, int]],
) -> None:
    nodes = [str(i) for i in range(6)]
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(str(a), set()).add(str(b))

    cycles = simple_cycles(graph, nodes, limit=1000)

    canonical = set()
    for cycle in cycles:
        assert len(set(cycle)) == len(cycle) >= 2
        for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            assert b in graph[a]
        assert cycle[0] == min(cycle, key=nodes.index)
        canonical.add(tuple(cycle))
    assert len(canonical) == len(cycles)
    has_back_edge = any((b, a) in edges for a, b in edges)
    if has_back_edge:
        assert cycles


# --- requests -----------------------------------------------------------------------------


def test_unanswered_requests_are_grouped_by_the_team_that_owes_the_answer() -> None:
    b, mobile, platform, web = three_teams()
    first = b.dependency(mobile, platform)
    second = b.dependency(web, platform)
    b.dependency(web, mobile, status=DependencyStatus.AGREED)

    (warning,) = unconfirmed_requests(b.doc)

    assert warning.team_ids == (platform.id, mobile.id, web.id)
    assert warning.dependency_ids == (first.id, second.id)
    assert warning.message == "Platform has not answered 2 requests yet (from Mobile and Web)."
    assert warning.action == "Ask Platform to agree, decline or negotiate each request."


def test_a_declined_request_for_an_active_key_result_is_still_relied_on() -> None:
    b, mobile, platform, _ = three_teams()
    key_result = b.key_result(b.objective(mobile))
    declined = b.dependency(
        mobile, platform, status=DependencyStatus.DECLINED, key_result=key_result
    )

    (warning,) = declined_still_relied_on(b.doc)

    assert warning.dependency_ids == (declined.id,)
    assert "Platform declined Mobile's request" in warning.message
    assert warning.action.startswith("Mobile:")


def test_a_declined_request_is_settled_once_its_key_result_is_retired_or_unlinked() -> None:
    b, mobile, platform, _ = three_teams()
    retired = b.key_result(b.objective(mobile), status=KeyResultStatus.RETIRED)
    under_retired_objective = b.key_result(b.objective(mobile, status=ObjectiveStatus.RETIRED))
    for key_result in (retired, under_retired_objective, None):
        b.dependency(mobile, platform, status=DependencyStatus.DECLINED, key_result=key_result)

    assert declined_still_relied_on(b.doc) == []


def test_an_active_request_for_a_deleted_or_retired_key_result_is_orphaned() -> None:
    b, mobile, platform, _ = three_teams()
    gone = b.key_result(b.objective(mobile))
    retired = b.key_result(b.objective(mobile), status=KeyResultStatus.RETIRED)
    to_gone = b.dependency(mobile, platform, key_result=gone)
    to_retired = b.dependency(mobile, platform, key_result=retired)
    b.doc.key_results.remove(gone)

    warnings = orphaned_dependencies(b.doc)

    assert [w.dependency_ids for w in warnings] == [(to_gone.id,), (to_retired.id,)]
    assert "no longer exists" in warnings[0].message
    assert "was retired" in warnings[1].message


def test_requests_for_live_key_results_or_already_closed_are_not_orphaned() -> None:
    b, mobile, platform, _ = three_teams()
    live = b.key_result(b.objective(mobile))
    retired = b.key_result(b.objective(mobile), status=KeyResultStatus.RETIRED)
    b.dependency(mobile, platform, key_result=live)
    b.dependency(mobile, platform)
    b.dependency(mobile, platform, key_result=retired, status=DependencyStatus.DONE)

    assert orphaned_dependencies(b.doc) == []


def test_a_provider_with_more_active_requests_than_the_threshold_is_overloaded() -> None:
    b, mobile, platform, web = three_teams()
    for _ in range(3):
        b.dependency(mobile, platform, status=DependencyStatus.AGREED)
        b.dependency(web, platform, status=DependencyStatus.AT_RISK)
    b.dependency(web, platform, status=DependencyStatus.DONE)

    (warning,) = overloaded_providers(b.doc)

    assert warning.team_ids == (platform.id,)
    assert len(warning.dependency_ids) == 6
    assert warning.message == "Platform is asked for 6 things this cycle (more than 5)."


def test_a_provider_exactly_at_the_threshold_is_not_overloaded() -> None:
    b, mobile, platform, _ = three_teams()
    for _ in range(3):
        b.dependency(mobile, platform)

    assert overloaded_providers(b.doc, threshold=3) == []
    assert kinds(overloaded_providers(b.doc, threshold=2)) == [WarningKind.OVERLOADED]


# --- silos --------------------------------------------------------------------------------


def company_objective(b: DocBuilder) -> Objective:
    return b.objective(b.team("Acme", is_company=True), "Become the easiest bank to join")


def test_a_team_with_no_links_and_no_aligned_objective_is_a_possible_silo() -> None:
    b, mobile, platform, web = three_teams()
    goal = company_objective(b)
    b.dependency(mobile, platform, status=DependencyStatus.DECLINED)
    b.objective(web, "Work on our own thing")

    (warning,) = possible_silos(b.doc)

    assert warning.team_ids == (web.id,)
    assert warning.message.startswith("Web has no dependencies")
    assert "company objective" in warning.action

    b.objective(web, "Help people join faster", parent=goal)
    assert possible_silos(b.doc) == []


def test_the_company_team_is_never_a_silo() -> None:
    b = DocBuilder()
    company_objective(b)

    assert possible_silos(b.doc) == []


def test_alignment_to_a_retired_company_objective_does_not_count() -> None:
    b = DocBuilder()
    web = b.team("Web")
    goal = b.objective(
        b.team("Acme", is_company=True), "Old direction", status=ObjectiveStatus.RETIRED
    )
    b.objective(web, "Follow the old direction", parent=goal)

    assert [w.team_ids for w in possible_silos(b.doc)] == [(web.id,)]


def test_all_warnings_come_most_pressing_kind_first() -> None:
    b, mobile, platform, _ = three_teams()
    b.dependency(mobile, platform)
    b.dependency(platform, mobile, status=DependencyStatus.AGREED)

    assert kinds(graph_warnings(b.doc)) == [
        WarningKind.CYCLE,
        WarningKind.UNCONFIRMED,
        WarningKind.SILO,
    ]


def test_warnings_name_teams_that_were_removed_plainly() -> None:
    b, mobile, platform, _ = three_teams()
    b.dependency(mobile, platform)
    b.doc.teams.remove(platform)

    (warning,) = unconfirmed_requests(b.doc)

    assert warning.message.startswith("a removed team has not answered")


# --- DOT ----------------------------------------------------------------------------------


def test_every_dependency_status_has_a_distinct_colour_and_a_legend_label() -> None:
    assert set(STATUS_COLOURS) == set(DependencyStatus)
    colours = [colour for colour, _ in STATUS_COLOURS.values()]
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    assert all(label for _, label in STATUS_COLOURS.values())


def test_dot_escape_neutralises_every_character_dot_or_graphviz_interprets() -> None:
    assert dot_escape('a "b" \\ c') == 'a \\"b\\" \\\\ c'
    assert dot_escape("x -> <y> {z} | &") == "x -&gt; &lt;y&gt; &#123;z&#125; &#124; &amp;"
    assert dot_escape("two\nlines\r\n\tand tabs") == "two lines and tabs"
    assert dot_escape("nul\x00 bell\x07 surrogate\ud800") == "nul bell surrogate"


def test_dot_escape_shortens_long_text_with_an_ellipsis() -> None:
    assert dot_escape("x" * 41, 40) == "x" * 39 + "…"
    assert dot_escape("x" * 40, 40) == "x" * 40
    assert dot_escape("ab cd", 4) == "ab…"


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_dot_escaped_text_never_ends_or_breaks_the_quoted_string(text: str) -> None:
    escaped = dot_escape(text, 60)

    assert re.fullmatch(r'(?:[^"\\]|\\.)*', escaped)
    assert not set(escaped) & set("<>{}|\n\r")
    parses(f'digraph g {{ "n" [label="{escaped}"]; }}')


def unchecked_team(doc: WorkshopDoc, name: str) -> Team:
    """A team whose name skipped validation, as if imported from a file written elsewhere."""
    team = Team(name="placeholder").model_copy(update={"name": name})
    doc.teams.append(team)
    return team


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(st.text(), min_size=2, max_size=4),
    whats=st.lists(st.text(), min_size=1, max_size=3),
    status=st.sampled_from(list(DependencyStatus)),
)
def test_the_team_map_of_arbitrary_names_is_valid_dot(
    names: list[str], whats: list[str], status: DependencyStatus
) -> None:
    b = DocBuilder()
    teams = [unchecked_team(b.doc, name) for name in names]
    for i, what in enumerate(whats):
        needs, provides = teams[i % len(teams)], teams[(i + 1) % len(teams)]
        dependency = b.dependency(needs, provides, status=status)
        b.doc.dependencies[-1] = dependency.model_copy(update={"what": what})

    parses(dependency_dot(b.doc))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(st.text(), min_size=1, max_size=3),
    texts=st.lists(st.text(), min_size=1, max_size=6),
)
def test_the_alignment_tree_of_arbitrary_texts_is_valid_dot(
    names: list[str], texts: list[str]
) -> None:
    b = DocBuilder()
    goal = b.objective(unchecked_team(b.doc, names[0]), "Grow")
    b.doc.teams[0] = b.doc.teams[0].model_copy(update={"is_company": True})
    teams = [unchecked_team(b.doc, name) for name in names]
    for i, text in enumerate(texts):
        objective = b.objective(teams[i % len(teams)], parent=goal if i % 2 else None)
        b.doc.objectives[-1] = objective.model_copy(update={"text": text})

    parses(alignment_dot(b.doc))


def test_a_hostile_team_name_is_shortened_escaped_and_the_map_still_parses() -> None:
    b = DocBuilder()
    evil = unchecked_team(b.doc, HOSTILE)
    b.dependency(evil, b.team("Platform"), what=HOSTILE[:1000])

    dot_text = dependency_dot(b.doc)

    expected = dot_escape(HOSTILE, NAME_MAX_LEN)
    assert f'[label="{expected}"' in dot_text
    assert expected.endswith("…") and "<script>" not in dot_text and "A" * 50 not in dot_text
    parses(dot_text)
    if shutil.which("dot"):
        shown = " ".join(HOSTILE.split())[: NAME_MAX_LEN - 1].rstrip() + "…"
        assert shown in render_svg_texts(dot_text)


def test_the_team_map_colours_edges_by_status_and_marks_silos() -> None:
    b, mobile, platform, web = three_teams()
    b.dependency(mobile, platform, status=DependencyStatus.AGREED)
    b.dependency(platform, mobile, status=DependencyStatus.POSTPONED)

    dot_text = dependency_dot(b.doc)

    agreed, _ = STATUS_COLOURS[DependencyStatus.AGREED]
    postponed, _ = STATUS_COLOURS[DependencyStatus.POSTPONED]
    assert f'"team_{mobile.id}" -> "team_{platform.id}" [label="A stable login API", ' in dot_text
    assert f'color="{agreed}"' in dot_text
    assert re.search(rf'color="{postponed}".*style="dashed"', dot_text)
    (web_line,) = [line for line in dot_text.splitlines() if f'"team_{web.id}" [' in line]
    assert "dashed" in web_line
    parses(dot_text)


def test_the_alignment_tree_links_parents_and_sets_unaligned_objectives_apart() -> None:
    b = DocBuilder()
    goal = company_objective(b)
    web = b.team("Web")
    aligned = b.objective(web, "Help people join faster", parent=goal)
    alone = b.objective(web, "Polish our own corner")
    b.objective(web, "Retired idea", status=ObjectiveStatus.RETIRED)

    dot_text = alignment_dot(b.doc)

    assert f'"objective_{goal.id}" -> "objective_{aligned.id}";' in dot_text
    cluster = dot_text[dot_text.index('subgraph "cluster_unaligned"') :]
    assert f'"objective_{alone.id}"' in cluster
    assert f'"objective_{aligned.id}"' not in cluster
    assert "Retired idea" not in dot_text
    assert "Web\\nHelp people join faster" in dot_text
    parses(dot_text)


def test_an_empty_workshop_still_draws_valid_maps() -> None:
    doc = DocBuilder().doc

    parses(dependency_dot(doc))
    parses(alignment_dot(doc))
