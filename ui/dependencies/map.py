"""The map and warnings: the dependency graph with its key, the warnings, the alignment tree."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import DependencyStatus, Team
from okrcore.rules.dependencies import (
    COMPANY_FILL,
    SILO_COLOUR,
    STATUS_COLOURS,
    GraphWarning,
    WarningKind,
    alignment_dot,
    dependency_dot,
    graph_warnings,
)
from ui.context import PageContext

WARNING_TITLES: dict[WarningKind, tuple[str, str]] = {
    WarningKind.CYCLE: ("Loop", ":material/sync_problem:"),
    WarningKind.DECLINED_RELIED_ON: ("Declined but relied on", ":material/block:"),
    WarningKind.ORPHANED: ("Request without its key result", ":material/link_off:"),
    WarningKind.OVERLOADED: ("Overloaded team", ":material/stacks:"),
    WarningKind.UNCONFIRMED: ("Waiting for an answer", ":material/hourglass_top:"),
    WarningKind.SILO: ("Possible silo", ":material/crop_square:"),
}
_LEGEND_TEXT = {
    "shape": "plaintext", "width": "3.9", "height": "0.28", "fixedsize": "true",
    "fontsize": "13", "fontcolor": "#1f2a2e",
}  # fmt: skip


def legend_dot() -> str:
    """A small key to the map, drawn the way the map is: a short arrow per status, then its
    meaning; last, the company level's box and the dashed red box of a possible silo."""
    rows = [
        (status.value, colour, text, "dashed" if status == DependencyStatus.POSTPONED else "solid")
        for status, (colour, text) in STATUS_COLOURS.items()
    ]
    # Text sits in fixed-width boxes, left-aligned ("\\l"), so the key reads as a list.
    text_attrs = ", ".join(f'{key}="{value}"' for key, value in _LEGEND_TEXT.items())
    silo_attrs = f'shape="box", style="rounded,dashed", color="{SILO_COLOUR}", penwidth="2"'
    lines = [
        "digraph legend {",
        '  graph [rankdir="LR", bgcolor="transparent", nodesep="0.06", ranksep="0.3"];',
        '  node [shape="point", width="0.06", color="#7a869a", fontname="Helvetica"];',
        # Graphviz stacks this column bottom-up, so the silo key comes first to end up last.
        f'  "silo_a" [{silo_attrs}, label="", width="0.5", height="0.22", fixedsize="true"];',
        '  "silo_b" [style="invis"];',
        f'  "silo_text" [{text_attrs}, label="A team with nothing linked (possible silo)\\l"];',
        '  "silo_a" -> "silo_b" -> "silo_text" [style="invis"];',
    ]
    company_attrs = f'shape="box", style="rounded,filled", fillcolor="{COMPANY_FILL}", penwidth="2"'
    lines += [
        f'  "company_a" [{company_attrs}, label="", width="0.5", height="0.22", fixedsize="true"];',
        '  "company_b" [style="invis"];',
        f'  "company_text" [{text_attrs}, label="The company level\\l"];',
        '  "company_a" -> "company_b" -> "company_text" [style="invis"];',
    ]
    for name, colour, text, style in reversed(rows):
        lines += [
            f'  "{name}_a" -> "{name}_b" [color="{colour}", penwidth="2", style="{style}"];',
            f'  "{name}_text" [{text_attrs}, label="{text}\\l"];',
            f'  "{name}_b" -> "{name}_text" [style="invis"];',
        ]
    same = " ".join(f'"{name}_a";' for name, *_ in rows)
    lines += [f'  {{ rank="same"; "silo_a"; "company_a"; {same} }}', "}"]
    return "\n".join(lines) + "\n"


def map_and_warnings(ctx: PageContext, team: Team) -> None:
    doc = ctx.doc
    warnings = graph_warnings(doc)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Dependency map", anchor=False)
        st.caption(
            "An arrow goes from the team in need to the team asked to provide. "
            "The colour of each arrow is its status."
        )
        with st.container(key="dependency_map"):
            # Drawn at its own size (the page scrolls sideways when it must): stretched
            # to the column, a map of many teams shrank below reading size.
            st.graphviz_chart(dependency_dot(doc), width="content")
        st.caption("Key to the map")
        with st.container(key="dependency_legend", border=True):
            st.graphviz_chart(legend_dot())
    with right:
        st.subheader("Warnings", anchor=False)
        _warnings(warnings, team)
    st.subheader("Alignment tree", anchor=False)
    st.caption(
        "Company objectives (blue, bold border) on the left, the team objectives that support "
        "them on the right. Team objectives linked to no company objective sit in the dashed "
        "amber box."
    )
    if not doc.objectives:
        st.caption("No objectives yet. Draft them on the Objectives page first.")
        return
    with st.container(key="alignment_tree"):
        st.graphviz_chart(alignment_dot(doc), width="content")


def _warnings(warnings: list[GraphWarning], team: Team) -> None:
    if not warnings:
        st.success("Nothing to warn about: no loops, no open or dropped requests, no silos.")
        return
    ours = [w for w in warnings if team.id in w.team_ids]
    st.caption(
        f"{len(warnings)} to talk about, {len(ours)} involving the team picked above "
        "(those first). Each says what to do next."
    )
    for warning in sorted(warnings, key=lambda w: team.id not in w.team_ids):
        title, icon = WARNING_TITLES.get(warning.kind, ("Warning", ":material/warning:"))
        with st.container(border=True):
            st.markdown(f":orange[{icon} **{title}**]")
            st.text(warning.message)
            st.text(f"What to do: {warning.action}")
