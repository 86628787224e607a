"""The web of dependencies between teams: the warnings worth a conversation, and the maps.

OKRs written in silos clash, so during drafting each team records what it needs from the
others. This module reads those records back as a graph: it finds loops, unanswered and
declined requests, overloaded providers, requests that serve nothing any more, and teams
that stand alone. It also draws two Graphviz maps (teams and their dependencies; company
objectives and the team objectives that support them) as DOT text.

All user text that reaches DOT goes through :func:`dot_escape`; labels are always quoted
strings, never HTML-like labels, so a name cannot break or inject into a graph.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from okrcore.model.records import (
    Dependency,
    DependencyStatus,
    KeyResultStatus,
    Objective,
    ObjectiveStatus,
    Team,
    WorkshopDoc,
)

# Requests somebody is still working towards. Declined, postponed and done requests cannot
# tie teams in a knot or load a provider any more.
ACTIVE_STATUSES: frozenset[DependencyStatus] = frozenset(
    {DependencyStatus.PROPOSED, DependencyStatus.AGREED, DependencyStatus.AT_RISK}
)
DEFAULT_OVERLOAD_THRESHOLD = 5
# Enough loops to start the conversation; a denser knot is one conversation anyway, and
# listing every loop of a fully connected graph would never end.
MAX_CYCLES = 20

NAME_MAX_LEN = 40
OBJECTIVE_MAX_LEN = 60
WHAT_MAX_LEN = 40
OBJECTIVE_WRAP = 24

# Status -> (colour, legend label). The colours carry meaning, so the UI legend uses these.
STATUS_COLOURS: dict[DependencyStatus, tuple[str, str]] = {
    DependencyStatus.PROPOSED: ("#5b7fa6", "Proposed, waiting for an answer"),
    DependencyStatus.AGREED: ("#2e9e44", "Agreed"),
    DependencyStatus.AT_RISK: ("#e69500", "At risk"),
    DependencyStatus.DECLINED: ("#d32f2f", "Declined"),
    DependencyStatus.POSTPONED: ("#b0b0b0", "Postponed to a later cycle (dashed)"),
    DependencyStatus.DONE: ("#1b5e20", "Done"),
}
SILO_COLOUR = "#d32f2f"
UNALIGNED_COLOUR = "#e69500"
COMPANY_FILL = "#e8eef7"

_UNKNOWN_TEAM = "a removed team"


class WarningKind(StrEnum):
    CYCLE = "cycle"
    UNCONFIRMED = "unconfirmed"
    DECLINED_RELIED_ON = "declined_relied_on"
    SILO = "silo"
    OVERLOADED = "overloaded"
    ORPHANED = "orphaned"


@dataclass(frozen=True)
class GraphWarning:
    """One thing about the dependency web worth talking about, and how to settle it."""

    kind: WarningKind
    team_ids: tuple[str, ...]
    dependency_ids: tuple[str, ...]
    message: str
    action: str


# --- reading the doc ----------------------------------------------------------------------


def _team_names(doc: WorkshopDoc) -> dict[str, str]:
    return {team.id: team.name for team in doc.teams}


def _name(names: dict[str, str], team_id: str) -> str:
    return names.get(team_id, _UNKNOWN_TEAM)


def _live_key_result_ids(doc: WorkshopDoc) -> set[str]:
    """Key results still pursued: active, under an objective that is not retired."""
    live_objectives = {o.id for o in doc.objectives if o.status != ObjectiveStatus.RETIRED}
    return {
        kr.id
        for kr in doc.key_results
        if kr.status == KeyResultStatus.ACTIVE and kr.objective_id in live_objectives
    }


def _active(dependencies: Iterable[Dependency]) -> list[Dependency]:
    return [d for d in dependencies if d.status in ACTIVE_STATUSES]


def _shorten(text: str, max_len: int) -> str:
    """Collapse whitespace and cut to ``max_len`` characters, marking a cut with '…'."""
    text = " ".join(text.split())
    if len(text) <= max_len:
        return text
    return text[: max_len - 1].rstrip() + "…"


def _listing(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- cycles -------------------------------------------------------------------------------


def _team_graph(dependencies: Iterable[Dependency]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for dep in dependencies:
        graph[dep.from_team_id].add(dep.to_team_id)
    return graph


def _reachable(graph: dict[str, set[str]], start: str, allowed: set[str]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for nxt in graph.get(stack.pop(), set()) & allowed:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def simple_cycles(graph: dict[str, set[str]], order: list[str], limit: int) -> list[list[str]]:
    """Each elementary cycle once (Johnson's algorithm), starting at its earliest node.

    ``order`` ranks the nodes; a cycle is reported from its first node in that order, so
    A->B->A and B->A->B are the same loop. Stops after ``limit`` cycles.
    """
    rank = {node: i for i, node in enumerate(order)}
    cycles: list[list[str]] = []
    for start in order:
        allowed = {n for n in order if rank[n] >= rank[start]}
        # Only nodes that can both be reached from start and reach it back can close a loop.
        component = {
            n for n in _reachable(graph, start, allowed) if start in _reachable(graph, n, allowed)
        }
        if len(component) > 1:
            _circuits(graph, start, component, rank, cycles, limit)
        if len(cycles) >= limit:
            break
    return cycles[:limit]


def _circuits(
    graph: dict[str, set[str]],
    start: str,
    component: set[str],
    rank: dict[str, int],
    cycles: list[list[str]],
    limit: int,
) -> None:
    """Johnson's CIRCUIT procedure for one start node, appending loops to ``cycles``."""
    blocked: set[str] = set()
    blocked_by: dict[str, set[str]] = defaultdict(set)
    path: list[str] = []

    def unblock(node: str) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            if current in blocked:
                blocked.discard(current)
                stack.extend(blocked_by.pop(current, set()))

    def circuit(node: str) -> bool:
        closed = False
        path.append(node)
        blocked.add(node)
        for nxt in sorted(graph.get(node, set()) & component, key=rank.__getitem__):
            if len(cycles) >= limit:
                break
            if nxt == start:
                cycles.append(list(path))
                closed = True
            elif nxt not in blocked and circuit(nxt):
                closed = True
        if closed:
            unblock(node)
        else:
            for nxt in graph.get(node, set()) & component:
                blocked_by[nxt].add(node)
        path.pop()
        return closed

    circuit(start)


def _team_order(doc: WorkshopDoc, dependencies: Iterable[Dependency]) -> list[str]:
    """Teams in display order, then any team id that only appears in a dependency."""
    known = [t.id for t in sorted(doc.teams, key=lambda t: (t.order, t.name.casefold(), t.id))]
    extra = {d.from_team_id for d in dependencies} | {d.to_team_id for d in dependencies}
    return known + sorted(extra - set(known))


def find_cycles(doc: WorkshopDoc) -> list[GraphWarning]:
    """Loops of active requests (A needs B, B needs A): each one is a risk to talk about."""
    active = _active(doc.dependencies)
    graph = _team_graph(active)
    names = _team_names(doc)
    warnings = []
    for cycle in simple_cycles(graph, _team_order(doc, active), MAX_CYCLES):
        pairs = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        dependency_ids = tuple(
            d.id for a, b in pairs for d in active if (d.from_team_id, d.to_team_id) == (a, b)
        )
        steps = [f"{_name(names, a)} needs {_name(names, b)}" for a, b in pairs]
        warnings.append(
            GraphWarning(
                kind=WarningKind.CYCLE,
                team_ids=tuple(cycle),
                dependency_ids=dependency_ids,
                message=f"A loop of dependencies: {_listing(steps)}.",
                action=(
                    f"Get {_listing([_name(names, t) for t in cycle])} together to agree who "
                    "delivers first, or break the loop by postponing one request."
                ),
            )
        )
    return warnings


# --- requests -----------------------------------------------------------------------------


def unconfirmed_requests(doc: WorkshopDoc) -> list[GraphWarning]:
    """Providers that still owe an answer, one warning per provider with all its requests."""
    by_provider: dict[str, list[Dependency]] = defaultdict(list)
    for dep in doc.dependencies:
        if dep.status == DependencyStatus.PROPOSED:
            by_provider[dep.to_team_id].append(dep)
    names = _team_names(doc)
    warnings = []
    for provider, deps in by_provider.items():
        requesters = list(dict.fromkeys(d.from_team_id for d in deps))
        provider_name = _name(names, provider)
        count = "1 request" if len(deps) == 1 else f"{len(deps)} requests"
        warnings.append(
            GraphWarning(
                kind=WarningKind.UNCONFIRMED,
                team_ids=(provider, *requesters),
                dependency_ids=tuple(d.id for d in deps),
                message=(
                    f"{provider_name} has not answered {count} yet "
                    f"(from {_listing([_name(names, t) for t in requesters])})."
                ),
                action=f"Ask {provider_name} to agree, decline or negotiate each request.",
            )
        )
    return warnings


def declined_still_relied_on(doc: WorkshopDoc) -> list[GraphWarning]:
    """Declined requests whose key result is still pursued as if the help were coming.

    A declined request with no key result linked is not reported: nothing says what
    depends on it.
    """
    live = _live_key_result_ids(doc)
    names = _team_names(doc)
    warnings = []
    for dep in doc.dependencies:
        if dep.status != DependencyStatus.DECLINED or dep.key_result_id not in live:
            continue
        needer, provider = _name(names, dep.from_team_id), _name(names, dep.to_team_id)
        warnings.append(
            GraphWarning(
                kind=WarningKind.DECLINED_RELIED_ON,
                team_ids=(dep.from_team_id, dep.to_team_id),
                dependency_ids=(dep.id,),
                message=(
                    f"{provider} declined {needer}'s request "
                    f"\u201c{_shorten(dep.what, WHAT_MAX_LEN)}\u201d, but the key result "
                    "it serves is still active."
                ),
                action=(
                    f"{needer}: find another way to reach the key result, "
                    "change its target, or retire it."
                ),
            )
        )
    return warnings


def orphaned_dependencies(doc: WorkshopDoc) -> list[GraphWarning]:
    """Active requests linked to a key result that was deleted or retired.

    The provider would otherwise keep working for a result nobody pursues any more.
    """
    existing = {kr.id for kr in doc.key_results}
    live = _live_key_result_ids(doc)
    names = _team_names(doc)
    warnings = []
    for dep in _active(doc.dependencies):
        if dep.key_result_id is None or dep.key_result_id in live:
            continue
        gone = "no longer exists" if dep.key_result_id not in existing else "was retired"
        needer, provider = _name(names, dep.from_team_id), _name(names, dep.to_team_id)
        warnings.append(
            GraphWarning(
                kind=WarningKind.ORPHANED,
                team_ids=(dep.from_team_id, dep.to_team_id),
                dependency_ids=(dep.id,),
                message=(
                    f"{needer} asked {provider} for "
                    f"\u201c{_shorten(dep.what, WHAT_MAX_LEN)}\u201d for a key result "
                    f"that {gone}."
                ),
                action=(
                    f"{needer}: link the request to a current key result, or withdraw it "
                    f"so {provider} can stop working on it."
                ),
            )
        )
    return warnings


def overloaded_providers(
    doc: WorkshopDoc, threshold: int = DEFAULT_OVERLOAD_THRESHOLD
) -> list[GraphWarning]:
    """Teams asked for more than ``threshold`` things at once: their own OKRs will suffer."""
    incoming: dict[str, list[Dependency]] = defaultdict(list)
    for dep in _active(doc.dependencies):
        incoming[dep.to_team_id].append(dep)
    names = _team_names(doc)
    return [
        GraphWarning(
            kind=WarningKind.OVERLOADED,
            team_ids=(provider,),
            dependency_ids=tuple(d.id for d in deps),
            message=(
                f"{_name(names, provider)} is asked for {len(deps)} things this cycle "
                f"(more than {threshold})."
            ),
            action=(
                f"Ask {_name(names, provider)} which requests it can really deliver; "
                "postpone or decline the rest."
            ),
        )
        for provider, deps in incoming.items()
        if len(deps) > threshold
    ]


# --- silos --------------------------------------------------------------------------------


def _aligned_objective_ids(doc: WorkshopDoc) -> set[str]:
    """Team objectives whose parent is a live objective of a company team."""
    company_teams = {t.id for t in doc.teams if t.is_company}
    company_objectives = {
        o.id
        for o in doc.objectives
        if o.team_id in company_teams and o.status != ObjectiveStatus.RETIRED
    }
    return {
        o.id
        for o in doc.objectives
        if o.status != ObjectiveStatus.RETIRED and o.parent_id in company_objectives
    }


def silo_team_ids(doc: WorkshopDoc) -> list[str]:
    """Teams (not the company) with no dependency of any status and no aligned objective."""
    linked = {d.from_team_id for d in doc.dependencies} | {d.to_team_id for d in doc.dependencies}
    aligned = _aligned_objective_ids(doc)
    aligned_teams = {o.team_id for o in doc.objectives if o.id in aligned}
    return [
        team.id
        for team in doc.teams
        if not team.is_company and team.id not in linked and team.id not in aligned_teams
    ]


def possible_silos(doc: WorkshopDoc) -> list[GraphWarning]:
    """Teams with no links at all: they may be writing OKRs that clash with everyone's."""
    names = _team_names(doc)
    return [
        GraphWarning(
            kind=WarningKind.SILO,
            team_ids=(team_id,),
            dependency_ids=(),
            message=(
                f"{names[team_id]} has no dependencies in or out and no objective linked "
                "to a company objective: a possible silo."
            ),
            action=(
                "Link one objective to a company objective, or record what you need from "
                "others and what they need from you."
            ),
        )
        for team_id in silo_team_ids(doc)
    ]


def graph_warnings(
    doc: WorkshopDoc, overload_threshold: int = DEFAULT_OVERLOAD_THRESHOLD
) -> list[GraphWarning]:
    """Every warning about the dependency web, the most pressing kinds first."""
    return [
        *find_cycles(doc),
        *declined_still_relied_on(doc),
        *orphaned_dependencies(doc),
        *overloaded_providers(doc, overload_threshold),
        *unconfirmed_requests(doc),
        *possible_silos(doc),
    ]


# --- DOT ----------------------------------------------------------------------------------

# DOT and Graphviz treat these specially even inside quoted strings: '\' and '"' end or
# escape the string, '&' starts an entity Graphviz decodes, '<', '>', '{', '}' and '|'
# matter to HTML-like and record labels. Entities render as the plain character.
_DOT_REPLACEMENTS = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "\\": "\\\\",
    '"': '\\"',
}
_DOT_SPECIAL = re.compile("|".join(re.escape(c) for c in _DOT_REPLACEMENTS))


