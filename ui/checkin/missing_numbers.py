"""Key results that cannot show progress yet: which numbers each lacks, and where to add them.

Without a baseline and a target a key result has no progress, no expected path and no
score; the page says so instead of drawing 0 %. A missing number may be added while
tracking (:func:`okrcore.services.text_fields.add_missing_numbers`); one already set stays
as published.
"""

from __future__ import annotations

import streamlit as st

from okrcore.model.numbers import parse_number
from okrcore.model.records import KeyResult
from okrcore.rules.progress import missing_numbers
from okrcore.services.text_fields import add_missing_numbers
from ui.checkin.common import SLOT
from ui.context import PageContext
from ui.safe import label
from ui.widgets import callback

ANCHOR = "missing-numbers"


def lacking(krs: list[KeyResult]) -> list[tuple[KeyResult, tuple[str, ...]]]:
    """The key results that lack a number, each with what it lacks."""
    return [(kr, missing) for kr in krs if (missing := missing_numbers(kr))]


def what_it_lacks(missing: tuple[str, ...]) -> str:
    """ "no baseline", "no baseline or target", "no bound for its range"."""
    if missing == ("range",):
        return "no bound for its range"
    return "no " + " or ".join(missing)


def missing_numbers_section(ctx: PageContext, krs: list[KeyResult]) -> None:
    """One small form per key result that lacks a number, open so nobody misses it."""
    found = lacking(krs)
    if not found:
        return
    title = f"{len(found)} key result{'s' if len(found) > 1 else ''} cannot show progress yet"
    with st.expander(title, expanded=True, icon=":material/straighten:"):
        st.caption(
            "Progress, the expected path and the score need where a key result starts (its "
            "baseline) and where it should end (its target). Add what is missing; a number "
            "already set stays as published."
        )
        for kr, missing in found:
            _add_form(ctx, kr, missing)


def _add_form(ctx: PageContext, kr: KeyResult, missing: tuple[str, ...]) -> None:
    unit = f" ({label(kr.unit, 20)})" if kr.unit else ""
    st.markdown(f"{label(kr.text, 160)}  \n:small[:orange[{what_it_lacks(missing)}]]")
    if ctx.read_only:
        return
    wanted = ("target",) if missing == ("range",) else missing
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    for name in wanted:
        row.text_input(
            f"{name.capitalize()}{unit}",
            key=_key(name, kr),
            placeholder="today's value" if name == "baseline" else "where it should be",
        )
    row.button(
        "Add", key=f"missing_add_{kr.id}", icon=":material/add:",
        on_click=callback(lambda: _add(ctx, kr, wanted), slot=SLOT,
                          success="Added: progress can be measured now."),
    )  # fmt: skip


def _key(name: str, kr: KeyResult) -> str:
    return f"missing_{name}_{kr.id}"


def _add(ctx: PageContext, kr: KeyResult, wanted: tuple[str, ...]) -> None:
    values = {
        name: parse_number(st.session_state.get(_key(name, kr)), name.capitalize())
        for name in wanted
    }
    add_missing_numbers(ctx.repo, ctx.workshop_id, ctx.actor, kr.id, **values)
