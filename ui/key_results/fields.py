"""The key result's form fields, shared by the add and edit forms, and reading them back."""

from __future__ import annotations

from datetime import date

import streamlit as st

from okrcore.model.numbers import format_number, parse_number
from okrcore.model.records import KEY_RESULT_MAX, Direction, KeyResult
from ui.context import PageContext

DIRECTION_HELP = {
    Direction.INCREASE: "increase: higher is better (from baseline up to target)",
    Direction.DECREASE: "decrease: lower is better (from baseline down to target)",
    Direction.KEEP_IN_RANGE: "keep in range: stay between a lower and an upper bound",
    Direction.MILESTONE: "milestone: reached or not (use sparingly)",
}


def kr_fields(ctx: PageContext, prefix: str, kr: KeyResult | None) -> None:
    """The form's fields, filled from ``kr`` (None: an empty add form), keyed by ``prefix``.

    One widget call per field in the order the form shows them, which is why it runs a
    little over sixty lines: split up, the form would only be harder to read as a whole.
    """
    workshop = ctx.doc.workshop
    st.text_input(
        "… as measured by", value=kr.text if kr else "", key=f"{prefix}_text",
        max_chars=KEY_RESULT_MAX, placeholder="e.g. time to first deploy from 5 days to 1 day by 31 March",
        help=f"An outcome with a number. Up to {KEY_RESULT_MAX} characters.",
    )  # fmt: skip
    cols = st.columns(4)
    cols[0].text_input(
        "Metric",
        value=kr.metric if kr else "",
        key=f"{prefix}_metric",
        placeholder="e.g. activation rate",
    )
    cols[1].text_input(
        "Unit", value=kr.unit if kr else "", key=f"{prefix}_unit", placeholder="%, days, €"
    )
    cols[2].text_input(
        "Baseline",
        value=format_number(kr.baseline) if kr else "",
        key=f"{prefix}_baseline",
        placeholder="where it is today",
    )
    cols[3].text_input(
        "Target",
        value=format_number(kr.target) if kr else "",
        key=f"{prefix}_target",
        placeholder="where it should be",
    )
    cols = st.columns(4)
    # A new key result's direction and date default to what its text says ("Reduce ...",
    # "by 15 May"); a chosen value always wins over the text.
    directions: list[Direction | None] = list(Direction) if kr else [None, *Direction]
    cols[0].selectbox(
        "Direction", directions, index=directions.index(kr.direction) if kr else 0,
        format_func=_direction_label, key=f"{prefix}_direction",
        help="\n\n".join(DIRECTION_HELP.values()),
    )  # fmt: skip
    cols[1].date_input(
        "Deadline", value=kr.deadline if kr and kr.deadline else (workshop.end if kr else None),
        min_value=workshop.start, max_value=workshop.end, key=f"{prefix}_deadline",
        format="YYYY-MM-DD", help="Empty: the date in your text, else the cycle's end.",
    )  # fmt: skip
    cols[2].text_input("Owner", value=kr.owner if kr else "", key=f"{prefix}_owner", max_chars=80)
    cols[3].slider(
        "Starting confidence",
        1,
        10,
        kr.start_confidence if kr else 5,
        key=f"{prefix}_confidence",
        help="5 of 10 is a healthy stretch.",
    )
    low, high = st.columns(2)
    low.text_input(
        "Range low (keep in range only)",
        key=f"{prefix}_low",
        value=format_number(kr.range_low) if kr else "",
    )
    high.text_input(
        "Range high (keep in range only)",
        key=f"{prefix}_high",
        value=format_number(kr.range_high) if kr else "",
    )


def _direction_label(direction: Direction | None) -> str:
    return "from the text" if direction is None else Direction(direction).value.replace("_", " ")


def kr_values(prefix: str) -> dict[str, object]:
    """The form's values, numbers parsed with a clear message for anything else."""
    state = st.session_state
    deadline = state.get(f"{prefix}_deadline")
    return {
        "text": state.get(f"{prefix}_text", ""),
        "metric": state.get(f"{prefix}_metric", ""),
        "unit": state.get(f"{prefix}_unit", ""),
        "baseline": parse_number(state.get(f"{prefix}_baseline"), "Baseline"),
        "target": parse_number(state.get(f"{prefix}_target"), "Target"),
        "range_low": parse_number(state.get(f"{prefix}_low"), "Range low"),
        "range_high": parse_number(state.get(f"{prefix}_high"), "Range high"),
        "direction": state.get(f"{prefix}_direction"),
        "deadline": deadline if isinstance(deadline, date) else None,
        "owner": state.get(f"{prefix}_owner", ""),
        "start_confidence": state.get(f"{prefix}_confidence", 5),
    }