def _printable(text: str) -> str:
    """Drop characters no renderer can show or encode (controls, lone surrogates)."""
    return "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in {"Cc", "Cs"}
    )


def dot_escape(text: str, max_len: int | None = None) -> str:
    """Make user text safe inside a double-quoted DOT string (the quotes are not added).

    Whitespace (newlines included) collapses to single spaces, unprintable characters go,
    text longer than ``max_len`` is cut with an ellipsis, then every character DOT or
    Graphviz would interpret is escaped.
    """
    text = " ".join(_printable(text).split())
    if max_len is not None:
        text = _shorten(text, max_len)
    return _DOT_SPECIAL.sub(lambda m: _DOT_REPLACEMENTS[m.group()], text)


def _wrapped(text: str, max_len: int, width: int) -> str:
    """A shortened, escaped label broken into lines of about ``width`` characters."""
    words = _shorten(" ".join(_printable(text).split()), max_len).split(" ")
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\\n".join(dot_escape(line) for line in lines)


_GRAPH_DEFAULTS = (
    '  graph [rankdir="LR", fontname="Helvetica", bgcolor="transparent"];',
    '  node [shape="box", style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
)
_UNALIGNED_CLUSTER = (
    f'    graph [label="Not aligned to a company objective", style="dashed", '
    f'color="{UNALIGNED_COLOUR}"];'
)


