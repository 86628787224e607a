"""Starting the next cycle (facilitator): what carries over, the form, and the new links."""

from __future__ import annotations

import streamlit as st

from okrcore.model.cycles import next_quarter
from okrcore.model.errors import OkrError
from okrcore.model.records import ObjectiveStatus, WorkshopDoc
from okrcore.rules.carry_over import CARRIED_DECISIONS
from okrcore.services.retro import CycleAlreadyStarted, existing_next_cycle, start_next_cycle
from ui.context import PageContext
from ui.device import keep_key
from ui.home.links import workshop_link
from ui.nav import HOME
from ui.safe import label
from ui.widgets import show_error

CREATED_NEXT_KEY = "retro_next_cycle"
ALREADY_STARTED_KEY = "retro_next_cycle_exists"


def _carry_counts(doc: WorkshopDoc) -> tuple[int, int]:
    decisions = {r.objective_id: r.decision for r in doc.objective_retros}
    live = [o for o in doc.objectives if o.status != ObjectiveStatus.RETIRED]
    carried = sum(1 for o in live if decisions.get(o.id) in CARRIED_DECISIONS)
    undecided = sum(1 for o in live if decisions.get(o.id) is None)
    return carried, undecided


def _show_next_cycle(workshop_id: str, cycle_label: str, already: str | None) -> None:
    """Where the next cycle is; ``already`` is the message for a start that came too late."""
    created = st.session_state.get(CREATED_NEXT_KEY)
    key = created[1] if created and created[0] == workshop_id else None
    name = f" ({label(cycle_label)})" if cycle_label else ""
    if already:
        st.warning(already, icon=":material/info:")
    else:
        st.success(f"The next cycle{name} has been started.", icon=":material/event_repeat:")
    st.caption("Participant link: send it to every team.")
    st.code(workshop_link(workshop_id), language=None)
    if key:
        st.caption(
            "Facilitator link of the new workshop: copy it now, it is shown only once. "
            "It is a new key; the old one does not open the new workshop's controls."
        )
        st.code(workshop_link(workshop_id, key), language=None)
    else:
        st.caption("Use the facilitator link you copied when the next cycle was started.")
    if key:  # this device opens the new workshop as its facilitator, no key in the link
        keep_key(workshop_id, key)
    st.page_link(
        HOME.path,
        label="Open the existing next cycle" if already else "Open the next cycle",
        icon=":material/arrow_forward:",
        query_params={"w": workshop_id},
    )


def carry_over_section(ctx: PageContext) -> None:
    st.divider()
    st.subheader("Start the next cycle", anchor=False)
    existing = existing_next_cycle(ctx.repo, ctx.doc)
    if existing is not None:
        already = st.session_state.pop(ALREADY_STARTED_KEY, None)
        _show_next_cycle(existing.id, existing.cycle_label, already)
        return
    carried, undecided = _carry_counts(ctx.doc)
    st.markdown(
        f"Objectives decided **keep** or **change** come back as drafts in a new workshop, "
        f"measured from where they ended. {carried} objective(s) will carry over"
        + (f"; {undecided} have no decision yet and will stay behind." if undecided else ".")
    )
    start, end, cycle = next_quarter(ctx.doc.workshop.end)
    with st.form("next_cycle", border=True):
        label_col, start_col, end_col = st.columns([2, 1, 1])
        label_col.text_input("Cycle", value=cycle, max_chars=80, key="next_label")
        start_col.date_input("Starts", value=start, format="YYYY-MM-DD", key="next_start")
        end_col.date_input("Ends", value=end, format="YYYY-MM-DD", key="next_end")
        st.form_submit_button(
            "Start the next cycle",
            type="primary",
            icon=":material/event_repeat:",
            on_click=_start_callback(ctx),
        )
    show_error("next_cycle")


def _start_callback(ctx: PageContext):
    """Start the next cycle before the script runs, so the rerun shows where it is; a start
    that another facilitator beat says so and links to the cycle that exists."""

    def run() -> None:
        state = st.session_state
        try:
            created = start_next_cycle(
                ctx.repo, ctx.workshop_id, ctx.actor,
                start=state["next_start"], end=state["next_end"], label=state["next_label"],
            )  # fmt: skip
        except CycleAlreadyStarted as error:
            state[ALREADY_STARTED_KEY] = str(error)
            return
        except OkrError as error:
            state["error:next_cycle"] = str(error)
            return
        state[CREATED_NEXT_KEY] = (created.workshop_id, created.facilitator_key)
        st.toast("The next cycle has started.", icon=":material/check:")

    return run