def _statement(subject: str, label: str, **attrs: str) -> str:
    """A node or edge statement. ``label`` is DOT text escaped already (it may hold line
    breaks); the other attribute values are escaped here so no caller can forget."""
    rest = "".join(f', {key}="{dot_escape(value)}"' for key, value in attrs.items())
    return f'  {subject} [label="{label}"{rest}];'


def _node_id(prefix: str, record_id: str) -> str:
    return f'"{prefix}_{dot_escape(record_id)}"'


def _team_node(team: Team, silo: bool) -> str:
    attrs: dict[str, str] = {}
    if team.is_company:
        attrs |= {"fillcolor": COMPANY_FILL, "penwidth": "2"}
    if silo:
        attrs |= {
            "color": SILO_COLOUR,
            "style": "rounded,filled,dashed",
            "penwidth": "2",
            "tooltip": "Possible silo: no dependencies and no aligned objective",
        }
    label = _wrapped(team.name, NAME_MAX_LEN, OBJECTIVE_WRAP)  # long names wrap, not shrink
    return _statement(_node_id("team", team.id), label, **attrs)


def _dependency_edge(dep: Dependency) -> str:
    colour, legend = STATUS_COLOURS[dep.status]
    return _statement(
        f"{_node_id('team', dep.from_team_id)} -> {_node_id('team', dep.to_team_id)}",
        dot_escape(dep.what, WHAT_MAX_LEN),
        color=colour,
        fontcolor=colour,
        style="dashed" if dep.status == DependencyStatus.POSTPONED else "solid",
        tooltip=legend,
    )


def dependency_dot(doc: WorkshopDoc) -> str:
    """The team map: teams as boxes, an arrow from the team in need to the provider.

    Arrows are coloured by status (see :data:`STATUS_COLOURS`); possible silos have a
    dashed red border. Dependencies on teams no longer in the workshop are left out.
    """
    silos = set(silo_team_ids(doc))
    teams = sorted(doc.teams, key=lambda t: (t.order, t.name.casefold(), t.id))
    known = {t.id for t in teams}
    lines = [
        "digraph dependencies {",
        *_GRAPH_DEFAULTS,
        '  edge [fontname="Helvetica", fontsize="10"];',
        *(_team_node(team, team.id in silos) for team in teams),
        *(
            _dependency_edge(dep)
            for dep in doc.dependencies
            if dep.from_team_id in known and dep.to_team_id in known
        ),
        "}",
    ]
    return "\n".join(lines) + "\n"


def _objective_node(objective: Objective, team_name: str, **attrs: str) -> str:
    label = (
        f"{dot_escape(team_name, NAME_MAX_LEN)}\\n"
        f"{_wrapped(objective.text, OBJECTIVE_MAX_LEN, OBJECTIVE_WRAP)}"
    )
    return _statement(_node_id("objective", objective.id), label, **attrs)


def alignment_dot(doc: WorkshopDoc) -> str:
    """The alignment tree: company objectives on the left, the team objectives they feed.

    Team objectives with no company parent are gathered in a dashed amber box of their
    own, so they stand out. Retired objectives are left out.
    """
    names = _team_names(doc)
    company_teams = {t.id for t in doc.teams if t.is_company}
    live = sorted(
        (o for o in doc.objectives if o.status != ObjectiveStatus.RETIRED),
        key=lambda o: (o.order, o.id),
    )
    company = [o for o in live if o.team_id in company_teams]
    company_ids = {o.id for o in company}
    teams = [o for o in live if o.team_id not in company_teams]
    aligned = [o for o in teams if o.parent_id in company_ids]
    unaligned = [o for o in teams if o.parent_id not in company_ids]
    lines = [
        "digraph alignment {",
        *_GRAPH_DEFAULTS,
        '  edge [color="#7a869a", arrowhead="none"];',
        *(
            _objective_node(o, _name(names, o.team_id), fillcolor=COMPANY_FILL, penwidth="2")
            for o in company
        ),
        *(_objective_node(o, _name(names, o.team_id)) for o in aligned),
        *(
            f"  {_node_id('objective', o.parent_id or '')} -> {_node_id('objective', o.id)};"
            for o in aligned
        ),
    ]
    if unaligned and company:
        # Invisible edges keep the box in the team column, right of the company objectives.
        lines += [
            f"  {_node_id('objective', company[0].id)} -> {_node_id('objective', o.id)}"
            ' [style="invis"];'
            for o in unaligned
        ]
    if unaligned:
        lines += [
            '  subgraph "cluster_unaligned" {',
            _UNALIGNED_CLUSTER,
            *(
                "  "
                + _objective_node(
                    o,
                    _name(names, o.team_id),
                    color=UNALIGNED_COLOUR,
                    style="rounded,filled,dashed",
                )
                for o in unaligned
            ),
            "  }",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"
